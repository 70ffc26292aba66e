/// What a series measures and how to read it: its unit, how many decimal places it is published to, which
/// direction is better, and labels for people. Every field is optional: files say what they say.
public struct SeriesMetadata: Sendable, Hashable {
    /// The unit of measurement.
    public enum Unit: Sendable, Hashable, CustomStringConvertible {
        /// A count of people, cases, posts…
        case count
        /// A rate per N of a population (per 10,000 children, per 1,000 live births…).
        case rate(per: Double)
        /// A percentage or share (0–100): changes are reported in percentage points too.
        case percent
        /// Money, with its currency code and, when known, the price year of real-terms figures.
        case currency(code: String, priceYear: String?)
        /// Anything else, as the file names it (`cases per worker`, `days`…).
        case other(String)

        public var description: String {
            switch self {
            case .count: "count"
            case .rate(let n): "rate per \(n == n.rounded() ? String(Int(n)) : String(n))"
            case .percent: "percent"
            case .currency(let code, let year): year.map { "\(code) (\($0) prices)" } ?? code
            case .other(let text): text
            }
        }

        /// Reads the ways files name units: `count`, `number`, `%`, `percent`, `percentage`, `rate per 10000`,
        /// `rate per 10,000`, `per 1000`, `GBP`, `£`, `£000s`, `GBP (2023-24 prices)`…; anything else is kept
        /// as `.other`.
        public init(text: String) {
            let t = text.trimmingSpaces()
            let lower = t.lowercased()
            switch lower {
            case "", "count", "number", "numbers", "n", "headcount", "fte", "number of children": self = .count
            case "%", "percent", "percentage", "per cent", "proportion (%)", "share", "rate (%)": self = .percent
            case "£", "gbp", "pounds", "£s", "money", "currency": self = .currency(code: "GBP", priceYear: nil)
            default:
                if let range = lower.range(of: "per ") {
                    let number = lower[range.upperBound...].split(separator: " ").first.map { $0.filter { $0 != "," } } ?? ""
                    if let n = Double(number), n > 0 {
                        self = .rate(per: n)
                        return
                    }
                }
                if lower.hasPrefix("gbp") || lower.hasPrefix("£") {
                    let year = t.firstIndex(of: "(").map { String(t[t.index(after: $0)...]).replacingOccurrences(of: ")", with: "").replacingOccurrences(of: " prices", with: "").trimmingSpaces() }
                    self = .currency(code: "GBP", priceYear: year?.isEmpty == false ? year : nil)
                    return
                }
                self = .other(t)
            }
        }
    }

    /// Which direction is better for the people the indicator describes.
    public enum Polarity: String, Sendable, Hashable, CaseIterable {
        case higherIsBetter = "higher_is_better"
        case lowerIsBetter = "lower_is_better"
        case none

        /// Reads `High`/`higher`/`higher is better`, `Low`/`lower`/`lower is better`, and anything else
        /// (`-`, `NA`, blank, `none`) as no polarity.
        public init(text: String) {
            switch text.trimmingSpaces().lowercased() {
            case "high", "higher", "higher is better", "higher_is_better", "up", "+": self = .higherIsBetter
            case "low", "lower", "lower is better", "lower_is_better", "down": self = .lowerIsBetter
            default: self = .none
            }
        }
    }

    public var unit: Unit?
    public var decimalPlaces: Int?
    public var polarity: Polarity
    /// A human label for the indicator (`Children looked after at 31 March`).
    public var label: String?
    /// Where the figures come from.
    public var source: String?
    /// What two-year labels in this series mean.
    public var yearType: YearType?

    public init(
        unit: Unit? = nil, decimalPlaces: Int? = nil, polarity: Polarity = .none, label: String? = nil,
        source: String? = nil, yearType: YearType? = nil
    ) {
        self.unit = unit
        self.decimalPlaces = decimalPlaces
        self.polarity = polarity
        self.label = label
        self.source = source
        self.yearType = yearType
    }
}

extension SeriesMetadata.Unit {
    /// The unit a number cell's own marker implies (`12%` → percent, `£5` → GBP): what the tidy and
    /// streaming readers give a series that declares no unit.
    init(marker: ValueText.Marker) {
        switch marker {
        case .percent: self = .percent
        case .currency(let code): self = .currency(code: code, priceYear: nil)
        }
    }
}
