/// Reading a decimal number written as text into a `DoubleDouble`, exactly to about 31 significant digits.
///
/// NIST's certified values are computed from the decimal data as written. A double cannot hold `10000000.2`
/// (its nearest double is off by 9·10⁻¹⁰, a relative error of 10⁻⁸ in a spread of 0.1), so the accuracy-
/// critical verbs read numbers through this parser and keep the decimal value to double-double precision.
///
/// Accepted: optional ASCII spaces around, an optional sign, digits with at most one decimal point (at least
/// one digit), an optional exponent `e`/`E` with optional sign. Spellings of infinity and NaN (`inf`,
/// `Infinity`, `NaN`, any case, signed) are reported as `.nonFinite`, so callers can name them in an error.
/// Digits past the 31st significant one are dropped (they change the value by less than 10⁻³¹ relative);
/// magnitudes beyond the double range are `.outOfRange`; values below it round to zero, as `strtod` does.
public enum DecimalText {
    public enum Parsed: Sendable, Equatable {
        case number(DoubleDouble)
        case nonFinite
        case outOfRange
        case invalid
    }

    static let maximumSignificantDigits = 31

    public static func parse(_ text: String) -> Parsed {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return .invalid }

        var i = start
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        if isNonFiniteSpelling(bytes, from: i, to: end) { return .nonFinite }

        var mantissa = DoubleDouble.zero
        var significant = 0
        var decimalExponent = 0
        var sawDigit = false
        var sawPoint = false
        while i < end {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                sawDigit = true
                let digit = Double(c &- 0x30)
                if significant < maximumSignificantDigits {
                    if significant > 0 || digit != 0 {
                        mantissa = mantissa * DoubleDouble(10) + DoubleDouble(digit)
                        significant += 1
                    }
                    if sawPoint { decimalExponent -= 1 }
                } else if !sawPoint {
                    decimalExponent += 1  // a dropped integer digit still scales the value
                }
            } else if c == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return .invalid }
        if i < end {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return .invalid }
            i += 1
            var exponentNegative = false
            if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0
            var sawExponentDigit = false
            while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                sawExponentDigit = true
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[i] &- 0x30) }
                i += 1
            }
            guard sawExponentDigit, i == end else { return .invalid }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        if mantissa.isZero { return .number(negative ? DoubleDouble(-0.0) : .zero) }

        // The value is mantissa × 10^decimalExponent with mantissa < 10^31.
        let magnitude = decimalExponent + significant  // value < 10^magnitude
        if magnitude > 309 { return .outOfRange }
        if magnitude < -330 { return .number(negative ? DoubleDouble(-0.0) : .zero) }
        var value = mantissa
        if decimalExponent > 0 {
            value = value * powerOfTen(decimalExponent)
        } else if decimalExponent < 0 {
            // Two steps keep the intermediate power of ten inside the double range.
            var remaining = -decimalExponent
            while remaining > 0 {
                let step = min(remaining, 300)
                value = value / powerOfTen(step)
                remaining -= step
            }
        }
        guard value.hi.isFinite else { return .outOfRange }
        return .number(negative ? -value : value)
    }

    /// 10^k to double-double precision: exact for k ≤ 22, then within a few units of 2⁻¹⁰⁶.
    static func powerOfTen(_ k: Int) -> DoubleDouble {
        if k <= 22 { return DoubleDouble(exactPowersOfTen[k]) }
        return DoubleDouble(1e22) * powerOfTen(k - 22)
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    private static func isNonFiniteSpelling(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        let spellings: [[UInt8]] = [Array("inf".utf8), Array("infinity".utf8), Array("nan".utf8)]
        let count = to - from
        return spellings.contains { spelling in
            spelling.count == count
                && spelling.indices.allSatisfy { bytes[from + $0] | 0x20 == spelling[$0] }
        }
    }
}
