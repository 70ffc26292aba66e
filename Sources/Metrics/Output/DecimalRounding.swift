/// Rounding to a number of decimal places as people and spreadsheets do it: half away from zero, on the
/// number as it is written.
///
/// The convention is Excel's `ROUND` (ECMA-376 Part 1, §18.17.7.260: `ROUND(2.15, 1)` is 2.2,
/// `ROUND(-1.475, 2)` is −1.48) and DfE's: the dfeR package's `round_five_up` rounds 5s up, away from
/// zero, rather than R's `round`, which rounds half to even. The decision is made on the shortest decimal
/// text that reads back as the double (what every output of this tool writes), not on the binary value: the
/// double nearest 1.475 lies a little below it, yet it is written `1.475` and rounds to 1.48, as the reader
/// of the file expects. The result is the double nearest the rounded decimal, so it is written with at most
/// `places` decimals. Infinities and NaN are returned unchanged; a result of zero is +0 (never `-0`).
///
/// - Complexity: O(d) in the 17 or fewer significant digits of the number.
public enum DecimalRounding {
    /// The most decimal places asked for: beyond 17 every double is written in full anyway.
    public static let maximumPlaces = 17

    public static func rounded(_ x: Double, places requested: Int) -> Double {
        guard x.isFinite, x != 0 else { return x == 0 ? 0 : x }
        let places = Swift.min(Swift.max(requested, 0), maximumPlaces)
        let text = Swift.abs(x).description
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var pointAt: Int?
        var exponent = 0
        var bytes = text.utf8[...]
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            exponent = Int(String(decoding: bytes[bytes.index(after: e)...], as: UTF8.self)) ?? 0
            bytes = bytes[..<e]
        }
        for byte in bytes {
            if byte == UInt8(ascii: ".") { pointAt = digits.count } else { digits.append(byte &- UInt8(ascii: "0")) }
        }
        // Digits before the decimal point, and how many of the digits survive.
        let integerDigits = (pointAt ?? digits.count) + exponent
        let kept = integerDigits + places
        if kept >= digits.count { return x }
        if kept < 0 { return 0 }
        var result = Array(digits[..<kept])
        if digits[kept] >= 5 {
            var i = result.count - 1
            while i >= 0, result[i] == 9 {
                result[i] = 0
                i -= 1
            }
            if i >= 0 { result[i] += 1 } else { result.insert(1, at: 0) }
        }
        guard result.contains(where: { $0 != 0 }) else { return 0 }
        let literal = String(decoding: result.map { $0 + UInt8(ascii: "0") }, as: UTF8.self) + "e\(-places)"
        let magnitude = Double(literal) ?? Swift.abs(x)
        return x < 0 ? -magnitude : magnitude
    }
}
