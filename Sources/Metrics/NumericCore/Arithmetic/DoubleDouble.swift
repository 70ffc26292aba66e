import Foundation

/// A real number held as the unevaluated sum of two doubles, `hi + lo` with `|lo| ≤ ulp(hi)/2`: about 106
/// significant bits (32 decimal digits) from ordinary double hardware.
///
/// The accuracy-critical paths (`LeastSquaresFit`, `describe` on exactly parsed decimal input) compute in this
/// type and round to `Double` once at the end, so an ill-conditioned problem loses its digits from 32, not 16.
///
/// Method: error-free transformations of Knuth (TwoSum) and Dekker (FastTwoSum), with the product's error from
/// a fused multiply–add; the "accurate" addition, multiplication, division and square root of Hida, Li and
/// Bailey, *Library for Double-Double and Quad-Double Arithmetic* (2007), §2 and the QD library's `dd_real`.
/// Relative error of each operation is at most a few units of 2⁻¹⁰⁶.
///
/// Conventions: non-finite values propagate through `hi` (`lo` is then meaningless and `isFinite` is false);
/// there is no subnormal care beyond what the underlying doubles give.
public struct DoubleDouble: Sendable, Hashable {
    public var hi: Double
    public var lo: Double

    @inlinable public init(_ value: Double) {
        hi = value
        lo = 0
    }

    /// A pair that is already normalised (`|lo| ≤ ulp(hi)/2`).
    @inlinable public init(hi: Double, lo: Double) {
        self.hi = hi
        self.lo = lo
    }

    /// The integer exactly (a 64-bit integer needs up to 64 bits; one double holds 53).
    @inlinable public init(_ value: Int) {
        let upper = Double(value >> 32) * 4_294_967_296.0  // exact: 32 significant bits, scaled
        let lower = Double(value & 0xFFFF_FFFF)  // exact: fewer than 33 bits
        self = DoubleDouble.twoSum(upper, lower)
    }

    public static let zero = DoubleDouble(0)
    public static let one = DoubleDouble(1)

    /// The nearest `Double`.
    @inlinable public var doubleValue: Double { hi + lo }
    @inlinable public var isFinite: Bool { hi.isFinite && lo.isFinite }
    @inlinable public var isZero: Bool { hi == 0 }
    @inlinable public var magnitude: DoubleDouble { hi < 0 || (hi == 0 && lo < 0) ? -self : self }

    // MARK: Error-free transformations

    /// `a + b = s + e` exactly, for any a and b (Knuth).
    @inlinable static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return DoubleDouble(hi: s, lo: e)
    }

    /// `a + b = s + e` exactly, when `|a| ≥ |b|` or a is zero (Dekker).
    @inlinable static func fastTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(hi: s, lo: b - (s - a))
    }

    /// `a × b = p + e` exactly (barring overflow and underflow), with the error from a fused multiply–add.
    @inlinable static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        return DoubleDouble(hi: p, lo: (-p).addingProduct(a, b))
    }

    // MARK: Arithmetic

    @inlinable public static prefix func - (x: DoubleDouble) -> DoubleDouble { DoubleDouble(hi: -x.hi, lo: -x.lo) }

    @inlinable public static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var s = twoSum(a.hi, b.hi)
        let t = twoSum(a.lo, b.lo)
        s.lo += t.hi
        s = fastTwoSum(s.hi, s.lo)
        s.lo += t.lo
        let r = fastTwoSum(s.hi, s.lo)
        return r.hi.isFinite ? r : DoubleDouble(a.hi + b.hi)
    }

    @inlinable public static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    @inlinable public static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var p = twoProduct(a.hi, b.hi)
        p.lo += a.hi * b.lo + a.lo * b.hi
        let r = fastTwoSum(p.hi, p.lo)
        return r.hi.isFinite ? r : DoubleDouble(a.hi * b.hi)
    }

    @inlinable public static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let q1 = a.hi / b.hi
        guard q1.isFinite, q1 != 0 else { return DoubleDouble(q1) }
        var r = a - b * DoubleDouble(q1)
        let q2 = r.hi / b.hi
        r = r - b * DoubleDouble(q2)
        let q3 = r.hi / b.hi
        return fastTwoSum(q1, q2) + DoubleDouble(q3)
    }

    @inlinable public static func += (a: inout DoubleDouble, b: DoubleDouble) { a = a + b }
    @inlinable public static func -= (a: inout DoubleDouble, b: DoubleDouble) { a = a - b }
    @inlinable public static func *= (a: inout DoubleDouble, b: DoubleDouble) { a = a * b }
    @inlinable public static func /= (a: inout DoubleDouble, b: DoubleDouble) { a = a / b }

    /// The square root, correct to about 2⁻¹⁰⁵ relative (one Newton step on the double square root);
    /// NaN for negative input.
    @inlinable public func squareRoot() -> DoubleDouble {
        if hi == 0 { return .zero }
        if hi < 0 || !hi.isFinite { return DoubleDouble(hi.squareRoot()) }
        let x = 1 / hi.squareRoot()
        let ax = hi * x
        let ax2 = DoubleDouble.twoProduct(ax, ax)
        let correction = (self - ax2).hi * (x * 0.5)
        return DoubleDouble.twoSum(ax, correction)
    }

    /// `self` raised to a non-negative integer power, by repeated squaring.
    public func power(_ exponent: Int) -> DoubleDouble {
        precondition(exponent >= 0, "negative exponent")
        var result = DoubleDouble.one
        var base = self
        var k = exponent
        while k > 0 {
            if k & 1 == 1 { result *= base }
            base *= base
            k >>= 1
        }
        return result
    }
}

extension DoubleDouble: Comparable {
    @inlinable public static func < (a: DoubleDouble, b: DoubleDouble) -> Bool {
        a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo)
    }
}

extension DoubleDouble: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    @inlinable public init(integerLiteral value: Int) { self.init(value) }
    @inlinable public init(floatLiteral value: Double) { self.init(value) }
}

extension DoubleDouble: CustomStringConvertible {
    public var description: String { "\(hi) + \(lo)" }
}

extension DoubleDouble {
    /// The exact sum of `values`, to double-double precision (each addition exact to about 2⁻¹⁰⁶).
    public static func sum<C: Collection>(_ values: C) -> DoubleDouble where C.Element == DoubleDouble {
        var total = DoubleDouble.zero
        for value in values { total += value }
        return total
    }

    /// Natural logarithm to double-double precision: one Newton step on `exp`, with `exp` of the small
    /// correction taken from its Taylor series (Hida, Li & Bailey, §4). NaN for negative input, −∞ for zero.
    public func logarithm() -> DoubleDouble {
        guard hi > 0, hi.isFinite else { return DoubleDouble(Foundation.log(hi)) }
        // x1 = log(hi) in double; x = x1 + self·exp(−x1) − 1.
        let x1 = DoubleDouble(Foundation.log(hi))
        let e = DoubleDouble.expSmall(-x1)
        return x1 + self * e - .one
    }

    /// exp(x) for a double-double x, by range reduction on ln 2 and a Taylor series.
    static func expSmall(_ x: DoubleDouble) -> DoubleDouble {
        let ln2 = DoubleDouble(hi: 6.931471805599452862e-01, lo: 2.319046813846299558e-17)
        let k = (x.hi / ln2.hi).rounded()
        let r = x - ln2 * DoubleDouble(k)
        // r is in [-ln2/2, ln2/2]; scale by 2^-8 and square back 8 times.
        let scaled = r * DoubleDouble(1.0 / 256.0)
        var term = DoubleDouble.one
        var sum = DoubleDouble.one
        for n in 1...22 {
            term = term * scaled / DoubleDouble(Double(n))
            sum += term
            if Swift.abs(term.hi) < 1e-36 { break }
        }
        for _ in 0..<8 { sum = sum * sum }
        return DoubleDouble(hi: sum.hi * Foundation.exp2(k), lo: sum.lo * Foundation.exp2(k))
    }
}
