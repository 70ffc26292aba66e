/// Numbers written into charts, the same on every machine: no locale, no `String(format:)`, no Foundation.
///
/// Conventions: values are rounded half away from zero to a fixed number of decimals; `value` groups
/// thousands with commas, writes a minus as U+2212 and adds the unit's sign (`£`, `€`, `$`, `%`);
/// `coordinate` writes SVG user units with exactly two decimals and an ASCII minus. Magnitudes too large to
/// round exactly (10^15 and above), and numbers asked for with more than 10 decimals, are written in
/// scientific notation (`1.235e+20`). A non-finite number
/// never reaches the output: it is written as `0` (callers filter such values out first).
enum ChartNumberText {
    /// An SVG coordinate: two decimals, `-` for negatives, clamped to ±10^9.
    static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0.00" }
        return fixed(Swift.min(Swift.max(x, -1e9), 1e9), decimals: 2, grouping: false, minus: "-")
    }

    /// A value for people: thousands separators, `decimals` places, the unit's sign.
    static func value(_ x: Double, decimals: Int, unit: SeriesMetadata.Unit?) -> String {
        let body = fixed(Swift.abs(x), decimals: decimals, grouping: true, minus: "−")
        let negative = x < 0 && body.contains(where: { $0 >= "1" && $0 <= "9" })
        var text = body
        switch unit {
        case .percent?: text += "%"
        case .currency(let code, _)?: text = currencySign(code) + text
        default: break
        }
        return negative ? "−" + text : text
    }

    /// `x` with exactly `decimals` places (0–10; more are written in scientific notation).
    static func fixed(_ x: Double, decimals: Int, grouping: Bool, minus: String = "−") -> String {
        guard x.isFinite else { return "0" }
        guard decimals <= 10 else { return scientific(x, minus: minus) }
        let places = Swift.max(decimals, 0)
        let scaled = (Swift.abs(x) * powerOfTen(places)).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return scientific(x, minus: minus) }
        let digits = String(Int64(scaled))
        let padded = digits.count <= places ? String(repeating: "0", count: places - digits.count + 1) + digits : digits
        let integerPart = String(padded.dropLast(places))
        var text = grouping ? group(integerPart) : integerPart
        if places > 0 { text += "." + padded.suffix(places) }
        return x < 0 && scaled != 0 ? minus + text : text
    }

    /// `1.235e+20`: four significant digits.
    static func scientific(_ x: Double, minus: String) -> String {
        var m = Swift.abs(x)
        var e = 0
        if m > 0 {
            while m >= 10 { m /= 10; e += 1 }
            while m < 1 { m *= 10; e -= 1 }
        }
        var mantissa = fixed(m, decimals: 3, grouping: false)
        if mantissa == "10.000" { mantissa = "1.000"; e += 1 }
        return (x < 0 ? minus : "") + mantissa + "e" + (e < 0 ? "-" : "+") + String(Swift.abs(e))
    }

    static func group(_ digits: String) -> String {
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    static func currencySign(_ code: String) -> String {
        switch code.uppercased() {
        case "GBP": "£"
        case "EUR": "€"
        case "USD": "$"
        default: code + " "
        }
    }

    /// 10^n, exact for 0 ≤ n ≤ 22; correctly rounded reciprocals below.
    static func powerOfTen(_ n: Int) -> Double {
        if n < 0 { return 1 / powerOfTen(-n) }
        var p = 1.0
        for _ in 0..<Swift.min(n, 400) { p *= 10 }
        return p
    }
}
