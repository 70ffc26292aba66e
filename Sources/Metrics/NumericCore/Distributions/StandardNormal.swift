internal import GSLBridge

/// The standard normal distribution, from GNU GSL (`gsl_cdf_ugaussian_*`).
///
/// Source: GSL Reference Manual §20.2, "The Gaussian distribution". GSL computes the upper tail Q directly
/// (Cody's rational approximations), so `twoSidedP(40)` is 7.3·10⁻³⁵⁰ → the smallest doubles, not 0 at
/// |z| ≈ 8.3 as `2·(1 − Φ(|z|))` is.
public enum StandardNormal {
    /// P(Z > z).
    public static func upperTail(_ z: Double) throws(GSLError) -> Double {
        try GSL.call("gsl_cdf_ugaussian_Q") { gsl_cdf_ugaussian_Q(z) }
    }

    /// P(Z ≤ z).
    public static func cdf(_ z: Double) throws(GSLError) -> Double {
        try GSL.call("gsl_cdf_ugaussian_P") { gsl_cdf_ugaussian_P(z) }
    }

    /// P(|Z| ≥ |z|) = 2·Q(|z|).
    public static func twoSidedP(_ z: Double) throws(GSLError) -> Double {
        if z.isNaN { return .nan }
        return min(1, 2 * (try upperTail(Swift.abs(z))))
    }

    /// The quantile z such that Φ(z) = p, for 0 < p < 1.
    public static func quantile(_ p: Double) throws(GSLError) -> Double {
        try GSL.call("gsl_cdf_ugaussian_Pinv") { gsl_cdf_ugaussian_Pinv(p) }
    }
}
