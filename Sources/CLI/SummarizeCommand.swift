import ArgumentParser
import Metrics

#if canImport(Glibc)
import Glibc
#endif

struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Trend summaries: one record per series with change, descriptive statistics, OLS, Mann–Kendall and Sen.",
        discussion: """
            Reads tidy, wide, EES and LAIT files (gzip and standard input too). Slopes are per year on the real time axis; intercepts are the value at the first period. Direction comes from the Mann–Kendall test at --alpha; the assessment reads it through the indicator's polarity. A measure that cannot be computed is empty (CSV) or null (JSON), with its reason in `reasons`.

            --measures adds fields after `assessment`: mk_hamed_rao, mk_yue_wang, mk_prewhitened, mk_tfpw and mk_seasonal (each _s, _var_s, _z, _p), sen_seasonal (_slope), holt (_alpha, _beta, _forecast_1 … _forecast_<horizon>), pettitt, buishand and snht (_period, _p, _mean_before, _mean_after), or all of them.

            Examples:
              metrics summarize datasets/middlesbrough/children_looked_after.csv
              metrics summarize cla.csv --area E06000002 --polarity lower --format json -o summary.json
              metrics summarize monthly.csv --measures mk_hamed_rao,mk_seasonal,sen_seasonal,holt --horizon 6
            """,
        aliases: ["summarise"]
    )

    @Argument(help: "Input files; - for standard input.")
    var files: [String]

    @Option(name: .long, parsing: .singleValue, help: "Only series of this indicator (repeatable).")
    var indicator: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "Only series of this area, by GSS code, old LA code or name (repeatable).")
    var area: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "Only the local authorities of this region, by code or name (repeatable); its own series too when --area names it.")
    var region: [String] = []

    @Option(name: .long, help: "Worker threads (default: every core).")
    var jobs: Int?

    @OptionGroup var summary: SummaryOptions
    @OptionGroup var selection: SummarySelectionOptions
    @OptionGroup var rows: RowFilterOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var output: SummaryOutputOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
    }

    func run() throws {
        try reportingErrors {
            var request = SummarizeRequest(
                paths: files, read: input.readOptions,
                summarizer: summary.summarizer,
                filter: SeriesFilter(indicators: indicator, areas: area, regions: region, conditions: rows.filters),
                format: output.libraryFormat, output: output.output, jobs: jobs)
            request.workbook = output.resolvedFormat == .xlsx
            request.decimals = output.rounding
            request.excel = output.excel
            request.window = try selection.window(yearType: input.yearType)
            request.selection = selection.selection
            let outcome = try request.run()
            for report in outcome.reports {
                if let note = report.regrouped { StandardStreams.message("metrics: note: \(report.file): \(note)") }
            }
            for units in outcome.inferredUnits { StandardStreams.message("metrics: note: \(units.message)") }
            if !outcome.failures.isEmpty {
                for failure in outcome.failures {
                    StandardStreams.message("metrics: error: \(failure.file): series \(failure.key): \(failure.message)")
                }
                StandardStreams.message("metrics: error: \(outcome.failures.count) failure(s) listed above; everything else was written")
                throw ExitCode(1)
            }
        }
    }
}
