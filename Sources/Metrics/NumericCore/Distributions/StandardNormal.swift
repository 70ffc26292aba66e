internal import GSLBridge

/// The standard normal distribution, from GNU GSL (`gsl_cdf_ugaussian_*`).
///
/// Source: GSL Reference Manual §20.2, "The Gaussian distribution". GSL computes the upper tail Q directly
/// (Cody's rational approximations), so `twoSidedP(37)` is 1.1·10⁻²⁹⁹, not 0 as it is from
/// `2·(1 − Φ(|z|))` beyond |z| ≈ 8.3.
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
        // GSL returns NaN for p outside [0, 1] without reporting it; refuse it here, as GSL's domain error.
        guard p >= 0, p <= 1 else {
            throw GSLError(code: Int32(GSL_EDOM), reason: "probability \(p) is outside [0, 1]", function: "gsl_cdf_ugaussian_Pinv")
        }
        return try GSL.call("gsl_cdf_ugaussian_Pinv") { gsl_cdf_ugaussian_Pinv(p) }
    }
}
