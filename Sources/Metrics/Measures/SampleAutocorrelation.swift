/// The sample autocorrelation function r₀ … r_L of a series in time order:
/// r_k = Σᵢ₌₁ⁿ⁻ᵏ (xᵢ − x̄)(xᵢ₊ₖ − x̄) / Σᵢ₌₁ⁿ (xᵢ − x̄)².
///
/// Source: Box & Jenkins (1976), eq. 2.1.12 — the full-series mean and the full-series sum of squares in
/// every lag's denominator, as R's `acf`, statsmodels' `acf` and pymannkendall's `__acf` compute it; r₁ is
/// `lag1Autocorrelation`.
/// Conventions: the values are taken as consecutive observations one lag apart (missing values removed by
/// the caller); `maximumLag` is clamped to n − 1; `nil` when n < 2 or when all values are equal (the
/// denominator is 0, so no lag is defined).
/// - Complexity: O(n·L) summed lag by lag while n·(L + 1) ≤ `directAutocorrelationWork` (every series of up to 4,096
///   values, all lags); beyond that the numerators come from the power spectrum, as statsmodels' `acf(fft=True)`
///   computes them (Wiener–Khinchin; Box, Jenkins & Reinsel 2008, §2.1.4): the deviations padded with zeros
///   to a power of two m ≥ 2n (so no lag wraps around), transformed (`RealFourierTransform`), squared in
///   modulus and transformed back, in O(n log n). Those numerators differ from the lag-by-lag sums by
///   rounding only, a few units of 10⁻¹⁶·log₂ m relative to Σ(xᵢ − x̄)² (measured: at most 6·10⁻¹⁵ in r_k
///   on up to 6,000 values, `LongSeriesTests`).
/// `directWork` overrides `directAutocorrelationWork` (tests compare the two ways).
func sampleAutocorrelations(_ values: [Double], maximumLag: Int, directWork: Int = directAutocorrelationWork) throws(GSLError) -> [Double]? {
    let n = values.count
    guard n >= 2, let centre = mean(values) else { return nil }
    let deviations = values.map { $0 - centre }
    let sumOfSquares = deviations.reduce(0) { $0 + $1 * $1 }
    guard sumOfSquares > 0 else { return nil }
    let lags = min(max(maximumLag, 0), n - 1)
    var result = [1.0]
    result.reserveCapacity(lags + 1)
    let (work, overflow) = n.multipliedReportingOverflow(by: lags + 1)
    if !overflow, work <= directWork {
        for k in stride(from: 1, through: lags, by: 1) {
            var sum = 0.0
            for i in 0..<(n - k) { sum += deviations[i] * deviations[i + k] }
            result.append(sum / sumOfSquares)
        }
        return result
    }
    var m = 1
    while m < 2 * n { m *= 2 }
    var data = deviations + [Double](repeating: 0, count: m - n)
    try RealFourierTransform.forward(&data)
    let half = m / 2
    data[0] *= data[0]
    data[half] *= data[half]
    for k in 1..<half {
        data[k] = data[k] * data[k] + data[m - k] * data[m - k]
        data[m - k] = 0
    }
    try RealFourierTransform.inverse(&data)
    for k in stride(from: 1, through: lags, by: 1) { result.append(data[k] / sumOfSquares) }
    return result
}

/// Series whose lag-by-lag sums take at most this many products (n·(L + 1)) sum them directly.
let directAutocorrelationWork = 1 << 24
