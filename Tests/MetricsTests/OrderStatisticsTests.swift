@testable import Metrics
import Testing

/// Selection gives exactly the sorted array's values at the ranks asked for, whatever the input's order
/// and ties.
struct OrderStatisticsTests {
    @Test("quickselect equals sorting: random, sorted, reversed, all equal, many ties; several ranks at once; the sorting fallback")
    func equalsSorting() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 40) / Double(1 << 24)
        }
        var cases: [[Double]] = []
        for m in [1, 2, 3, 5, 10, 105, 1_000] {
            let random = (0..<m).map { _ in next() }
            cases += [random, random.sorted(), random.sorted(by: >), [Double](repeating: 4, count: m), random.map { ($0 * 4).rounded() }]
        }
        for values in cases {
            let sorted = values.sorted()
            let m = values.count
            let ranks = [m - 1, (m - 1) / 2, 0, m / 2, m / 3, (2 * m) / 3, (m - 1) / 2].filter { $0 < m }
            // The default round budget, and budgets that run out at once or early (the sorting fallback).
            for limit in [nil, 0, 1, 3] as [Int?] {
                var work = values
                let found = orderStatistics(&work, ranks: ranks, roundLimit: limit)
                for (k, value) in zip(ranks, found) { #expect(value == sorted[k], "rank \(k) of \(m), round limit \(String(describing: limit))") }
                #expect(work.sorted() == sorted, "selection only reorders")
            }
        }
    }
}
