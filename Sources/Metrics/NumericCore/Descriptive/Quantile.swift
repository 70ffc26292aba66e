/// Sample quantiles by the nine definitions of Hyndman & Fan, "Sample quantiles in statistical packages",
/// *The American Statistician* 50 (1996), numbered as R's `quantile(type =)`; type 7 is the default, as in
/// R, NumPy (`linear`) and pandas.
///
/// Types 1–3 are discontinuous (inverse of the empirical CDF, its averaged form, nearest even order
/// statistic); types 4–9 interpolate linearly between order statistics x₍ⱼ₎ and x₍ⱼ₊₁₎ at
/// position m + p·n with m = 0, 1/2, 0, 1 − p, p/3 + 1/3, p/4 + 3/8 for types 4…9.
/// Conventions: `sorted` must be in ascending order with missing values removed; p in [0, 1];
/// `nil` for an empty sample or p outside [0, 1].
public enum QuantileDefinition: Int, Sendable, CaseIterable {
    case type1 = 1, type2, type3, type4, type5, type6, type7, type8, type9

    public static let `default` = QuantileDefinition.type7
}

public func quantile<T: StatisticalReal>(
    sorted: some RandomAccessCollection<T>, probability p: Double, definition: QuantileDefinition = .default
) -> T? {
    let n = sorted.count
    guard n > 0, p >= 0, p <= 1 else { return nil }
    func x(_ j: Int) -> T {  // 1-based order statistic, clamped to the sample
        sorted[sorted.index(sorted.startIndex, offsetBy: Swift.min(Swift.max(j, 1), n) - 1)]
    }
    // Positions follow R's `quantile.default` term by term (same rounding), with its fuzz of 4ε.
    let fuzz = 4 * Double.ulpOfOne
    let position: Double
    let j: Int
    var h: Double
    switch definition {
    case .type1, .type2, .type3:
        position = definition == .type3 ? Double(n) * p - 0.5 : Double(n) * p
        j = Int((position + fuzz).rounded(.down))
        let above = position > Double(j)
        switch definition {
        case .type1: h = above ? 1 : 0
        case .type2: h = above ? 1 : 0.5
        default: h = (position != Double(j) || j % 2 != 0) ? 1 : 0
        }
    default:
        let (a, b): (Double, Double) = switch definition {
        case .type4: (0, 1)
        case .type5: (0.5, 0.5)
        case .type6: (0, 0)
        case .type7: (1, 1)
        case .type8: (1.0 / 3, 1.0 / 3)
        default: (3.0 / 8, 3.0 / 8)
        }
        position = a + p * (Double(n) + 1 - a - b)
        j = Int((position + fuzz).rounded(.down))
        h = position - Double(j)
        if Swift.abs(h) < fuzz { h = 0 }
    }
    let low = x(j)
    let high = x(j + 1)
    if h == 0 || low == high { return low }
    if h == 1 { return high }
    return low + (high - low) * T(h)
}

/// The median: the type-7 quantile at 1/2, which for every sample equals the middle order statistic, or
/// the mean of the two middle ones. `nil` for an empty sample.
public func median<T: StatisticalReal>(sorted: some RandomAccessCollection<T>) -> T? {
    let n = sorted.count
    guard n > 0 else { return nil }
    let middle = sorted.index(sorted.startIndex, offsetBy: (n - 1) / 2)
    if n % 2 == 1 { return sorted[middle] }
    return (sorted[middle] + sorted[sorted.index(after: middle)]) / T(2)
}
