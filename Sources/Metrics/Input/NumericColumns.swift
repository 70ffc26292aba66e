/// Named numeric columns of a CSV file read exactly (to about 31 significant digits, `DecimalText`), with
/// the file line of every row kept, for the numeric verbs (`fit`, `describe`).
///
/// Conventions: the first record is the header; column names match exactly, or else ignoring case and
/// surrounding spaces when that is unambiguous. A row whose cell in any requested column is a missing-value
/// symbol (blank, GSS `c`/`x`/`z`/`low`/`u`, legacy `k`/`:`/`~`, `NA`) is left out and counted by symbol.
/// Anything else that is not a plain decimal number (`1.5`, `-2e-3`) is a `DataError` at its line and column,
/// as are NaN or infinity in any spelling, rows with the wrong number of fields, and values that break a
/// column's `Requirement` (for weights and the log-linear model's y).
/// A `.timeAxis` column may also hold period labels (`2020-21`, `2021-07`, `2021-03-31`, …), read as their
/// instants on the time axis in years (`Period`); one column may not mix kinds of period. A label that names
/// a year and a month alike (`2009-10`) is decided by the column's other labels: a month among them makes
/// them months, else they are years (`PeriodLabel`).
/// `filters` keep only the rows whose named columns hold the given text (ignoring case and surrounding
/// spaces); a column the header lacks or a value no row holds is a `UsageError` (`RowSelection`).
public struct NumericColumns: Sendable {
    public enum Requirement: Sendable, Hashable {
        case any
        case positive
        case nonNegative
        case timeAxis(YearType)
    }

    /// A row filter: `column` must equal `value`.
    public struct Filter: Sendable, Hashable {
        public let column: String
        public let value: String
        public init(column: String, value: String) {
            self.column = column
            self.value = value
        }
    }

    public let file: String
    public let names: [String]
    /// `values[j][i]`: column j at kept row i.
    public let values: [[DoubleDouble]]
    /// The file line of each kept row.
    public let lines: [Int]
    /// Where each requested column's header cell is.
    public let headerLocations: [SourceLocation]
    /// Rows left out, by the missing-value symbol that caused it (the first such cell in the row).
    public let leftOut: [MissingValue: Int]

    public var rowCount: Int { lines.count }

    public static func read(
        path: String, columns requested: [String], requirements: [Requirement]? = nil, filters: [Filter] = []
    ) throws -> NumericColumns {
        let reader = try CSVReader(path: path)
        guard try reader.nextRecord() else {
            throw DataError(SourceLocation(file: reader.displayName, line: 1, column: 1), "the file is empty: a header row naming the columns is expected")
        }
        let header = try reader.strings()
        var indices: [Int] = []
        var headerLocations: [SourceLocation] = []
        for name in requested {
            guard let index = columnIndex(of: name, in: header) else {
                let available = header.map { "'\($0)'" }.joined(separator: ", ")
                throw DataError(
                    SourceLocation(file: reader.displayName, line: reader.line, column: 1),
                    "no column named '\(name)' (the columns are \(available))")
            }
            indices.append(index)
            headerLocations.append(reader.location(ofField: index))
        }
        var selection = try RowSelection(filters, header: header, file: reader.displayName)
        var rowsRead = 0
        let rules = requirements ?? Array(repeating: .any, count: requested.count)
        var periodKinds = [(family: String, example: String)?](repeating: nil, count: requested.count)
        // Per column: its cells whose label names a year and a month alike, read as years until the column
        // is complete (kept row, the period, its line and column).
        var ambiguous = [[(row: Int, period: Period, location: SourceLocation)]](repeating: [], count: requested.count)
        var rowAmbiguous = [(period: Period, location: SourceLocation)?](repeating: nil, count: requested.count)
        var values = [[DoubleDouble]](repeating: [], count: requested.count)
        var lines: [Int] = []
        var leftOut: [MissingValue: Int] = [:]
        var row = [DoubleDouble](repeating: .zero, count: requested.count)
        while try reader.nextRecord() {
            guard reader.fieldCount == header.count else {
                throw DataError(
                    reader.recordLocation,
                    "this row has \(reader.fieldCount) field(s) but the header has \(header.count)")
            }
            rowsRead += 1
            guard try selection.keeps({ try reader.string($0) }) else { continue }
            var missing: MissingValue? = nil
            for j in rowAmbiguous.indices { rowAmbiguous[j] = nil }
            for (j, index) in indices.enumerated() {
                let cell = try reader.withField(index) { bytes throws(DataError) -> DoubleDouble? in
                    switch DecimalText.parse(bytes) {
                    case .number(let value):
                        if case .timeAxis = rules[j] {
                            // A plain number (a bare year such as 2021 among them: year Y is at Y) is one family.
                            try checkSameKind(&periodKinds[j], family: "number (or year)", text: text(bytes), at: reader.location(ofField: index))
                        }
                        return value
                    case .nonFinite:
                        throw DataError(reader.location(ofField: index), "'\(text(bytes))' is not a finite number (NaN and infinity cannot be analysed)")
                    case .outOfRange:
                        throw DataError(reader.location(ofField: index), "'\(text(bytes, limit: 40))' is outside the range of double precision")
                    case .invalid:
                        if case .timeAxis(let yearType) = rules[j], let label = String(validating: bytes, as: UTF8.self),
                            let read = try? Period.read(label, yearType: yearType)
                        {
                            if read.couldBeMonth {
                                rowAmbiguous[j] = (read.period, reader.location(ofField: index))
                            } else {
                                try checkSameKind(&periodKinds[j], family: read.period.kind.family, text: label, at: reader.location(ofField: index))
                            }
                            return read.period.instant
                        }
                        if let symbol = MissingValue(cell: bytes) {
                            if missing == nil { missing = symbol }
                            return nil
                        }
                        if case .timeAxis(let yearType) = rules[j], let label = String(validating: bytes, as: UTF8.self) {
                            do throws(PeriodError) { _ = try Period.parse(label, yearType: yearType) } catch {
                                throw DataError(reader.location(ofField: index), "'\(text(bytes, limit: 40))' in column '\(header[index])' is neither a number nor a period: \(error.reason)")
                            }
                        }
                        throw DataError(reader.location(ofField: index), "'\(text(bytes, limit: 40))' in column '\(header[index])' is not a number")
                    }
                }
                guard let cell else { continue }
                switch rules[j] {
                case .positive where !(cell.hi > 0):
                    throw DataError(reader.location(ofField: index), "column '\(header[index])' must be positive here, and this value is \(cell.doubleValue)")
                case .nonNegative where cell.hi < 0:
                    throw DataError(reader.location(ofField: index), "column '\(header[index])' must not be negative, and this value is \(cell.doubleValue)")
                default: break
                }
                row[j] = cell
            }
            if let missing {
                leftOut[missing, default: 0] += 1
                continue
            }
            for j in row.indices {
                values[j].append(row[j])
                if let cell = rowAmbiguous[j] { ambiguous[j].append((values[j].count - 1, cell.period, cell.location)) }
            }
            lines.append(reader.line)
        }
        for j in ambiguous.indices where !ambiguous[j].isEmpty {
            // Months when the column holds a month; else years, of the one kind the column may hold.
            if periodKinds[j]?.family == Period.Kind.month.family {
                for cell in ambiguous[j] { values[j][cell.row] = PeriodLabel.monthReading(of: cell.period).instant }
            } else {
                for cell in ambiguous[j] {
                    try checkSameKind(&periodKinds[j], family: cell.period.kind.family, text: cell.period.description, at: cell.location)
                }
            }
        }
        try selection.verify(file: reader.displayName, rowsRead: rowsRead)
        return NumericColumns(
            file: reader.displayName, names: indices.map { header[$0] }, values: values, lines: lines,
            headerLocations: headerLocations, leftOut: leftOut)
    }

    /// One column holds one kind of period: `2016` then `2016-17` is an error, not two points a quarter apart.
    private static func checkSameKind(
        _ seen: inout (family: String, example: String)?, family: String, text: String, at location: SourceLocation
    ) throws(DataError) {
        guard let first = seen else {
            seen = (family, text)
            return
        }
        guard first.family != family else { return }
        throw DataError(location, "mixed period types: '\(text)' is a \(family), but earlier rows hold a \(first.family) ('\(first.example)')")
    }

    static func columnIndex(of name: String, in header: [String]) -> Int? {
        if let exact = header.firstIndex(of: name) { return exact }
        func fold(_ s: String) -> String { s.trimmingSpaces().lowercased() }
        let matches = header.indices.filter { fold(header[$0]) == fold(name) }
        return matches.count == 1 ? matches[0] : nil
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 80) -> String {
        let shown = String(decoding: bytes.prefix(limit), as: UTF8.self)
        return bytes.count > limit ? shown + "…" : shown
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
