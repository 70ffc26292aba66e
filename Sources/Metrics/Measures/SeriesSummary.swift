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
    /// Mean, SD, median, min, max and the lag-1 autocorrelation (a summary computes no quartiles).
    public let descriptive: DescriptiveStatistics
    public let trend: LinearTrend?
    public let mannKendall: MannKendallTest?
    public let sen: SenSlope?
    public let direction: TrendDirection
    public let assessment: TrendAssessment
    /// Why a field is empty: field name → reason.
    public internal(set) var reasons: [(field: String, reason: String)]
    /// The measures asked for beyond SPEC.md's fixed fields (`AdditionalMeasures.fieldNames` order).
    public var additional: [Field] = []
    /// Analyses that failed for this series, as opposed to measures its data cannot support: a numerical
    /// failure reported by GSL (Holt's optimiser meeting a sum of squares that overflows, say). Their fields
    /// are empty with the reason like any other, the record is still written, and the run reports each
    /// failure (exit status 1 in the CLI, a row of `errors.csv` in a batch).
    public internal(set) var failures: [(analysis: String, message: String)] = []
    /// The unit the summary used and where it came from (`UnitInference`); its note is also in `reasons`
    /// under `unit` when the unit was inferred.
    public internal(set) var unitInference: UnitInference? = nil

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

    /// Receives a record's fields one at a time (`visitFields`).
    protocol FieldVisitor {
        /// False for a visitor that looks only at numbers: text fields are then passed as `nil`, without
        /// formatting the periods.
        static var needsText: Bool { get }
        mutating func visit(_ field: Field)
    }

    /// The record's fields in `fieldNames` order.
    public var fields: [Field] {
        struct Collector: FieldVisitor {
            static var needsText: Bool { true }
            var fields: [Field] = []
            mutating func visit(_ field: Field) { fields.append(field) }
        }
        var collector = Collector()
        collector.fields.reserveCapacity(SeriesSummary.fieldNames.count)
        visitFields(&collector)
        return collector.fields
    }

    /// The names of the number fields (fixed fields first, then `additionalNames`) that hold NaN or an
    /// infinity, which every output writes as empty / `null`.
    func nonFiniteFieldNames(additionalNames: [String]) -> [String] {
        struct Finder: FieldVisitor {
            static var needsText: Bool { false }
            var index = 0
            var found: [Int] = []
            mutating func visit(_ field: Field) {
                if case .number(let x?) = field, !x.isFinite { found.append(index) }
                index += 1
            }
        }
        var finder = Finder()
        visitFields(&finder)
        var names = finder.found.map { SeriesSummary.fieldNames[$0] }
        for (name, field) in zip(additionalNames, additional) {
            if case .number(let x?) = field, !x.isFinite { names.append(name) }
        }
        return names
    }

    /// Hands `visitor` the record's fields in `fieldNames` order, without gathering them in an array (the
    /// CSV writer's path).
    func visitFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visit(.integer(n))
        visitor.visit(.integer(nMissing))
        visitor.visit(.text(Visitor.needsText ? firstPeriod?.description : nil))
        visitor.visit(.text(Visitor.needsText ? lastPeriod?.description : nil))
        visitor.visit(.number(change?.first))
        visitor.visit(.number(change?.last))
        visitor.visit(.number(change?.years))
        visitor.visit(.number(change?.absoluteChange))
        visitor.visit(.number(change?.percentChange.value))
        visitor.visit(.number(change?.percentagePointChange.value))
        visitor.visit(.number(change?.ratio.value))
        visitor.visit(.number(change?.compoundAnnualGrowth.value))
        visitor.visit(.number(descriptive.mean))
        visitor.visit(.number(descriptive.standardDeviation))
        visitor.visit(.number(descriptive.median))
        visitor.visit(.number(descriptive.minimum))
        visitor.visit(.number(descriptive.maximum))
        visitor.visit(.number(descriptive.lag1Autocorrelation))
        visitor.visit(.number(trend?.slope))
        visitor.visit(.number(trend?.standardError.value))
        visitor.visit(.number(trend?.low.value))
        visitor.visit(.number(trend?.high.value))
        visitor.visit(.number(trend?.intercept))
        visitor.visit(.number(trend?.p.value))
        visitor.visit(.number(trend?.rSquared.value))
        visitor.visit(.number(mannKendall?.s))
        visitor.visit(.number(mannKendall?.varianceS))
        visitor.visit(.number(mannKendall?.z))
        visitor.visit(.number(mannKendall?.p))
        visitor.visit(.number(mannKendall?.tau))
        visitor.visit(.number(sen?.slope))
        visitor.visit(.number(sen?.low.value))
        visitor.visit(.number(sen?.high.value))
        visitor.visit(.number(sen?.intercept))
        visitor.visit(.text(direction.rawValue))
        visitor.visit(.text(assessment.rawValue))
    }
}
