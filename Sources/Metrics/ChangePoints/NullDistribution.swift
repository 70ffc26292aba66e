internal import Synchronization

/// A test statistic's distribution under the null hypothesis, simulated once per series length and kept:
/// the statistics of `replicates` standard normal series of length n, sorted, so the number greater than
/// an observed statistic is a binary search.
///
/// Why: a summary of many series runs Buishand's and SNHT's tests on each, and most series of a batch share a
/// few lengths; simulating 100,000 series per test per series would cost far more than everything else.
/// The simulation is the one `MonteCarloPValue` describes (`NormalSampler` seeded by the test's seed and n), so
/// the counts, and the p-values, are exactly those of simulating afresh. A statistic that is NaN never
/// exceeds anything, as in the direct count. Up to `capacity` distributions are kept (0.8 MB each at
/// 100,000 replicates); the oldest is dropped first. Safe to use from every thread: a distribution is built
/// outside the lock, and two threads building the same one build identical arrays.
struct NullDistribution: Sendable {
    /// The simulated statistics in ascending order, NaN as −∞.
    let sorted: [Double]

    static let capacity = 32

    private struct Key: Hashable {
        let seed: UInt64
        let n: Int
        let replicates: Int
    }

    private struct Cache {
        var distributions: [Key: NullDistribution] = [:]
        var order: [Key] = []
    }

    private static let cache = Mutex(Cache())

    /// The statistics of `replicates` simulated series of length n, from the cache or simulated now.
    static func simulated(n: Int, replicates: Int, seed: UInt64, statistic: ([Double]) -> Double) -> NullDistribution {
        let key = Key(seed: seed, n: n, replicates: replicates)
        if let known = cache.withLock({ $0.distributions[key] }) { return known }
        var sampler = NormalSampler(seed: seed ^ UInt64(n))
        var sample = [Double](repeating: 0, count: n)
        var statistics = [Double](repeating: 0, count: replicates)
        for r in 0..<replicates {
            for i in 0..<n { sample[i] = sampler.nextNormal() }
            let s = statistic(sample)
            statistics[r] = s.isNaN ? -.infinity : s
        }
        statistics.sort()
        let distribution = NullDistribution(sorted: statistics)
        cache.withLock { c in
            guard c.distributions[key] == nil else { return }
            if c.order.count >= capacity {
                c.distributions[c.order.removeFirst()] = nil
            }
            c.distributions[key] = distribution
            c.order.append(key)
        }
        return distribution
    }

    /// How many simulated statistics are strictly greater than `observed` (none when it is NaN).
    func countGreater(than observed: Double) -> Int {
        guard !observed.isNaN else { return 0 }
        // The first index whose statistic is greater than `observed`.
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] > observed { high = middle } else { low = middle + 1 }
        }
        return sorted.count - low
    }
}
