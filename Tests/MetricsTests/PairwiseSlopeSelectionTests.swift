@testable import Metrics
import Testing

/// The selection of pairwise slopes without listing them gives, bit for bit, the doubles that listing every
/// slope with the formula (yⱼ − yᵢ)/(tⱼ − tᵢ) and sorting gives, at every rank asked for.
struct PairwiseSlopeSelectionTests {
    /// A reproducible stream of numbers (a 64-bit LCG; the tests need variety, not quality).
    struct Numbers {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1p-53
        }
        mutating func integer(_ bound: Int) -> Int { Int(next() * Double(bound)) }
    }

    /// The kinds of series the selection must get exactly right.
    enum Kind: String, CaseIterable {
        case noise, trend, smallIntegers, constant, linearYears, linearMonths, decimals, huge, tiny, mixedMagnitudes,
             irregularTimes, unsortedTiedTimes, zerosAndNegatives, steps
    }

    static func series(_ kind: Kind, n: Int, seed: UInt64) -> (times: [Double], values: [Double]) {
        var r = Numbers(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(n))
        let years = (0..<n).map(Double.init)
        let months = (0..<n).map { Double($0) / 12 }
        switch kind {
        case .noise: return (years, (0..<n).map { _ in r.next() * 100 - 50 })
        case .trend: return (months, (0..<n).map { i in 0.3 * Double(i) + r.next() * 20 })
        case .smallIntegers: return (years, (0..<n).map { _ in Double(r.integer(4)) })
        case .constant: return (months, [Double](repeating: 7.25, count: n))
        case .linearYears: return (years, years.map { 3 * $0 + 1 })
        case .linearMonths: return (months, (0..<n).map { Double($0) * 0.5 })
        case .decimals: return (months, (0..<n).map { _ in (r.next() * 1000).rounded() / 10 })
        case .huge: return (years, (0..<n).map { _ in (r.next() - 0.5) * 1e300 })
        case .tiny: return (months, (0..<n).map { _ in r.next() * 1e-300 })
        case .mixedMagnitudes: return (years, (0..<n).map { i in i % 2 == 0 ? r.next() * 1e-300 : r.next() * 1e300 })
        case .irregularTimes:
            var t = 2000.0
            let times = (0..<n).map { _ in
                t += (r.next() * 3).rounded() / 12 + 1.0 / 365
                return t - 2000
            }
            return (times, (0..<n).map { _ in (r.next() * 50).rounded() })
        case .unsortedTiedTimes:
            let times = (0..<n).map { _ in Double(r.integer(max(2, n / 3))) / 4 }
            return (times, (0..<n).map { _ in Double(r.integer(6)) })
        case .zerosAndNegatives: return (years, (0..<n).map { _ in [-0.0, 0.0, -1, 2, r.next() - 0.5][r.integer(5)] })
        case .steps: return (months, (0..<n).map { i in Double(i / max(1, n / 5)) * 10 })
        }
    }

    /// Every pair's slope with tⱼ > tᵢ, as the short-series path lists them.
    static func listedSlopes(times: [Double], values: [Double]) -> [Double] {
        let n = times.count
        return [Double](unsafeUninitializedCapacity: n * (n - 1) / 2) { buffer, count in
            var k = 0
            times.withUnsafeBufferPointer { t in
                values.withUnsafeBufferPointer { y in
                    for i in 0..<n {
                        for j in 0..<n where t[j] > t[i] {
                            buffer[k] = (y[j] - y[i]) / (t[j] - t[i])
                            k += 1
                        }
                    }
                }
            }
            count = k
        }
    }

    /// The same double, or zeros of either sign (which sorting leaves in any order among themselves).
    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a == 0 && b == 0) }

    /// Checks the ranks against listing every slope: sorted for the small series (every rank), selected by
    /// the short-series path's `orderStatistics` (itself checked against sorting) for the longer ones.
    static func check(_ kind: Kind, n: Int, seed: UInt64, room: Int? = nil, allRanks: Bool = false) {
        let (times, values) = series(kind, n: n, seed: seed)
        var listed = listedSlopes(times: times, values: values)
        let selection = PairwiseSlopeSelection(groups: [(times, values)], room: room)
        #expect(selection.total == listed.count, "\(kind) n=\(n): pair count")
        guard !listed.isEmpty else { return }
        let m = listed.count
        let ranks = allRanks ? Array(0..<m) : Array(Set([0, m - 1, (m - 1) / 2, m / 2, m / 40, m - 1 - m / 40, m / 3]))
        let expected = allRanks ? listed.sorted() : orderStatistics(&listed, ranks: ranks)
        guard let found = selection.slopes(atRanks: ranks).value else {
            Issue.record("\(kind) n=\(n): no result")
            return
        }
        for (index, (k, value)) in zip(ranks, found).enumerated() {
            let reference = allRanks ? expected[k] : expected[index]
            if !same(value, reference) {
                Issue.record("\(kind) n=\(n) seed=\(seed) room=\(String(describing: room)): rank \(k) of \(m) is \(value), listing gives \(reference)")
            }
        }
    }

    @Test("every rank of every small series, every kind", arguments: Kind.allCases)
    func everyRankSmall(kind: Kind) {
        for n in [2, 3, 4, 5, 8, 13, 21, 34] {
            for seed in 0..<UInt64(4) { Self.check(kind, n: n, seed: seed, allRanks: true) }
        }
    }

    @Test("every rank with a tiny listing room: the interval shrinks to single values, crowds and streaming", arguments: Kind.allCases)
    func everyRankNarrowRoom(kind: Kind) {
        for n in [6, 20, 60] {
            for room in [1, 7, 50] { Self.check(kind, n: n, seed: UInt64(room), room: room, allRanks: n <= 6) }
        }
    }

    @Test("median, bounds and extremes of longer series, every kind", arguments: Kind.allCases)
    func longer(kind: Kind) {
        for n in [100, 257, 700] {
            Self.check(kind, n: n, seed: 1)
        }
        Self.check(kind, n: 400, seed: 2, room: 64)
        // A few thousand points; the exactly linear monthly series streams a crowd of most of its pairs.
        if [.noise, .smallIntegers, .irregularTimes, .tiny].contains(kind) { Self.check(kind, n: 3_000, seed: 3) }
        if kind == .linearMonths { Self.check(kind, n: 1_200, seed: 3) }
    }

    /// The exact signs the selection's comparisons rest on, against integer arithmetic (Int128) on doubles
    /// chosen on a common binary grid, with cancellations down to the last bit.
    @Test("exact signs: a sum of six doubles, and (yᵢ − yⱼ) − θ(tᵢ − tⱼ), against integer arithmetic")
    func exactSigns() {
        var r = Numbers(state: 99)
        func gridded(_ bits: Int, _ low: Int, _ high: Int) -> Double {
            let m = Double(r.integer(1 << bits)) - Double(1 << (bits - 1))
            return m * Double(sign: .plus, exponent: low + r.integer(high - low + 1), significand: 1)
        }
        func exact(_ x: Double, scale: Int) -> Int128 { Int128(x * Double(sign: .plus, exponent: scale, significand: 1)) }
        func sign(_ x: Int128) -> Int { x > 0 ? 1 : x < 0 ? -1 : 0 }
        for round in 0..<20_000 {
            var x = (0..<6).map { _ in gridded(30, -30, 30) }
            // Cancel the sum down to what rounding leaves.
            if round % 2 == 0 { x[5] = -(x[0] + x[1] + x[2] + x[3] + x[4]) }
            let total = x.reduce(Int128(0)) { $0 + exact($1, scale: 30) }
            #expect(PairwiseSlopeSelection.expansionSign(x[0], x[1], x[2], x[3], x[4], x[5]) == sign(total), "\(x)")

            // Exponents spread wide enough that the differences themselves round.
            let yi = gridded(30, -20, 10), yj = gridded(30, -20, 10), ti = gridded(20, -20, 20), tj = gridded(20, -20, 20)
            // A θ on the slope of the pair (rounded), or near it, or anywhere.
            var theta = ti != tj ? (yi - yj) / (ti - tj) : gridded(30, -20, 0)
            if round % 3 == 1 { theta = theta.nextUp } else if round % 3 == 2 { theta = gridded(30, -20, 0) }
            // θ's bits below 2⁻⁴⁰ are dropped so that the exact product stays on the test's grid (2⁻⁶⁰).
            theta = (theta * 0x1p40).rounded(.towardZero) * 0x1p-40
            guard abs(theta) < 0x1p20 else { continue }
            let difference = (exact(yi, scale: 60) - exact(yj, scale: 60)) - exact(theta, scale: 40) * (exact(ti, scale: 20) - exact(tj, scale: 20))
            #expect(PairwiseSlopeSelection.exactSign(yi, ti, yj, tj, theta) == sign(difference), "y \(yi) \(yj), t \(ti) \(tj), θ \(theta)")
        }
        // yⱼ exactly on θ = 2 times the *rounded* tⱼ − tᵢ (73 bits rounded to 53): the sign is that of the
        // difference's rounding error alone.
        for _ in 0..<2_000 {
            let ti = Double(2 * r.integer(1 << 20) + 1) * 0x1p-40
            let tj = Double((1 << 52) + r.integer(1 << 40)) * 0x1p-20
            let yj = 2 * (tj - ti)
            let difference = -exact(yj, scale: 80) - exact(2, scale: 40) * (exact(ti, scale: 40) - exact(tj, scale: 40))
            #expect(difference != 0)
            #expect(PairwiseSlopeSelection.exactSign(0, ti, yj, tj, 2) == sign(difference), "t \(ti) \(tj)")
        }
    }

    @Test("streaming beyond its budget refuses the statistic with the reason, never a wrong value")
    func budget() {
        let (times, values) = Self.series(.linearMonths, n: 60, seed: 1)
        let refused = PairwiseSlopeSelection(groups: [(times, values)], room: 1, budget: 100)
        let reason = refused.slopes(atRanks: [885]).reason
        #expect(reason?.hasPrefix("not computed: the exact order statistic of 1770 pairwise slopes would stream") == true, "\(String(describing: reason))")
        #expect(reason?.hasSuffix("beyond the 100 slope evaluations allowed") == true)
        let listed = Self.listedSlopes(times: times, values: values).sorted()
        #expect(PairwiseSlopeSelection(groups: [(times, values)], room: 1).slopes(atRanks: [885]).value == [listed[885]])
    }
}
