// What the Mann–Kendall variants share: `HamedRaoMannKendallTest`, `YueWangMannKendallTest`,
// `PrewhitenedMannKendallTest`, `TrendFreePrewhitenedMannKendallTest` and `SeasonalMannKendallTest`.

/// The Mann–Kendall normal score with the continuity correction: z = (S − 1)/√Var(S) for S > 0,
/// (S + 1)/√Var(S) for S < 0, 0 for S = 0 (Kendall 1975; Hirsch, Slack & Smith 1982, eq. 4) — shared by
/// `MannKendallTest` and the variants that correct Var(S) or sum S over seasons.
/// Conventions: `variance` must be positive; the callers decide what a non-positive variance means.
func mannKendallZ(s: Double, variance: Double) -> Double {
    if s > 0 { return (s - 1) / variance.squareRoot() }
    if s < 0 { return (s + 1) / variance.squareRoot() }
    return 0
}

/// The checks every autocorrelation variant of the Mann–Kendall test makes on its input: values and times
/// of equal length, finite, times strictly increasing, and at least three observations. The reason
/// when the input fails, `nil` when it passes.
func mannKendallVariantInputProblem(times: [Double], values: [Double], minimumCount: Int = 3) -> String? {
    guard times.count == values.count else {
        return "\(times.count) times for \(values.count) values"
    }
    guard values.count >= minimumCount else {
        return "\(values.count) observation\(values.count == 1 ? "" : "s"): the test needs at least \(minimumCount)"
    }
    guard times.allSatisfy(\.isFinite), values.allSatisfy(\.isFinite) else {
        return "a time or value is not finite"
    }
    for i in 1..<times.count where !(times[i] > times[i - 1]) {
        return "times are not strictly increasing"
    }
    return nil
}

/// The Sen (Theil–Sen) slope per unit of `times` that the detrending variants subtract: the same median of
/// pairwise slopes as `SenSlope` (and so the summary's `sen_slope`) on the real time axis, or why there is none.
func detrendingSenSlope(times: [Double], values: [Double]) -> Measured<Double> {
    SenSlope.medianSlope(times: times, values: values)
}

/// The values less the first of them: what the variants detrend, autocorrelate and pre-whiten, so that the
/// arithmetic runs on differences of the order of the values' spread, not on a common offset. On
/// 1,000,000.1 … 1,000,000.9 a mean, a residual xᵢ − β·tᵢ or a product r₁·xᵢ₋₁ each rounds at 10⁻¹⁰, a
/// thousandth of a millionth of the spread; on the differences it rounds at 10⁻¹⁷. A difference of doubles
/// within a factor of two of each other is exact (Sterbenz's lemma), so the values lose nothing. The test
/// does not change: S counts signs of differences, and a common shift c of the values shifts the residuals
/// by c and the pre-whitened values xᵢ − r₁·xᵢ₋₁ by c·(1 − r₁), which no sign, rank or autocorrelation sees.
func differencesFromFirst(_ values: [Double]) -> [Double] {
    guard let first = values.first else { return [] }
    return values.map { $0 - first }
}
