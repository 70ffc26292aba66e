internal import GSLBridge
internal import Foundation

/// The gamma distribution with shape a and scale 1, over GNU GSL's incomplete gamma functions; the
/// chi-square quantile follows as χ²_p(2a) = 2·gamma_p(a).
///
/// Method: quantiles start from GSL's `gsl_cdf_gamma_Pinv`/`Qinv` and take Newton steps on the regularised
/// incomplete gamma function (`gsl_sf_gamma_inc_P`/`_Q`, accurate to double precision in both tails) with
/// the density from `gsl_sf_lngamma`, until a step is below 10⁻¹⁵ relative (GSL Reference Manual §7.19 and
/// §20.11). The smaller tail is always the one solved, so quantiles near 0 or 1 keep their accuracy.
/// Conventions: a > 0; p in [0, 1]; the quantile at p = 0 is 0 and at p = 1 is +∞.
public struct GammaDistribution: Sendable, Hashable {
    public let shape: Double

    public init(shape: Double) {
        self.shape = shape
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) throws(GSLError) -> Double {
        let a = shape
        guard x > 0 else { return 0 }
        return try GSL.call("gsl_sf_gamma_inc_P") { gsl_sf_gamma_inc_P(a, x) }
    }

    /// P(X > x).
    public func upperTail(_ x: Double) throws(GSLError) -> Double {
        let a = shape
        guard x > 0 else { return 1 }
        return try GSL.call("gsl_sf_gamma_inc_Q") { gsl_sf_gamma_inc_Q(a, x) }
    }

    public func density(_ x: Double) throws(GSLError) -> Double {
        let a = shape
        guard x > 0 else { return 0 }
        let logGamma = try GSL.call("gsl_sf_lngamma") { gsl_sf_lngamma(a) }
        return exp((a - 1) * log(x) - x - logGamma)
    }

    /// The x with P(X ≤ x) = p.
    public func quantile(_ p: Double) throws(GSLError) -> Double {
        guard shape > 0 else {
            throw GSLError(code: Int32(GSL_EDOM), reason: "the shape must be positive, got \(shape)", function: "gsl_cdf_gamma_Pinv")
        }
        guard p >= 0, p <= 1 else {
            throw GSLError(code: Int32(GSL_EDOM), reason: "probability \(p) is outside [0, 1]", function: "gsl_cdf_gamma_Pinv")
        }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        let a = shape
        let lower = p <= 0.5
        var x = lower
            ? try GSL.call("gsl_cdf_gamma_Pinv") { gsl_cdf_gamma_Pinv(p, a, 1) }
            : try GSL.call("gsl_cdf_gamma_Qinv") { gsl_cdf_gamma_Qinv(1 - p, a, 1) }
        for _ in 0..<20 {
            let f = try density(x)
            guard f > 0, f.isFinite else { break }
            let residual = lower ? try cdf(x) - p : (1 - p) - (try upperTail(x))
            let step = residual / f
            guard step.isFinite else { break }
            var next = x - step
            if next <= 0 { next = x / 2 }
            let moved = Swift.abs(next - x)
            x = next
            if moved <= 1e-15 * x { break }
        }
        return x
    }
}
