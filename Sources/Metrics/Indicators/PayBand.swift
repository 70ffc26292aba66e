/// A salary band and where salaries sit in it, in the words of reward analysts: minimum, maximum, midpoint,
/// spread, a salary's range position and compa-ratio, the overlap between two bands, and one-off payments
/// spread over time.
///
/// Definitions (WorldatWork, *The WorldatWork Handbook of Compensation, Benefits & Total Rewards*, 2nd ed.,
/// 2015, ch. 6; CIPD, "Pay structures", factsheet 2023):
/// - midpoint = (minimum + maximum)/2; spread = (maximum − minimum)/minimum, in percent;
/// - range position (penetration) = (salary − minimum)/(maximum − minimum), 0 at the minimum and 100% at
///   the maximum; compa-ratio = salary/midpoint;
/// - overlap of two bands = the length of their common interval, also as a share of the lower band's width;
/// - a one-off payment spread over `years` adds payment/years a year (Middlesbrough's £5,000 welcome
///   payment over a two-year commitment is £2,500 a year on top of the salary).
/// Conventions: money in one currency and price basis (deflate first with `RealTerms` for real terms);
/// minimum must be positive and not above maximum.
public struct PayBand: Sendable, Hashable {
    public let minimum: Double
    public let maximum: Double

    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
    }

    public init(minimum: Double, maximum: Double) throws(Invalid) {
        guard minimum > 0, minimum.isFinite, maximum.isFinite else { throw Invalid(description: "a band's minimum must be positive and finite") }
        guard maximum >= minimum else { throw Invalid(description: "the band's maximum (\(maximum)) is below its minimum (\(minimum))") }
        self.minimum = minimum
        self.maximum = maximum
    }

    public var midpoint: Double { (minimum + maximum) / 2 }
    public var width: Double { maximum - minimum }
    /// (max − min)/min, in percent.
    public var spread: Double { width / minimum * 100 }

    /// (salary − min)/(max − min), in percent; `nil` for a band of zero width.
    public func rangePosition(of salary: Double) -> Double? {
        width > 0 ? (salary - minimum) / width * 100 : nil
    }

    /// salary/midpoint.
    public func compaRatio(of salary: Double) -> Double { salary / midpoint }

    /// The common part of two bands: its length and its share (percent) of the narrower band's width; `nil`
    /// when they do not overlap.
    public func overlap(with other: PayBand) -> (amount: Double, percentOfNarrower: Double?)? {
        let low = max(minimum, other.minimum)
        let high = min(maximum, other.maximum)
        guard high >= low else { return nil }
        let narrower = min(width, other.width)
        return (high - low, narrower > 0 ? (high - low) / narrower * 100 : nil)
    }

    /// A one-off payment as an annual amount over `years`.
    public static func annualised(payment: Double, over years: Double) -> Double? {
        years > 0 ? payment / years : nil
    }
}
