/// Buishand's range test for a change in the mean of a series.
///
/// Method: Buishand, "Some methods for testing the homogeneity of rainfall records", *Journal of Hydrology* 58
/// (1982), as pyhomogeneity 1.1's `buishand_range_test`: the adjusted partial sums S_k = Σᵢ≤ₖ (xᵢ − x̄) for
/// k = 1…n, rescaled by D = √(Σ(xᵢ − x̄)²/n) (the population standard deviation, n in the denominator, as
/// Buishand defines it); the statistic is R/√n = (max S_k − min S_k)/(D·√n); the change is after the first k
/// at which |S_k| is largest. The p-value is simulated (`MonteCarloPValue`): Buishand's critical values are
/// themselves from simulation, and pyhomogeneity's p-value is too.
/// Conventions: as pyhomogeneity, the extremes run over k = 1…n (S_n is zero up to rounding); the change is
/// reported on the before side (`ChangePoint`); only the order of the values matters, not their spacing in
/// time; missing values (NaN, or GSS symbols in observations) are left out; fewer than 3 values, or values
/// that are all equal (D = 0), give no test.
/// - Complexity: O(n) for the statistic, O(n · replicates) for the p-value.
public struct BuishandRangeTest: Sendable, Hashable {
    /// The number of values tested (missing values excluded).
    public let n: Int
    /// R/√n, the rescaled range of the adjusted partial sums (pyhomogeneity's `R`).
    public let statistic: Double
    /// The most probable change point and the means either side of it.
    public let changePoint: ChangePoint
    /// The simulated p-value.
    public let pValue: MonteCarloPValue
    /// The simulated p-value's estimate.
    public var p: Double { pValue.p }

    /// Tests `values` in time order; NaN marks a missing value. `periods`, when given, has one period per value
    /// and names the change point.
    public init?(values: [Double], periods: [Period]? = nil, replicates: Int = MonteCarloPValue.defaultReplicates) {
        self.init(HomogeneityInput(values: values, periods: periods), replicates: replicates)
    }

    /// Tests a series' observations (in period order); missing values are left out.
    public init?(observations: [Series.Observation], replicates: Int = MonteCarloPValue.defaultReplicates) {
        self.init(HomogeneityInput(observations: observations), replicates: replicates)
    }

    init?(_ input: HomogeneityInput, replicates: Int) {
        guard input.values.count >= 3, let (r, k) = Self.statistic(input.values) else { return nil }
        n = input.values.count
        statistic = r
        changePoint = ChangePoint(input, countBefore: k)
        pValue = Self.pValue(statistic: r, n: n, replicates: replicates)
    }

    /// The simulated p-value of `statistic` for a series of n values: the same simulation, and so the same
    /// number, as the test of such a series gives. A batch can use it to look up many series of one length.
    public static func pValue(statistic: Double, n: Int, replicates: Int = MonteCarloPValue.defaultReplicates) -> MonteCarloPValue {
        MonteCarloPValue(observed: statistic, n: n, replicates: replicates, seed: 0x4255_4953_4841_4E44) {
            Self.statistic($0)?.range ?? 0
        }
    }

    /// R/√n and the number of values before the change; `nil` when the values are all equal.
    static func statistic(_ values: [Double]) -> (range: Double, countBefore: Int)? {
        let n = values.count
        let (deviations, squares) = centred(values)
        guard squares > 0 else { return nil }
        let d = (squares / Double(n)).squareRoot()
        var s = 0.0
        var high = -Double.infinity
        var low = Double.infinity
        var largest = -1.0
        var at = 1
        for k in 1...n {
            s += deviations[k - 1]
            high = max(high, s)
            low = min(low, s)
            if abs(s) > largest {
                largest = abs(s)
                at = k
            }
        }
        return ((high / d - low / d) / Double(n).squareRoot(), min(at, n - 1))
    }
}
