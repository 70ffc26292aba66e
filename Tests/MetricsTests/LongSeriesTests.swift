@testable import Metrics
import Testing

/// Long series: the measures that compare every pair of points give, on tens of thousands of points and
/// more, exactly what comparing every pair gives, in O(n log n) time and O(n) memory.
struct LongSeriesTests {
    typealias Numbers = PairwiseSlopeSelectionTests.Numbers

    static func values(_ n: Int, ties: Bool, seed: UInt64) -> [Double] {
        var r = Numbers(state: seed)
        return (0..<n).map { i in ties ? Double(r.integer(5)) : 0.01 * Double(i) + r.next() * 10 }
    }

    /// A monthly series from January of `year`.
    static func monthly(_ values: [Double], from year: Int = 1000) -> Series {
        let observations = values.enumerated().map { i, x in
            Series.Observation(period: Period.month(year + i / 12, i % 12 + 1), value: .number(x))
        }
        return Series(key: SeriesKey(names: ["area"], values: ["long"]), observations: observations)
    }

    @Test("Mann–Kendall's S by merge sort (Knight 1966) equals the pairwise sum of signs, ties included")
    func mannKendallS() throws {
        for n in [MannKendallTest.pairwisePointLimit + 1, 300, 1_000, 2_500] {
            for (ties, seed) in [(false, 1), (true, 2)] as [(Bool, UInt64)] {
                let x = Self.values(n, ties: ties, seed: seed)
                for values in [x, x.sorted(), x.sorted(by: >), [Double](repeating: 3, count: n)] {
                    var s = 0
                    for i in 0..<n { for j in (i + 1)..<n { s += values[j] > values[i] ? 1 : values[j] < values[i] ? -1 : 0 } }
                    let test = try #require(try MannKendallTest(values: values))
                    #expect(test.s == Double(s), "n = \(n), ties = \(ties)")
                }
            }
        }
    }

    @Test("Sen's slope of a long series: the slope, Sen's interval and the intercept of listing all its slopes")
    func senSlope() throws {
        for n in [SenSlope.listedPointLimit + 1, 1_500] {
            for (ties, seed) in [(false, 3), (true, 4)] as [(Bool, UInt64)] {
                let y = Self.values(n, ties: ties, seed: seed)
                let t = (0..<n).map { Double($0) / 12 }
                let sen = try #require(try SenSlope(times: t, values: y, alpha: 0.05))
                // Sen (1968): the order statistics of the sorted slopes at the ranks of `SenSlope`'s definition.
                var slopes: [Double] = []
                for i in 0..<n { for j in (i + 1)..<n { slopes.append((y[j] - y[i]) / (t[j] - t[i])) } }
                slopes.sort()
                let count = Double(slopes.count)
                let z = try StandardNormal.quantile(0.025)
                let variance = (Double(n) * Double(n - 1) * Double(2 * n + 5) - tieCorrection(y)) / 18
                let upper = Int(((count - z * variance.squareRoot()) / 2).rounded(.toNearestOrEven))
                let lower = Int(((count + z * variance.squareRoot()) / 2).rounded(.toNearestOrEven)) - 1
                #expect(sen.slope == median(sorted: slopes)!, "n = \(n), ties = \(ties): slope")
                #expect(sen.low.value == slopes[lower] && sen.high.value == slopes[upper], "n = \(n), ties = \(ties): interval")
                #expect(sen.intercept == median(sorted: y.sorted())! - sen.slope * median(sorted: t)!)
            }
        }
    }

    @Test("the seasonal Sen slope beyond the listing limit: the median of the listed within-season slopes")
    func seasonalSen() throws {
        for ties in [false, true] {
            let n = 12 * 110  // 12 × C(110, 2) = 71,940 within-season pairs
            let y = Self.values(n, ties: ties, seed: 5)
            let times = (0..<n).map { (i: Int) -> Double in Double(1000 + i / 12) + Double(i % 12) / 12 }
            let sen = try #require(SeasonalSenSlope(times: times, values: y, seasonality: .monthly))
            #expect(sen.pairCount > SeasonalSenSlope.listedPairLimit)
            var slopes: [Double] = []
            for g in 0..<12 {
                let season = stride(from: g, to: n, by: 12).map { y[$0] }
                for i in season.indices { for j in season.indices where j > i { slopes.append((season[j] - season[i]) / Double(j - i)) } }
            }
            slopes.sort()
            #expect(sen.slope == median(sorted: slopes)!, "ties = \(ties)")
        }
    }

    @Test("a 100,000-point monthly series is summarised (Sen's slope and its interval, Mann–Kendall) in bounded memory")
    func hundredThousandPoints() throws {
        var r = Numbers(state: 6)
        let y = (0..<100_000).map { i in 100 + 0.001 * Double(i) + r.next() * 10 }
        let summary = try Summarizer().summarize(Self.monthly(y))
        #expect(summary.n == 100_000)
        let sen = try #require(summary.sen)
        let low = try #require(sen.low.value), high = try #require(sen.high.value)
        // 0.001 a month is 0.012 a year.
        #expect(low <= sen.slope && sen.slope <= high && abs(sen.slope - 0.012) < 0.001)
        #expect(summary.mannKendall?.s ?? 0 > 0)
    }

    @Test("autocorrelations from the power spectrum equal the lag-by-lag sums at every lag, to rounding")
    func autocorrelations() throws {
        var worst = 0.0
        for n in [2, 3, 4, 17, 1_000, 6_000] {
            for (ties, seed) in [(false, 7), (true, 8)] as [(Bool, UInt64)] {
                let x = Self.values(n, ties: ties, seed: seed)
                let direct = try #require(try sampleAutocorrelations(x, maximumLag: n - 1, directWork: .max))
                let spectral = try #require(try sampleAutocorrelations(x, maximumLag: n - 1, directWork: 0))
                #expect(direct.count == n && spectral.count == n)
                for (a, b) in zip(direct, spectral) { worst = max(worst, abs(a - b)) }
            }
        }
        print("largest difference in r_k, spectrum against lag by lag: \(worst)")
        #expect(worst < 1e-14)
    }
}
