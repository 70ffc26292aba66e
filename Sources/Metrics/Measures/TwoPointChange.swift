internal import Foundation

/// The two-point numbers a journalist quotes: from the first to the last value of a series.
///
/// Conventions: `first` and `last` are the first and last non-missing values; `years` is the real elapsed
/// time between their periods (August 2020 to July 2021 is 11/12). Percent change, ratio and compound
/// annual growth need a positive base: with a zero or negative first value they are undefined (reason
/// given), never ±∞. CAGR = ((last/first)^(1/years) − 1) × 100, computed as
/// expm1(log1p((last − first)/first)/years) for accuracy near 0 and for large, close values; undefined when years = 0 or last < 0; −100% when last = 0. Percentage points
/// (`pp_change` = last − first) apply to percentage and share units only.
/// The arithmetic runs on a `ValueScale` (the series' own in a summary), so values near ±10³⁰⁸ give a finite
/// percent change (1e308 to −1e308 is −200%), and a difference is exact when the doubles alone would
/// misstate it (2⁵³ + 1 to 2⁵³ + 3 is 2); the change is written empty only when it is itself beyond the double
/// range.
/// Source: ONS, "Measuring change" guidance; the CAGR definition of OECD, *Glossary of Statistical Terms*.
public struct TwoPointChange: Sendable, Hashable {
    public let first: Double
    public let last: Double
    public let years: Double
    public let absoluteChange: Double
    public let percentChange: Measured<Double>
    public let percentagePointChange: Measured<Double>
    public let ratio: Measured<Double>
    public let compoundAnnualGrowth: Measured<Double>

    public init(first: Double, last: Double, years: Double, isPercentage: Bool) {
        let scale = ValueScale(values: [first, last])
        self.init(
            first: first, last: last, scaledFirst: scale.scaled(first), scaledLast: scale.scaled(last), scale: scale, years: years,
            isPercentage: isPercentage)
    }

    /// `first` and `last` as read, and their values z on `scale`.
    init(first: Double, last: Double, scaledFirst: Double, scaledLast: Double, scale: ValueScale, years: Double, isPercentage: Bool) {
        self.first = first
        self.last = last
        self.years = years
        let change = scaledLast - scaledFirst
        absoluteChange = scale.difference(change)
        // The base on the same scale as the change (z itself when the values are not centred).
        let base = scale.isCentred ? scale.scaledDifference(first) : scaledFirst
        let relative = change / base
        let baseProblem: String? = first == 0 ? "the first value is zero" : (first < 0 ? "the first value is negative" : nil)
        if let baseProblem {
            percentChange = .undefined(baseProblem)
            ratio = .undefined(baseProblem)
            compoundAnnualGrowth = .undefined(baseProblem)
        } else {
            percentChange = .value(relative * 100)
            ratio = .value(scale.isCentred ? 1 + relative : scaledLast / scaledFirst)
            if !(years > 0) {
                compoundAnnualGrowth = .undefined("no time elapses between the first and last values")
            } else if last < 0 {
                compoundAnnualGrowth = .undefined("the last value is negative")
            } else if last == 0 {
                compoundAnnualGrowth = .value(-100)
            } else {
                // ln(last/first) as log1p of the relative change: exact when last and first are close and
                // large (a ratio rounded first would carry its rounding into the rate).
                compoundAnnualGrowth = .value(expm1(log1p(relative) / years) * 100)
            }
        }
        percentagePointChange = isPercentage ? .value(absoluteChange) : .undefined("the unit is not a percentage")
    }
}

/// A measure's value, or the reason it has none (shown as an empty CSV cell or JSON `null`, with the reason
/// in the record's `reasons`).
public enum Measured<Value: Sendable & Hashable>: Sendable, Hashable {
    case value(Value)
    case undefined(String)

    public var value: Value? {
        if case .value(let v) = self { return v }
        return nil
    }

    public var reason: String? {
        if case .undefined(let r) = self { return r }
        return nil
    }

    /// The value transformed, or the same reason.
    func map<T>(_ transform: (Value) -> T) -> Measured<T> {
        switch self {
        case .value(let v): .value(transform(v))
        case .undefined(let reason): .undefined(reason)
        }
    }
}
