import ArgumentParser
import Metrics

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Benchmark local authorities: rank, quartile band, against England, region and statistical neighbours, funnel limits.",
        discussion: """
            Reads one indicator for one period (the latest with a value unless --period is given) from an EES, LAIT or tidy CSV. With --count and --denominator the value is a rate (--per) or a proportion (--proportion) with its confidence interval, and funnel-plot limits are drawn around the pooled value of all authorities. Ranks and quartile bands follow LAIT (ties share the lowest rank; type-7 quartiles, band A the best quarter by --polarity); "better/similar/worse" follows Fingertips (the area's interval against the comparator's value).

            Examples (Middlesbrough, old LA code 806, against its DfE statistical neighbours):
              metrics compare cla_number_and_rate_per_10k_children.csv --area 806 \\
                --where "population_type=Children looked after on 31 March each year" \\
                --count children_count --denominator population_estimate --per 10000 --polarity lower \\
                --neighbours New_Statistical_Neighbour_Groupings_April_2021.csv
              metrics compare lait.csv --indicator cla_rate --area Middlesbrough --neighbours sn.csv

            With --area and no --neighbours, the neighbours are DfE's 2025 model, built in (see datasets/statistical_neighbours/README.md); --neighbours reads any of DfE's files (the 2021 groupings, the 2025 model), and --no-neighbours leaves them out.
            """
    )

    @Argument(help: "The CSV file (EES, LAIT or tidy); - for standard input.")
    var file: String

    @Option(name: .long, help: "The authority to benchmark: its GSS code, old LA code or name. Without it, every authority.")
    var area: String?

    @Option(name: .long, parsing: .singleValue, help: "Without --area: only the authorities of this region, by code or name (repeatable); ranks stay national.")
    var region: [String] = []

    @Option(name: .long, help: "Statistical neighbour groupings: a DfE file (the 2021 groupings or the 2025 model); with --area and no file, DfE's 2025 model, built in.")
    var neighbours: String?

    @Flag(name: .customLong("no-neighbours"), help: "With --area: leave out the statistical neighbours.")
    var noNeighbours = false

    @Option(name: .long, help: "The period to compare; without it, the latest with a value.")
    var period: String?

    @Option(name: .long, help: "The measure_code (LAIT) or indicator (tidy) to compare, when the file holds several.")
    var indicator: String?

    @Option(name: .long, help: "The column holding the value, value unless given.")
    var value: String?

    @Option(name: .long, help: "The column of counts: compute a rate or proportion with its interval.")
    var count: String?

    @Option(name: .long, help: "The column of denominators (with --count).")
    var denominator: String?

    @Option(name: .long, help: "With --count: a rate per this many, 100000 unless given.")
    var per: Double?

    @Flag(name: .long, help: "With --count: a proportion (Wilson intervals), in percent.")
    var proportion = false

    @Option(name: .long, help: "Which direction is better: higher, lower or none (ranks and bands need one).")
    var polarity: SeriesMetadata.Polarity = .none

    @Option(name: .long, help: "Confidence level of the intervals: 0.95 or Fingertips' 0.998.")
    var level: Double = 0.95

    @Option(name: .long, help: "What two-year labels (2020-21) mean: financial or academic.")
    var yearType: YearType = .financial

    @OptionGroup var filters: RowFilterOptions
    @OptionGroup var breakdown: BreakdownOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if noNeighbours, neighbours != nil { throw ValidationError("give either --neighbours FILE or --no-neighbours") }
        if breakdown.selection != nil, count == nil {
            throw ValidationError("--numerator-where and --denominator-where need --count, the column of numbers to take from both rows")
        }
        if (count == nil) != (denominator == nil), breakdown.selection == nil { throw ValidationError("give both --count and --denominator") }
        if area != nil, !region.isEmpty { throw ValidationError("give --area (one authority against its region) or --region (a region's authorities), not both") }
        if count != nil, value != nil { throw ValidationError("give either --value or --count with --denominator, not both") }
        if count == nil, per != nil || proportion { throw ValidationError("--per and --proportion need --count and --denominator") }
        if per != nil, proportion { throw ValidationError("give either --per (a rate) or --proportion") }
        if let per, per <= 0 { throw ValidationError("--per must be positive") }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1, for example 0.95 or 0.998") }
    }

    func run() throws {
        try reportingErrors {
            let statistic: AreaSnapshot.Statistic
            if let count {
                // With numerator and denominator rows, the denominator is the partner row's count unless named.
                let denominator = denominator ?? count
                statistic = proportion
                    ? .proportion(count: count, denominator: denominator, multiplier: 100)
                    : .rate(count: count, denominator: denominator, per: per ?? 100_000)
            } else {
                statistic = .value(column: value ?? "value")
            }
            let snapshot = try AreaSnapshot.read(
                AreaSnapshot.Request(
                    path: file, statistic: statistic, period: period, indicator: indicator, filters: filters.filters,
                    level: level, yearType: yearType, breakdown: breakdown.selection))
            // Without a file, DfE's current groupings (built in) give the chosen area's neighbours.
            let groupings = noNeighbours ? nil
                : try neighbours.map { try StatisticalNeighbours.read(path: $0) } ?? (area == nil ? nil : StatisticalNeighbours.dfe2025())
            let comparison: AreaComparison
            do {
                comparison = try AreaComparison(snapshot: snapshot, polarity: polarity, area: area, neighbours: groupings)
            } catch let error as AreaComparison.UnknownArea {
                throw UsageError(error.description)
            }
            try output.emit(ComparisonReport(comparison: try comparison.keeping(regions: region, file: file)).rendered(as: output.resolvedFormat))
        }
    }
}
