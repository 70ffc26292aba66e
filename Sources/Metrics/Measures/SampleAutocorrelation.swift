/// The sample autocorrelation function r₀ … r_L of a series in time order:
/// r_k = Σᵢ₌₁ⁿ⁻ᵏ (xᵢ − x̄)(xᵢ₊ₖ − x̄) / Σᵢ₌₁ⁿ (xᵢ − x̄)².
///
/// Source: Box & Jenkins (1976), eq. 2.1.12 — the full-series mean and the full-series sum of squares in
/// every lag's denominator, as R's `acf`, statsmodels' `acf` and pymannkendall's `__acf` compute it; r₁ is
/// `lag1Autocorrelation`.
/// Conventions: the values are taken as consecutive observations one lag apart (missing values removed by
/// the caller); `maximumLag` is clamped to n − 1; `nil` when n < 2 or when all values are equal (the
/// denominator is 0, so no lag is defined).
/// - Complexity: O(n·L).
func sampleAutocorrelations(_ values: [Double], maximumLag: Int) -> [Double]? {
    let n = values.count
    guard n >= 2, let centre = mean(values) else { return nil }
    let deviations = values.map { $0 - centre }
    let sumOfSquares = deviations.reduce(0) { $0 + $1 * $1 }
    guard sumOfSquares > 0 else { return nil }
    let lags = min(max(maximumLag, 0), n - 1)
    var result = [1.0]
    result.reserveCapacity(lags + 1)
    for k in stride(from: 1, through: lags, by: 1) {
        var sum = 0.0
        for i in 0..<(n - k) { sum += deviations[i] * deviations[i + k] }
        result.append(sum / sumOfSquares)
    }
    return result
}
