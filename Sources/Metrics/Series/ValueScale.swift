/// How every measure of a series sees its values: taken from a reference near them and scaled by a power of
/// two,
///
///     value = reference + z · 2^exponent,
///
/// so that the arithmetic runs on numbers of order one whatever the data's magnitude, and the doubles'
/// rounding of the values as read does not reach the results.
///
/// - Scaling. `exponent` is the binary exponent of the largest magnitude (so the largest |z| lies in [1, 2)).
///   Multiplying by a power of two is exact, and +, −, ×, ÷ and √ commute with it, so a measure computed
///   on z and scaled back — `level` for what is a value (a mean, a median, an intercept, a forecast),
///   `difference` for what is a difference of values (an SD, a slope, a standard error, a moving range) —
///   is the measure of the values themselves, without sums of squares overflowing near 10³⁰⁸ or underflowing
///   near 10⁻³⁰⁰ (distinct values near 10⁻³⁰⁰ had an SD of 0, and ±10³⁰⁰ an OLS p of 1). Scale-free results
///   (p-values, z, τ, r², ratios, percentages) need no scaling back. A series and the same series × 2^j have
///   the same z, so they give identical scale-free results and results exactly 2^j times as large; at a scale
///   that is not a power of two the decimals round differently, and the results agree to rounding. On
///   ordinary data (magnitudes far from the ends of the double range) every result is bit for bit the same
///   as without scaling.
/// - Centring. A double leaves out part of the decimal written, its residual (`Series.Observation.residual`).
///   When the largest residual exceeds 2⁻⁴² (`centringThreshold`) of the values' range, the doubles misstate
///   the differences between the values — 2⁵³ + 1, 2⁵³ + 2 and 2⁵³ + 3 as doubles are 2⁵³, 2⁵³ + 2 and
///   2⁵³ + 4, a slope of 2 instead of 1 — so the values are taken from the first of them, exactly (in
///   double-double), before they are rounded: z = round((y − y₀) / 2^exponent). Below that threshold the
///   residuals move no result by more than about 10⁻¹² relative, the summary's stated agreement with exact
///   arithmetic (`bench/crosscheck_summarize.py`), and the doubles are used as read (`reference` 0), which
///   keeps every result on ordinary data as it was. Centring every series would not be uniformly better: on
///   15-point series of one- and two-decimal data it changed the last digit of 60% of SDs and 70% of OLS
///   slopes, closer to the exact value in three cases out of four and further in the fourth.
///
/// Conventions: missing values and non-finite numbers are skipped (NaN marks a missing value in the plain
/// `[Double]` form); no values give the identity. A value whose magnitude is below 2⁻¹⁰⁷⁴ of the largest is
/// lost below z's subnormal range (it is below the precision of every result, but two such values then
/// compare equal). `level(scaled(y)) == y` for every value read, barring that. When the values are centred,
/// `exponent` is that of the largest |y − y₀| rather than of the largest |y|.
/// - Complexity: O(n) to build (two passes when centred); O(1) per value.
public struct ValueScale: Sendable, Hashable {
    /// The value z = 0 stands for: 0, or the first value read exactly when the values are centred.
    public let reference: DoubleDouble
    /// k in value = reference + z · 2^k.
    public let exponent: Int
    /// 2^−k and 2^k, each as two factors so that exponents beyond the double range are still exact.
    @usableFromInline let down: (Double, Double)
    @usableFromInline let up: (Double, Double)

    /// The largest residual, relative to the values' range, that the doubles are used as read with.
    public static let centringThreshold = 0x1p-42

    public static let identity = ValueScale(reference: .zero, exponent: 0)

    public static func == (a: ValueScale, b: ValueScale) -> Bool { a.reference == b.reference && a.exponent == b.exponent }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(reference)
        hasher.combine(exponent)
    }

    init(reference: DoubleDouble, exponent: Int) {
        self.reference = reference
        self.exponent = exponent
        down = Self.factors(-exponent)
        up = Self.factors(exponent)
    }

    /// 2^e as two doubles whose product it is (one of them 1 when 2^e is itself a double).
    static func factors(_ e: Int) -> (Double, Double) {
        // A normal power of two from its exponent bits (−1022…1023); beyond that range, two halves (each
        // saturating to 0 or ∞ should an exponent ever lie beyond twice the range).
        func power(_ e: Int) -> Double {
            e >= -1022 && e <= 1023 ? Double(bitPattern: UInt64(e + 1023) << 52) : Double(sign: .plus, exponent: e, significand: 1)
        }
        if e >= -1022 && e <= 1023 { return (power(e), 1) }
        return (power(e / 2), power(e - e / 2))
    }

    /// The scale of a series' observations (missing values skipped).
    public init(observations: some Collection<Series.Observation>) {
        // Plain loops rather than lazy maps: this runs once per series on the summary's hot path.
        var extent = Extent()
        for o in observations { if case .number(let x) = o.value { extent.add(x, o.residual) } }
        self.init(extent) { visit in
            for o in observations { if case .number(let x) = o.value { visit(x, o.residual) } }
        }
    }

    /// The scale of plain doubles, taken as exact (no residuals); NaN and infinities are skipped.
    public init(values: some Collection<Double>) {
        var extent = Extent()
        for x in values { extent.add(x, 0) }
        self.init(extent) { visit in for x in values { visit(x, 0) } }
    }

    /// The scale of values given as their doubles and residuals.
    public init(values: some Collection<(Double, Double)>) {
        var extent = Extent()
        for (x, r) in values { extent.add(x, r) }
        self.init(extent) { visit in for (x, r) in values { visit(x, r) } }
    }

    /// What one pass over the values finds: the largest magnitude, the range, the largest residual, the first.
    struct Extent {
        var largest = 0.0
        var low = Double.infinity
        var high = -Double.infinity
        var largestResidual = 0.0
        var first: (Double, Double)? = nil

        @inline(__always) mutating func add(_ x: Double, _ r: Double) {
            guard x.isFinite else { return }
            if first == nil { first = (x, r) }
            largest = Swift.max(largest, Swift.abs(x))
            low = Swift.min(low, x)
            high = Swift.max(high, x)
            largestResidual = Swift.max(largestResidual, Swift.abs(r))
        }
    }

    /// The scale from the first pass, and a second pass (`values` calls its argument with each value and
    /// residual again) for the spread about the first value when the values are centred.
    init(_ extent: Extent, values: (_ visit: (Double, Double) -> Void) -> Void) {
        guard let first = extent.first, extent.largest > 0 else {
            self = .identity
            return
        }
        let k = extent.largest.exponent
        let plain = ValueScale(reference: .zero, exponent: k)
        // Compared on the scaled values, which cannot overflow: residual > threshold × range.
        guard extent.largestResidual > 0,
            plain.multiplied(extent.largestResidual, by: plain.down)
                > Self.centringThreshold * (plain.scaled(extent.high) - plain.scaled(extent.low))
        else {
            self = plain
            return
        }
        // Centred on the first value: the exponent of the largest |y − y₀| after scaling by 2^−k.
        let reference = DoubleDouble.twoSum(first.0, first.1)
        let origin = ValueScale(reference: reference, exponent: k)
        var spread = 0.0
        values { x, r in if x.isFinite { spread = Swift.max(spread, Swift.abs(origin.scaled(x, residual: r))) } }
        self = ValueScale(reference: reference, exponent: spread > 0 ? k + spread.exponent : k)
    }

    /// Whether the values are taken from a reference (see the type's notes); `false` for the doubles as read.
    public var isCentred: Bool { !reference.isZero }

    @inlinable func multiplied(_ x: Double, by factors: (Double, Double)) -> Double { x * factors.0 * factors.1 }

    /// z for a value read as `value` (its double) with `residual`.
    @inlinable public func scaled(_ value: Double, residual: Double = 0) -> Double {
        if reference.isZero { return multiplied(value, by: down) }
        // (value − reference) / 2^k in double-double, rounded once: exact differences of exact values.
        let a = multiplied(value, by: down)
        let b = multiplied(reference.hi, by: down)
        let head = DoubleDouble.twoSum(a, -b)
        return head.hi + (head.lo + (multiplied(residual, by: down) - multiplied(reference.lo, by: down)))
    }

    /// z for an observation; `nil` when its value is missing.
    @inlinable public func scaled(_ observation: Series.Observation) -> Double? {
        guard case .number(let x) = observation.value else { return nil }
        return scaled(x, residual: observation.residual)
    }

    /// The value that z stands for: reference + z · 2^k, rounded once (for means, medians, intercepts,
    /// fitted values, forecasts, limits).
    @inlinable public func level(_ z: Double) -> Double {
        let x = multiplied(z, by: up)
        if reference.isZero { return x }
        return (reference + DoubleDouble(x)).doubleValue
    }

    /// A difference of z's in the values' units: d · 2^k (for SDs, slopes, standard errors, interval
    /// half-widths, moving ranges, changes).
    @inlinable public func difference(_ d: Double) -> Double { multiplied(d, by: up) }

    /// A difference in the values' units as a difference of z's: d / 2^k.
    @inlinable public func scaledDifference(_ d: Double) -> Double { multiplied(d, by: down) }
}
