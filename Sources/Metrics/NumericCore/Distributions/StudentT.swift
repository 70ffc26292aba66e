internal import GSLBridge

/// Student's t distribution with `degreesOfFreedom` ν > 0, from GNU GSL (`gsl_cdf_tdist_*`).
///
/// Source: GSL Reference Manual §20.22, "The t-distribution"; GSL evaluates the tails through the incomplete
/// beta function, so upper-tail probabilities keep their relative accuracy far out (no `1 − P` cancellation).
public struct StudentT: Sendable, Hashable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T > t).
    public func upperTail(_ t: Double) throws(GSLError) -> Double {
        let nu = degreesOfFreedom
        return try GSL.call("gsl_cdf_tdist_Q") { gsl_cdf_tdist_Q(t, nu) }
    }

    /// The two-sided p-value P(|T| ≥ |t|) = 2·P(T > |t|), computed from the upper tail so that it does not
    /// underflow to 0 before the double range does.
    public func twoSidedP(_ t: Double) throws(GSLError) -> Double {
        if t.isNaN { return .nan }
        return min(1, 2 * (try upperTail(Swift.abs(t))))
    }

    /// The quantile t such that P(T ≤ t) = p, for 0 < p < 1.
    public func quantile(_ p: Double) throws(GSLError) -> Double {
        let nu = degreesOfFreedom
        return try GSL.call("gsl_cdf_tdist_Pinv") { gsl_cdf_tdist_Pinv(p, nu) }
    }

    /// The multiplier of a two-sided interval at `level` (0.95 → t₀.₉₇₅,ν).
    public func criticalValue(level: Double) throws(GSLError) -> Double {
        try quantile(0.5 + level / 2)
    }
}
