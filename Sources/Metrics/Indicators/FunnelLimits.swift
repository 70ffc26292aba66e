internal import Foundation

/// Funnel-plot control limits: the range an area's value would fall in, at its own denominator, if its true
/// value were the baseline — so small areas are not flagged for the noise that small numbers bring.
///
/// Method (Spiegelhalter 2005, "Funnel plots for comparing institutional performance", Stat Med 24:1185;
/// PHE Fingertips Technical Guidance, "Funnel plots", and PHEindicatormethods/PHStatsMethods'
/// `calculate_funnel_limits`, which follow it):
/// - **Proportions** (Wilson): the limit at denominator n is the observed proportion whose Wilson score
///   interval at n just reaches the baseline θ: the lower limit q has Wilson upper bound θ, the upper limit
///   has Wilson lower bound θ. Both solve (A − q)² = z²(q(1 − q)/n + z²/(4n²)) with A = θ(1 + z²/n) − z²/(2n),
///   a quadratic in q (PHE's `sigma_adjustment` is the same root written out); limits are clipped to [0, 1].
/// - **Rates** (exact Poisson): with the expected count μ = θn, the upper limit is the count k whose exact
///   lower confidence bound equals μ, P(Gamma(k) ≤ μ) = α/2, and the lower limit is the k whose exact upper
///   bound equals μ, P(Gamma(k + 1) ≤ μ) = 1 − α/2 (Garwood's interval read backwards, as PHE's
///   `poisson_funnel`); k is solved as a real number (the continuous interpolation Spiegelhalter recommends),
///   and the limit is k/n × multiplier. A lower limit below zero events is 0.
/// Conventions: the levels are two-sided (0.95 and 0.998 give Fingertips' "2σ" and "3σ" funnels); the
/// baseline is given by the caller (PHE uses the pooled Σcount / Σdenominator of the areas plotted); a zero
/// or negative denominator has no limits.
public struct FunnelLimits: Sendable, Hashable {
    public enum Statistic: Sendable, Hashable {
        /// A proportion, reported × `multiplier` (100 for percentages).
        case proportion(multiplier: Double)
        /// A rate per `per` (e.g. per 10,000 children).
        case rate(per: Double)
    }

    public let lower: Double
    public let upper: Double
    public let level: Double

    /// The limits at `denominator` around `baseline` (a proportion in [0, 1], or events per unit of the
    /// denominator), reported on the statistic's scale. `nil` when the denominator is not positive.
    public init?(baseline: Double, denominator n: Double, level: Double, statistic: Statistic) throws(GSLError) {
        guard n > 0, baseline.isFinite, baseline >= 0 else { return nil }
        self.level = level
        let alpha = 1 - level
        switch statistic {
        case .proportion(let multiplier):
            guard baseline <= 1 else { return nil }
            let z = try StandardNormal.quantile(1 - alpha / 2)
            let z2 = z * z
            let a = baseline * (1 + z2 / n) - z2 / (2 * n)
            // q²(1 + z²/n) − q(2A + z²/n) + A² − z⁴/(4n²) = 0
            let qa = 1 + z2 / n
            let qb = -(2 * a + z2 / n)
            let qc = a * a - z2 * z2 / (4 * n * n)
            let root = max(0, qb * qb - 4 * qa * qc).squareRoot()
            // Two roots, computed so neither loses digits to cancellation.
            let big = qb < 0 ? (-qb + root) / (2 * qa) : (-qb - root) / (2 * qa)
            let small = big == 0 ? 0 : qc / (qa * big)
            lower = min(1, max(0, min(big, small))) * multiplier
            upper = min(1, max(0, max(big, small))) * multiplier
        case .rate(let per):
            let mu = baseline * n
            let upperCount = try FunnelLimits.shape(whereCDFAt: mu, equals: alpha / 2)
            let lowerShape = try FunnelLimits.shape(whereCDFAt: mu, equals: 1 - alpha / 2)
            lower = max(0, lowerShape - 1) / n * per
            upper = upperCount / n * per
        }
    }

    /// Where `value` sits against these limits: −1 below, 0 within (limits inclusive), +1 above.
    public func position(of value: Double) -> Int {
        value < lower ? -1 : value > upper ? 1 : 0
    }

    /// The shape a > 0 with P(Gamma(a) ≤ x) = p. P(Gamma(a) ≤ x) falls from 1 (a → 0) to 0 as a grows, so
    /// the root is bracketed and found by bisection to the last bit.
    static func shape(whereCDFAt x: Double, equals p: Double) throws(GSLError) -> Double {
        if x <= 0 { return 0 }
        var low = 0.0
        var high = max(1, x + 20 * x.squareRoot() + 40)
        while try GammaDistribution(shape: high).cdf(x) > p { high *= 2 }
        for _ in 0..<200 {
            let mid = 0.5 * (low + high)
            guard mid > low, mid < high else { break }
            if try GammaDistribution(shape: mid).cdf(x) > p { low = mid } else { high = mid }
        }
        return 0.5 * (low + high)
    }
}
