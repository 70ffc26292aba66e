/// `metrics rate` and `metrics proportion`: every row of a CSV file with its rate per N (exact Poisson
/// below 10 events, Byar's from 10) or its proportion (Wilson), and the confidence interval, added as
/// `value`, `lower`, `upper`, `method` (and `reason` when a row has no value: a zero denominator, a missing
/// count).
///
/// An input column that already has one of those names keeps its values under `NAME_input`.
/// Rows stream through: memory does not grow with the file. A negative count or denominator, a proportion's
/// count above its denominator, or text that is not a number is a `DataError` at its cell. Missing-value
/// symbols (`c`, `x`, blank…) give an empty value with the reason.
///
/// With `breakdown`, the numerator and the denominator come from two rows of a breakdown file
/// (`BreakdownPairs`): one row comes out per numerator row, in file order, with `numerator` and `denominator`
/// (the partner row's) added before `value`; the denominator rows and the other breakdowns are left out.
public struct IntervalRequest: Sendable {
    public enum Statistic: Sendable, Hashable {
        case rate(per: Double)
        case proportion(multiplier: Double)
    }

    public var path: String
    public var countColumn: String
    public var denominatorColumn: String
    public var statistic: Statistic
    public var level: Double
    public var format: OutputFormat
    public var output: String?
    /// Numerator and denominator rows of a breakdown column, when they are not two columns of one row.
    public var breakdown: BreakdownPairs.Selection?

    public init(
        path: String, countColumn: String, denominatorColumn: String, statistic: Statistic, level: Double = 0.95,
        format: OutputFormat = .csv, output: String? = nil, breakdown: BreakdownPairs.Selection? = nil
    ) {
        self.breakdown = breakdown
        self.path = path
        self.countColumn = countColumn
        self.denominatorColumn = denominatorColumn
        self.statistic = statistic
        self.level = level
        self.format = format
        self.output = output
    }

    /// Reads, computes and writes; returns the number of rows.
    @discardableResult
    public func run() throws -> Int {
        let csv = try CSVReader(path: path)
        guard try csv.nextRecord() else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "the file is empty: a header row naming the columns is expected")
        }
        let header = try csv.strings()
        func column(_ name: String) throws -> Int {
            guard let index = NumericColumns.columnIndex(of: name, in: header) else {
                throw DataError(
                    SourceLocation(file: csv.displayName, line: 1, column: 1),
                    "no column named '\(name)' (the columns are \(header.map { "'\($0)'" }.joined(separator: ", ")))")
            }
            return index
        }
        let countIndex = try column(countColumn)
        let denominatorIndex = try column(denominatorColumn)
        let pairs = try breakdown.map { selection in
            try BreakdownPairs.read(path: path, selection: selection, countColumn: countColumn, denominatorColumn: denominatorColumn)
        }
        let added = (pairs == nil ? [] : ["numerator", "denominator"]) + ["value", "lower", "upper", "method", "reason"]
        let columns = header.map { added.contains($0) ? $0 + "_input" : $0 } + added
        let sink = try OutputSink(path: output)
        var table = ResultTable(columns: columns)
        let streaming = format == .csv || format == .ndjson
        if format == .csv { try sink.write(CSVText.record(columns.map(CSVText.text))) }
        var rows = 0
        while try csv.nextRecord() {
            guard csv.fieldCount == header.count else {
                throw DataError(csv.recordLocation, "this row has \(csv.fieldCount) field(s) but the header has \(header.count)")
            }
            let count: Measured<Double>
            let denominator: Measured<Double>
            var cells: [ResultTable.Cell]
            if let pairs {
                // Only the numerator rows, each with its partner's denominator.
                guard let pair = pairs.pairs[csv.line] else { continue }
                count = pair.count
                denominator = pair.denominator
                cells = try csv.strings().map { .text($0) } + [.number(count.value), .number(denominator.value)]
            } else {
                count = try csv.measuredNumber(countIndex, named: header[countIndex], nonNegative: true)
                denominator = try csv.measuredNumber(denominatorIndex, named: header[denominatorIndex], nonNegative: true)
                cells = try csv.strings().map { .text($0) }
            }
            cells += try interval(count: count, denominator: denominator, at: csv.location(ofField: countIndex))
            rows += 1
            if streaming {
                let row = ResultTable(columns: columns, rows: [cells])
                try sink.write(format == .csv ? row.csvRows() : row.ndjson())
            } else {
                table.rows.append(cells)
            }
        }
        if !streaming { try sink.write(table.rendered(as: format)) }
        try sink.commit()
        return rows
    }

    private func interval(count: Measured<Double>, denominator: Measured<Double>, at location: SourceLocation) throws -> [ResultTable.Cell] {
        guard let x = count.value, let n = denominator.value else {
            return [.number(nil), .number(nil), .number(nil), .text(""), .text(count.reason ?? denominator.reason ?? "")]
        }
        switch statistic {
        case .rate(let per):
            let rate = try RateInterval(count: x, denominator: n, multiplier: per, level: level)
            let reason = rate.value.reason ?? rate.lower.reason ?? ""
            return [.number(rate.value.value), .number(rate.lower.value), .number(rate.upper.value), .text(rate.value.value == nil ? "" : rate.method.rawValue), .text(reason)]
        case .proportion(let multiplier):
            guard n == 0 || x <= n else { throw DataError(location, "the count (\(x)) is larger than the denominator (\(n)): not a proportion") }
            let p = try ProportionInterval(count: x, denominator: n, multiplier: multiplier, level: level)
            return [.number(p.value.value), .number(p.lower.value), .number(p.upper.value), .text(p.value.value == nil ? "" : "Wilson"), .text(p.value.reason ?? "")]
        }
    }
}
