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
    /// For the `table` and Markdown forms: each row's decimal places (the series' published ones), used for
    /// the numbers of the columns in `decimalColumns` (places added to the row's, 0 for values, 1 for
    /// standard errors). Rows without places, and other columns, show 10 significant digits. CSV and JSON
    /// keep full precision whatever these say.
    public var rowDecimals: [Int?] = []
    public var decimalColumns: [String: Int] = [:]

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

    /// Aligned text for a terminal; numbers right-aligned with up to `significantDigits` digits, missing as
    /// `–`. Column names and cells go through `TerminalText` before they are measured: a control character,
    /// tab, line break or bidirectional override in the data is shown as its escape (`\u{1B}`), so it can
    /// neither drive the terminal nor break a row.
    public func table(significantDigits: Int = 10) -> String {
        let texts = displayed(significantDigits: significantDigits).map { $0.map(TerminalText.escape) }
        let columns = columns.map(TerminalText.escape)
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

    /// A GitHub-flavoured Markdown table, its cells escaped by `markdownCell`.
    public func markdown(significantDigits: Int = 10) -> String {
        let escape = Self.markdownCell
        var out = "| " + columns.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + columns.indices.map { j in
            rows.contains { if case .text = $0[j] { false } else { true } } ? " ---: |" : " --- |"
        }.joined() + "\n"
        for row in displayed(significantDigits: significantDigits) {
            out += "| " + row.map(escape).joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Every cell as people read it: numbers in `decimalColumns` to their row's decimal places (no thousands
    /// separators, so the column still reads back as numbers), other numbers to `significantDigits`.
    func displayed(significantDigits: Int) -> [[String]] {
        let places: [Int?] = columns.map { decimalColumns[$0] }
        return rows.enumerated().map { i, row in
            let decimals = i < rowDecimals.count ? rowDecimals[i] : nil
            return row.enumerated().map { j, cell in
                if case .number(let x?) = cell, x.isFinite, let decimals, j < places.count, let extra = places[j] {
                    return NumberText.fixed(x, decimals: decimals + extra)
                }
                return cell.display(significantDigits: significantDigits)
            }
        }
    }

    /// `text` as literal Markdown inside a table cell or a line of its own: `|` and the characters that start
    /// emphasis, code, links, HTML or an entity (backslash, `*`, `_`, backtick, `<`, `>`, `[`, `]`, `&`) are
    /// backslash-escaped; every hidden character (`ControlCharacters.isHidden`: controls, tab and line breaks
    /// included, bidirectional formatting characters, U+2028, U+2029) is written as its visible escape, as
    /// the terminal table shows it (`\u{1B}`, its backslash escaped), so a cell never ends its row.
    public static func markdownCell(_ text: String) -> String {
        var out = ""
        func append(_ scalar: Unicode.Scalar) {
            switch scalar {
            case "|", "\\", "*", "_", "`", "<", ">", "[", "]", "&": out += "\\"; out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        for scalar in text.unicodeScalars {
            if ControlCharacters.isHidden(scalar) {
                ControlCharacters.visible(scalar).unicodeScalars.forEach(append)
            } else {
                append(scalar)
            }
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
