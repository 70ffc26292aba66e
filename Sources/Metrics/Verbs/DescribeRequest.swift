/// `metrics describe`: descriptive statistics of numeric columns of a CSV file, computed from the exact
/// decimal values (so NIST's NumAcc sets come out right to the last digit).
///
/// JSON (SPEC.md): for one column an object with `n`, `mean`, `sd` (n − 1), `min`, `max`, `median`,
/// `lag1_autocorrelation`, plus `column`, `n_missing`, `q1`, `q3` (type 7); for several columns an array
/// of such objects. Rows are taken in file order for the autocorrelation; missing cells are left out.
/// The statistics are computed on the values scaled by a power of two (`ValueScale`, exact), so values near
/// 10⁻³⁰⁰ or 10³⁰⁸ keep their SD, and given back in the values' units.
public struct DescribeRequest: Sendable {
    public var path: String
    public var columns: [String]
    public var quantileDefinition: QuantileDefinition
    public var filters: [NumericColumns.Filter]

    public init(
        path: String, columns: [String], quantileDefinition: QuantileDefinition = .default,
        filters: [NumericColumns.Filter] = []
    ) {
        self.path = path
        self.filters = filters
        self.columns = columns
        self.quantileDefinition = quantileDefinition
    }

    public func run() throws -> DescribeResult {
        var results: [DescribeResult.Column] = []
        // Each column separately, so a gap in one does not drop rows from another.
        for column in columns {
            let data = try NumericColumns.read(path: path, columns: [column], filters: filters)
            let scale = ValueScale(values: data.values[0].map(\.hi))
            let scaled = data.values[0].map { DoubleDouble(hi: scale.scaled($0.hi), lo: scale.scaled($0.lo)) }
            results.append(
                DescribeResult.Column(
                    name: data.names[0], file: data.file, missing: data.leftOut.values.reduce(0, +),
                    statistics: DescriptiveStatistics(scaled, quantileDefinition: quantileDefinition).rescaled(scale)))
        }
        return DescribeResult(columns: results)
    }
}

public struct DescribeResult: Sendable {
    public struct Column: Sendable {
        public let name: String
        public let file: String
        public let missing: Int
        public let statistics: DescriptiveStatistics
    }

    public let columns: [Column]

    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json:
            let objects = columns.map(json)
            return (objects.count == 1 ? objects[0] : .array(objects)).rendered() + "\n"
        case .csv: return table().csv()
        case .ndjson: return table().ndjson()
        case .table: return table().table()
        case .markdown: return table().markdown()
        }
    }

    func json(_ column: Column) -> JSONValue {
        let s = column.statistics
        return .object([
            ("column", .string(column.name)), ("n", .integer(s.n)), ("n_missing", .integer(column.missing)),
            ("mean", .number(s.mean)), ("sd", .number(s.standardDeviation)), ("min", .number(s.minimum)),
            ("max", .number(s.maximum)), ("median", .number(s.median)), ("q1", .number(s.quartiles?[0])),
            ("q3", .number(s.quartiles?[2])), ("lag1_autocorrelation", .number(s.lag1Autocorrelation)),
        ])
    }

    public func table() -> ResultTable {
        ResultTable(
            columns: ["column", "n", "n_missing", "mean", "sd", "min", "max", "median", "q1", "q3", "lag1_autocorrelation"],
            rows: columns.map { c in
                let s = c.statistics
                return [
                    .text(c.name), .integer(s.n), .integer(c.missing), .number(s.mean), .number(s.standardDeviation),
                    .number(s.minimum), .number(s.maximum), .number(s.median), .number(s.quartiles?[0]),
                    .number(s.quartiles?[2]), .number(s.lag1Autocorrelation),
                ]
            })
    }
}
