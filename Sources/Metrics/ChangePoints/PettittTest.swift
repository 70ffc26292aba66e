internal import Foundation

/// Pettitt's non-parametric test for a single change point in the level of a series.
///
/// Method: Pettitt, "A non-parametric approach to the change-point problem", *Applied Statistics* 28 (1979),
/// as pyhomogeneity 1.1's `pettitt_test`: with rᵢ the ranks of the values in time order,
/// U_t = 2·Σᵢ≤ₜ rᵢ − t(n + 1) for t = 1…n − 1 (the Mann–Whitney statistic of the first t values against the
/// rest); K = max |U_t|; the change is after the first t at which |U_t| = K. The approximate significance
/// probability is p = 2·exp(−6K²/(n³ + n²)) (Pettitt 1979, eq. 2.4), capped at 1 (pyhomogeneity does not cap).
/// Conventions: ties take their average rank (so a tie adds 0 to the Mann–Whitney count); the change is
/// reported on the before side (`ChangePoint`); only the order of the values matters, not their spacing in
/// time; missing values (NaN, or GSS symbols in observations) are left out; fewer than 3 values give no test.
/// The first maximum wins when |U_t| peaks more than once.
/// - Complexity: O(n log n).
public struct PettittTest: Sendable, Hashable {
    /// The number of values tested (missing values excluded).
    public let n: Int
    /// K = max |U_t|.
    public let statistic: Double
    /// The most probable change point and the means either side of it.
    public let changePoint: ChangePoint
    /// The approximate two-sided p-value, min(1, 2·exp(−6K²/(n³ + n²))).
    public let p: Double

    /// Tests `values` in time order; NaN marks a missing value. `periods`, when given, has one period per value
    /// and names the change point.
    public init?(values: [Double], periods: [Period]? = nil) {
        self.init(HomogeneityInput(values: values, periods: periods))
    }

    /// Tests a series' observations (in period order); missing values are left out.
    public init?(observations: [Series.Observation]) {
        self.init(HomogeneityInput(observations: observations))
    }

    init?(_ input: HomogeneityInput) {
        let x = input.values
        let n = x.count
        guard n >= 3 else { return nil }
        let ranks = Self.midRanks(x)
        var cumulative = 0.0
        var best = -1.0
        var at = 1
        for t in 1..<n {
            cumulative += ranks[t - 1]
            let u = abs(2 * cumulative - Double(t) * Double(n + 1))
            if u > best {
                best = u
                at = t
            }
        }
        self.n = n
        statistic = best
        changePoint = ChangePoint(input, countBefore: at)
        let nn = Double(n)
        p = min(1, 2 * exp(-6 * best * best / (nn * nn * nn + nn * nn)))
    }

    /// Ranks 1…n, ties given the average of the ranks they span (exact: multiples of 1/2).
    static func midRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = rank }
            i = j + 1
        }
        return ranks
    }
}
