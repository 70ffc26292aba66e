/// Reading a plain decimal number from bytes into the nearest double, without allocating; and, when asked,
/// what the double leaves out of the decimal as written (its residual), so that a reader can keep the value
/// exactly to about 32 significant digits (double-double) at almost no cost.
///
/// Method: Clinger's fast path ("How to read floating point numbers accurately", PLDI 1990): when the
/// significant digits fit in 2⁵³ and the decimal exponent is within ±22, one multiplication or division by an
/// exactly representable power of ten gives the correctly rounded double. An integer of up to 19 digits
/// converts directly (rounded to nearest, ties to even). Other inputs (more than 19 significant digits,
/// huge exponents) fall back to Swift's own correctly rounded `Double(_:)`, so every result is the nearest
/// double to the decimal written.
/// The residual r, with value + r equal to the decimal to about 2⁻¹⁰⁶ relative: 0 when the double is exact
/// (integers up to 2⁵³, and decimals such as 12.5 whose division leaves no remainder); on the fast path,
/// the product's error or the division's remainder, each exact with one fused multiply–add (the remainder
/// of a correctly rounded quotient is a double: Boldo & Daumas 2003), divided by the power of ten; for a
/// 19-digit integer, the integer difference; otherwise from `DecimalText` (31 digits).
/// Accepted: `[+-]digits[.digits][(e|E)[+-]digits]` with at least one digit; nothing else (no spaces).
public enum FastDouble {
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        read(bytes, residual: false)?.value
    }

    /// The nearest double and its residual (see the type's notes).
    @inlinable
    public static func parseWithResidual(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Double, residual: Double)? {
        read(bytes, residual: true)
    }

    /// The scan shared by both: `wantsResidual` is a constant at each call, so `parse` computes none.
    @inlinable
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, residual wantsResidual: Bool) -> (value: Double, residual: Double)? {
        let n = bytes.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        let first = bytes[0]
        if first == 0x2D || first == 0x2B {
            negative = first == 0x2D
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significant = 0
        var exponent = 0
        var sawPoint = false
        while i < n {
            let c = bytes[i]
            let d = c &- 0x30
            if d < 10 {
                digits += 1
                if significant > 0 || d != 0 { significant += 1 }
                if significant <= 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if sawPoint { exponent -= 1 }
                } else if !sawPoint {
                    exponent += 1
                }
            } else if c == 0x2E && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < n {
            guard bytes[i] | 0x20 == 0x65 else { return nil }  // e or E
            i += 1
            var exponentNegative = false
            if i < n, bytes[i] == 0x2D || bytes[i] == 0x2B {
                exponentNegative = bytes[i] == 0x2D
                i += 1
            }
            var e = 0
            var exponentDigits = 0
            while i < n {
                let d = bytes[i] &- 0x30
                guard d < 10 else { return nil }
                if e < 100_000 { e = e * 10 + Int(d) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -e : e
        }
        if significant <= 19, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            var value = m
            var residual = 0.0
            if exponent < 0 {
                let p = powersOfTen[-exponent]
                value = m / p
                if wantsResidual {
                    let remainder = m.addingProduct(-value, p)  // m − value·p, exactly
                    if remainder != 0 { residual = remainder / p }
                }
            } else if exponent > 0 {
                let p = powersOfTen[exponent]
                value = m * p
                if wantsResidual { residual = (-value).addingProduct(m, p) }
            }
            return negative ? (-value, -residual) : (value, residual)
        }
        if significant <= 19, exponent == 0 {
            // A 19-digit integer: the conversion rounds to nearest, and the difference is a small integer.
            let value = Double(mantissa)
            let residual = wantsResidual ? Double(Int64(bitPattern: mantissa &- UInt64(value))) : 0
            return negative ? (-value, -residual) : (value, residual)
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { return nil }
        guard wantsResidual, value.isFinite, case .number(let exact) = DecimalText.parse(bytes) else { return (value, 0) }
        return (value, (exact - DoubleDouble(value)).doubleValue)
    }

    @usableFromInline static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]
}
