/// The Mann–Kendall test for a monotonic trend.
///
/// Method: Mann (1945), Kendall (1975), as in Hirsch, Slack & Smith (1982) and pymannkendall's
/// `original_test`: S = Σᵢ<ⱼ sign(xⱼ − xᵢ) over the values in time order; the variance with the tie
/// correction Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18 over groups of t equal values; the continuity-
/// corrected z = (S − 1)/√Var(S) for S > 0, (S + 1)/√Var(S) for S < 0, 0 for S = 0; the two-sided p-value
/// 2·Q(|z|) from the normal upper tail (GSL's `gsl_cdf_ugaussian_Q`), which does not underflow to 0 at
/// |z| ≈ 8.3 as pymannkendall's 2·(1 − Φ(|z|)) does; Kendall's τ = S / (n(n−1)/2).
/// Conventions: missing values are left out (their positions are not counted); only the order of the values
/// matters, not their spacing in time; n < 2 gives no test.
/// - Complexity: S is summed over all n(n − 1)/2 pairs for up to `pairwisePointLimit` values; beyond that it is
///   counted exactly in O(n log n) by Knight's (1966) merge sort, "A computer method for calculating Kendall's
///   tau with ungrouped data", *JASA* 61, 436–439 (`countInversions`): the same integer.
public struct MannKendallTest: Sendable, Hashable {
    public let n: Int
    public let s: Double
    public let varianceS: Double
    public let z: Double
    public let p: Double
    public let tau: Double

    /// Series up to this length sum S pair by pair; longer ones count it by merge sort (the same S).
    static let pairwisePointLimit = 128

    public init?(values: [Double]) throws(GSLError) {
        try self.init(values: values, sortedValues: values.sorted())
    }

    /// With the values also given in ascending order (shared with the other measures of a summary).
    init?(values: [Double], sortedValues: [Double]) throws(GSLError) {
        let n = values.count
        guard n >= 2 else { return nil }
        var s = 0
        if n <= Self.pairwisePointLimit || values.contains(where: \.isNaN) {
            // sign(xⱼ − xᵢ) summed without branches: half the comparisons of a trendless series go each way,
            // which a branch predictor cannot learn.
            values.withUnsafeBufferPointer { x in
                for i in 0..<(n - 1) {
                    let xi = x[i]
                    var j = i + 1
                    while j < n {
                        let xj = x[j]
                        s &+= Int(unsafeBitCast(xj > xi, to: UInt8.self)) &- Int(unsafeBitCast(xj < xi, to: UInt8.self))
                        j &+= 1
                    }
                }
            }
        } else {
            // Knight (1966): the discordant pairs D are the inversions of the values in time order (merge
            // sort), the tied pairs T come from the sorted values, and S = C − D = n(n − 1)/2 − T − 2D exactly.
            var work = values
            let discordant = countInversions(&work)
            s = n * (n - 1) / 2 - tiedPairs(sorted: sortedValues) - 2 * discordant
        }
        let nn = Double(n)
        let variance = (nn * (nn - 1) * (2 * nn + 5) - tieCorrection(sorted: sortedValues)) / 18
        let sd = Double(s)
        let z: Double
        if s > 0 {
            z = (sd - 1) / variance.squareRoot()
        } else if s < 0 {
            z = (sd + 1) / variance.squareRoot()
        } else {
            z = 0
        }
        self.n = n
        self.s = sd
        varianceS = variance
        self.z = z
        p = try StandardNormal.twoSidedP(z)
        tau = sd / (0.5 * nn * (nn - 1))
    }
}
