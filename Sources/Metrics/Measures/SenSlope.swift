internal import Foundation

/// The Theil–Sen slope on the real time axis, with Sen's distribution-free confidence interval and the
/// Conover intercept.
///
/// Method: the slope is the median of the pairwise slopes (yⱼ − yᵢ)/(tⱼ − tᵢ) over pairs with tⱼ > tᵢ (Theil
/// 1950; Sen 1968). The 1 − α interval takes the order statistics of the sorted slopes at
/// R_u = round((N − z·σ)/2) and R_l = round((N + z·σ)/2) − 1 (0-based, clamped to the slopes), where
/// N is the number of slopes, z = Φ⁻¹(α/2), and σ² = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18 with ties in the
/// times and in the values (Sen 1968, eq. 2.6); rounding is to the nearest, ties to even. This is SciPy's
/// `theilslopes(method='separate')` exactly. The intercept is Conover's (1980): median(y) − slope ×
/// median(t), the line's value at the first period.
/// Conventions: t in years since the first non-missing period (per-year slope), missing values left out;
/// fewer than two distinct times give no slope. The values are taken on their own `ValueScale` (so values
/// near 10³⁰⁸ give finite pairwise differences); the slope and its interval are differences, the intercept
/// a value.
public struct SenSlope: Sendable, Hashable {
    public let slope: Double
    public let intercept: Double
    public let low: Measured<Double>
    public let high: Measured<Double>

    public init?(times: [Double], values: [Double], alpha: Double) throws(GSLError) {
        let scale = ValueScale(values: values)
        guard let onScale = try SenSlope(
            times: times, values: values.map { scale.scaled($0) }, critical: CriticalValues(alpha: alpha, tabulated: false))
        else { return nil }
        self = onScale.rescaled(scale)
    }

    private init(slope: Double, intercept: Double, low: Measured<Double>, high: Measured<Double>) {
        self.slope = slope
        self.intercept = intercept
        self.low = low
        self.high = high
    }

    /// The slope of values z on `scale`, in the values' own units.
    func rescaled(_ scale: ValueScale) -> SenSlope {
        func difference(_ m: Measured<Double>) -> Measured<Double> { m.value.map { .value(scale.difference($0)) } ?? m }
        return SenSlope(slope: scale.difference(slope), intercept: scale.level(intercept), low: difference(low), high: difference(high))
    }

    init?(times: [Double], values: [Double], critical: CriticalValues) throws(GSLError) {
        try self.init(times: times, values: values, sortedTimes: times.sorted(), sortedValues: values.sorted(), critical: critical)
    }

    /// With the times and values also given in ascending order (shared with the other measures).
    init?(times: [Double], values: [Double], sortedTimes: [Double], sortedValues: [Double], critical: CriticalValues) throws(GSLError) {
        let n = times.count
        guard n >= 2 else { return nil }
        // Every pair with tⱼ > tᵢ, written into storage of the largest possible count.
        var slopes = [Double](unsafeUninitializedCapacity: n * (n - 1) / 2) { buffer, count in
            times.withUnsafeBufferPointer { t in
                values.withUnsafeBufferPointer { y in
                    var k = 0
                    for i in 0..<n {
                        let ti = t[i]
                        let yi = y[i]
                        for j in 0..<n where t[j] > ti {
                            buffer[k] = (y[j] - yi) / (t[j] - ti)
                            k += 1
                        }
                    }
                    count = k
                }
            }
        }
        guard !slopes.isEmpty else { return nil }
        let count = slopes.count
        let z = try critical.normalLowerQuantile()
        let ny = Double(n)
        let variance = (ny * (ny - 1) * (2 * ny + 5) - tieCorrection(sorted: sortedTimes) - tieCorrection(sorted: sortedValues)) / 18
        let sigma = variance >= 0 ? variance.squareRoot() : 0
        let upper = min(Int(((Double(count) - z * sigma) / 2).rounded(.toNearestOrEven)), count - 1)
        let lower = max(Int(((Double(count) + z * sigma) / 2).rounded(.toNearestOrEven)) - 1, 0)
        // The median and the two bounds by selection, not a full sort (the same values, in O(count)).
        let middle = (count - 1) / 2
        let interval = variance >= 0 && lower < count && upper >= 0
        let wanted = [middle, count % 2 == 1 ? middle : middle + 1] + (interval ? [lower, upper] : [])
        let order = orderStatistics(&slopes, ranks: wanted)
        let slope = count % 2 == 1 ? order[0] : median(sorted: [order[0], order[1]])!
        self.slope = slope
        intercept = median(sorted: sortedValues)! - slope * median(sorted: sortedTimes)!

        guard variance >= 0 else {
            low = .undefined("Sen's variance is negative for these ties")
            high = .undefined("Sen's variance is negative for these ties")
            return
        }
        if interval {
            low = .value(order[2])
            high = .value(order[3])
        } else {
            low = .undefined("too few points for the interval")
            high = .undefined("too few points for the interval")
        }
    }
}
