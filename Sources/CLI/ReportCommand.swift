import ArgumentParser
import Foundation
import Metrics

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A report bundle: summary, plot data, SVG charts, Vega-Lite specs, an HTML report and a notebook.",
        discussion: """
            Writes into DIR (default notebooks-out/NAME/, NAME from the first input): summary.csv, .json and .md; per series data/ID.csv (tidy plot data: observed values, OLS trend and its band, Sen line, forecast and its interval, benchmarks, events), charts/ID.svg and charts/ID.vl.json; index.html (every chart and the summary, works offline); report.ipynb (pandas + matplotlib). The same input gives byte-identical files. DIR is replaced as a whole: the new bundle is built beside it and swapped in at the end, so a failed run leaves the previous bundle whole; files of your own in DIR are kept. A folder that holds other files and is not a metrics bundle is refused (exit 73), and so is a DIR another metrics run is writing, unless --wait.

            With no inputs, reports on the shipped Middlesbrough data (datasets/middlesbrough: children looked after, the social-work workforce, the budget share, with England and the North East, and the Ofsted judgements, the commissioner and the statutory direction marked).

            Examples:
              metrics report
              metrics report cla.csv --events events.csv --area E06000002 --forecast holt -o out/cla
            """
    )

    @Argument(help: "Input files (tidy, wide, EES, LAIT); none for the shipped Middlesbrough data.")
    var files: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("The bundle's directory.", valueName: "DIR"))
    var output: String?

    @Option(name: .long, help: "The report's title.")
    var title: String?

    @Option(name: .long, help: ArgumentHelp("A CSV file of dated events to mark (date, label; optional category, area_code).", valueName: "FILE"))
    var events: String?

    @Option(name: .long, parsing: .singleValue, help: "Only events of this category (repeatable).")
    var eventCategory: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "A benchmark area, by code or name (repeatable; default: England and the region).")
    var benchmark: [String] = []

    @Flag(name: .long, help: "No benchmark lines.")
    var noBenchmarks = false

    @Option(name: .long, help: "The forecast drawn.")
    var forecast: PlotBuilder.ForecastMethod = .linear

    @Option(name: .long, help: "Forecast periods.")
    var horizon: Int = 3

    @Option(name: .long, help: "The confidence level of the trend's band and the forecast's prediction band.")
    var level: Double = 0.95

    @Option(name: .long, help: "The trend tests' significance level (the summary's direction).")
    var alpha: Double = 0.05

    @Option(name: .long, help: "Which direction is better: higher, lower or none; overrides the data's own (a polarity column, the LAIT data dictionary).")
    var polarity: SeriesMetadata.Polarity?

    @Option(name: .long, help: "Further summary measures, as summarize --measures.")
    var measures: String?

    @Option(name: .long, parsing: .singleValue, help: "Only series of this indicator (repeatable).")
    var indicator: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "Only series of this area, by GSS code, old LA code or name (repeatable).")
    var area: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "Only the local authorities of this region, by code or name (repeatable); its own series too when --area names it.")
    var region: [String] = []

    @Option(name: .long, help: "Worker threads (default: every core).")
    var jobs: Int?

    @Flag(name: .long, help: "When another metrics run is writing DIR, wait for it to finish instead of failing.")
    var wait = false

    @Flag(name: .long, help: "Also draw each series' XmR chart (Making Data Count rules): charts/ID-spc.svg, in index.html under its line chart.")
    var spc = false

    @OptionGroup var rows: RowFilterOptions
    @OptionGroup var input: InputOptions

    func validate() throws {
        guard (1...120).contains(horizon) else { throw ValidationError("--horizon must be between 1 and 120 periods") }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1, for example 0.95") }
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must lie between 0 and 1, for example 0.05") }
        if let measures, case .failure(let error) = SummaryMeasure.parse(measures) {
            throw ValidationError("--measures: \(error.description)")
        }
        guard eventCategory.isEmpty || events != nil || files.isEmpty else { throw ValidationError("--event-category needs --events FILE") }
        if noBenchmarks, !benchmark.isEmpty { throw ValidationError("--no-benchmarks and --benchmark contradict each other") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
    }

    /// The shipped Middlesbrough data: its files, events and the categories marked by default.
    static let middlesbroughFiles = ["children_looked_after.csv", "workforce.csv", "budget_share.csv"]
    static let middlesbroughCategories = ["ofsted_inspection", "intervention", "statutory_direction"]

    /// `datasets/middlesbrough` in the working directory or above the executable (a checkout's build folder).
    static func shippedData() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.path)
            directory = directory.deletingLastPathComponent()
        }
        for root in candidates {
            let path = root + "/datasets/middlesbrough"
            if FileManager.default.fileExists(atPath: path + "/events.csv") { return path }
        }
        return nil
    }

    func run() throws {
        try reportingErrors {
            var paths = files
            var eventsPath = events
            var categories = eventCategory
            var name = files.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "middlesbrough"
            for suffix in [".gz", ".csv", ".tsv", ".txt"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
            if name.isEmpty || name == "-" { name = "report" }
            var reportTitle = title ?? "Trend report: \(name.replacingOccurrences(of: "_", with: " "))"
            if files.isEmpty {
                guard let data = Self.shippedData() else {
                    throw InputUnavailableError(path: "datasets/middlesbrough", reason: "the shipped data is not here; run from the project's directory or name input files")
                }
                paths = Self.middlesbroughFiles.map { data + "/" + $0 }
                if eventsPath == nil {
                    eventsPath = data + "/events.csv"
                    if categories.isEmpty { categories = Self.middlesbroughCategories }
                }
                if title == nil { reportTitle = "Middlesbrough children's services: trends" }
            }
            let eventList = try eventsPath.map { try EventList.read(path: $0).keeping(categories: categories) }
            var request = ReportRequest(
                paths: paths, read: input.readOptions,
                filter: SeriesFilter(indicators: indicator, areas: area, regions: region, conditions: rows.filters),
                directory: output ?? "notebooks-out/\(name)", title: reportTitle,
                summarizer: Summarizer(
                    alpha: alpha, polarity: polarity,
                    additional: AdditionalMeasures((try? SummaryMeasure.parse(measures ?? "").get()) ?? [], horizon: horizon)),
                builder: PlotBuilder(level: level, horizon: horizon, forecast: forecast),
                events: eventList, benchmarks: noBenchmarks ? [] : (benchmark.isEmpty ? nil : benchmark), jobs: jobs)
            request.waitForOtherRun = wait
            request.processControl = spc
            let bar = ProgressBar(label: "metrics report")
            let outcome = try request.run { done, total in bar.update(done, of: total) }
            bar.finish()
            StandardStreams.message("metrics: wrote \(request.directory)/: \(outcome.series) series, \(outcome.files.count) files (open index.html)")
            if !outcome.failures.isEmpty {
                for failure in outcome.failures {
                    StandardStreams.message("metrics: error: series \(failure.key): \(failure.message)")
                }
                throw ExitCode(1)
            }
        }
    }
}
