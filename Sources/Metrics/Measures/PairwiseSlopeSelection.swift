/// Exact order statistics of the pairwise slopes (yⱼ − yᵢ)/(tⱼ − tᵢ), tᵢ < tⱼ, of one or several groups
/// of points (Sen's slope has one group; the seasonal Sen slope one per season), for series too long to list
/// their n(n − 1)/2 slopes: O(n log n) expected time and O(n) memory.
///
/// Method: randomized interval shrinking for slope selection (Matoušek, J. 1991, "Randomized optimal
/// algorithm for slope selection", *Information Processing Letters* 39, 183–187; Dillencourt, M. B., Mount,
/// D. M. & Netanyahu, N. S. 1992, "A randomized algorithm for slope selection", *International Journal of
/// Computational Geometry & Applications* 2, 1–27). A pair i, j with tᵢ < tⱼ has a slope below θ exactly
/// when yⱼ − θtⱼ < yᵢ − θtᵢ, so the number of slopes below θ is the number of inversions of the points'
/// order by the key y − θt against their time order, counted by merge sort (`countInversions`, Knight
/// 1966). An interval [a, b] holding the wanted rank is shrunk by drawing about n slopes at random from it
/// (inversions between the orders at a and at b, drawn by their position in the merge sort's fixed order)
/// and counting again at two sample order statistics 2√n either side of the rank's place; two or three
/// rounds leave O(n) slopes, which are listed and selected among (`orderStatistics`).
///
/// Exactness: the result is the double that listing every slope with the formula
/// fl(fl(yⱼ − yᵢ)/fl(tⱼ − tᵢ)) and selecting would give, bit for bit (a rank among equal values of
/// opposite zero signs can be either zero, as there).
/// - Counting classifies the *exact* slopes of the input doubles: keys are compared by their correctly
///   rounded fused multiply–add y − θt (rounding is monotone, so different rounded keys are in the exact
///   order) and, when those are equal, by the exact sign of (yᵢ − yⱼ) − θ(tᵢ − tⱼ) from error-free
///   transformations (TwoSum, TwoProduct; Shewchuk, J. R. 1997, "Adaptive precision floating-point
///   arithmetic and fast robust geometric predicates", *Discrete & Computational Geometry* 18, 305–363,
///   Grow-Expansion). To keep those transformations free of overflow and underflow the points are first
///   scaled by powers of two (exact), y to about 2¹⁰⁰ and t likewise.
/// - The slopes themselves are rounded: the two differences move a quotient by at most 2u/(1 − u) relative
///   (u = 2⁻⁵³; a difference in the subnormal range is exact), and rounding the quotient is monotone. So every
///   slope whose exact value is below a bound θ rounds to at most λ = fl(2⁻⁵¹-widened θ), and every one above
///   θ′ to at least μ. The final list is every slope whose exact value lies within 2⁻⁴⁸ relative of the
///   interval (thresholds keep 2⁻⁴⁰⁰ from zero, scaled, where no non-zero slope lies; where slopes of the
///   data as given can be subnormal, an absolute margin keeps λ and μ off zero), computed with the formula
///   itself; a rank is accepted only when the exact counts prove that it falls strictly between λ and μ
///   (the margins are wide enough for that; if a check ever failed, wider margins and then every slope
///   would be tried). Keys whose rounded values tie count as inside the list, so even a wrong tie-break
///   could only lengthen the list.
/// - A value shared by more pairs than can be listed (a constant run: zero slopes; an exactly linear series)
///   is counted without listing when its rounding is certain: zero slopes are exactly +0, and when every
///   difference of the data is exact (integers, say) every pair on the line rounds to the same double. Any
///   other crowd of slopes within a few units in the last place of the rank is resolved by listing every
///   slope when there are at most 2²² of them, and otherwise by streaming the crowd through a radix
///   selection of their bit patterns counted from λ's, 16 bits a pass (one pass when they span fewer than
///   2¹⁶ doubles, four at most), in bounded memory.
///
/// Conventions: points with equal times give no slope (as listing them does: only tⱼ > tᵢ pair); values
/// and times must be finite, and each group's points come in any order. Data outside the exact range
/// (|y| or |t| of 2¹⁰²¹ or more; values, or times, spanning more than 2³⁰⁰ from their largest magnitude to
/// their lowest set bit; values smaller than the times by more than 2¹⁰⁵⁰) is selected by listing every
/// slope when there are at most 2²² of them, and by streaming them all otherwise. The streaming is capped
/// at `streamingBudget` slope evaluations: beyond it the statistic is refused with the reason (never met on
/// real data).
/// - Complexity: O(n log n) expected time and O(n) memory for n points.
struct PairwiseSlopeSelection {
    /// Slope evaluations the streaming radix selection may spend (four passes over the slopes it streams).
    static let streamingBudget = 1 << 33
    /// Slopes that may be listed in memory at once (8 bytes each), beyond a share per point.
    static let listLimit = 1 << 22

    /// One group's points, in ascending (t, y) order, as given and scaled.
    struct Group {
        let t: [Double]
        let y: [Double]
        var ts: [Double] = []
        var ys: [Double] = []
        /// Pairs with tᵢ < tⱼ.
        let pairs: Int

        init(times: [Double], values: [Double]) {
            var sorted = true
            for i in times.indices.dropFirst() where !(times[i - 1] < times[i]) {
                sorted = false
                break
            }
            if sorted {
                t = times
                y = values
            } else {
                let order = times.indices.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && values[$0] < values[$1]) }
                t = order.map { times[$0] }
                y = order.map { values[$0] }
            }
            let n = t.count
            var tied = 0
            var run = 1
            for i in stride(from: 1, through: n, by: 1) {
                if i < n, t[i] == t[i - 1] {
                    run += 1
                } else {
                    tied += run * (run - 1) / 2
                    run = 1
                }
            }
            pairs = n * (n - 1) / 2 - tied
        }

        var count: Int { t.count }
    }

    var groups: [Group]
    /// All pairs with tᵢ < tⱼ, over the groups.
    let total: Int
    /// The points were scaled by 2^valueScale (values) and 2^timeScale (times) into the exact range.
    private(set) var exact = false
    private var valueScale = 0
    private var timeScale = 0
    /// An absolute margin for thresholds (scaled), zero unless the slopes of the data as given can be
    /// subnormal.
    private var floor = 0.0
    /// Every difference of the data, unscaled, is exact, so slopes of one exact value round alike.
    private var exactDifferences = false
    /// Every value is zero (all slopes are +0).
    private var allZero = false

    /// Overrides how many slopes may be listed (tests use it to reach the crowd and streaming paths).
    private let roomLimit: Int?
    /// The slope evaluations streaming may spend (`streamingBudget` unless a test overrides it).
    private let budget: Int

    /// The groups' points (each group's times and values, of equal length, finite); `room` overrides how
    /// many slopes may be listed at once, `budget` how many slope evaluations streaming may spend.
    init(groups input: [(times: [Double], values: [Double])], room: Int? = nil, budget: Int = streamingBudget) {
        roomLimit = room
        self.budget = budget
        groups = input.map { Group(times: $0.times, values: $0.values) }
        total = groups.reduce(0) { $0 + $1.pairs }
        scaleIntoExactRange()
    }

    /// The slopes at `ranks` (0-based, each in 0..<total), in the order asked; or why they were not computed.
    func slopes(atRanks ranks: [Int]) -> Measured<[Double]> {
        for k in ranks { precondition(k >= 0 && k < total, "rank \(k) outside 0..<\(total)") }
        if ranks.isEmpty { return .value([]) }
        if allZero { return .value(ranks.map { _ in 0.0 }) }
        var found: [Int: Double] = [:]
        if !exact {
            if total <= (roomLimit ?? Self.listLimit) { return .value(listedSlopes(atRanks: ranks)) }
            switch streamedSlopes(atRanks: Array(Set(ranks)), in: Band(lower: .bottom, upper: top), below: 0) {
            case .value(let all): found = all
            case .undefined(let reason): return .undefined(reason)
            }
            return Self.inOrder(ranks, found)
        }
        var random = NormalSampler(seed: 0x534C_4F50_4553 ^ UInt64(total))
        // The first round draws from every slope, the same for every rank: drawn once.
        let firstDraw = uniformSample(size: sampleSize, random: &random)
        for k in Set(ranks).sorted() where found[k] == nil {
            let band = bracket(k, firstDraw: firstDraw, random: &random)
            switch resolve(k, pending: Set(ranks).filter { found[$0] == nil }, band) {
            case .value(let resolved): found.merge(resolved) { a, _ in a }
            case .undefined(let reason): return .undefined(reason)
            }
        }
        return Self.inOrder(ranks, found)
    }

    /// The slopes found, in the order of `ranks`; the reason if one is missing (which streaming every slope
    /// never leaves: it is the last resort, and it proves every rank).
    private static func inOrder(_ ranks: [Int], _ found: [Int: Double]) -> Measured<[Double]> {
        var result: [Double] = []
        for k in ranks {
            guard let v = found[k] else { return .undefined("not computed: the slope of rank \(k) was not proven") }
            result.append(v)
        }
        return .value(result)
    }

    // MARK: Scaling into the exact range

    /// The exponent of the lowest set bit of a non-zero finite double.
    private static func lowestBit(_ x: Double) -> Int {
        let bits = x.significandBitPattern | (x.isNormal ? 1 << 52 : 0)
        let base = x.isNormal ? Int(x.exponent) - 52 : -1074
        return base + bits.trailingZeroBitCount
    }

    private static func power(_ k: Int) -> Double { Double(sign: .plus, exponent: k, significand: 1) }

    /// x·2^k, exact when the result has its lowest bit at 2⁻¹⁰⁷⁴ or above and does not overflow.
    private static func scaled(_ x: Double, by k: Int) -> Double {
        let half = k / 2
        return x * power(half) * power(k - half)
    }

    private mutating func scaleIntoExactRange() {
        var maxY = 0.0
        var maxT = 0.0
        var lowY = Int.max
        var lowT = Int.max
        var finite = true
        var minY = Double.infinity, topY = -Double.infinity, minT = Double.infinity, topT = -Double.infinity
        for g in groups {
            for x in g.y {
                guard x.isFinite else { finite = false; break }
                maxY = max(maxY, abs(x))
                minY = min(minY, x)
                topY = max(topY, x)
                if x != 0 { lowY = min(lowY, Self.lowestBit(x)) }
            }
            for x in g.t {
                guard x.isFinite else { finite = false; break }
                maxT = max(maxT, abs(x))
                minT = min(minT, x)
                topT = max(topT, x)
                if x != 0 { lowT = min(lowT, Self.lowestBit(x)) }
            }
        }
        guard finite, total > 0 else { return }
        if maxY == 0 {
            allZero = true
            return
        }
        guard maxY < Self.power(1021), maxT < Self.power(1021), maxT > 0 else { return }
        valueScale = 100 - Int(maxY.exponent)
        timeScale = 100 - Int(maxT.exponent)
        let scaledLowY = lowY + valueScale
        let scaledLowT = lowT + timeScale
        guard scaledLowY >= -200, scaledLowT >= -200, valueScale - timeScale <= 1050 else { return }
        // |Δt| < 2^(e + 2) scaled and |Δy| ≥ 2^scaledLowY when not zero, so no non-zero exact slope is below
        // 2^smallest (scaled). Where the slopes of the data as given may then be subnormal, their rounding is
        // absolute: thresholds keep a floor of 2⁻¹⁰⁷² (as given) from zero, so a bound there cannot round to it.
        let smallest = scaledLowY - (Int(maxT.exponent) + timeScale + 2)
        if smallest + timeScale - valueScale < -1020 { floor = Self.power(valueScale - timeScale - 1072) }
        for g in groups.indices {
            groups[g].ys = groups[g].y.map { Self.scaled($0, by: valueScale) }
            groups[g].ts = groups[g].t.map { Self.scaled($0, by: timeScale) }
        }
        exactDifferences = (topY - minY) < Self.power(min(lowY + 53, 1023)) && lowT != Int.max && (topT - minT) < Self.power(min(lowT + 53, 1023))
        exact = true
    }

    // MARK: Slopes of pairs

    /// Every slope listed, and the ranks selected (data outside the exact range, with few slopes).
    private func listedSlopes(atRanks ranks: [Int]) -> [Double] {
        var slopes: [Double] = []
        slopes.reserveCapacity(total)
        for g in groups {
            let n = g.count
            for i in 0..<n {
                for j in (i + 1)..<n where g.t[j] > g.t[i] {
                    slopes.append((g.y[j] - g.y[i]) / (g.t[j] - g.t[i]))
                }
            }
        }
        return orderStatistics(&slopes, ranks: ranks)
    }

    // MARK: Counting at a threshold

    /// A threshold: it counts the slopes below θ (`inclusive` false) or at most θ (true); a `nil` θ is
    /// unbounded (−∞ when it counts nothing, +∞ when it counts every slope).
    struct End {
        var theta: Double?
        var inclusive: Bool
        /// How many slopes the threshold counts, in each group.
        var counts: [Int]
        /// Each group's points in the order of the key y − θt (empty when unbounded).
        var orders: [[Int32]]

        var count: Int { counts.reduce(0, +) }

        static let bottom = End(theta: nil, inclusive: false, counts: [], orders: [])
    }

    /// The unbounded upper threshold: every slope.
    private var top: End { End(theta: nil, inclusive: true, counts: groups.map(\.pairs), orders: []) }

    private func count(_ end: End, _ g: Int) -> Int { end.counts.isEmpty ? 0 : end.counts[g] }

    /// The sign of (yᵢ − yⱼ) − θ(tᵢ − tⱼ), exactly when no difference overflows and no product θ·b under-
    /// or overflows, which the scaled points and thresholds (|θ| in [2⁻⁴⁰⁰, 2³¹⁰] or 0) guarantee.
    @inline(__always)
    static func exactSign(_ yi: Double, _ ti: Double, _ yj: Double, _ tj: Double, _ theta: Double) -> Int {
        let a = DoubleDouble.twoSum(yi, -yj)
        let b = DoubleDouble.twoSum(ti, -tj)
        let p = DoubleDouble.twoProduct(theta, b.hi)
        let q = DoubleDouble.twoProduct(theta, b.lo)
        return expansionSign(a.lo, a.hi, -p.lo, -p.hi, -q.lo, -q.hi)
    }

    /// The sign of a sum of six doubles, exactly: Shewchuk's Grow-Expansion adds them one by one into a
    /// non-overlapping expansion of increasing magnitude, whose largest non-zero component has the sum's sign.
    static func expansionSign(_ x0: Double, _ x1: Double, _ x2: Double, _ x3: Double, _ x4: Double, _ x5: Double) -> Int {
        var e = (x0, 0.0, 0.0, 0.0, 0.0, 0.0)
        return withUnsafeMutableBytes(of: &e) { raw in
            let e = raw.bindMemory(to: Double.self)
            var terms = (x1, x2, x3, x4, x5)
            return withUnsafeBytes(of: &terms) { rawTerms in
                let terms = rawTerms.bindMemory(to: Double.self)
                for m in 1...5 {
                    var q = terms[m - 1]
                    for i in 0..<m {
                        let s = DoubleDouble.twoSum(q, e[i])
                        e[i] = s.lo
                        q = s.hi
                    }
                    e[m] = q
                }
                for i in stride(from: 5, through: 0, by: -1) where e[i] != 0 { return e[i] > 0 ? 1 : -1 }
                return 0
            }
        }
    }

    /// Group g's points ordered by the key y − θt, exactly; equal keys (a slope of exactly θ) put the later
    /// point first when `inclusive` (so the pair counts as at most θ) and keep time order otherwise; equal
    /// points (same time and value) always keep their order, so they never count.
    /// `near`, another order of the group (at a nearby threshold), only speeds the sort up: the result is
    /// the same.
    private func order(_ g: Int, theta: Double?, inclusive: Bool, near: [Int32]? = nil) -> [Int32] {
        let group = groups[g]
        let n = group.count
        guard let theta else {
            // −∞: time order itself; +∞: later times first, each time's points in their order.
            if !inclusive { return (0..<Int32(n)).map { $0 } }
            var result: [Int32] = []
            result.reserveCapacity(n)
            var end = n
            while end > 0 {
                var start = end - 1
                while start > 0, group.t[start - 1] == group.t[end - 1] { start -= 1 }
                for i in start..<end { result.append(Int32(i)) }
                end = start
            }
            return result
        }
        var keyed = [KeyedPoint](unsafeUninitializedCapacity: n) { buffer, count in
            group.ys.withUnsafeBufferPointer { y in
                group.ts.withUnsafeBufferPointer { t in
                    if let near, near.count == n {
                        // Laid out in the nearby order, the keys come almost sorted (the sort is adaptive).
                        for (position, point) in near.enumerated() {
                            let i = Int(point)
                            buffer[position] = KeyedPoint(key: y[i].addingProduct(-theta, t[i]), index: point)
                        }
                    } else {
                        for i in 0..<n { buffer[i] = KeyedPoint(key: y[i].addingProduct(-theta, t[i]), index: Int32(i)) }
                    }
                }
            }
            count = n
        }
        keyed.sort { $0.key < $1.key || ($0.key == $1.key && $0.index < $1.index) }
        // Runs of equal rounded keys: ordered by the exact keys (different rounded keys are in exact order).
        var start = 0
        while start < n {
            var end = start + 1
            while end < n, keyed[end].key == keyed[start].key { end += 1 }
            if end - start > 1 {
                keyed[start..<end].sort { a, b in
                    let i = Int(a.index), j = Int(b.index)
                    let sign = Self.exactSign(group.ys[i], group.ts[i], group.ys[j], group.ts[j], theta)
                    if sign != 0 { return sign < 0 }
                    if inclusive, group.t[i] != group.t[j] { return group.t[i] > group.t[j] }
                    return i < j
                }
            }
            start = end
        }
        return keyed.map(\.index)
    }

    private struct KeyedPoint {
        var key: Double
        var index: Int32
    }

    /// The threshold θ with every group's order and count.
    private func end(_ theta: Double, inclusive: Bool, near: End? = nil) -> End {
        var orders: [[Int32]] = []
        var counts: [Int] = []
        for g in groups.indices {
            let o = order(g, theta: theta, inclusive: inclusive, near: near.flatMap { $0.orders.isEmpty ? nil : $0.orders[g] })
            var work = o
            counts.append(countInversions(&work))
            orders.append(o)
        }
        return End(theta: theta, inclusive: inclusive, counts: counts, orders: orders)
    }

    // MARK: The slopes between two thresholds

    /// The pairs that `upper` counts and `lower` does not (the thresholds nested: lower ≤ upper): the
    /// inversions between their orders.
    struct Band {
        var lower: End
        var upper: End
    }

    /// Group g's sequence of the upper order's positions of the lower order's points (its inversions are the
    /// pairs between), with the upper order to name the points.
    private func between(_ band: Band, _ g: Int) -> (sequence: [Int32], names: [Int32]) {
        let n = groups[g].count
        let lowerOrder = band.lower.orders.isEmpty ? order(g, theta: nil, inclusive: false) : band.lower.orders[g]
        let upperOrder = band.upper.orders.isEmpty ? order(g, theta: nil, inclusive: true) : band.upper.orders[g]
        var rank = [Int32](repeating: 0, count: n)
        for (position, point) in upperOrder.enumerated() { rank[Int(point)] = Int32(position) }
        return (lowerOrder.map { rank[Int($0)] }, upperOrder)
    }

    /// Hands every slope between the thresholds, computed from the data as given (`scaled` false) or from
    /// the scaled points, to `body`.
    private func forEachSlope(in band: Band, scaled: Bool = false, _ body: (Double) -> Void) {
        struct Lister: InversionVisitor {
            let names: UnsafeBufferPointer<Int32>
            let t: UnsafeBufferPointer<Double>
            let y: UnsafeBufferPointer<Double>
            let body: (Double) -> Void
            mutating func visit(larger: UnsafeBufferPointer<Int32>, smaller: Int32, first: Int) {
                let b = Int(names[Int(smaller)])
                for l in larger {
                    let a = Int(names[Int(l)])
                    // The pair in time order: the point later in time has the larger position.
                    let i = Swift.min(a, b), j = Swift.max(a, b)
                    body((y[j] - y[i]) / (t[j] - t[i]))
                }
            }
        }
        for g in groups.indices {
            var (sequence, names) = between(band, g)
            let group = groups[g]
            let t = scaled ? group.ts : group.t
            let y = scaled ? group.ys : group.y
            names.withUnsafeBufferPointer { names in
                t.withUnsafeBufferPointer { t in
                    y.withUnsafeBufferPointer { y in
                        withoutActuallyEscaping(body) { body in
                            var lister = Lister(names: names, t: t, y: y, body: body)
                            _ = visitInversions(&sequence, &lister)
                        }
                    }
                }
            }
        }
    }

    /// Slopes drawn per round: one per point, within [2¹⁰, 2²⁰].
    private var sampleSize: Int { max(1024, min(groups.reduce(0) { $0 + $1.count }, 1 << 20)) }

    /// `size` slopes drawn at random (with replacement) from all pairs with tᵢ < tⱼ (a pair of equal times
    /// is drawn again), computed from the scaled points, in ascending order.
    private func uniformSample(size: Int, random: inout NormalSampler) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(size)
        var offsets: [Int] = []
        var running = 0
        for g in groups {
            offsets.append(running)
            running += g.pairs
        }
        guard running > 0 else { return [] }
        while values.count < size {
            // A group in proportion to its pairs, then two of its points.
            let draw = Int(random.nextBits() % UInt64(running))
            var g = groups.count - 1
            while offsets[g] > draw { g -= 1 }
            let group = groups[g]
            let n = UInt64(group.count)
            let a = Int(random.nextBits() % n), b = Int(random.nextBits() % n)
            guard group.t[a] != group.t[b] else { continue }
            let i = min(a, b), j = max(a, b)
            values.append((group.ys[j] - group.ys[i]) / (group.ts[j] - group.ts[i]))
        }
        values.sort()
        return values
    }

    /// About `size` slopes drawn at random (with replacement) from the pairs between the thresholds,
    /// computed from the scaled points, in ascending order.
    private func sample(_ band: Band, size: Int, random: inout NormalSampler) -> [Double] {
        struct Drawer: InversionVisitor {
            let names: UnsafeBufferPointer<Int32>
            let draws: [Int]
            var next = 0
            var pairs: [(Int, Int)] = []
            mutating func visit(larger: UnsafeBufferPointer<Int32>, smaller: Int32, first: Int) {
                let end = first + larger.count
                while next < draws.count, draws[next] < end {
                    let a = Int(names[Int(larger[draws[next] - first])]), b = Int(names[Int(smaller)])
                    pairs.append((Swift.min(a, b), Swift.max(a, b)))
                    next += 1
                }
            }
        }
        let width = band.upper.count - band.lower.count
        guard width > 0 else { return [] }
        var draws = (0..<size).map { _ in Int(random.nextBits() % UInt64(width)) }
        draws.sort()
        var values: [Double] = []
        values.reserveCapacity(size)
        var offset = 0
        var d = 0
        for g in groups.indices {
            let groupWidth = count(band.upper, g) - count(band.lower, g)
            var local: [Int] = []
            while d < draws.count, draws[d] < offset + groupWidth {
                local.append(draws[d] - offset)
                d += 1
            }
            offset += groupWidth
            guard !local.isEmpty else { continue }
            var (sequence, names) = between(band, g)
            let group = groups[g]
            names.withUnsafeBufferPointer { names in
                var drawer = Drawer(names: names, draws: local)
                _ = visitInversions(&sequence, &drawer)
                for (i, j) in drawer.pairs { values.append((group.ys[j] - group.ys[i]) / (group.ts[j] - group.ts[i])) }
            }
        }
        values.sort()
        return values
    }

    /// Slopes that may be listed for these points: `listLimit`, or four per point and a few thousand if fewer.
    private var room: Int { roomLimit ?? min(Self.listLimit, 4 * groups.reduce(0) { $0 + $1.count } + 4096) }

    // MARK: Phase 1: an interval of exact slopes around the rank

    /// Nested thresholds, the lower counting at most k slopes and the upper more than k, with few slopes
    /// between them (`room`) or exactly one value.
    private func bracket(_ k: Int, firstDraw: [Double], random: inout NormalSampler) -> Band {
        var band = Band(lower: .bottom, upper: top)
        var stalled = 0
        for round in 0..<64 {
            let width = band.upper.count - band.lower.count
            if width <= room { break }
            if let a = band.lower.theta, a == band.upper.theta { break }
            let drawn = round == 0 ? firstDraw : sample(band, size: sampleSize, random: &random)
            guard !drawn.isEmpty else { break }
            let place = Double(k - band.lower.count) / Double(width) * Double(drawn.count)
            let spread = 2 * Double(drawn.count).squareRoot() + 1
            let low = Int((place - spread).rounded(.down))
            let high = Int((place + spread).rounded(.up))
            // Below the rank's place: the slopes under it, a new lower threshold unless the rank is under it.
            if low >= 0, let theta = inside(drawn[low], band, inclusive: false) {
                let candidate = end(theta, inclusive: false, near: band.upper.orders.isEmpty ? band.lower : band.upper)
                if candidate.count <= k {
                    if candidate.count >= band.lower.count { band.lower = candidate }
                } else if candidate.count < band.upper.count {
                    band.upper = candidate
                }
            }
            // Above it: the slopes up to it, a new upper threshold unless the rank is above it.
            if high < drawn.count, let theta = inside(drawn[high], band, inclusive: true) {
                let candidate = end(theta, inclusive: true, near: band.lower.orders.isEmpty ? band.upper : band.lower)
                if candidate.count > k {
                    if candidate.count <= band.upper.count { band.upper = candidate }
                } else if candidate.count > band.lower.count {
                    band.lower = candidate
                }
            }
            if band.upper.count - band.lower.count > width / 2 {
                stalled += 1
                if stalled >= 3 { break }
            } else {
                stalled = 0
            }
        }
        return band
    }

    /// A threshold value near the drawn slope that lies strictly between the band's thresholds (counting
    /// `inclusive` or not), or `nil` when there is none. A slope drawn from the band can round onto or past
    /// its ends; the double next to the end inside it is taken then.
    private func inside(_ drawn: Double, _ band: Band, inclusive: Bool) -> Double? {
        var theta = drawn
        // (θ, below) < (θ, at most) in the order of thresholds.
        func rank(_ value: Double, _ isInclusive: Bool) -> (Double, Int) { (value, isInclusive ? 1 : 0) }
        if let u = band.upper.theta, rank(theta, inclusive) >= rank(u, band.upper.inclusive) {
            theta = inclusive || !band.upper.inclusive ? u.nextDown : u
        }
        if let l = band.lower.theta, rank(theta, inclusive) <= rank(l, band.lower.inclusive) {
            theta = inclusive && !band.lower.inclusive ? l : l.nextUp
        }
        let candidate = rank(theta, inclusive)
        if let u = band.upper.theta, candidate >= rank(u, band.upper.inclusive) { return nil }
        if let l = band.lower.theta, candidate <= rank(l, band.lower.inclusive) { return nil }
        return theta.isFinite ? theta : nil
    }

    // MARK: Phase 2: the listed slopes and the exact ranks

    /// The rank k, and any other pending rank that the same listed slopes prove, from an interval of exact
    /// slopes that holds it.
    private func resolve(_ k: Int, pending: Set<Int>, _ interval: Band) -> Measured<[Int: Double]> {
        var extra = 0.0
        for _ in 0..<3 {
            let lowTheta = interval.lower.theta.map { widened($0, down: true, extra: extra) }
            let highTheta = interval.upper.theta.map { widened($0, down: false, extra: extra) }
            let band = Band(
                lower: lowTheta.map { end($0, inclusive: false, near: interval.lower) } ?? .bottom,
                upper: highTheta.map { end($0, inclusive: true, near: interval.upper) } ?? top)
            let lambda = lowTheta.map { roundedBound($0, down: false) }
            let mu = highTheta.map { roundedBound($0, down: true) }
            let listed = band.upper.count - band.lower.count
            var values: [Double] = []
            var crowd: (value: Double, count: Int)? = nil
            if listed <= room {
                values.reserveCapacity(listed)
                forEachSlope(in: band) { values.append($0) }
            } else if let v = interval.lower.theta, v == interval.upper.theta, !interval.lower.inclusive, interval.upper.inclusive,
                      v == 0 || exactDifferences {
                // The crowd at exactly v rounds alike: counted, and only the slopes either side listed.
                let at = Band(lower: end(v, inclusive: false, near: interval.lower), upper: end(v, inclusive: true, near: interval.upper))
                let size = at.upper.count - at.lower.count
                if listed - size <= room {
                    var representative: Double?
                    if v == 0 { representative = 0 } else { forEachSlope(in: at) { s in if representative == nil { representative = s } } }
                    if let representative {
                        forEachSlope(in: Band(lower: band.lower, upper: at.lower)) { values.append($0) }
                        forEachSlope(in: Band(lower: at.upper, upper: band.upper)) { values.append($0) }
                        crowd = (representative, size)
                    }
                }
            }
            if values.count + (crowd?.count ?? 0) == listed {
                if let resolved = select(pending: pending, k: k, values: &values, crowd: crowd, below: band.lower.count, lambda: lambda, mu: mu) {
                    return .value(resolved)
                }
            } else if total <= (roomLimit ?? Self.listLimit) {
                // A crowd too large to list on its own, in a series whose slopes can all be listed: listing
                // them all is quicker than streaming the crowd.
                let sorted = pending.sorted()
                return .value(Dictionary(uniqueKeysWithValues: zip(sorted, listedSlopes(atRanks: sorted))))
            } else {
                // Too many slopes to list: streamed.
                switch streamedSlopes(atRanks: pending.sorted(), in: band, below: band.lower.count, lambda: lambda, mu: mu) {
                case .value(let resolved) where resolved[k] != nil: return .value(resolved)
                case .value: break
                case .undefined(let reason): return .undefined(reason)
                }
            }
            extra = extra == 0 ? 0x1p-40 : extra * 0x1p16
        }
        // The margins are proven wide enough; should they ever fail, every slope is streamed.
        return streamedSlopes(atRanks: [k], in: Band(lower: .bottom, upper: top), below: 0)
    }

    /// A threshold moved outward by 2⁻⁴⁸ relative (and `extra` more) and by the absolute floor; thresholds
    /// near zero stay at least 2⁻⁴⁰⁰ from it (no non-zero exact slope is within 2⁻³⁰² of zero, scaled).
    private func widened(_ theta: Double, down: Bool, extra: Double) -> Double {
        let margin = abs(theta) * (0x1p-48 + extra) + floor
        var result = down ? (theta - margin).nextDown : (theta + margin).nextUp
        // Thresholds stay clear of the range where the exact comparisons' products would underflow.
        if abs(result) < 0x1p-400 { result = down ? -0x1p-400 : 0x1p-400 }
        return result
    }

    /// λ (μ when `down`): a double that every slope whose exact value (scaled) is below (above) θ rounds to
    /// at most (at least), for the data as given.
    private func roundedBound(_ theta: Double, down: Bool) -> Double {
        // A quotient of the rounded differences is within 2u/(1 − u) < 2⁻⁵¹ relative of the exact slope;
        // rounding it is monotone, so it rounds to at most (least) the rounding of the widened bound.
        let bound = down ? (theta - abs(theta) * 0x1p-51).nextDown : (theta + abs(theta) * 0x1p-51).nextUp
        return Self.correctlyScaled(bound, by: timeScale - valueScale)
    }

    /// x·2^k rounded once to the nearest double (ties to even), overflowing to ±∞.
    static func correctlyScaled(_ x: Double, by k: Int) -> Double {
        guard x != 0, x.isFinite else { return x }
        let e = Int(x.exponent) + k
        if e > 1023 { return x > 0 ? .infinity : -.infinity }
        if e >= -1022 { return scaled(x, by: k) }  // a normal result: exact
        // A subnormal result: x rounded to a multiple of the subnormal spacing 2⁻¹⁰⁷⁴ (seen before scaling),
        // then scaled exactly.
        let spacing = power(-1074 - k)
        let rounded = (abs(x) / spacing).rounded(.toNearestOrEven) * spacing
        let result = scaled(rounded, by: k)
        return x < 0 ? -result : result
    }

    /// Selects the pending ranks that the listed slopes prove, those that fall strictly between λ and μ;
    /// `nil` when k is not among them.
    private func select(
        pending: Set<Int>, k: Int, values: inout [Double], crowd: (value: Double, count: Int)?, below: Int, lambda: Double?,
        mu: Double?
    ) -> [Int: Double]? {
        var atOrBelowLambda = 0
        var belowMu = 0
        for v in values {
            if let l = lambda, v <= l { atOrBelowLambda += 1 }
            if mu.map({ v < $0 }) ?? true { belowMu += 1 }
        }
        if let crowd {
            if let l = lambda, crowd.value <= l { atOrBelowLambda += crowd.count }
            if mu.map({ crowd.value < $0 }) ?? true { belowMu += crowd.count }
        }
        let first = below + atOrBelowLambda
        let proven = pending.filter { $0 >= first && $0 < below + belowMu }.sorted()
        guard proven.contains(k) else { return nil }
        var middle = values.filter { v in (lambda.map { v > $0 } ?? true) && (mu.map { v < $0 } ?? true) }
        var result: [Int: Double] = [:]
        guard let crowd, lambda.map({ crowd.value > $0 }) ?? true, mu.map({ crowd.value < $0 }) ?? true else {
            for (r, v) in zip(proven, orderStatistics(&middle, ranks: proven.map { $0 - first })) { result[r] = v }
            return result
        }
        var less = middle.filter { $0 < crowd.value }
        var more = middle.filter { $0 > crowd.value }
        let equal = middle.count - less.count - more.count + crowd.count
        for r in proven {
            let local = r - first
            if local < less.count {
                result[r] = orderStatistics(&less, ranks: [local])[0]
            } else if local < less.count + equal {
                result[r] = crowd.value
            } else {
                result[r] = orderStatistics(&more, ranks: [local - less.count - equal])[0]
            }
        }
        return result
    }

    // MARK: Streaming: a radix selection over bit patterns

    /// The order-preserving unsigned key of a double (−0 just below +0).
    @inline(__always)
    private static func orderKey(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    @inline(__always)
    private static func value(ofKey key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    /// The slopes of the ranks among all of them that lie strictly between λ and μ, found among the slopes
    /// between the band's thresholds (with `below` slopes under the band, all at most λ, and those above at
    /// least μ) by passes over them, each fixing 16 more bits of each answer's ordered bit pattern counted
    /// from λ's (one pass when the slopes between λ and μ take fewer than 2¹⁶ doubles, four at most), in
    /// bounded memory. Ranks the band does not prove are left out; the reason when the work is beyond the
    /// budget.
    private func streamedSlopes(atRanks ranks: [Int], in band: Band, below: Int, lambda: Double? = nil, mu: Double? = nil) -> Measured<[Int: Double]> {
        let streamed = band.upper.count - band.lower.count
        let lowKey = lambda.map { Self.orderKey($0) &+ 1 } ?? 0
        let highKey = mu.map { Self.orderKey($0) &- 1 } ?? .max
        guard lowKey <= highKey else { return .value([:]) }
        let span = highKey - lowKey
        let passes = max(1, (64 - span.leadingZeroBitCount + 15) / 16)
        guard streamed <= budget / passes else {
            return .undefined(
                "not computed: the exact order statistic of \(total) pairwise slopes would stream \(streamed) of them \(passes) time(s) (they crowd within a few units in the last place of it, or the data span more than 2^300), beyond the \(budget) slope evaluations allowed")
        }
        var wanted = ranks.map { $0 - below }  // each rank among the streamed slopes, then within its prefix
        var prefixes = [UInt64](repeating: 0, count: ranks.count)
        var live = [Bool](repeating: true, count: ranks.count)
        let digits = 1 << 16
        for pass in 0..<passes {
            let shift = UInt64(16 * (passes - 1 - pass))
            // One histogram on the first pass (no digits fixed yet), one per rank after it.
            let tables = pass == 0 ? 1 : ranks.count
            var histograms = [Int](repeating: 0, count: tables * digits)
            var atOrBelowLambda = 0
            var belowMu = 0
            histograms.withUnsafeMutableBufferPointer { histogram in
                forEachSlope(in: band) { s in
                    let key = Self.orderKey(s)
                    guard key >= lowKey else {
                        atOrBelowLambda &+= 1
                        belowMu &+= 1
                        return
                    }
                    guard key <= highKey else { return }
                    belowMu &+= 1
                    let offset = key &- lowKey
                    let digit = Int(truncatingIfNeeded: (offset >> shift) & 0xFFFF)
                    if pass == 0 {
                        histogram[digit] &+= 1
                    } else {
                        for r in 0..<tables where live[r] && offset >> (shift + 16) == prefixes[r] {
                            histogram[r &* digits &+ digit] &+= 1
                        }
                    }
                }
            }
            for r in ranks.indices where live[r] {
                if pass == 0 {
                    // A rank is proven only strictly between λ and μ.
                    guard wanted[r] >= atOrBelowLambda, wanted[r] < belowMu else {
                        live[r] = false
                        continue
                    }
                    wanted[r] -= atOrBelowLambda
                }
                let base = pass == 0 ? 0 : r * digits
                var digit = 0
                while digit < digits, wanted[r] >= histograms[base + digit] {
                    wanted[r] -= histograms[base + digit]
                    digit += 1
                }
                guard digit < digits else {
                    live[r] = false
                    continue
                }
                prefixes[r] = (prefixes[r] << 16) | UInt64(digit)
            }
        }
        var found: [Int: Double] = [:]
        for r in ranks.indices where live[r] { found[ranks[r]] = Self.value(ofKey: lowKey &+ prefixes[r]) }
        return .value(found)
    }
}
