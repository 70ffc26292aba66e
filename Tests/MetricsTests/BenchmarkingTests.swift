import Metrics
import Testing

/// Ranks, quartile bands and significance as LAIT and Fingertips define them (their test cases and rules,
/// restated with values whose answers are known by hand).
struct BenchmarkingTests {
    @Test("ranks: 1 is best by polarity; ties share the lowest rank; missing has none")
    func ranks() {
        let values: [Double?] = [10, 30, 30, nil, 5]
        #expect(Benchmarking.ranks(values, polarity: .lowerIsBetter) == [2, 3, 3, nil, 1])
        #expect(Benchmarking.ranks(values, polarity: .higherIsBetter) == [3, 1, 1, nil, 4])
        #expect(Benchmarking.ranks(values, polarity: .none) == [2, 3, 3, nil, 1])
    }

    @Test("quartile bands on LAIT's own test thresholds 0, 25, 50, 75, 100: inclusive upper bounds")
    func bands() throws {
        // Values 0…100 give R type-7 quartiles exactly 0, 25, 50, 75, 100 (LAIT's test bands).
        let values = (0...100).map(Double.init)
        let low = try #require(Benchmarking.QuartileBands(values: values, polarity: .lowerIsBetter))
        #expect(low.thresholds == [0, 25, 50, 75, 100])
        #expect([10.0, 30, 60, 80].map { low.band(of: $0) } == ["A", "B", "C", "D"])
        #expect([0.0, 25, 50, 75, 100].map { low.band(of: $0) } == ["A", "A", "B", "C", "D"])
        let high = try #require(Benchmarking.QuartileBands(values: values, polarity: .higherIsBetter))
        #expect([10.0, 30, 60, 80].map { high.band(of: $0) } == ["D", "C", "B", "A"])
        #expect(low.band(of: 101) == nil)
    }

    @Test("significance: the interval against the comparator, through polarity")
    func significance() {
        #expect(Benchmarking.significance(lower: 12, upper: 15, comparator: 10, polarity: .lowerIsBetter) == .worse)
        #expect(Benchmarking.significance(lower: 12, upper: 15, comparator: 10, polarity: .higherIsBetter) == .better)
        #expect(Benchmarking.significance(lower: 12, upper: 15, comparator: 10, polarity: .none) == .higher)
        #expect(Benchmarking.significance(lower: 8, upper: 15, comparator: 10, polarity: .lowerIsBetter) == .similar)
        #expect(Benchmarking.significance(lower: 2, upper: 9, comparator: 10, polarity: .lowerIsBetter) == .better)
        #expect(Benchmarking.significance(lower: nil, upper: 9, comparator: 10, polarity: .lowerIsBetter) == .notCompared)
    }
}
