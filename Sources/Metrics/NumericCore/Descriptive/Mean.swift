/// The arithmetic mean, x̄ = Σxᵢ / n.
///
/// Method: a first pass gives a provisional mean, a second pass adds the mean of the deviations from it
/// (the corrected two-pass mean; Chan, Golub & LeVeque, "Algorithms for computing the sample variance",
/// *The American Statistician* 37, 1983), so a huge common offset costs no digits.
/// Conventions: `nil` for no values; the caller removes missing values first.
public func mean<T: StatisticalReal>(_ values: some Collection<T>) -> T? {
    guard !values.isEmpty else { return nil }
    let n = T(values.count)
    var total = T(0)
    for value in values { total = total + value }
    let provisional = total / n
    var correction = T(0)
    for value in values { correction = correction + (value - provisional) }
    return provisional + correction / n
}
