/// `metrics forecast`: for each chosen series, the next periods from Holt's linear or damped trend
/// (`HoltForecast`) or the OLS line (`LinearTrendForecast`), with prediction intervals; one row per series
/// and step: `method`, `step`, `period`, `forecast`, `se`, `lower`, `upper`, `alpha`, `beta`, `phi`, `reason`.
/// Steps that would fall after 9999 (`ForecastHorizon.stopReason`) are rows with no period or numbers and the
/// reason, so every series has `horizon` rows. The forecast and its interval stay within what the unit allows
/// (`UnitBounds`: a percentage in [0, 100], a count never negative; the unit declared or inferred,
/// `UnitInference`): an end that the model puts beyond a bound is clamped to it, and `reason` says so
/// (`ForecastPoint.bounded(by:)` gives the method and why it is sound). When Holt's fitted α is 0
/// (`HoltForecast.negligibleAlpha`), β has no effect and its cell is empty, the reason saying so; a Holt
/// forecast too short to trust, or with α at 0, has its cautions (`HoltForecast.cautions`) listed as
/// warnings, saying which method to prefer.
public struct ForecastRequest: Sendable {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case holt, damped, linear
    }

    public var run: SeriesModelRequest
    public var method: Method
    public var horizon: Int
    public var level: Double

    public init(run: SeriesModelRequest, method: Method = .holt, horizon: Int = 3, level: Double = 0.95) {
        self.run = run
        self.method = method
        self.horizon = horizon
        self.level = level
    }

    public static let columns = ["method", "step", "period", "forecast", "se", "lower", "upper", "alpha", "beta", "phi", "reason"]

    @discardableResult
    public func execute() throws -> Int {
        try executeListingFailures().series
    }

    /// Writes the rows; returns how many series were modelled and those whose forecast GSL failed (their row
    /// holds the reason; the CLI lists them and exits with status 1).
    public func executeListingFailures() throws -> (series: Int, failures: [(key: SeriesKey, message: String)]) {
        let outcome = try executeListingProblems()
        return (outcome.series, outcome.failures)
    }

    /// As `executeListingFailures`, and the cautions about each Holt forecast (`warnings(for:)`).
    public func executeListingProblems() throws -> (
        series: Int, failures: [(key: SeriesKey, message: String)], warnings: [(key: SeriesKey, message: String)]
    ) {
        var failures: [(key: SeriesKey, message: String)] = []
        var warnings: [(key: SeriesKey, message: String)] = []
        let count = try run.run(columns: ForecastRequest.columns) { series, _ in
            let result = rowsAndFailure(for: series)
            if let failure = result.failure { failures.append((series.key, failure)) }
            for message in self.warnings(for: series) { warnings.append((series.key, message)) }
            return result.rows
        }
        return (count, failures, warnings)
    }

    /// The cautions about this series' Holt forecast (none for the linear method, or when there is no forecast).
    public func warnings(for series: Series) -> [String] {
        guard method != .linear else { return [] }
        guard let holt = try? HoltForecast(series: series, trend: method == .damped ? .damped : .linear, horizon: horizon, level: level) else { return [] }
        return holt.cautions(comparedWith: try? LinearTrendForecast(series: series, horizon: horizon, level: level))
    }

    /// The rows of one series (one row with the reason when the model has nothing to say).
    public func rows(for series: Series) -> [[ResultTable.Cell]] {
        rowsAndFailure(for: series).rows
    }

    /// The rows of one series, and the message when the forecast failed numerically (GSL), which is a
    /// failure of the analysis rather than data too thin for it.
    public func rowsAndFailure(for series: Series) -> (rows: [[ResultTable.Cell]], failure: String?) {
        let points: [ForecastPoint]
        let stopReason: String?
        var parameters: [ResultTable.Cell] = [.number(nil), .number(nil), .number(nil)]
        var betaNote: String?
        do throws(ForecastError) {
            switch method {
            case .linear:
                let fit = try LinearTrendForecast(series: series, horizon: horizon, level: level)
                points = fit.points
                stopReason = fit.stopReason
            case .holt, .damped:
                let fit = try HoltForecast(series: series, trend: method == .damped ? .damped : .linear, horizon: horizon, level: level)
                let p = fit.smoothing.parameters
                parameters = [.number(p.alpha), .number(fit.alphaIsNegligible ? nil : p.beta), .number(method == .damped ? p.phi : nil)]
                if fit.alphaIsNegligible {
                    betaNote = "α is 0: the level follows its own trend line, so β has no effect and cannot be estimated"
                }
                points = fit.points
                stopReason = fit.stopReason
            }
        } catch {
            let failure: String? = if case .numerical = error { error.description } else { nil }
            return ([[.text(method.rawValue), .text(""), .text(""), .number(nil), .number(nil), .number(nil), .number(nil)] + parameters + [.text(error.description)]], failure)
        }
        // Kept within the unit's range (`UnitBounds`, by clamping: `ForecastPoint.bounded(by:)`), saying so.
        let bounds = UnitInference(series).bounds
        let rows: [[ResultTable.Cell]] = points.map { original in
            let point = original.bounded(by: bounds)
            let reasons = [point.lower.reason, original.isCut(by: bounds) ? bounds.cutNote : nil].compactMap { $0 }
            return [
                .text(method.rawValue), .integer(point.step), .text(point.period?.label ?? ""), .number(point.mean),
                .number(point.standardError.value), .number(point.lower.value), .number(point.upper.value),
            ] + parameters + [.text((reasons + [betaNote].compactMap { $0 }).joined(separator: "; "))]
        }
        // Steps beyond the years 0001–9999: written empty, with the reason, so every series has `horizon` rows.
        let beyond: [[ResultTable.Cell]] = stride(from: points.count + 1, through: horizon, by: 1).map { step in
            [.text(method.rawValue), .integer(step), .text(""), .number(nil), .number(nil), .number(nil), .number(nil)]
                + parameters + [.text(stopReason ?? "")]
        }
        return (rows + beyond, nil)
    }
}

/// `metrics changepoints`: Pettitt, Buishand's range test and the standard normal homogeneity test for each
/// chosen series; one row per series and test: `test`, `n`, `statistic`, `p`, `period_before`,
/// `period_after`, `mean_before`, `mean_after`, `reason`. Buishand's and SNHT's p-values come from a
/// deterministic Monte Carlo simulation (reproducible to the bit); for a series too long to simulate
/// (`MonteCarloPValue.simulationBudget`) Buishand's comes from its asymptotic distribution and SNHT has
/// none, each saying so in `reason`.
public struct ChangePointRequest: Sendable {
    public var run: SeriesModelRequest
    public var replicates: Int

    public init(run: SeriesModelRequest, replicates: Int = MonteCarloPValue.defaultReplicates) {
        self.run = run
        self.replicates = replicates
    }

    public static let columns = ["test", "n", "statistic", "p", "period_before", "period_after", "mean_before", "mean_after", "reason"]

    @discardableResult
    public func execute() throws -> Int {
        try run.run(columns: ChangePointRequest.columns) { series, _ in rows(for: series) }
    }

    /// The rows of one series (one row with the reason when the model has nothing to say).
    public func rows(for series: Series) -> [[ResultTable.Cell]] {
        let observations = series.observations
        func row(_ test: String, _ n: Int?, _ statistic: Double?, _ p: Double?, _ point: ChangePoint?, note: String? = nil) -> [ResultTable.Cell] {
            [
                .text(test), n.map { .integer($0) } ?? .text(""), .number(statistic), .number(p),
                .text(point?.periodBefore?.label ?? ""), .text(point?.periodAfter?.label ?? ""),
                .number(point?.meanBefore), .number(point?.meanAfter),
                .text(point == nil ? "fewer than 3 values, or all values equal" : note ?? ""),
            ]
        }
        let pettitt = PettittTest(observations: observations)
        let buishand = BuishandRangeTest(observations: observations, replicates: replicates)
        let snht = StandardNormalHomogeneityTest(observations: observations, replicates: replicates)
        let asymptotic = buishand.map { $0.pValue == nil } ?? false
        return [
            row("pettitt", pettitt?.n, pettitt?.statistic, pettitt?.p, pettitt?.changePoint),
            row(
                "buishand", buishand?.n, buishand?.statistic, buishand?.p, buishand?.changePoint,
                note: asymptotic ? "p from the asymptotic distribution (Kuiper's, with Siegmund's correction): the series is too long to simulate with \(replicates) replicates" : nil),
            row("snht", snht?.n, snht?.statistic, snht?.p, snht?.changePoint, note: snht?.pReason),
        ]
    }
}

/// `metrics spc`: an XmR chart with NHS "Making Data Count" rules for each chosen series; one row per series
/// and period: `period`, `value`, `moving_range`, `phase`, `mean`, `lower_limit`, `upper_limit`, `signals`
/// (the rules the point takes part in, with their side), `variation` (common_cause, or improvement / concern /
/// neither with its side), and on every row the chart's `variation_icon` and `assurance_icon`. With
/// `chartsDirectory`, each series' XmR chart is also drawn there as `ID-spc.svg` (`XmRChartSVG`). A chart
/// whose limits come from fewer than 15 values (`XmRChart.baselineWarnings`) is listed in the warnings.
public struct ProcessControlRequest: Sendable {
    public var run: SeriesModelRequest
    public var options: XmRChart.Options
    /// Whether `options.polarity` was given (`--polarity none` included): otherwise each series' own polarity
    /// reads the signals.
    public var polarityGiven = false
    /// Where to write each series' chart as SVG; `nil` for the table only.
    public var chartsDirectory: String?

    public init(run: SeriesModelRequest, options: XmRChart.Options = XmRChart.Options(), chartsDirectory: String? = nil) {
        self.run = run
        self.options = options
        self.chartsDirectory = chartsDirectory
    }

    public static let columns = [
        "period", "value", "moving_range", "phase", "mean", "lower_limit", "upper_limit", "signals", "variation", "variation_icon", "assurance_icon", "reason",
    ]

    @discardableResult
    public func execute() throws -> Int {
        try executeListingWarnings().series
    }

    /// Writes the rows (and the charts, with `chartsDirectory`); returns how many series were charted, the
    /// warnings about short baselines and the chart files written (relative to `chartsDirectory`).
    public func executeListingWarnings() throws -> (series: Int, warnings: [(key: SeriesKey, message: String)], charts: [String]) {
        var warnings: [(key: SeriesKey, message: String)] = []
        var charts: [(name: String, svg: String)] = []
        var index = 0
        let count = try run.run(columns: ProcessControlRequest.columns) { series, _ in
            defer { index += 1 }
            if let chart = chart(for: series) {
                for message in chart.baselineWarnings { warnings.append((series.key, message)) }
                if chartsDirectory != nil {
                    let drawing = XmRChartSVG(series: series, chart: chart, index: index, target: options.target)
                    charts.append((drawing.id + ".svg", drawing.render()))
                }
            }
            return rows(for: series)
        }
        if let chartsDirectory {
            try ReportFiles.prepare(chartsDirectory, subfolders: [])
            for (name, svg) in charts {
                let sink = try OutputSink(path: chartsDirectory + "/" + name)
                try sink.write(svg)
                try sink.commit()
            }
        }
        return (count, warnings, charts.map(\.name))
    }

    /// The series' XmR chart with these options (the polarity the series' own when none is given).
    public func chart(for series: Series) -> XmRChart? {
        var options = self.options
        if options.polarity == .none { options.polarity = series.metadata.polarity }
        return XmRChart(observations: series.observations, options: options)
    }

    /// The rows of one series (one row with the reason when the model has nothing to say).
    public func rows(for series: Series) -> [[ResultTable.Cell]] {
        var options = self.options
        if !polarityGiven, options.polarity == .none { options.polarity = series.metadata.polarity }
        guard let chart = XmRChart(observations: series.observations, options: options) else {
            return [[.text(""), .number(nil), .number(nil), .text(""), .number(nil), .number(nil), .number(nil), .text(""), .text(""), .text(""), .text(""),
                .text("too few values for a chart (a phase needs at least two consecutive values)")]]
        }
        return chart.points.map { point in
            let limits = chart.phases[point.phase]
            let variation: String = switch point.variation {
            case .missing: "missing"
            case .commonCause: "common_cause"
            case .specialCause(let meaning, let side): "\(meaning.rawValue)_\(side.rawValue)"
            }
            return [
                .text(point.period?.label ?? String(point.index + 1)), .number(point.value), .number(point.movingRange), .integer(point.phase + 1),
                .number(limits.mean), .number(limits.lowerProcessLimit), .number(limits.upperProcessLimit),
                .text(point.signals.map { "\($0.rule.rawValue):\($0.side.rawValue)" }.joined(separator: " ")), .text(variation),
                .text(chart.variation.rawValue), .text(chart.assurance?.rawValue ?? ""), .text(""),
            ]
        }
    }
}
