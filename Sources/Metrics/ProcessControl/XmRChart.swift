/// An XmR (individuals and moving range) statistical process control chart read by NHS England's Making Data
/// Count rules: process limits, special-cause signals with their meaning, and the variation and assurance icons.
///
/// Method: `ProcessLimits` (x̄ ± 2.66·mR̄, moving-range limit 3.267·mR̄), `SpecialCauseRules` (beyond a limit,
/// shift of 7, trend of 7 or 6, two of three beyond 2σ), `VariationIcon`, `AssuranceIcon`; sources there.
/// Conventions:
/// - time axis: only the order of the observations matters (an XmR chart plots them at equal steps); periods,
///   when given, label the points;
/// - phases: the limits are computed afresh from each position in `Options.recalculateAt` (Making Data Count's
///   "recalculating limits", NHSRplotthedots' `rebase`); each phase's limits come from its first
///   `Options.baselineLength` recorded values when that is set (NHSRplotthedots' `fix_after_n_points`), from all
///   of them otherwise; rules run within a phase, never across a recalculation;
/// - missing values (NaN, or GSS symbols in observations) are skipped: they are not plotted, a moving range is
///   not taken across them, and the rules look at the consecutive recorded values, so a gap neither breaks nor
///   extends a run — Making Data Count's tools expect no gaps, and this keeps a shift of seven recorded months
///   a shift when one month was suppressed;
/// - small n: a phase needs two recorded values next to each other (one moving range), else there is no
///   chart; Making Data Count advises at least 15, and calls limits from fewer than 12 points trial limits;
/// - the variation icon describes the latest recorded point; the assurance icon uses the latest phase's limits.
/// - scale: the chart is computed on the values' `ValueScale` (the target with them) and its means, limits
///   and moving ranges taken back to the values' units, so values near 10³⁰⁸ or 10⁻³⁰⁰ get the chart that the
///   same values near 1 get, scaled.
/// - Complexity: O(n).
public struct XmRChart: Sendable, Hashable {
    public struct Options: Sendable, Hashable {
        /// Which direction is better; `.none` makes every signal "neither" and gives no assurance icon.
        public var polarity: SeriesMetadata.Polarity
        /// The target the assurance icon is judged against.
        public var target: Double?
        /// Compute each phase's limits from its first k recorded values.
        public var baselineLength: Int?
        /// Input positions where the limits are recalculated (each starts a new phase).
        public var recalculateAt: [Int]
        /// The shift and trend lengths.
        public var rules: SpecialCauseRules
        /// Leave moving ranges at or above 3.267·mR̄ out of mR̄ (Nelson 1982). Off, as in the MDC tools.
        public var screenMovingRangeOutliers: Bool

        public init(
            polarity: SeriesMetadata.Polarity = .none, target: Double? = nil, baselineLength: Int? = nil,
            recalculateAt: [Int] = [], rules: SpecialCauseRules = SpecialCauseRules(), screenMovingRangeOutliers: Bool = false
        ) {
            precondition(baselineLength.map { $0 >= 2 } ?? true, "a baseline needs at least two values")
            self.polarity = polarity
            self.target = target
            self.baselineLength = baselineLength
            self.recalculateAt = recalculateAt
            self.rules = rules
            self.screenMovingRangeOutliers = screenMovingRangeOutliers
        }
    }

    /// One observation on the chart.
    public struct Point: Sendable, Hashable {
        /// The 0-based input position.
        public let index: Int
        public let period: Period?
        /// `nil` when the value is missing.
        public let value: Double?
        /// |xᵢ − xᵢ₋₁| when both are recorded and in the same phase.
        public let movingRange: Double?
        /// Which of `phases` the point belongs to.
        public let phase: Int
        /// The special-cause patterns the point takes part in.
        public let signals: [SpecialCauseSignal]
        public let variation: PointVariation
    }

    public let points: [Point]
    /// The limits of each phase, in time order.
    public let phases: [ProcessLimits]
    /// What the latest recorded point shows.
    public let variation: VariationIcon
    /// Whether the target is consistently met; `nil` without a target or a polarity.
    public let assurance: AssuranceIcon?

    /// The chart of `values` in time order; NaN marks a missing value; `periods`, when given, one per value.
    public init?(values: [Double], periods: [Period]? = nil, options: Options = Options()) {
        let scale = ValueScale(values: values)
        self.init(values: values, scaled: values.map { scale.scaled($0) }, scale: scale, periods: periods, options: options)
    }

    /// The chart of a series' observations (in period order), labelled with their periods; missing values are
    /// skipped.
    public init?(observations: [Series.Observation], options: Options = Options()) {
        let scale = ValueScale(observations: observations)
        self.init(
            values: observations.map { $0.value.number ?? .nan }, scaled: observations.map { scale.scaled($0) ?? .nan }, scale: scale,
            periods: observations.map(\.period), options: options)
    }

    /// The chart computed on `scaled` (the values on `scale`), reported for `values`.
    private init?(values original: [Double], scaled values: [Double], scale: ValueScale, periods: [Period]?, options: Options) {
        precondition(periods == nil || periods!.count == values.count, "one period per value")
        var options = options
        options.target = options.target.map { scale.scaled($0) }
        let n = values.count
        let starts = ([0] + options.recalculateAt.filter { $0 > 0 && $0 < n }).sorted()
        var boundaries: [Int] = []
        for s in starts where boundaries.last != s { boundaries.append(s) }
        var phases: [ProcessLimits] = []
        for (p, start) in boundaries.enumerated() {
            let end = p + 1 < boundaries.count ? boundaries[p + 1] : n
            guard let limits = ProcessLimits(
                values: values, range: start..<end, baselineLength: options.baselineLength,
                screenOutliers: options.screenMovingRangeOutliers)
            else { return nil }
            phases.append(limits)
        }
        var points: [Point] = []
        points.reserveCapacity(n)
        for (p, limits) in phases.enumerated() {
            let recorded = limits.range.filter { !values[$0].isNaN }
            let signals = options.rules.signals(values: recorded.map { values[$0] }, limits: limits)
            var signalsAt: [Int: [SpecialCauseSignal]] = [:]
            for (k, i) in recorded.enumerated() { signalsAt[i] = signals[k] }
            for i in limits.range {
                let x = values[i]
                let previous = i > limits.range.lowerBound ? values[i - 1] : .nan
                let present = !x.isNaN
                points.append(Point(
                    index: i, period: periods?[i], value: present ? original[i] : nil,
                    movingRange: present && !previous.isNaN ? scale.difference(abs(x - previous)) : nil, phase: p,
                    signals: signalsAt[i] ?? [],
                    variation: present ? PointVariation(signals: signalsAt[i] ?? [], polarity: options.polarity) : .missing))
            }
        }
        self.points = points
        self.phases = phases.map { $0.rescaled(scale) }
        variation = points.last { $0.value != nil }.map { VariationIcon($0.variation) } ?? .commonCause
        assurance = AssuranceIcon(target: options.target, polarity: options.polarity, limits: phases[phases.count - 1])
    }
}
