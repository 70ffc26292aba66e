/// The Mann–Kendall test on the pre-whitened series, which removes lag-1 serial correlation first.
///
/// Method: von Storch, H. (1995), "Misuses of statistical analysis in climate research", in *Analysis of
/// Climate Variability*, Springer, 11–26; Yue, S. & Wang, C. Y. (2002), "Applicability of prewhitening to
/// eliminate the influence of serial correlation on the Mann-Kendall test", *Water Resources Research*
/// 38(6), 1068; as pymannkendall 1.4.3's `pre_whitening_modification_test` computes it. r₁ is the lag-1
/// sample autocorrelation of the values (`lag1Autocorrelation`); the pre-whitened series
/// wᵢ = xᵢ − r₁·xᵢ₋₁, i = 2 … n, has n − 1 values, and S, the tie-corrected Var(S), z (continuity-
/// corrected) and p are `MannKendallTest`'s on w. The series is always pre-whitened, whether or not r₁ is
/// significant (pymannkendall's choice; von Storch pre-whitens only when it is).
///
/// Conventions:
/// - Time axis: only the order of the observations matters (nothing is detrended), so the result is
///   pymannkendall's on every series.
/// - Missing values: left out by the caller; the observations are taken in time order as consecutive lags
///   (as pymannkendall does, and as `lag1Autocorrelation` assumes), so a value after a gap is whitened
///   with the last observed value.
/// - Ties: the tie-corrected Var(S) of w.
/// - Precision: computed on the values less the first (`differencesFromFirst`), which changes no sign,
///   rank or autocorrelation, so a large common offset costs no digits (`MannKendallVariantsExactTests`).
/// - No test (`Measured.undefined`, with the reason) for fewer than 3 observations (w needs 2 values;
///   pymannkendall divides by zero), when all values are equal (r₁ is undefined: pymannkendall's NaN then
///   gives S = 0 and a meaningless Var(S)), or when all of w is tied (Var(S) = 0). Never NaN; p = 2·Q(|z|)
///   does not underflow beyond |z| ≈ 8.3.
public struct PrewhitenedMannKendallTest: Sendable, Hashable {
    /// Values in the pre-whitened series (observations − 1).
    public let n: Int
    public let s: Double
    public let varianceS: Double
    public let z: Double
    public let p: Double
    /// The lag-1 autocorrelation r₁ that was removed.
    public let lag1Autocorrelation: Double

    /// The test on observations (times ascending; values at those times), or `nil` when it cannot be
    /// computed (`measure` gives the reason).
    public init?(times: [Double], values: [Double]) throws(GSLError) {
        guard let test = try Self.measure(times: times, values: values).value else { return nil }
        self = test
    }

    private init(test: MannKendallTest, r1: Double) {
        n = test.n
        s = test.s
        varianceS = test.varianceS
        z = test.z
        p = test.p
        lag1Autocorrelation = r1
    }

    /// The test, or the reason it has none.
    public static func measure(times: [Double], values: [Double]) throws(GSLError) -> Measured<Self> {
        if let problem = mannKendallVariantInputProblem(times: times, values: values) { return .undefined(problem) }
        // On the values less the first (`differencesFromFirst`): the same S, without the offset's rounding.
        let x = differencesFromFirst(values)
        guard let r1 = Metrics.lag1Autocorrelation(x) else {
            return .undefined("all values are equal: the lag-1 autocorrelation is undefined")
        }
        let whitened = (1..<x.count).map { x[$0] - r1 * x[$0 - 1] }
        guard let test = try MannKendallTest(values: whitened), test.varianceS > 0 else {
            return .undefined("all pre-whitened values are equal")
        }
        return .value(Self(test: test, r1: r1))
    }
}
