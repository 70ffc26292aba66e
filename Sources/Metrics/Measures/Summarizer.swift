/// Computes `SeriesSummary` records: every measure of SPEC.md for one series.
///
/// Conventions shared by the measures: values in period order with missing values left out; time in years
/// since the first non-missing period (`Series.numericPoints`), so slopes are per year and intercepts are
/// the value at the first period; α (default 0.05) for every interval and test; a series with fewer than
/// `minimumPoints` values (default 3) gets `direction = insufficient_data` but every measure that its
/// points allow. Nothing here returns NaN: a measure that cannot be computed is absent, with its reason
/// (a result that overflows the double range included).
/// Every measure runs on the series' `ValueScale` (`Series.scaledPoints`): the values scaled by a power of
/// two to order one, and centred exactly on the first when their doubles would misstate their differences;
/// the results are taken back to the values' units (`level`, `difference`). So the summary of a series × 2^k
/// has the same p-values, z, τ, R², percentages and ratios and slopes, SDs and changes 2^k times as large,
/// for any k that keeps the values in the double range, and ordinary data give the results they gave
/// without the scale, bit for bit.
public struct Summarizer: Sendable {
    public var alpha: Double {
        didSet { critical = CriticalValues(alpha: alpha) }
    }
    public var minimumPoints: Int
    private var critical: CriticalValues
    /// Overrides every series' own polarity when set.
    public var polarity: SeriesMetadata.Polarity?
    /// Measures added after the fixed fields (`--measures`).
    public var additional: AdditionalMeasures

    public init(
        alpha: Double = 0.05, minimumPoints: Int = 3, polarity: SeriesMetadata.Polarity? = nil,
        additional: AdditionalMeasures = AdditionalMeasures()
    ) {
        self.alpha = alpha
        self.additional = additional
        critical = CriticalValues(alpha: alpha)
        self.minimumPoints = minimumPoints
        self.polarity = polarity
    }

    private static let olsFields = ["ols_slope", "ols_slope_se", "ols_slope_low", "ols_slope_high", "ols_intercept", "ols_p", "ols_r2"]

    public func summarize(_ series: Series) throws(GSLError) -> SeriesSummary {
        // The unit the data declare, or the one inferred from the indicator's words or values
        // (`UnitInference`): every measure below, and the record's `unit`, use it; the note says what was
        // inferred and from what.
        let inference = UnitInference(series)
        var series = series
        series.metadata.unit = inference.unit
        let (times, values, scale) = series.scaledPoints
        let n = values.count
        let firstIndex = series.observations.firstIndex { $0.value.number != nil }
        let lastIndex = series.observations.lastIndex { $0.value.number != nil }
        let firstNumber = firstIndex.map { series.observations[$0] }
        let lastNumber = lastIndex.map { series.observations[$0] }
        // Typed as `SeriesSummary` stores them: an unlabelled tuple array would be converted element by element.
        var reasons: [(field: String, reason: String)] = []
        reasons.reserveCapacity(4)
        func note(_ fields: [String], _ reason: String) { for f in fields { reasons.append((f, reason)) } }
        func note(_ field: String, _ reason: String) { reasons.append((field, reason)) }
        if let unitNote = inference.note { note("unit", unitNote) }

        var change: TwoPointChange? = nil
        if let first = firstNumber, let last = lastNumber, let firstValue = first.value.number, let lastValue = last.value.number {
            let isPercentage = inference.unit == .percent
            let c = TwoPointChange(
                first: firstValue, last: lastValue, scaledFirst: values[0], scaledLast: values[n - 1], scale: scale,
                years: first.period.years(to: last.period), isPercentage: isPercentage)
            change = c
            if let r = c.percentChange.reason { note("pct_change", r) }
            if let r = c.percentagePointChange.reason { note("pp_change", r) }
            if let r = c.ratio.reason { note("ratio", r) }
            if let r = c.compoundAnnualGrowth.reason { note("cagr", r) }
        } else {
            note(["first_value", "last_value", "years", "abs_change", "pct_change", "pp_change", "ratio", "cagr"], "no values")
        }

        // Sorted once for every measure that needs order statistics or ties; the times are in order already.
        let sortedValues = values.sorted()
        let descriptive = DescriptiveStatistics(values, sorted: sortedValues, quartiles: false).rescaled(scale)
        if n < 2 { note(["sd", "lag1_autocorrelation"], n == 0 ? "no values" : "one value") }
        else if descriptive.lag1Autocorrelation == nil { note("lag1_autocorrelation", "every value is the same") }

        let trend = try LinearTrend(times: times, values: values, critical: critical)?.rescaled(scale)
        if let trend {
            if let r = trend.standardError.reason { note("ols_slope_se", r) }
            if let r = trend.low.reason { note(["ols_slope_low", "ols_slope_high"], r) }
            if let r = trend.p.reason { note("ols_p", r) }
            if let r = trend.rSquared.reason { note("ols_r2", r) }
        } else {
            note(Self.olsFields, n < 2 ? "fewer than two values" : "all values are at one time")
        }

        let mk = try MannKendallTest(values: values, sortedValues: sortedValues)
        if mk == nil { note(["mk_s", "mk_var_s", "mk_z", "mk_p", "mk_tau"], "fewer than two values") }

        let senMeasure = try SenSlope.measure(times: times, values: values, sortedTimes: times, sortedValues: sortedValues, critical: critical)
        let sen = senMeasure.value?.rescaled(scale)
        if let sen {
            if let r = sen.low.reason { note(["sen_low", "sen_high"], r) }
        } else {
            note(["sen_slope", "sen_low", "sen_high", "sen_intercept"], senMeasure.reason ?? "fewer than two values")
        }

        let direction = TrendDirection(test: mk, pointCount: n, minimumPoints: minimumPoints, alpha: alpha)
        if direction == .insufficientData { note("direction", "\(n) value(s), fewer than the \(minimumPoints) needed") }
        let polarity = self.polarity ?? series.metadata.polarity
        let assessment = TrendAssessment(direction: direction, polarity: polarity)
        if assessment == .notAssessed, direction != .insufficientData {
            note("assessment", "the indicator has no polarity (say which direction is better with --polarity or in the data)")
        }

        var failures: [(analysis: String, message: String)] = []
        let additionalFields = additional.isEmpty
            ? []
            : try additional.fields(
                for: series, times: times, values: values, scale: scale, alpha: alpha, note: { reasons.append(($0, $1)) },
                failed: { failures.append(($0, $1)) })

        var summary = SeriesSummary(
            key: series.key, metadata: series.metadata, n: n, nMissing: series.observations.count - n,
            firstPeriod: firstNumber?.period, lastPeriod: lastNumber?.period, change: change,
            descriptive: descriptive, trend: trend, mannKendall: mk, sen: sen, direction: direction,
            assessment: assessment, reasons: reasons, additional: additionalFields)
        summary.failures = failures
        summary.unitInference = inference
        // Values near the ends of the double range (±1.8·10³⁰⁸) make sums overflow: such a measure is written
        // empty like any other that cannot be computed, and says why.
        let overflowed = summary.nonFiniteFieldNames(additionalNames: additional.isEmpty ? [] : additional.fieldNames)
        if !overflowed.isEmpty {
            let explained = Set(summary.reasons.map(\.field))
            for name in overflowed where !explained.contains(name) { summary.reasons.append((name, Summarizer.overflowReason)) }
        }
        return summary
    }

    static let overflowReason = "not a finite number: the values are too close to the limits of double precision (±1.8e308) for this measure"
}
