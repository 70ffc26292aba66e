import ArgumentParser
import Metrics

/// `--where COLUMN=VALUE` (repeatable): keep only the rows where every named column holds its value.
struct RowFilterOptions: ParsableArguments {
    @Option(name: .customLong("where"), parsing: .singleValue, help: ArgumentHelp("Keep only rows where COLUMN holds VALUE; repeat to combine.", valueName: "COLUMN=VALUE"))
    var conditions: [String] = []

    func validate() throws {
        for condition in conditions where !condition.contains("=") || condition.hasPrefix("=") {
            throw ValidationError("--where takes COLUMN=VALUE, for example --where area_code=E06000002; got '\(condition)'")
        }
    }

    var filters: [NumericColumns.Filter] {
        conditions.map { condition in
            let parts = condition.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return NumericColumns.Filter(column: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
    }
}

extension YearType: ExpressibleByArgument {}

extension SeriesMetadata.Polarity {
    /// A `--polarity` option: higher, lower or none (and their longer spellings); `nil` for anything else.
    init?(option text: String) {
        let polarity = SeriesMetadata.Polarity(text: text)
        guard polarity != .none || ["none", "-", ""].contains(text.lowercased()) else { return nil }
        self = polarity
    }
}
