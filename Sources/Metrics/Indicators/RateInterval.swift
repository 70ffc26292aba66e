internal import Foundation

/// A rate per N with its confidence interval, as Public Health England's Fingertips and the
/// PHEindicatormethods R package (`phe_rate`) compute it.
///
/// Method: the rate is O/n × N. Its interval comes from the interval of the count O, divided by n and
/// multiplied by N:
/// - exact Poisson (Garwood 1936) for fewer than 10 events: lower = χ²_{α/2}(2O)/2 = Γ⁻¹_{α/2}(O),
///   upper = χ²_{1−α/2}(2O + 2)/2 = Γ⁻¹_{1−α/2}(O + 1), with lower = 0 for O = 0;
/// - Byar's approximation (Breslow & Day 1987) from 10 events: lower = O(1 − 1/(9O) − z/(3√O))³,
///   upper = (O + 1)(1 − 1/(9(O + 1)) + z/(3√(O + 1)))³, z = Φ⁻¹(1 − α/2).
/// Source: PHE, "Technical Guide: Confidence intervals" (2018), §4, and PHEindicatormethods 2.1.0.
/// Conventions: 95% and 99.8% are Fingertips' levels (any level is accepted); a zero count gives rate 0
/// with an exact interval [0, upper]; a zero or missing denominator gives no rate (with the reason), not
/// an error; a negative count or denominator is an error in the data.
public struct RateInterval: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable {
        case exact = "Exact"
        case byars = "Byars"
    }

    public let count: Double
    public let denominator: Double
    public let multiplier: Double
    public let value: Measured<Double>
    public let lower: Measured<Double>
    public let upper: Measured<Double>
    public let method: Method
    public let level: Double

    public init(count: Double, denominator: Double, multiplier: Double = 100_000, level: Double = 0.95) throws(GSLError) {
        self.count = count
        self.denominator = denominator
        self.multiplier = multiplier
        self.level = level
        method = count < 10 ? .exact : .byars
        if let reason = unusableDenominator(denominator) {
            value = .undefined(reason)
            lower = .undefined(reason)
            upper = .undefined(reason)
            return
        }
        let (low, high) = try RateInterval.countInterval(count, level: level, method: method)
        let scale = multiplier / denominator
        value = .value(count * scale)
        lower = low.map { .value($0 * scale) } ?? .undefined("Byar's approximation gives no lower limit for so few events")
        upper = .value(high * scale)
    }

    /// The interval of a count O (no denominator), by `method`. Byar's lower limit is `nil` where its cubed
    /// term is negative (one event at 99.8%), as PHEindicatormethods reports NA there.
    public static func countInterval(_ o: Double, level: Double, method: Method) throws(GSLError) -> (Double?, Double) {
        let alpha = 1 - level
        switch method {
        case .exact:
            let low = o == 0 ? 0 : try GammaDistribution(shape: o).quantile(alpha / 2)
            let high = try GammaDistribution(shape: o + 1).quantile(1 - alpha / 2)
            return (low, high)
        case .byars:
            let z = try StandardNormal.quantile(1 - alpha / 2)
            let base = 1 - 1 / (9 * o) - z / (3 * o.squareRoot())
            let low: Double? = o == 0 ? 0 : (base < 0 ? nil : o * base * base * base)
            let upperBase = 1 - 1 / (9 * (o + 1)) + z / (3 * (o + 1).squareRoot())
            return (low, (o + 1) * upperBase * upperBase * upperBase)
        }
    }
}

/// Why a rate or proportion has no value for this denominator, or `nil` when it is usable.
func unusableDenominator(_ n: Double) -> String? {
    if n > 0 { return nil }
    return n == 0 ? "the denominator is zero" : "the denominator is negative"
}
