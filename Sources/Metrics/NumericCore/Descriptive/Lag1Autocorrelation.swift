/// The lag-1 sample autocorrelation r₁ = Σᵢ₌₁ⁿ⁻¹ (xᵢ − x̄)(xᵢ₊₁ − x̄) / Σᵢ₌₁ⁿ (xᵢ − x̄)².
///
/// Source: NIST/SEMATECH e-Handbook of Statistical Methods §1.3.5.12 and the NIST StRD univariate sets
/// (NumAcc1 certifies −0.5); the same estimator as R's `acf` and statsmodels' `acf` at lag 1 (the full-series
/// mean and the full-series sum of squares in the denominator).
/// Conventions: values in time order, equally spaced, missing values removed by the caller; `nil` when n < 2
/// or when all values are equal (the denominator is 0).
public func lag1Autocorrelation<T: StatisticalReal>(_ values: some Collection<T>) -> T? {
    guard values.count >= 2, let centre = mean(values) else { return nil }
    var denominator = T(0)
    var numerator = T(0)
    var previous: T? = nil
    for value in values {
        let d = value - centre
        denominator = denominator + d * d
        if let p = previous { numerator = numerator + p * d }
        previous = d
    }
    guard denominator > T(0) else { return nil }
    return numerator / denominator
}
