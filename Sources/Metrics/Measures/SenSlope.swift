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
/// fewer than two distinct times give no slope; pairs with equal times give no slope (they are not counted).
/// The values are taken on their own `ValueScale` (so values near 10³⁰⁸ give finite pairwise differences);
/// the slope and its interval are differences, the intercept a value.
/// - Complexity: up to `listedPointLimit` points every slope is listed and the three ranks selected
///   (`orderStatistics`, O(n²)); longer series select the same doubles without listing them
///   (`PairwiseSlopeSelection`, O(n log n) expected time, O(n) memory), so a series of 10⁶ points needs tens
///   of megabytes, not the 4 TB of its 5·10¹¹ slopes.
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
        guard let sen = try Self.measure(times: times, values: values, sortedTimes: sortedTimes, sortedValues: sortedValues, critical: critical).value
        else { return nil }
        self = sen
    }

    /// Series with at most this many points list their n(n − 1)/2 slopes and select among them; longer ones
    /// select without listing them (`PairwiseSlopeSelection`): the same doubles, in O(n log n) time and
    /// O(n) memory. Listing is the quicker up to about 900 points (measured in release: 0.7 against 1.2 ms a
    /// series at 400 points, 1.4 against 1.25 ms at 1,000), and takes 4 MB at 1,000.
    static let listedPointLimit = 1_000

    /// The slope, its interval and intercept, or why there is none: fewer than two distinct times, or (for a
    /// long series whose slopes cannot be selected within the work allowed, never met on real data) the
    /// selection's reason.
    static func measure(
        times: [Double], values: [Double], sortedTimes: [Double], sortedValues: [Double], critical: CriticalValues
    ) throws(GSLError) -> Measured<SenSlope> {
        let n = times.count
        guard n >= 2 else { return .undefined("fewer than two values") }
        let z = try critical.normalLowerQuantile()
        let ny = Double(n)
        let variance = (ny * (ny - 1) * (2 * ny + 5) - tieCorrection(sorted: sortedTimes) - tieCorrection(sorted: sortedValues)) / 18
        let sigma = variance >= 0 ? variance.squareRoot() : 0
        var interval = false
        let selected = orderedSlopes(times: times, values: values) { count in
            let upper = min(Int(((Double(count) - z * sigma) / 2).rounded(.toNearestOrEven)), count - 1)
            let lower = max(Int(((Double(count) + z * sigma) / 2).rounded(.toNearestOrEven)) - 1, 0)
            // The median and the two bounds by selection, not a full sort (the same values, in O(count)).
            let middle = (count - 1) / 2
            interval = variance >= 0 && lower < count && upper >= 0
            return [middle, count % 2 == 1 ? middle : middle + 1] + (interval ? [lower, upper] : [])
        }
        let count: Int
        let order: [Double]
        switch selected {
        case .value(let found): (count, order) = (found.count, found.values)
        case .undefined(let reason): return .undefined(reason)
        }
        let slope = count % 2 == 1 ? order[0] : median(sorted: [order[0], order[1]])!
        let intercept = median(sorted: sortedValues)! - slope * median(sorted: sortedTimes)!

        guard variance >= 0 else {
            let reason = "Sen's variance is negative for these ties"
            return .value(SenSlope(slope: slope, intercept: intercept, low: .undefined(reason), high: .undefined(reason)))
        }
        if interval {
            return .value(SenSlope(slope: slope, intercept: intercept, low: .value(order[2]), high: .value(order[3])))
        }
        let reason = "too few points for the interval"
        return .value(SenSlope(slope: slope, intercept: intercept, low: .undefined(reason), high: .undefined(reason)))
    }

    /// The median of the pairwise slopes alone (what the detrending Mann–Kendall variants subtract), or why
    /// there is none.
    static func medianSlope(times: [Double], values: [Double]) -> Measured<Double> {
        guard times.count >= 2 else { return .undefined("fewer than two values") }
        let selected = orderedSlopes(times: times, values: values) { count in
            count % 2 == 1 ? [(count - 1) / 2] : [(count - 1) / 2, (count - 1) / 2 + 1]
        }
        switch selected {
        case .value(let found): return .value(found.count % 2 == 1 ? found.values[0] : median(sorted: [found.values[0], found.values[1]])!)
        case .undefined(let reason): return .undefined(reason)
        }
    }

    /// The number of pairwise slopes (pairs with tⱼ > tᵢ) and those at the ranks that `ranks` asks for
    /// given that number (0-based): listed and selected for a short series, selected without listing them
    /// (`PairwiseSlopeSelection`) for a long one; or why there are none.
    private static func orderedSlopes(
        times: [Double], values: [Double], ranks: (Int) -> [Int]
    ) -> Measured<SelectedSlopes> {
        let n = times.count
        guard n <= listedPointLimit else {
            guard times.allSatisfy(\.isFinite), values.allSatisfy(\.isFinite) else { return .undefined("a time or value is not finite") }
            let selection = PairwiseSlopeSelection(groups: [(times, values)])
            guard selection.total > 0 else { return .undefined("all values are at one time") }
            return selection.slopes(atRanks: ranks(selection.total)).map { SelectedSlopes(count: selection.total, values: $0) }
        }
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
        guard !slopes.isEmpty else { return .undefined("all values are at one time") }
        return .value(SelectedSlopes(count: slopes.count, values: orderStatistics(&slopes, ranks: ranks(slopes.count))))
    }

    private struct SelectedSlopes: Sendable, Hashable {
        let count: Int
        let values: [Double]
    }
}
