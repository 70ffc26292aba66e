/// Rows of a CSV file gathered into groups by the values of some columns (an area's age bands, an area's
/// periods), keeping the groups in order of first appearance, with the named columns read as numbers.
///
/// Groups are keyed as series are (`SeriesKey`): canonically equivalent spellings of a text (NFC and NFD)
/// are one group, written in NFC.
///
/// Used by the verbs whose unit is a group of rows rather than a series (`dsr`, `recent-trend`). Missing
/// value symbols are kept as `nil` with their reason; text that is not a number, or a negative number in a
/// column named in `nonNegative` (counts, populations), is a `DataError` at its cell; a missing column is a
/// `DataError` naming the columns there are.
public struct GroupedRows: Sendable {
    public struct Group: Sendable {
        public let key: [String]
        /// `numbers[c][r]`: numeric column c at the group's row r (`nil` when missing).
        public var numbers: [[Double?]]
        /// `texts[c][r]`: text column c at row r.
        public var texts: [[String]]
        public var lines: [Int]
        /// Why a number is missing, by column and row.
        public var reasons: [[String?]]
    }

    public let keyColumns: [String]
    public let groups: [Group]
    public let file: String

    public static func read(
        path: String, by keyColumns: [String], numbers: [String], texts: [String] = [], filters: [NumericColumns.Filter] = [],
        nonNegative: Set<String> = []
    ) throws -> GroupedRows {
        let csv = try CSVReader(path: path)
        guard try csv.nextRecord() else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "the file is empty: a header row naming the columns is expected")
        }
        let header = try csv.strings()
        func index(_ name: String) throws -> Int {
            guard let i = NumericColumns.columnIndex(of: name, in: header) else {
                throw DataError(
                    SourceLocation(file: csv.displayName, line: 1, column: 1),
                    "no column named '\(name)' (the columns are \(header.map { "'\($0)'" }.joined(separator: ", ")))")
            }
            return i
        }
        let keyIndices = try keyColumns.map(index)
        let numberIndices = try numbers.map(index)
        let textIndices = try texts.map(index)
        var selection = try RowSelection(filters, header: header, file: csv.displayName)
        var rowsRead = 0
        var order: [[String]: Int] = [:]
        var groups: [Group] = []
        while try csv.nextRecord() {
            guard csv.fieldCount == header.count else {
                throw DataError(csv.recordLocation, "this row has \(csv.fieldCount) field(s) but the header has \(header.count)")
            }
            let fields = try csv.strings()
            rowsRead += 1
            guard selection.keeps({ fields[$0] }) else { continue }
            let key = keyIndices.map { SeriesKey.normalized(fields[$0].trimmingSpaces()) }
            let g: Int
            if let existing = order[key] {
                g = existing
            } else {
                g = groups.count
                order[key] = g
                groups.append(Group(
                    key: key, numbers: Array(repeating: [], count: numbers.count), texts: Array(repeating: [], count: texts.count),
                    lines: [], reasons: Array(repeating: [], count: numbers.count)))
            }
            for (c, i) in numberIndices.enumerated() {
                let cell = try csv.measuredNumber(i, named: header[i], nonNegative: nonNegative.contains(numbers[c]))
                groups[g].numbers[c].append(cell.value)
                groups[g].reasons[c].append(cell.reason)
            }
            for (c, i) in textIndices.enumerated() { groups[g].texts[c].append(fields[i].trimmingSpaces()) }
            groups[g].lines.append(csv.recordLocation.line ?? 0)
        }
        try selection.verify(file: csv.displayName, rowsRead: rowsRead)
        return GroupedRows(keyColumns: keyColumns, groups: groups, file: csv.displayName)
    }
}
