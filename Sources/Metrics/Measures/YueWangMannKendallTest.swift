/// The Mann–Kendall test with Yue & Wang's effective-sample-size correction for serial correlation.
///
/// Method: Yue, S. & Wang, C. Y. (2004), "The Mann-Kendall test modified by effective sample size to detect
/// trend in serially correlated hydrological series", *Water Resources Management* 18, 201–218, eq. 13, as
/// pymannkendall 1.4.3's `yue_wang_modification_test` computes it with its default lags. S and the
/// tie-corrected Var(S) are `MannKendallTest`'s. The series is detrended with its Sen slope β,
/// eᵢ = xᵢ − β·tᵢ; rₖ is the sample autocorrelation of eᵢ at lag k (`sampleAutocorrelations`), every lag
/// k = 1 … n − 1 counting, and
///     n/n* = 1 + 2·Σₖ (1 − k/n)·rₖ,
///     Var*(S) = Var(S) · n/n*,
/// z = (S ∓ 1)/√Var*(S) (continuity-corrected), p = 2·Q(|z|) from GSL's upper tail (no underflow to 0
/// beyond |z| ≈ 8.3, where pymannkendall's 2·(1 − Φ(|z|)) is 0).
///
/// Conventions:
/// - Time axis: `times` are real (years, months at Y + (m − 1)/12), and β is the Sen slope per unit of
///   `times` on that axis (the summary's `sen_slope`). pymannkendall takes β per index step over the
///   original positions and subtracts it at positions 1 … n of the series with missing values removed, so
///   after a gap its residuals keep a step of β per missing period; here eᵢ is trend-free on the real axis.
///   On an evenly spaced series without gaps the residuals differ by a constant, so the result is the same.
/// - Missing values: left out by the caller; the observations are then taken in time order as consecutive
///   lags (as pymannkendall does, and as `lag1Autocorrelation` assumes).
/// - Ties: the tie-corrected Var(S).
/// - Precision: the residuals are those of the values less the first (`differencesFromFirst`), so a large
///   common offset costs no digits: Var*(S) agrees with exact rational arithmetic to 14 digits or more on
///   1,000,000.1 … 1,000,000.9, 10⁹ plus integers and monthly series with gaps (`MannKendallVariantsExactTests`).
/// - No test (`Measured.undefined`, with the reason) for fewer than 3 observations (at n = 2 the residuals'
///   lag-1 autocorrelation is −½ whatever the data, and pymannkendall's Var*(S) = Var(S)/2 means nothing),
///   when the residuals are all equal (an exactly linear or constant series: no autocorrelation is defined,
///   pymannkendall gives NaN), or when the correction makes Var*(S) ≤ 0. Never NaN.
public struct YueWangMannKendallTest: Sendable, Hashable {
    /// Observations used.
    public let n: Int
    public let s: Double
    /// Var*(S): the tie-corrected Var(S) times n/n*.
    public let varianceS: Double
    /// n*, the effective sample size.
    public let effectiveSampleSize: Double
    public let z: Double
    public let p: Double

    /// The test on observations (times ascending, in years; values at those times), or `nil` when it cannot
    /// be computed (`measure` gives the reason).
    public init?(times: [Double], values: [Double]) throws(GSLError) {
        guard let test = try Self.measure(times: times, values: values).value else { return nil }
        self = test
    }

    private init(n: Int, s: Double, varianceS: Double, effectiveSampleSize: Double, z: Double, p: Double) {
        self.n = n
        self.s = s
        self.varianceS = varianceS
        self.effectiveSampleSize = effectiveSampleSize
        self.z = z
        self.p = p
    }

    /// The test, or the reason it has none.
    public static func measure(times: [Double], values: [Double]) throws(GSLError) -> Measured<Self> {
        if let problem = mannKendallVariantInputProblem(times: times, values: values) { return .undefined(problem) }
        guard let base = try MannKendallTest(values: values), base.varianceS > 0 else {
            return .undefined("all values are equal")
        }
        let slope: Double
        switch detrendingSenSlope(times: times, values: values) {
        case .value(let s): slope = s
        case .undefined(let reason): return .undefined("no Sen slope: \(reason)")
        }
        let origin = times[0]
        let residuals = zip(times, differencesFromFirst(values)).map { t, x in x - slope * (t - origin) }
        let n = values.count
        guard let r = try sampleAutocorrelations(residuals, maximumLag: n - 1) else {
            return .undefined("the detrended values are all equal (an exactly linear series): their autocorrelation is undefined")
        }
        let nn = Double(n)
        var sum = 0.0
        for k in stride(from: 1, to: n, by: 1) { sum += (1 - Double(k) / nn) * r[k] }
        let ratio = 1 + 2 * sum
        let variance = base.varianceS * ratio
        guard variance > 0, variance.isFinite else {
            return .undefined("the autocorrelation correction makes Var(S) non-positive (n/n* = \(ratio))")
        }
        let z = mannKendallZ(s: base.s, variance: variance)
        return .value(Self(n: n, s: base.s, varianceS: variance, effectiveSampleSize: nn / ratio, z: z, p: try StandardNormal.twoSidedP(z)))
    }
}
