/// `metrics recent-trend`: Fingertips' recent-trend marker (`RecentTrend`) for each group of rows (an
/// area's periods, grouped by `--by`), from counts and denominators (a proportion: logistic regression,
/// and the χ² test for trend over every period, `ProportionTrendTest`) or from values with confidence
/// limits (inverse-variance weighted regression). Rows are put in period order; the last five points are
/// used for the marker.
///
/// Columns: the group's key, `first_period`, `last_period` (of the five), `slope` (per year, on the logit
/// scale for proportions), `slope_se`, `chi_square`, `p`, `marker`, `label` (Fingertips' words, read
/// through the polarity), `trend_chi_square` and `trend_p` (proportions, all periods), `reason`.
public struct RecentTrendRequest: Sendable {
    public enum Input: Sendable, Hashable {
        case proportion(count: String, denominator: String)
        case estimate(value: String, lower: String, upper: String, level: Double)
    }

    public var path: String
    public var periodColumn: String
    public var input: Input
    public var by: [String]
    public var polarity: SeriesMetadata.Polarity
    public var yearType: YearType
    public var filters: [NumericColumns.Filter]

    public init(
        path: String, periodColumn: String = "period", input: Input, by: [String], polarity: SeriesMetadata.Polarity = .none,
        yearType: YearType = .financial, filters: [NumericColumns.Filter] = []
    ) {
        self.path = path
        self.periodColumn = periodColumn
        self.input = input
        self.by = by
        self.polarity = polarity
        self.yearType = yearType
        self.filters = filters
    }

    public static let columns = [
        "first_period", "last_period", "slope", "slope_se", "chi_square", "p", "marker", "label", "trend_chi_square", "trend_p", "reason",
    ]

    public func table() throws -> ResultTable {
        let numbers: [String] = switch input {
        case .proportion(let count, let denominator): [count, denominator]
        case .estimate(let value, let lower, let upper, _): [value, lower, upper]
        }
        let rows = try GroupedRows.read(path: path, by: by, numbers: numbers, texts: [periodColumn], filters: filters)
        var table = ResultTable(columns: by + RecentTrendRequest.columns)
        for group in rows.groups {
            let key = group.key.map { ResultTable.Cell.text($0) }
            // Periods, in order; rows with a missing number are left out (with the first reason kept).
            var points: [(period: Period, numbers: [Double])] = []
            var skipped: String?
            for r in group.lines.indices {
                let period: Period
                do throws(PeriodError) { period = try Period.parse(group.texts[0][r], yearType: yearType) } catch {
                    throw DataError(SourceLocation(file: rows.file, line: group.lines[r]), error.description)
                }
                let values = group.numbers.map { $0[r] }
                if values.contains(where: { $0 == nil }) {
                    skipped = skipped ?? group.reasons.compactMap { $0[r] }.first.map { "\(period.label): \($0)" }
                    continue
                }
                points.append((period, values.map { $0! }))
            }
            points.sort { $0.period < $1.period }
            guard let origin = points.first?.period else {
                table.rows.append(key + [.text(""), .text(""), .number(nil), .number(nil), .number(nil), .number(nil),
                    .text(RecentTrend.Marker.couldNotBeCalculated.rawValue), .text("Could not be calculated"), .number(nil), .number(nil),
                    .text(skipped ?? "no rows")])
                continue
            }
            let recent = points.suffix(RecentTrend.pointCount)
            let trend: RecentTrend
            var trendTest: ProportionTrendTest?
            switch input {
            case .proportion:
                trend = try RecentTrend.proportions(
                    recent.map { RecentTrend.ProportionPoint(time: origin.years(to: $0.period), count: $0.numbers[0], denominator: $0.numbers[1]) },
                    polarity: polarity)
                trendTest = try? ProportionTrendTest(counts: points.map { $0.numbers[0] }, denominators: points.map { $0.numbers[1] }, periods: points.map(\.period))
            case .estimate(_, _, _, let level):
                trend = try RecentTrend.estimates(
                    try recent.map { point throws(GSLError) in
                        try RecentTrend.EstimatePoint(time: origin.years(to: point.period), value: point.numbers[0], lower: point.numbers[1], upper: point.numbers[2], level: level)
                    },
                    polarity: polarity)
            }
            let reason = [trend.reason, skipped.map { "left out \($0)" }].compactMap { $0 }.joined(separator: "; ")
            table.rows.append(key + [
                .text(recent.first!.period.label), .text(recent.last!.period.label), .number(trend.slope.value), .number(trend.standardError.value),
                .number(trend.chiSquare.value), .number(trend.p.value), .text(trend.marker.rawValue), .text(trend.label),
                .number(trendTest?.chiSquare.value), .number(trendTest?.p.value), .text(reason),
            ])
        }
        return table
    }
}
