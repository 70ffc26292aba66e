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
}
