/// A proportion with its Wilson score interval, as PHEindicatormethods' `phe_proportion` computes it.
///
/// Method: Wilson (1927): for x events out of n, with z = Φ⁻¹(1 − α/2),
/// lower, upper = (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)), which stays inside [0, 1] and behaves
/// at 0 and n (Newcombe 1998 recommends it over the Wald interval).
/// Source: PHE, "Technical Guide: Confidence intervals" (2018), §3; PHEindicatormethods 2.1.0.
/// Conventions: results are proportions (0–1), multiplied by `multiplier` (100 for percentages) for display;
/// x = 0 and x = n give intervals [0, u] and [l, 1]; n = 0 gives no proportion (with the reason); x > n or a
/// negative value is an error in the data.
public struct ProportionInterval: Sendable, Hashable {
    public let count: Double
    public let denominator: Double
    public let multiplier: Double
    public let value: Measured<Double>
    public let lower: Measured<Double>
    public let upper: Measured<Double>
    public let level: Double

    public init(count x: Double, denominator n: Double, multiplier: Double = 1, level: Double = 0.95) throws(GSLError) {
        count = x
        denominator = n
        self.multiplier = multiplier
        self.level = level
        if let reason = unusableDenominator(n) {
            value = .undefined(reason)
            lower = .undefined(reason)
            upper = .undefined(reason)
            return
        }
        let z = try StandardNormal.quantile(1 - (1 - level) / 2)
        let z2 = z * z
        let root = z * (z2 + 4 * x * (1 - x / n)).squareRoot()
        value = .value(x / n * multiplier)
        lower = .value(max(0, (2 * x + z2 - root) / (2 * (n + z2))) * multiplier)
        upper = .value(min(1, (2 * x + z2 + root) / (2 * (n + z2))) * multiplier)
    }
}
