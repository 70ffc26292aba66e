/// Alexandersson's standard normal homogeneity test (SNHT) for a single shift in the mean.
///
/// Method: Alexandersson, "A homogeneity test applied to precipitation data", *Journal of Climatology* 6
/// (1986), as pyhomogeneity 1.1's `snht_test`: with s the sample standard deviation (n − 1 denominator),
/// z̄₁ = (mean of the first k values − x̄)/s and z̄₂ = (mean of the other n − k − x̄)/s,
/// T_k = k·z̄₁² + (n − k)·z̄₂² for k = 1…n − 1; the statistic is T₀ = max T_k and the change is after the
/// first k at which T_k = T₀. The p-value is simulated (`MonteCarloPValue`), as in pyhomogeneity: the
/// published critical values (Alexandersson 1986; Khaliq & Ouarda, *Int. J. Climatol.* 27, 2007) are
/// themselves simulated and tabulated only at a few levels. T₀ has no limiting distribution to fall back on
/// (it grows like 2 log log n, Darling & Erdős 1956, and its extreme-value limit is far off at any practical
/// n), so a series too long to simulate within `MonteCarloPValue.simulationBudget` (more than 2,000 values at
/// the default replicates) has no p-value, with the reason (`pReason`); the statistic, the change point and
/// the means are still given.
/// Conventions: the change is reported on the before side (`ChangePoint`); only the order of the values
/// matters, not their spacing in time; missing values (NaN, or GSS symbols in observations) are left out;
/// fewer than 3 values, or values that are all equal (s = 0), give no test. The test is most sensitive to
/// changes near the ends of the series, where T_k rests on few values.
/// - Complexity: O(n) for the statistic, O(n · replicates) for the p-value.
public struct StandardNormalHomogeneityTest: Sendable, Hashable {
    /// The number of values tested (missing values excluded).
    public let n: Int
    /// T₀ = max T_k (pyhomogeneity's `T`).
    public let statistic: Double
    /// The most probable change point and the means either side of it.
    public let changePoint: ChangePoint
    /// The simulated p-value; `nil` when the series is too long to simulate (`pReason` says why).
    public let pValue: MonteCarloPValue?
    /// The simulated p-value's estimate, if simulated.
    public var p: Double? { pValue?.p }
    /// Why there is no p-value, if there is none.
    public let pReason: String?

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
        guard input.values.count >= 3, let (t, k) = Self.statistic(input.values) else { return nil }
        n = input.values.count
        statistic = t
        changePoint = ChangePoint(input, countBefore: k)
        if MonteCarloPValue.simulates(n: n, replicates: replicates) {
            pValue = Self.pValue(statistic: t, n: n, replicates: replicates)
            pReason = nil
        } else {
            pValue = nil
            pReason = MonteCarloPValue.budgetReason(n: n, replicates: replicates)
        }
    }

    /// The simulated p-value of `statistic` for a series of n values: the same simulation, and so the same
    /// number, as the test of such a series gives. A batch can use it to look up many series of one length.
    public static func pValue(statistic: Double, n: Int, replicates: Int = MonteCarloPValue.defaultReplicates) -> MonteCarloPValue {
        MonteCarloPValue(observed: statistic, n: n, replicates: replicates, seed: 0x534E_4854_5F54_3021) {
            Self.statistic($0)?.t0 ?? 0
        }
    }

    /// T₀ and the number of values before the change; `nil` when the values are all equal.
    static func statistic(_ values: [Double]) -> (t0: Double, countBefore: Int)? {
        let n = values.count
        let (deviations, squares) = centred(values)
        guard squares > 0 else { return nil }
        let s = (squares / Double(n - 1)).squareRoot()
        // Σ of the deviations after k, for k = 1…n − 1, summed from the end as the before sums are from the start.
        var after = [Double](repeating: 0, count: n)
        var tail = 0.0
        for k in stride(from: n - 1, through: 1, by: -1) {
            tail += deviations[k]
            after[k] = tail
        }
        var before = 0.0
        var best = -Double.infinity
        var at = 1
        for k in 1..<n {
            before += deviations[k - 1]
            let z1 = before / s / Double(k)
            let z2 = after[k] / s / Double(n - k)
            let t = Double(k) * z1 * z1 + Double(n - k) * z2 * z2
            if t > best {
                best = t
                at = k
            }
        }
        return (best, at)
    }
}
