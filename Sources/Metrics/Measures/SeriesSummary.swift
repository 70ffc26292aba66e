/// One series' trend summary: every field of SPEC.md's `metrics summarize` record, each measure's value or
/// the reason it has none.
///
/// Field names (`fieldNames`) are the CSV columns and JSON keys, in SPEC.md's order, after the key fields.
public struct SeriesSummary: Sendable {
    public let key: SeriesKey
    public let metadata: SeriesMetadata
    public let n: Int
    public let nMissing: Int
    public let firstPeriod: Period?
    public let lastPeriod: Period?
    public let change: TwoPointChange?
    public let descriptive: DescriptiveStatistics
    public let trend: LinearTrend?
    public let mannKendall: MannKendallTest?
    public let sen: SenSlope?
    public let direction: TrendDirection
    public let assessment: TrendAssessment
    /// Why a field is empty: field name → reason.
    public let reasons: [(field: String, reason: String)]
    /// The measures asked for beyond SPEC.md's fixed fields (`AdditionalMeasures.fieldNames` order).
    public var additional: [Field] = []

    public static let fieldNames = [
        "n", "n_missing", "first_period", "last_period", "first_value", "last_value", "years",
        "abs_change", "pct_change", "pp_change", "ratio", "cagr",
        "mean", "sd", "median", "min", "max", "lag1_autocorrelation",
        "ols_slope", "ols_slope_se", "ols_slope_low", "ols_slope_high", "ols_intercept", "ols_p", "ols_r2",
        "mk_s", "mk_var_s", "mk_z", "mk_p", "mk_tau",
        "sen_slope", "sen_low", "sen_high", "sen_intercept",
        "direction", "assessment",
    ]

    /// A field's value: a number (`nil` when it has none), or text.
    public enum Field: Sendable, Hashable {
        case number(Double?)
        case integer(Int)
        case text(String?)
    }

    /// The record's fields in `fieldNames` order.
    public var fields: [Field] {
        [
            .integer(n), .integer(nMissing), .text(firstPeriod?.description), .text(lastPeriod?.description),
            .number(change?.first), .number(change?.last), .number(change?.years),
            .number(change?.absoluteChange), .number(change?.percentChange.value),
            .number(change?.percentagePointChange.value), .number(change?.ratio.value),
            .number(change?.compoundAnnualGrowth.value),
            .number(descriptive.mean), .number(descriptive.standardDeviation), .number(descriptive.median),
            .number(descriptive.minimum), .number(descriptive.maximum), .number(descriptive.lag1Autocorrelation),
            .number(trend?.slope), .number(trend?.standardError.value), .number(trend?.low.value),
            .number(trend?.high.value), .number(trend?.intercept), .number(trend?.p.value),
            .number(trend?.rSquared.value),
            .number(mannKendall?.s), .number(mannKendall?.varianceS), .number(mannKendall?.z),
            .number(mannKendall?.p), .number(mannKendall?.tau),
            .number(sen?.slope), .number(sen?.low.value), .number(sen?.high.value), .number(sen?.intercept),
            .text(direction.rawValue), .text(assessment.rawValue),
        ]
    }
}
