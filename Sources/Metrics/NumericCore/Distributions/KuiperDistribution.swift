internal import Foundation

/// Kuiper's distribution: the law of the range sup B − inf B of a Brownian bridge B on [0, 1], the limit of
/// Kuiper's statistic V and of Buishand's rescaled range R/√n.
///
/// Source: Kuiper, N. H. (1960), "Tests concerning random points on a circle", *Proceedings of the
/// Koninklijke Nederlandse Akademie van Wetenschappen* A 63, 38–47:
/// P(V > x) = 2 Σₖ₌₁^∞ (4k²x² − 1) e^(−2k²x²).
/// Conventions: the series is summed until its terms are below 10⁻¹⁸ (15 terms at x = 0.3); below x = 0.3
/// the tail is 1 to double precision (P(V ≤ 0.3) < 10⁻²³), and it is returned as 1; the result is clamped
/// to [0, 1].
enum KuiperDistribution {
    /// P(V > x).
    static func upperTail(_ x: Double) -> Double {
        guard x.isFinite else { return x > 0 ? 0 : 1 }
        guard x >= 0.3 else { return 1 }
        var sum = 0.0
        var k = 1.0
        while true {
            let a = 2 * k * k * x * x
            let term = (2 * a - 1) * exp(-a)
            sum += term
            if exp(-a) < 1e-18 { break }
            k += 1
        }
        return min(1, max(0, 2 * sum))
    }
}
