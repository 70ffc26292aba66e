/// The seasonal Mann–Kendall test for a monotonic trend in a monthly or quarterly series.
///
/// Method: Hirsch, R. M., Slack, J. R. & Smith, R. A. (1982), "Techniques of trend analysis for monthly
/// water quality data", *Water Resources Research* 18(1), 107–121, eq. 3–4, as pymannkendall 1.4.3's
/// `seasonal_test` computes it: for each season g (month or quarter) Sɡ and the tie-corrected Var(Sɡ) are
/// `MannKendallTest`'s over that season's values in year order; S = Σ Sɡ, Var(S) = Σ Var(Sɡ) (the seasons
/// taken as independent, no covariance term), z = (S ∓ 1)/√Var(S) (continuity-corrected), p = 2·Q(|z|)
/// from GSL's upper tail (no underflow to 0 beyond |z| ≈ 8.3, as pymannkendall's 2·(1 − Φ(|z|)) has), and
/// τ = S / Σ nɡ(nɡ − 1)/2.
///
/// Conventions:
/// - Time axis: the season of an observation is read from its time (`Seasonality`: the month or quarter of
///   the year), not from its position, so the seasons line up whatever is missing. pymannkendall assigns
///   seasons by position (it keeps missing values as NaN to hold them in place), so a series whose missing
///   rows were dropped is misaligned there; on a complete series the grouping is the same.
/// - Missing values: left out by the caller; a season observed once contributes nothing.
/// - Ties: within a season, Var(Sɡ) is tie-corrected; values in different seasons are never compared.
/// - No test (`Measured.undefined`, with the reason) when no season is observed in two years, when fewer
///   than 3 observations fall in seasons observed twice (as the other variants: one pair has z = 0), when every
///   season's values are all equal (Var(S) = 0), when a time is not at the start of a month (quarter), or
///   when one period has two values. Never NaN.
public struct SeasonalMannKendallTest: Sendable, Hashable {
    public let seasonality: Seasonality
    /// Observations in seasons observed at least twice.
    public let n: Int
    public let s: Double
    public let varianceS: Double
    public let z: Double
    public let p: Double
    public let tau: Double

    /// The test on observations (times in years, Y + (m − 1)/12 or Y + (q − 1)/4; values at those times),
    /// or `nil` when it cannot be computed (`measure` gives the reason).
    public init?(times: [Double], values: [Double], seasonality: Seasonality) throws(GSLError) {
        guard let test = try Self.measure(times: times, values: values, seasonality: seasonality).value else { return nil }
        self = test
    }

    private init(seasonality: Seasonality, n: Int, s: Double, varianceS: Double, z: Double, p: Double, tau: Double) {
        self.seasonality = seasonality
        self.n = n
        self.s = s
        self.varianceS = varianceS
        self.z = z
        self.p = p
        self.tau = tau
    }

    /// The test, or the reason it has none.
    public static func measure(times: [Double], values: [Double], seasonality: Seasonality) throws(GSLError) -> Measured<Self> {
        let groups: [[SeasonalObservation]]
        switch seasonality.seasons(times: times, values: values) {
        case .undefined(let reason): return .undefined(reason)
        case .value(let g): groups = g
        }
        var s = 0.0
        var variance = 0.0
        var pairs = 0.0
        var n = 0
        for group in groups where group.count >= 2 {
            guard let test = try MannKendallTest(values: group.map(\.value)) else { continue }
            s += test.s
            variance += test.varianceS
            pairs += Double(group.count) * Double(group.count - 1) / 2
            n += group.count
        }
        guard pairs > 0 else { return .undefined("no season is observed in two years") }
        guard n >= 3 else { return .undefined("\(n) observations in seasons observed twice: the test needs at least 3") }
        guard variance > 0 else { return .undefined("within every season all values are equal") }
        let z = mannKendallZ(s: s, variance: variance)
        return .value(Self(seasonality: seasonality, n: n, s: s, varianceS: variance, z: z, p: try StandardNormal.twoSidedP(z), tau: s / pairs))
    }
}
