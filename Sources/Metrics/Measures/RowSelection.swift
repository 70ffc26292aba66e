/// `--where COLUMN=VALUE` over the rows of a file, for the verbs that read rows rather than series
/// (`describe`, `fit`, `rate`, `proportion`, `dsr`, `recent-trend`), with the checks of `SelectionCheck`:
/// a column the header lacks, or a value no row holds, is a `UsageError` (exit status 64) naming the
/// nearest columns or values (`NearestMatches`). Values are compared ignoring case and surrounding spaces,
/// as every selection compares them.
struct RowSelection {
    private let columns: [(index: Int, value: String)]
    private let filters: [NumericColumns.Filter]
    private var found: [Bool]
    private var held: [Set<String>]

    init(_ filters: [NumericColumns.Filter], header: [String], file: String) throws(UsageError) {
        var columns: [(Int, String)] = []
        for filter in filters {
            guard let index = NumericColumns.columnIndex(of: filter.column, in: header) else {
                throw SelectionCheck.missing(
                    option: "--where", value: filter.column, kind: "column", inputs: file, held: Set(header.map { $0.trimmingSpaces() }),
                    shown: "\(filter.column)=\(filter.value)")
            }
            columns.append((index, filter.value.trimmingSpaces()))
        }
        self.columns = columns
        self.filters = filters
        found = Array(repeating: false, count: filters.count)
        held = Array(repeating: [], count: filters.count)
    }

    /// Whether the row whose fields `field(i)` gives is kept (every condition holds).
    mutating func keeps(_ field: (Int) throws -> String) rethrows -> Bool {
        var keep = true
        for (k, column) in columns.enumerated() {
            let value = try field(column.index).trimmingSpaces()
            if AreaSnapshot.sameText(value, column.value) {
                found[k] = true
            } else {
                keep = false
                if !found[k], held[k].count < SelectionCheck.heldLimit { held[k].insert(value) }
            }
        }
        return keep
    }

    /// Throws for the first condition whose value no row held (after every row was read).
    func verify(file: String, rowsRead: Int) throws(UsageError) {
        guard rowsRead > 0 else { return }
        for (k, wasFound) in found.enumerated() where !wasFound {
            let filter = filters[k]
            throw SelectionCheck.missing(
                option: "--where", value: filter.value, kind: "'\(filter.column)' value", inputs: file, held: held[k],
                shown: "\(filter.column)=\(filter.value)")
        }
    }
}
