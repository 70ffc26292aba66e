import ArgumentParser
import Metrics

struct StandardisedRateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsr",
        abstract: "Directly standardised rates with Dobson confidence intervals, one per group of age-band rows.",
        discussion: """
            As Fingertips and PHEindicatormethods' calculate_dsr: Byar's limits for the total count, scaled by Dobson's method; fewer than 10 events give no rate, with the reason. The standard population is a column, or the European Standard Population 2013 matched by band label (0-4 … 85-89, 90+).

            Example:
              metrics dsr deaths.csv --count deaths --population pop --band age --esp2013 --by area_code --by year
            """
    )

    @Argument(help: "The CSV file, one row per group and age band; - for standard input.")
    var file: String
    @Option(name: .long, help: "The column of events.") var count: String
    @Option(name: .long, help: "The column of local populations.") var population: String
    @Option(name: .long, help: "The column of standard-population weights.") var standard: String?
    @Flag(name: .long, help: "Use the European Standard Population 2013 (needs --band).") var esp2013 = false
    @Option(name: .long, help: "The column of band labels (with --esp2013).") var band: String?
    @Option(name: .long, parsing: .singleValue, help: "A column whose values form the groups (repeatable).") var by: [String] = []
    @Option(name: .long, help: "Per how many.") var per: Double = 100_000
    @Option(name: .long, help: "The confidence level: 0.95, or Fingertips' 0.998.") var level: Double = 0.95
    @OptionGroup var filters: RowFilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if (standard == nil) == !esp2013 { throw ValidationError("give either --standard COLUMN or --esp2013") }
        if esp2013, band == nil { throw ValidationError("--esp2013 needs --band COLUMN to match the bands") }
        guard per > 0 else { throw ValidationError("--per must be positive") }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1") }
    }

    func run() throws {
        try reportingErrors {
            let request = StandardisedRateRequest(
                path: file, countColumn: count, populationColumn: population,
                standard: standard.map { .column($0) } ?? .europeanStandardPopulation2013(bandColumn: band!), by: by, multiplier: per,
                level: level, filters: filters.filters)
            try output.emit(try request.table().rendered(as: output.resolvedFormat))
        }
    }
}

struct RecentTrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recent-trend",
        abstract: "Fingertips' recent-trend marker on the last five points, with the χ² test for trend in proportions.",
        discussion: """
            With --count and --denominator: a proportion (logistic regression on the last five points; the χ² test for trend decides, as Fingertips' code does; and the χ² test for trend over every period). With --value, --lower and --upper: inverse-variance weighted regression. Significant when χ² > 9.5495 (99.8%) and every leave-one-out slope has the same sign; labelled with the polarity ("Increasing and getting worse").

            Example:
              metrics recent-trend indicator.csv --count numerator --denominator denominator --by area_code --polarity higher
            """
    )

    @Argument(help: "The CSV file, one row per group and period; - for standard input.")
    var file: String
    @Option(name: .long, help: "The period column.") var periodColumn: String?
    /// `--period`, this verb's spelling of `--period-column` before every verb said `--period-column`.
    @Option(name: .customLong("period"), help: .hidden) var periodColumnAlias: String?
    @Option(name: .long, help: "The column of counts (a proportion).") var count: String?
    @Option(name: .long, help: "The column of denominators (with --count).") var denominator: String?
    @Option(name: .long, help: "The column of values (with --lower and --upper).") var value: String?
    @Option(name: .long, help: "The column of lower confidence limits.") var lower: String?
    @Option(name: .long, help: "The column of upper confidence limits.") var upper: String?
    @Option(name: .long, help: "The level of those limits.") var limitsLevel: Double = 0.95
    @Option(name: .long, parsing: .singleValue, help: "A column whose values form the groups (repeatable).") var by: [String] = []
    @Option(name: .long, help: "Which direction is better: higher, lower or none (the marker's \"getting better\" or \"worse\" needs one).") var polarity: SeriesMetadata.Polarity = .none
    @Option(name: .long, help: "What two-year labels (2020-21) mean: financial or academic.") var yearType: YearType = .financial
    @OptionGroup var filters: RowFilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        let proportion = count != nil || denominator != nil
        let estimate = value != nil || lower != nil || upper != nil
        if proportion == estimate { throw ValidationError("give --count and --denominator, or --value, --lower and --upper") }
        if proportion, count == nil || denominator == nil { throw ValidationError("give both --count and --denominator") }
        if estimate, value == nil || lower == nil || upper == nil { throw ValidationError("give --value, --lower and --upper") }
        if periodColumn != nil, periodColumnAlias != nil { throw ValidationError("give --period-column once") }
        guard limitsLevel > 0, limitsLevel < 1 else { throw ValidationError("--limits-level must lie between 0 and 1") }
    }

    func run() throws {
        try reportingErrors {
            let input: RecentTrendRequest.Input = if let count, let denominator {
                .proportion(count: count, denominator: denominator)
            } else {
                .estimate(value: value!, lower: lower!, upper: upper!, level: limitsLevel)
            }
            let request = RecentTrendRequest(
                path: file, periodColumn: periodColumn ?? periodColumnAlias ?? "period", input: input, by: by, polarity: polarity, yearType: yearType, filters: filters.filters)
            try output.emit(try request.table().rendered(as: output.resolvedFormat))
        }
    }
}
