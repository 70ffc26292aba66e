import Foundation
import Testing

/// `../shared/reference/trend_cases.json`: outputs of scipy 1.17.1, statsmodels 0.15.0 and pymannkendall
/// 1.4.3 on short indicator-like series (see that folder's README for the conventions).
struct TrendCase: CustomTestStringConvertible, @unchecked Sendable {  // immutable JSON values
    let id: String
    let x: [Double]
    let y: [Double?]
    let outputs: [String: Any]

    var testDescription: String { id }

    /// (x, y) pairs where y is present, in order.
    var completeCases: (x: [Double], y: [Double]) {
        let pairs = zip(x, y).compactMap { x, y in y.map { (x, $0) } }
        return (pairs.map(\.0), pairs.map(\.1))
    }

    func output(_ path: String...) -> Any? {
        var node: Any? = outputs
        for key in path { node = (node as? [String: Any])?[key] }
        return node
    }

    static let all: [TrendCase] = {
        guard let url = SharedReference.url("reference/trend_cases.json"),
            let data = try? Data(contentsOf: url),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let cases = root["cases"] as? [[String: Any]]
        else { return [] }
        return cases.map { c in
            TrendCase(
                id: c["id"] as! String,
                x: (c["x"] as! [Any]).map { ($0 as! NSNumber).doubleValue },
                y: (c["y"] as! [Any]).map { ($0 as? NSNumber)?.doubleValue },
                outputs: c["outputs"] as! [String: Any])
        }
    }()
}

/// A JSON number (or "inf"/"nan" text, or null) as an optional double.
func referenceNumber(_ value: Any?) -> Double? {
    if let number = value as? NSNumber { return number.doubleValue }
    if let text = value as? String { return Double(text) }
    return nil
}

/// |a − b| ≤ rel·|b|, or ≤ abs when b is near 0.
func agrees(_ a: Double?, _ b: Double?, relative: Double, absolute: Double = 1e-12) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    if a == b { return true }
    return abs(a - b) <= max(relative * abs(b), absolute)
}
