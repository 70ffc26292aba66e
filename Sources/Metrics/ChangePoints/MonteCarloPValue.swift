internal import Foundation

/// A p-value estimated by simulating the test statistic under the null hypothesis: n independent standard
/// normal values, no change.
///
/// Method: as pyhomogeneity 1.1 (`__mc_p_value`): p = #{simulated statistic > observed} / replicates. The
/// statistics simulated here (Buishand's range, Alexandersson's T₀) do not depend on the location or scale of
/// the data, so standard normal samples stand for any normal series of length n.
/// Accuracy: the estimate is binomial, with standard error √(p(1 − p)/N) ≤ 0.5/√N. With the default
/// N = 100,000 replicates that is at most 0.0016, so the p-value is accurate to ±0.005 (3.2 standard errors
/// at the worst case p = 0.5, better elsewhere).
/// Reproducibility: the normal deviates come from `NormalSampler` (xoshiro256**, seeded by SplitMix64) with a
/// seed fixed by the test and n, so the same input gives the same p-value, bit for bit, on every run.
///
/// Work: a simulation draws n × replicates normal deviates (about 18 ns each with the statistic, measured in
/// release on this machine: 3.7 s for 2 × 10⁸). Series of at least `longSeries` values whose simulation would
/// draw more than `simulationBudget` deviates are not simulated (at the default 100,000 replicates, series of
/// more than 2,000 values): Buishand's test then uses its asymptotic distribution
/// (`BuishandRangeTest.asymptoticP`), and SNHT has no p-value, with the reason (`budgetReason`). Shorter
/// series are always simulated, however many replicates are asked for.
public struct MonteCarloPValue: Sendable, Hashable {
    /// The number of simulated series used unless another is asked for.
    public static let defaultReplicates = 100_000
    /// The most simulated series a p-value may ask for: 10⁶ (a standard error of at most 0.0005). Each
    /// series length simulated is kept (`NullDistribution`, up to 32 of them), 8 MB each at this many; the
    /// command line refuses more (`--replicates 10000000000` asked for 80 GB at once).
    public static let maximumReplicates = 1_000_000

    /// Normal deviates a simulation may draw for a series of `longSeries` values or more (about 4 s).
    public static let simulationBudget = 200_000_000

    /// Series this long or longer are simulated only within `simulationBudget`.
    public static let longSeries = 1_000

    /// Whether a series of n values is simulated with this many replicates.
    public static func simulates(n: Int, replicates: Int) -> Bool {
        let (work, overflow) = n.multipliedReportingOverflow(by: replicates)
        return n < longSeries || (!overflow && work <= simulationBudget)
    }

    /// Why a series of n values is not simulated with this many replicates.
    public static func budgetReason(n: Int, replicates: Int) -> String {
        let (work, overflow) = n.multipliedReportingOverflow(by: replicates)
        let draws = overflow ? "more than \(Int.max)" : "\(work)"
        return "not simulated: \(replicates) replicates of \(n) values would draw \(draws) normal deviates, beyond the \(simulationBudget) allowed (about 4 s); at most \(simulationBudget / max(n, 1)) replicates (--replicates) give a p-value for this series"
    }

    /// The estimated probability of a statistic greater than the observed one when there is no change.
    public let p: Double
    /// The number of simulated series.
    public let replicates: Int

    /// The binomial standard error of `p`, √(p(1 − p)/replicates).
    public var standardError: Double { (p * (1 - p) / Double(replicates)).squareRoot() }

    /// Simulates `replicates` normal series of length n (seed `seed`) through `statistic` and counts the
    /// statistics greater than `observed`. The simulated statistics of one (seed, n, replicates) are kept
    /// (`NullDistribution`), so many series of one length cost one simulation; the count is the same as
    /// simulating afresh, bit for bit. Each test has its own seed, which is what tells their statistics apart.
    init(observed: Double, n: Int, replicates: Int, seed: UInt64, statistic: ([Double]) -> Double) {
        precondition(replicates > 0, "at least one replicate")
        let null = NullDistribution.simulated(n: n, replicates: replicates, seed: seed, statistic: statistic)
        p = Double(null.countGreater(than: observed)) / Double(replicates)
        self.replicates = replicates
    }
}

/// The deviations from the mean and their sum of squares, shared by the Buishand and SNHT statistics.
func centred(_ values: [Double]) -> (deviations: [Double], sumOfSquares: Double) {
    let centre = mean(values)!
    var deviations = [Double](repeating: 0, count: values.count)
    var squares = 0.0
    for (i, x) in values.enumerated() {
        let d = x - centre
        deviations[i] = d
        squares += d * d
    }
    return (deviations, squares)
}
