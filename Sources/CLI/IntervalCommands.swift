import ArgumentParser
import Metrics

/// The columns and level shared by `rate` and `proportion`.
struct IntervalOptions: ParsableArguments {
    @Argument(help: "The CSV file (with a header row); - for standard input.")
    var file: String

    @Option(name: .long, help: "The column of counts (events, numerators).")
    var count: String

    @Option(name: .long, help: "The column of denominators (population, cohort); with --denominator-where, the partner row's column (default: --count's).")
    var denominator: String?

    @Option(name: .long, help: "Confidence level: 0.95 and 0.998 are Fingertips' levels.")
    var level: Double = 0.95

    @OptionGroup var breakdown: BreakdownOptions

    func validate() throws {
        guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1, for example 0.95 or 0.998") }
        guard denominator != nil || breakdown.selection != nil else {
            throw ValidationError("give --denominator COLUMN, or the numerator and denominator rows with --numerator-where and --denominator-where")
        }
    }

    /// The denominator's column: the partner row's count column unless named.
    var denominatorColumn: String { denominator ?? count }
}

struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Rates per N with confidence intervals (exact Poisson below 10 events, Byar's from 10).",
        discussion: """
            Every input row comes out with value, lower, upper and method added, as Fingertips and PHEindicatormethods' phe_rate compute them. A zero denominator or a missing count gives an empty value with the reason, not an error.

            Example:
              metrics rate deaths.csv --count deaths --denominator population --per 100000 --level 0.998

            When the count and its total are two rows of a breakdown column (EES files), name the rows:
              metrics rate la_cla_placement_stability.csv --count children_count --per 100 \\
                --numerator-where "placement_stability=With 3 or more placements during the year" \\
                --denominator-where "placement_stability=Total children"
            Rows are paired on every other key field (geography, other breakdowns) and the period.
            """
    )

    @OptionGroup var interval: IntervalOptions

    @Option(name: .long, help: "Per how many (100, 1000, 10000, 100000).")
    var per: Double = 100_000

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard per > 0 else { throw ValidationError("--per must be positive") }
    }

    func run() throws {
        try reportingErrors {
            try IntervalRequest(
                path: interval.file, countColumn: interval.count, denominatorColumn: interval.denominatorColumn,
                statistic: .rate(per: per), level: interval.level, format: output.resolvedFormat, output: output.output,
                breakdown: interval.breakdown.selection
            ).run()
        }
    }
}

struct ProportionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proportion",
        abstract: "Proportions with Wilson score confidence intervals.",
        discussion: """
            Every input row comes out with value, lower, upper and method (Wilson) added, as proportions (0–1), or as percentages with --percent. A zero denominator gives an empty value with the reason.

            Example:
              metrics proportion care_leavers.csv --count in_education --denominator care_leavers --percent

            When the count and its total are two rows of a breakdown column (EES files), name the rows:
              metrics proportion la_cla_placement_stability.csv --count children_count --percent \\
                --numerator-where "placement_stability=With 3 or more placements during the year" \\
                --denominator-where "placement_stability=Total children"
            Rows are paired on every other key field (geography, other breakdowns) and the period.
            """
    )

    @OptionGroup var interval: IntervalOptions

    @Flag(name: .long, help: "Give value and limits as percentages (0–100) instead of proportions (0–1).")
    var percent = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            try IntervalRequest(
                path: interval.file, countColumn: interval.count, denominatorColumn: interval.denominatorColumn,
                statistic: .proportion(multiplier: percent ? 100 : 1), level: interval.level,
                format: output.resolvedFormat, output: output.output, breakdown: interval.breakdown.selection
            ).run()
        }
    }
}
