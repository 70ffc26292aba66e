/// The Mann–Kendall test on the trend-free pre-whitened series (TFPW), which removes lag-1 serial
/// correlation from the residuals around the Sen trend and then restores the trend.
///
/// Method: Yue, S., Pilon, P., Phinney, B. & Cavadias, G. (2002), "The influence of autocorrelation on the
/// ability to detect trend in hydrological series", *Hydrological Processes* 16, 1807–1829, as pymannkendall
/// 1.4.3's `trend_free_pre_whitening_modification_test` computes it. With β the Sen slope and
/// eᵢ = xᵢ − β·tᵢ the residuals, r₁ is their lag-1 sample autocorrelation (`lag1Autocorrelation`) and the
/// series tested is wᵢ = (eᵢ − r₁·eᵢ₋₁) + β·tᵢ, i = 2 … n (n − 1 values); S, the tie-corrected Var(S),
/// z (continuity-corrected) and p are `MannKendallTest`'s on w.
///
/// Conventions:
/// - Time axis: `times` are real (years, months at Y + (m − 1)/12) and measured from the first
///   observation; β is the Sen slope per unit of `times` on that axis (the summary's `sen_slope`), removed
///   and restored at the real tᵢ. pymannkendall takes β per index step over the original positions and
///   removes it at positions 1 … n of the series with missing values removed (restoring it at 1 … n − 1), so
///   after a gap its residuals keep a step of β per missing period. On an evenly spaced series without gaps
///   both differ by constants only, so the result is the same.
/// - Missing values: left out by the caller; the observations are taken in time order as consecutive lags
///   for r₁ and the whitening (as pymannkendall does, and as `lag1Autocorrelation` assumes).
/// - Ties: the tie-corrected Var(S) of w.
/// - Precision: computed on the values less the first (`differencesFromFirst`), which changes no sign,
///   rank or autocorrelation, so a large common offset costs no digits (`MannKendallVariantsExactTests`).
/// - No test (`Measured.undefined`, with the reason) for fewer than 3 observations (w needs 2 values;
///   pymannkendall divides by zero), when the residuals are all equal (an exactly linear or constant
///   series: r₁ is undefined and pymannkendall's NaN gives S = 0 with a meaningless Var(S)), or when all of
///   w is tied. Never NaN; p = 2·Q(|z|) does not underflow beyond |z| ≈ 8.3.
public struct TrendFreePrewhitenedMannKendallTest: Sendable, Hashable {
    /// Values in the pre-whitened series (observations − 1).
    public let n: Int
    public let s: Double
    public let varianceS: Double
    public let z: Double
    public let p: Double
    /// The Sen slope β per unit of `times` that was removed and restored.
    public let slope: Double
    /// The lag-1 autocorrelation r₁ of the residuals that was removed.
    public let lag1Autocorrelation: Double

    /// The test on observations (times ascending, in years; values at those times), or `nil` when it cannot
    /// be computed (`measure` gives the reason).
    public init?(times: [Double], values: [Double]) throws(GSLError) {
        guard let test = try Self.measure(times: times, values: values).value else { return nil }
        self = test
    }

    private init(test: MannKendallTest, slope: Double, r1: Double) {
        n = test.n
        s = test.s
        varianceS = test.varianceS
        z = test.z
        p = test.p
        self.slope = slope
        lag1Autocorrelation = r1
    }

    /// The test, or the reason it has none.
    public static func measure(times: [Double], values: [Double]) throws(GSLError) -> Measured<Self> {
        if let problem = mannKendallVariantInputProblem(times: times, values: values) { return .undefined(problem) }
        let slope: Double
        switch detrendingSenSlope(times: times, values: values) {
        case .value(let s): slope = s
        case .undefined(let reason): return .undefined("no Sen slope: \(reason)")
        }
        let t = times.map { $0 - times[0] }
        let residuals = zip(t, differencesFromFirst(values)).map { t, x in x - slope * t }
        guard let r1 = Metrics.lag1Autocorrelation(residuals) else {
            return .undefined("the detrended values are all equal (an exactly linear or constant series): their lag-1 autocorrelation is undefined")
        }
        let whitened = (1..<values.count).map { i in residuals[i] - r1 * residuals[i - 1] + slope * t[i] }
        guard let test = try MannKendallTest(values: whitened), test.varianceS > 0 else {
            return .undefined("all pre-whitened values are equal")
        }
        return .value(Self(test: test, slope: slope, r1: r1))
    }
}
