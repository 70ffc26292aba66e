internal import Foundation

/// How a share (part ÷ total) changed, and how much of the change came from the part and how much from the
/// total: "the children's-services share of the budget rose from 13% to 35%: how much because children's
/// spending rose, how much because the total budget shrank?"
///
/// Method: the symmetric (Shapley) decomposition of s₁ − s₀ with s = p/t over its two factors (Shorrocks,
/// "Decomposition procedures for distributional analysis: a unified framework based on the Shapley value",
/// *Journal of Economic Inequality* 11, 2013): each factor's effect is its change averaged over both orders
/// of changing them, so the two effects add up to the change exactly and neither order is privileged:
/// part effect = ½[(p₁ − p₀)/t₀ + (p₁ − p₀)/t₁], total effect = ½[p₀(1/t₁ − 1/t₀) + p₁(1/t₁ − 1/t₀)].
/// The multiplicative view is exact too: ln(s₁/s₀) = ln(p₁/p₀) − ln(t₁/t₀).
/// Conventions: shares in percent (0–100) and changes in percentage points; totals must be positive and
/// parts non-negative (otherwise a reason, no numbers).
public struct ShareChange: Sendable, Hashable {
    public let share0: Double
    public let share1: Double
    /// s₁ − s₀ in percentage points.
    public let change: Double
    /// Percentage points due to the part changing.
    public let partEffect: Double
    /// Percentage points due to the total changing.
    public let totalEffect: Double
    /// ln(p₁/p₀) and −ln(t₁/t₀): the log change of the share split between part and total (nil when a
    /// part is zero).
    public let logPartEffect: Double?
    public let logTotalEffect: Double

    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case nonPositiveTotal
        case negativePart
        public var description: String {
            switch self {
            case .nonPositiveTotal: "a total must be positive"
            case .negativePart: "a part cannot be negative"
            }
        }
    }

    public init(part0: Double, total0: Double, part1: Double, total1: Double) throws(Problem) {
        guard total0 > 0, total1 > 0 else { throw .nonPositiveTotal }
        guard part0 >= 0, part1 >= 0 else { throw .negativePart }
        share0 = part0 / total0 * 100
        share1 = part1 / total1 * 100
        change = share1 - share0
        partEffect = 50 * ((part1 - part0) / total0 + (part1 - part0) / total1)
        totalEffect = 50 * (part0 * (1 / total1 - 1 / total0) + part1 * (1 / total1 - 1 / total0))
        logPartEffect = part0 > 0 && part1 > 0 ? (part1 / part0).logarithm : nil
        logTotalEffect = -(total1 / total0).logarithm
    }
}

extension Double {
    var logarithm: Double { Foundation.log(self) }
}
