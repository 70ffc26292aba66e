/// The forms every verb can write its result in.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal, numbers to 10 significant digits.
    case table
    /// RFC 4180 CSV, full precision.
    case csv
    /// A JSON document, full precision (round-trip doubles), `null` for what cannot be computed.
    case json
    /// One JSON object per line.
    case ndjson
    /// A GitHub-flavoured Markdown table.
    case markdown
}

/// A rectangular result: the common shape behind CSV, table, Markdown and NDJSON output.
public struct ResultTable: Sendable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double?)
        case integer(Int)
    }

    public let columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The whole table in `format` (JSON: an array of objects, full precision).
    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .csv: csv()
        case .ndjson: ndjson()
        case .json: JSONValue.array(rows.map { row in .object(zip(columns, row).map { ($0, $1.json) }) }).rendered() + "\n"
        case .table: table()
        case .markdown: markdown()
        }
    }

    public func csv() -> String {
        CSVText.record(columns.map(CSVText.text)) + csvRows()
    }

    /// The rows alone, for output that streams them after one header.
    public func csvRows() -> String {
        var out = ""
        for row in rows {
            out += CSVText.record(row.map { cell in
                switch cell {
                case .text(let s): CSVText.text(s)
                case .number(let x): CSVText.number(x)
                case .integer(let i): String(i)
                }
            })
        }
        return out
    }

    public func ndjson() -> String {
        rows.map { row in
            JSONValue.object(zip(columns, row).map { ($0, $1.json) }).rendered(indent: 0) + "\n"
        }.joined()
    }

    /// Aligned text; numbers right-aligned with up to `significantDigits` digits, missing as `–`.
    public func table(significantDigits: Int = 10) -> String {
        let texts = rows.map { $0.map { $0.display(significantDigits: significantDigits) } }
        var widths = columns.map(\.count)
        for row in texts { for (j, text) in row.enumerated() { widths[j] = max(widths[j], text.count) } }
        func line(_ cells: [String], numeric: [Bool]) -> String {
            zip(cells.indices, cells).map { j, text in
                let pad = String(repeating: " ", count: widths[j] - text.count)
                return numeric[j] ? pad + text : text + pad
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        let numericColumns = columns.indices.map { j in
            rows.contains { if case .text = $0[j] { false } else { true } }
        }
        var out = line(columns, numeric: numericColumns)
        out += line(widths.map { String(repeating: "─", count: $0) }, numeric: numericColumns)
        for row in texts { out += line(row, numeric: numericColumns) }
        return out
    }

    /// A GitHub-flavoured Markdown table. Cell text is literal: `|` and the characters that start emphasis,
    /// code, links, HTML or an entity (backslash, `*`, `_`, backtick, `<`, `>`, `[`, `]`, `&`) are
    /// backslash-escaped; line breaks (also U+2028, U+2029) and tabs become spaces, so a cell never ends its
    /// row; other control characters are dropped.
    public func markdown(significantDigits: Int = 10) -> String {
        func escape(_ s: String) -> String {
            var out = ""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "|", "\\", "*", "_", "`", "<", ">", "[", "]", "&": out += "\\"; out.unicodeScalars.append(scalar)
                case "\n", "\r", "\t", "\u{2028}", "\u{2029}": out += " "
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        var out = "| " + columns.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + columns.indices.map { j in
            rows.contains { if case .text = $0[j] { false } else { true } } ? " ---: |" : " --- |"
        }.joined() + "\n"
        for row in rows {
            out += "| " + row.map { escape($0.display(significantDigits: significantDigits)) }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}

extension ResultTable.Cell {
    var json: JSONValue {
        switch self {
        case .text(let s): .string(s)
        case .number(let x): .number(x)
        case .integer(let i): .integer(i)
        }
    }

    func display(significantDigits: Int) -> String {
        switch self {
        case .text(let s): s
        case .integer(let i): String(i)
        case .number(let x): x.map { NumberText.significant($0, digits: significantDigits) } ?? "–"
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
