/// The Mann–Kendall test with Hamed & Rao's variance correction for serial correlation.
///
/// Method: Hamed, K. H. & Rao, A. R. (1998), "A modified Mann-Kendall trend test for autocorrelated data",
/// *Journal of Hydrology* 204, 182–196, eq. 18, as pymannkendall 1.4.3's `hamed_rao_modification_test`
/// computes it with its default lags. S and the tie-corrected Var(S) are `MannKendallTest`'s. The series is
/// detrended with its Sen slope β, eᵢ = xᵢ − β·tᵢ, and replaced by the (average) ranks of eᵢ; rₖ is the
/// sample autocorrelation of those ranks at lag k (`sampleAutocorrelations`). Only the lags k = 1 … n − 1
/// with |rₖ| > Φ⁻¹(1 − α/2)/√n count (the others are taken as 0), and
///     n/n*ₛ = 1 + 2/(n(n − 1)(n − 2)) · Σₖ (n − k)(n − k − 1)(n − k − 2)·rₖ,
///     Var*(S) = Var(S) · n/n*ₛ,
/// z = (S ∓ 1)/√Var*(S) (continuity-corrected), p = 2·Q(|z|) from GSL's upper tail (no underflow to 0
/// beyond |z| ≈ 8.3, where pymannkendall's 2·(1 − Φ(|z|)) is 0).
///
/// Conventions:
/// - Time axis: `times` are real (years, months at Y + (m − 1)/12), and β is the Sen slope per unit of
///   `times` on that axis (the summary's `sen_slope`). pymannkendall ignores the times: it takes β per index
///   step over the original positions and subtracts it at positions 1 … n of the series with missing values
///   removed, so after a gap its "detrended" values keep part of the trend. On an evenly spaced series
///   without gaps both give the same ranks, so the same result.
/// - Missing values: left out by the caller. The observations are then taken in time order as consecutive
///   lags for the autocorrelation (as pymannkendall does, and as `lag1Autocorrelation` assumes).
/// - Ties: the tie-corrected Var(S); tied detrended values share their average rank, and detrended values
///   that differ by less than 10⁻⁹ of the data's scale, maxᵢ|xᵢ| + |β|·(tₙ − t₁), count as tied: that is far
///   above the rounding of month times (Y + (m − 1)/12 is not exact in binary), of β and of xᵢ − β·tᵢ, and
///   far below the precision of published figures. A series of rounded decimals with a rational slope
///   (0.101, 0.102, … with β = 1/1500) has exact ties there, which pymannkendall's rounding breaks at
///   random: its ranks, so its Var*(S), then differ from the exact ones.
/// - Precision: computed on the values less the first (`differencesFromFirst`), which changes no sign,
///   rank or autocorrelation, so a large common offset costs no digits (`MannKendallVariantsExactTests`).
/// - No test (`Measured.undefined`, with the reason) for fewer than 3 observations (n − 2 divides), when
///   the detrended values are all equal (no autocorrelation is defined: pymannkendall gives NaN there), or
///   when the correction makes Var*(S) ≤ 0. Never NaN.
/// - `alpha` sets only which autocorrelations count, not the result's significance.
public struct HamedRaoMannKendallTest: Sendable, Hashable {
    /// Observations used.
    public let n: Int
    public let s: Double
    /// Var*(S): the tie-corrected Var(S) times the correction n/n*ₛ.
    public let varianceS: Double
    /// n/n*ₛ, the ratio of Var*(S) to the uncorrected tie-corrected Var(S).
    public let varianceCorrection: Double
    public let z: Double
    public let p: Double

    /// The test on observations (times ascending, in years; values at those times), or `nil` when it cannot
    /// be computed (`measure` gives the reason).
    public init?(times: [Double], values: [Double], alpha: Double = 0.05) throws(GSLError) {
        guard let test = try Self.measure(times: times, values: values, alpha: alpha).value else { return nil }
        self = test
    }

    private init(n: Int, s: Double, varianceS: Double, varianceCorrection: Double, z: Double, p: Double) {
        self.n = n
        self.s = s
        self.varianceS = varianceS
        self.varianceCorrection = varianceCorrection
        self.z = z
        self.p = p
    }

    /// The test, or the reason it has none.
    public static func measure(times: [Double], values: [Double], alpha: Double = 0.05) throws(GSLError) -> Measured<Self> {
        if let problem = mannKendallVariantInputProblem(times: times, values: values) { return .undefined(problem) }
        guard alpha > 0, alpha < 1 else { return .undefined("alpha \(alpha) is outside (0, 1)") }
        guard let base = try MannKendallTest(values: values), base.varianceS > 0 else {
            return .undefined("all values are equal")
        }
        let slope: Double
        switch detrendingSenSlope(times: times, values: values) {
        case .value(let s): slope = s
        case .undefined(let reason): return .undefined("no Sen slope: \(reason)")
        }
        let origin = times[0]
        let differences = differencesFromFirst(values)
        let detrended = zip(times, differences).map { t, x in x - slope * (t - origin) }
        let n = values.count
        // Residuals equal up to rounding (of the times, the slope and xᵢ − β·tᵢ) are ties, as in exact arithmetic.
        let scale = (differences.map(abs).max() ?? 0) + abs(slope) * (times[n - 1] - origin)
        let ranks = averageRanks(detrended, tolerance: 1e-9 * scale)
        guard let r = try sampleAutocorrelations(ranks, maximumLag: n - 1) else {
            return .undefined("the detrended values are all equal: their autocorrelation is undefined")
        }
        let bound = try StandardNormal.quantile(1 - alpha / 2) / Double(n).squareRoot()
        var sum = 0.0
        for k in stride(from: 1, to: n, by: 1) where abs(r[k]) > bound {
            sum += Double(n - k) * Double(n - k - 1) * Double(n - k - 2) * r[k]
        }
        let nn = Double(n)
        let correction = 1 + 2 / (nn * (nn - 1) * (nn - 2)) * sum
        let variance = base.varianceS * correction
        guard variance > 0, variance.isFinite else {
            return .undefined("the autocorrelation correction makes Var(S) non-positive (n/n*s = \(correction))")
        }
        let z = mannKendallZ(s: base.s, variance: variance)
        return .value(Self(n: n, s: base.s, varianceS: variance, varianceCorrection: correction, z: z, p: try StandardNormal.twoSidedP(z)))
    }
}

/// The ranks 1 … n of the values, tied values sharing the mean of their ranks (SciPy's
/// `rankdata(method='average')`); neighbours in sorted order closer than `tolerance` are tied.
func averageRanks(_ values: [Double], tolerance: Double = 0) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start + 1
        while end < order.count, values[order[end]] - values[order[end - 1]] <= tolerance { end += 1 }
        let rank = Double(start + 1 + end) / 2  // mean of ranks start+1 … end
        for i in start..<end { ranks[order[i]] = rank }
        start = end
    }
    return ranks
}
