/// Reading a plain decimal number from bytes into the nearest double, without allocating.
///
/// Method: Clinger's fast path ("How to read floating point numbers accurately", PLDI 1990): when the
/// significant digits fit in 2⁵³ and the decimal exponent is within ±22, one multiplication or division by an
/// exactly representable power of ten gives the correctly rounded double. Other inputs (more than 15–19
/// significant digits, huge exponents) fall back to Swift's own correctly rounded `Double(_:)`, so every
/// result is the nearest double to the decimal written.
/// Accepted: `[+-]digits[.digits][(e|E)[+-]digits]` with at least one digit; nothing else (no spaces).
public enum FastDouble {
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
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
            var value = Double(mantissa)
            if exponent < 0 { value /= powersOfTen[-exponent] } else if exponent > 0 { value *= powersOfTen[exponent] }
            return negative ? -value : value
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    @usableFromInline static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]
}
