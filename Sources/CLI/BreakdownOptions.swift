import ArgumentParser
import Metrics

/// `--numerator-where COLUMN=VALUE --denominator-where COLUMN=VALUE` (each repeatable), shared by `rate`,
/// `proportion` and `compare`: the count and its total from two rows of a breakdown column, as EES files
/// publish them, paired on every other key field and the period (`BreakdownPairs`).
struct BreakdownOptions: ParsableArguments {
    @Option(
        name: .customLong("numerator-where"), parsing: .singleValue,
        help: ArgumentHelp("The numerator rows: where COLUMN holds VALUE (repeat to combine); with --denominator-where.", valueName: "COLUMN=VALUE"))
    var numerator: [String] = []

    @Option(
        name: .customLong("denominator-where"), parsing: .singleValue,
        help: ArgumentHelp("The denominator rows, paired with the numerator rows on every other key field and the period.", valueName: "COLUMN=VALUE"))
    var denominator: [String] = []

    func validate() throws {
        for (option, conditions) in [("--numerator-where", numerator), ("--denominator-where", denominator)] {
            for condition in conditions where !condition.contains("=") || condition.hasPrefix("=") {
                throw ValidationError(
                    "\(option) takes COLUMN=VALUE, for example \(option) \"placement_stability=Total children\"; got '\(condition)'")
            }
        }
        if numerator.isEmpty != denominator.isEmpty {
            throw ValidationError("give both --numerator-where and --denominator-where: the count and its total come from two rows")
        }
    }

    /// The pairing, or `nil` when neither option is given.
    var selection: BreakdownPairs.Selection? {
        guard !numerator.isEmpty else { return nil }
        return BreakdownPairs.Selection(numerator: numerator.map(Self.condition), denominator: denominator.map(Self.condition))
    }

    private static func condition(_ text: String) -> NumericColumns.Filter {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return NumericColumns.Filter(column: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
    }
}
