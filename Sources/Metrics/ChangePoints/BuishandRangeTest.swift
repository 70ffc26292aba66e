/// Buishand's range test for a change in the mean of a series.
///
/// Method: Buishand, "Some methods for testing the homogeneity of rainfall records", *Journal of Hydrology* 58
/// (1982), as pyhomogeneity 1.1's `buishand_range_test`: the adjusted partial sums S_k = Σᵢ≤ₖ (xᵢ − x̄) for
/// k = 1…n, rescaled by D = √(Σ(xᵢ − x̄)²/n) (the population standard deviation, n in the denominator, as
/// Buishand defines it); the statistic is R/√n = (max S_k − min S_k)/(D·√n); the change is after the first k
/// at which |S_k| is largest. The p-value is simulated (`MonteCarloPValue`): Buishand's critical values are
/// themselves from simulation, and pyhomogeneity's p-value is too. For a series too long to simulate within
/// `MonteCarloPValue.simulationBudget` (more than 2,000 values at the default replicates) it comes from the
/// asymptotic distribution instead (`asymptoticP`).
/// Conventions: as pyhomogeneity, the extremes run over k = 1…n (S_n is zero up to rounding); the change is
/// reported on the before side (`ChangePoint`); only the order of the values matters, not their spacing in
/// time; missing values (NaN, or GSS symbols in observations) are left out; fewer than 3 values, or values
/// that are all equal (D = 0), give no test.
/// - Complexity: O(n) for the statistic, O(n · replicates) for a simulated p-value, O(1) for the asymptotic one.
public struct BuishandRangeTest: Sendable, Hashable {
    /// The number of values tested (missing values excluded).
    public let n: Int
    /// R/√n, the rescaled range of the adjusted partial sums (pyhomogeneity's `R`).
    public let statistic: Double
    /// The most probable change point and the means either side of it.
    public let changePoint: ChangePoint
    /// The simulated p-value; `nil` when the series is too long to simulate and `p` is asymptotic.
    public let pValue: MonteCarloPValue?
    /// The p-value: the simulated estimate, or the asymptotic value for a long series.
    public let p: Double

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
        if MonteCarloPValue.simulates(n: n, replicates: replicates) {
            let simulated = Self.pValue(statistic: r, n: n, replicates: replicates)
            pValue = simulated
            p = simulated.p
        } else {
            pValue = nil
            p = Self.asymptoticP(statistic: r, n: n)
        }
    }

    /// The asymptotic p-value of R/√n for a series of n values: the upper tail of Kuiper's distribution
    /// (`KuiperDistribution`), the law of the range of a Brownian bridge, which is R/√n's limit (Buishand
    /// 1982, §3, whose n = ∞ critical values 1.62, 1.75 and 2.00 are its 90, 95 and 99% points), at the
    /// statistic moved up by 2β/√n, β = −ζ(1/2)/√(2π) ≈ 0.5826: the partial sums are watched at n points, not
    /// continuously, and a discretely watched maximum falls short of the continuous one by β standard
    /// deviations of one step (Siegmund, D. 1979, "Corrected diffusion approximations in certain random walk
    /// problems", *Advances in Applied Probability* 11, 701–719; Broadie, M., Glasserman, P. & Kou, S. 1997,
    /// "A continuity correction for discrete barrier options", *Mathematical Finance* 7, 325–349), at both
    /// ends of the range.
    /// Accuracy (against numpy simulations of the test, 20,000 series of n values, 100,000 at n = 2,000): within
    /// 0.02 at n = 100, 0.006 at n = 1,000, 0.003 at n = 2,000 and 5,000 (0.16 at n = 100 without the
    /// correction); the simulated p-value's own accuracy is ±0.005.
    public static func asymptoticP(statistic: Double, n: Int) -> Double {
        KuiperDistribution.upperTail(statistic + 2 * discreteMonitoringShift / Double(n).squareRoot())
    }

    /// β = −ζ(1/2)/√(2π), the discrete-monitoring correction of Siegmund (1979).
    static let discreteMonitoringShift = 0.5825971579390106

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
