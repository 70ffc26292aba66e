internal import Foundation

/// Numbers written for people: a fixed number of significant digits, no trailing zeros, scientific
/// notation only for very large or very small magnitudes.
public enum NumberText {
    public static func significant(_ value: Double, digits: Int = 10) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        if value == 0 { return "0" }
        let magnitude = Swift.abs(value)
        if magnitude >= 1e15 || magnitude < 1e-6 {
            return String(format: "%.\(max(digits - 1, 0))e", value)
                .replacingOccurrences(of: #"\.?0+e"#, with: "e", options: .regularExpression)
        }
        let exponent = Int(log10(magnitude).rounded(.down))
        let decimals = max(0, digits - 1 - exponent)
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `value` with exactly `decimals` places, rounded half away from zero on the number as written
    /// (`DecimalRounding`), `-0` written `0`.
    public static func fixed(_ value: Double, decimals requested: Int) -> String {
        guard value.isFinite else { return significant(value) }
        let decimals = Swift.min(Swift.max(requested, 0), DecimalRounding.maximumPlaces)
        let rounded = DecimalRounding.rounded(value, places: decimals)
        let text = String(format: "%.\(decimals)f", rounded)
        return text.hasPrefix("-") && text.allSatisfy({ $0 == "-" || $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }
}
