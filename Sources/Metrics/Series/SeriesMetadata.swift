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
            // `Int(exactly:)`, not `Int(_:)`, which traps beyond Int's range (`rate per 1e300`).
            case .rate(let n): "rate per \(Int(exactly: n).map { String($0) } ?? String(n))"
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
                    if let n = Double(number), n > 0, n.isFinite {
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
    /// Published decimal places, 0 to `maximumDecimalPlaces`.
    public var decimalPlaces: Int?
    public var polarity: Polarity
    /// A human label for the indicator (`Children looked after at 31 March`).
    public var label: String?
    /// Where the figures come from.
    public var source: String?
    /// What two-year labels in this series mean.
    public var yearType: YearType?
    /// The publisher's title for the value axis (LAIT's `y_axis_name`: `% of young people`), when it gives one.
    public var valueLabel: String?
    /// The publisher's page for the figures (LAIT's `Hyperlink(s)`), when the metadata gives one.
    public var sourceLink: String?
    /// The name of the file the series was read from (set by the verbs that read files, for source lines).
    public var sourceFile: String?
    /// The series' area as the reader found it in columns the key leaves out (EES: `old_la_code`, the
    /// region); `nil` when the key says it all (`Series.area`).
    public var area: AreaIdentity? = nil

    public init(
        unit: Unit? = nil, decimalPlaces: Int? = nil, polarity: Polarity = .none, label: String? = nil,
        source: String? = nil, yearType: YearType? = nil, valueLabel: String? = nil, sourceLink: String? = nil,
        sourceFile: String? = nil
    ) {
        self.unit = unit
        self.decimalPlaces = decimalPlaces
        self.polarity = polarity
        self.label = label
        self.source = source
        self.yearType = yearType
        self.valueLabel = valueLabel
        self.sourceLink = sourceLink
        self.sourceFile = sourceFile
    }
}

extension SeriesMetadata {
    /// The most decimal places a series may declare: a double holds 15 to 17 significant digits, and the
    /// formatting of numbers for people (`HumanNumber`) works in 64-bit integers of the scaled value.
    public static let maximumDecimalPlaces = 15

    /// Decimal places as files write them (`dp`, `decimal_places`, EES `indicator_dp`, LAIT `dps`): a whole
    /// number from 0 to `maximumDecimalPlaces`, else `nil`, as for text that is not a number (`NA`, `-1`,
    /// `400`), so a bad cell leaves the decimal places to be chosen from the values.
    public static func decimalPlaces(text: String) -> Int? {
        guard let places = Int(text.trimmingSpaces()), (0...maximumDecimalPlaces).contains(places) else { return nil }
        return places
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
