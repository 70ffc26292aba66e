/// The sample variance s² = Σ(xᵢ − x̄)² / (n − 1) and standard deviation s, with the n − 1 denominator
/// (R's `var`/`sd`, NIST StRD, pandas' default).
///
/// Method: the corrected two-pass algorithm, Σ(xᵢ − x̄)² − (Σ(xᵢ − x̄))²/n (Chan, Golub & LeVeque 1983,
/// eq. 1.7), which keeps full accuracy when the spread is tiny against the mean (NIST NumAcc4: 10⁷ ± 0.1).
/// Conventions: `nil` when n < 2.
public func variance<T: StatisticalReal>(_ values: some Collection<T>) -> T? {
    guard values.count >= 2, let centre = mean(values) else { return nil }
    var squares = T(0)
    var deviations = T(0)
    for value in values {
        let d = value - centre
        squares = squares + d * d
        deviations = deviations + d
    }
    let n = T(values.count)
    let sum = squares - deviations * deviations / n
    return sum / T(values.count - 1)
}

/// The sample standard deviation s = √s² (n − 1 denominator); `nil` when n < 2.
public func standardDeviation<T: StatisticalReal>(_ values: some Collection<T>) -> T? {
    variance(values).map { $0 < T(0) ? T(0) : $0.squareRoot() }
}
