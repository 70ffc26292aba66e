/// The process limits of an XmR (individuals and moving range) chart for one phase of a series.
///
/// Method: Shewhart's individuals chart with limits from the average moving range (Wheeler & Chambers,
/// *Understanding Statistical Process Control*, 2nd ed., 1992, ch. 9; NHS England, *Making Data Count*, 2019):
/// the centre line is the mean x̄ of the baseline values; the moving ranges are mRᵢ = |xᵢ − xᵢ₋₁| and mR̄ their
/// mean; the process limits are x̄ ± 2.66·mR̄ (2.66 ≈ 3/d₂, d₂ = 1.128 for ranges of two, rounded as Making Data
/// Count and its tools write it); the 2σ lines used by the two-in-three rule are x̄ ± (2/3)·2.66·mR̄ (as
/// NHSRplotthedots 0.2.0, `limitclose`); the moving-range chart's upper limit is 3.267·mR̄ (D₄ for n = 2).
/// Conventions: a moving range is taken only between two observations that are next to each other in the input;
/// one next to a missing value is left out (as NHSRplotthedots, where it is NA and `mean(na.rm = TRUE)` drops
/// it). With `screenOutliers` (Nelson, *J. Quality Technology* 14, 1982; NHSRplotthedots' default, not the
/// Making Data Count Excel tools'), moving ranges at or above 3.267·mR̄ are dropped and mR̄ is computed again,
/// once.
public struct ProcessLimits: Sendable, Hashable {
    /// The multiple of mR̄ from the centre line to a process limit.
    public static let limitFactor = 2.66
    /// The multiple of mR̄ of the moving-range chart's upper limit.
    public static let movingRangeFactor = 3.267

    /// The input position where the phase starts and one past where it ends.
    public let range: Range<Int>
    /// How many values the limits were computed from (the phase's first `baselineLength` non-missing values,
    /// or all of them).
    public let baselineCount: Int
    /// How many moving ranges went into mR̄.
    public let movingRangeCount: Int
    /// The centre line, x̄.
    public let mean: Double
    /// mR̄.
    public let averageMovingRange: Double
    /// x̄ − 2.66·mR̄.
    public let lowerProcessLimit: Double
    /// x̄ + 2.66·mR̄.
    public let upperProcessLimit: Double
    /// x̄ − (2/3)·2.66·mR̄.
    public let lowerTwoSigma: Double
    /// x̄ + (2/3)·2.66·mR̄.
    public let upperTwoSigma: Double
    /// 3.267·mR̄, the upper limit of the moving-range chart.
    public let movingRangeUpperLimit: Double

    /// The limits from `values[range]` (NaN = missing), from the first `baselineLength` non-missing values when
    /// it is given; `nil` when there is no moving range to compute them from.
    init?(values: [Double], range: Range<Int>, baselineLength: Int?, screenOutliers: Bool) {
        var baseline: [Double] = []
        var ranges: [Double] = []
        var previous: Double? = nil
        for i in range {
            let x = values[i]
            if x.isNaN {
                previous = nil
                continue
            }
            if let limit = baselineLength, baseline.count >= limit { break }
            baseline.append(x)
            if let previous { ranges.append(abs(x - previous)) }
            previous = x
        }
        guard !ranges.isEmpty, let centre = Metrics.mean(baseline), var average = Metrics.mean(ranges) else { return nil }
        if screenOutliers {
            let kept = ranges.filter { $0 < Self.movingRangeFactor * average }
            if let screened = Metrics.mean(kept) {
                average = screened
                ranges = kept
            }
        }
        self.range = range
        baselineCount = baseline.count
        movingRangeCount = ranges.count
        self.mean = centre
        averageMovingRange = average
        lowerProcessLimit = centre - Self.limitFactor * average
        upperProcessLimit = centre + Self.limitFactor * average
        lowerTwoSigma = centre - 2 * (Self.limitFactor / 3) * average
        upperTwoSigma = centre + 2 * (Self.limitFactor / 3) * average
        movingRangeUpperLimit = Self.movingRangeFactor * average
    }

    private init(copying limits: ProcessLimits, level: (Double) -> Double, difference: (Double) -> Double) {
        range = limits.range
        baselineCount = limits.baselineCount
        movingRangeCount = limits.movingRangeCount
        mean = level(limits.mean)
        averageMovingRange = difference(limits.averageMovingRange)
        lowerProcessLimit = level(limits.lowerProcessLimit)
        upperProcessLimit = level(limits.upperProcessLimit)
        lowerTwoSigma = level(limits.lowerTwoSigma)
        upperTwoSigma = level(limits.upperTwoSigma)
        movingRangeUpperLimit = difference(limits.movingRangeUpperLimit)
    }

    /// The limits of values z on `scale` (`ValueScale`), in the values' own units.
    func rescaled(_ scale: ValueScale) -> ProcessLimits {
        ProcessLimits(copying: self, level: scale.level, difference: scale.difference)
    }
}
