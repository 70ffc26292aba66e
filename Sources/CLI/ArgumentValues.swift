import ArgumentParser
import Metrics

// The enumerated options' values, spelt one way in every verb. ArgumentParser lists them in `--help` and
// rejects anything else as a usage error naming the values ("Please provide one of 'higher', 'lower' and
// 'none'"), so each verb no longer checks a string of its own.

/// `--polarity higher|lower|none`: which direction is better. The longer spellings that files use
/// (`higher_is_better`, `Low`, `lower is better`) are accepted too.
extension SeriesMetadata.Polarity: ExpressibleByArgument {
    public init?(argument: String) { self.init(option: argument) }

    /// The short spelling the option takes.
    var optionSpelling: String {
        switch self {
        case .higherIsBetter: "higher"
        case .lowerIsBetter: "lower"
        case .none: "none"
        }
    }

    public var defaultValueDescription: String { optionSpelling }
    public static var allValueStrings: [String] { allCases.map(\.optionSpelling) }
    public static var allValueDescriptions: [String: String] {
        ["higher": "higher values are better", "lower": "lower values are better", "none": "neither (no assessment, no better or worse)"]
    }
}

/// `--direction increasing|decreasing|no_significant_change|insufficient_data`, the summary's `direction`.
extension TrendDirection: ExpressibleByArgument {}

/// `--assessment improving|worsening|no_significant_change|not_assessed`, the summary's `assessment`.
extension TrendAssessment: ExpressibleByArgument {}

/// `--align exact|overlap` of `band` and `deflate`.
extension PriceIndex.Alignment: ExpressibleByArgument {}

/// `report --forecast linear|holt|damped|none`.
extension PlotBuilder.ForecastMethod: ExpressibleByArgument {}

/// `change --unit count|percent|currency`; `%` and `gbp` are accepted as they were before.
enum ChangeUnit: String, CaseIterable, ExpressibleByArgument {
    case count, percent, currency

    init?(argument: String) {
        switch argument.lowercased() {
        case "count": self = .count
        case "percent", "%": self = .percent
        case "currency", "gbp": self = .currency
        default: return nil
        }
    }

    var unit: SeriesMetadata.Unit {
        switch self {
        case .count: .count
        case .percent: .percent
        case .currency: .currency(code: "GBP", priceYear: nil)
        }
    }
}
