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
            Reads tidy, wide, EES and LAIT files (gzip and standard input too). Slopes are per year on the
            real time axis; intercepts are the value at the first period. Direction comes from the
            Mann–Kendall test at --alpha; the assessment reads it through the indicator's polarity.
            A measure that cannot be computed is empty (CSV) or null (JSON), with its reason in `reasons`.

            --measures adds fields after `assessment`: mk_hamed_rao, mk_yue_wang, mk_prewhitened, mk_tfpw
            and mk_seasonal (each _s, _var_s, _z, _p), sen_seasonal (_slope), holt (_alpha, _beta,
            _forecast_1 … _forecast_<horizon>), pettitt, buishand and snht (_period, _p, _mean_before,
            _mean_after), or all of them.

            Examples:
              metrics summarize datasets/middlesbrough/children_looked_after.csv
              metrics summarize cla.csv --area E06000002 --polarity lower --format json -o summary.json
              metrics summarize monthly.csv --measures mk_hamed_rao,mk_seasonal,sen_seasonal,holt --horizon 6
            """,
        aliases: ["summarise"]
    )

    @Argument(help: "Input files; - for standard input.")
    var files: [String]

    @Option(name: .long, help: "Significance level for intervals and tests.")
    var alpha: Double = 0.05

    @Option(name: .long, help: "Which direction is better: higher, lower or none (overrides the data's own).")
    var polarity: String?

    @Option(name: .long, help: "Fewest non-missing values for a direction (fewer: insufficient_data).")
    var minPoints: Int = 3

    @Option(name: .long, parsing: .singleValue, help: "Only series of this indicator (repeatable).")
    var indicator: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "Only series of this area, by code or name (repeatable).")
    var area: [String] = []

    @Option(name: .long, help: "Further measures, comma-separated (mk_hamed_rao, mk_yue_wang, mk_prewhitened, mk_tfpw, mk_seasonal, sen_seasonal, holt, pettitt, buishand, snht, or all).")
    var measures: String?

    @Option(name: .long, help: "Steps of Holt's forecast in the holt_forecast_k fields.")
    var horizon: Int = 3

    @Option(name: .long, help: "Monte Carlo replicates for Buishand's and SNHT's p-values.")
    var replicates: Int = MonteCarloPValue.defaultReplicates

    @Option(name: .long, help: "Worker threads (default: every core).")
    var jobs: Int?

    @OptionGroup var rows: RowFilterOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must lie between 0 and 1, for example 0.05") }
        guard minPoints >= 2 else { throw ValidationError("--min-points must be 2 or more") }
        if let polarity, SeriesMetadata.Polarity(option: polarity) == nil {
            throw ValidationError("--polarity must be higher, lower or none; got '\(polarity)'")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if let measures, case .failure(let error) = SummaryMeasure.parse(measures) {
            throw ValidationError("--measures: \(error.description)")
        }
        guard (1...120).contains(horizon) else { throw ValidationError("--horizon must be between 1 and 120 steps") }
        guard replicates >= 100 else { throw ValidationError("--replicates must be 100 or more") }
    }

    func run() throws {
        try reportingErrors {
            let request = SummarizeRequest(
                paths: files, read: input.readOptions,
                summarizer: Summarizer(
                    alpha: alpha, minimumPoints: minPoints, polarity: polarity.flatMap { SeriesMetadata.Polarity(option: $0) },
                    additional: AdditionalMeasures(
                        (try? SummaryMeasure.parse(measures ?? "").get()) ?? [], horizon: horizon, replicates: replicates)),
                filter: SeriesFilter(indicators: indicator, areas: area, conditions: rows.filters),
                format: output.resolvedFormat, output: output.output, jobs: jobs)
            let outcome = try request.run()
            for report in outcome.reports {
                if let note = report.regrouped { StandardStreams.write("metrics: note: \(report.file): \(note)\n", to: STDERR_FILENO) }
            }
            if !outcome.failures.isEmpty {
                for failure in outcome.failures {
                    StandardStreams.write("metrics: error: \(failure.file): series \(failure.key): \(failure.message)\n", to: STDERR_FILENO)
                }
                StandardStreams.write("metrics: error: \(outcome.failures.count) series could not be summarised; the others were written\n", to: STDERR_FILENO)
                throw ExitCode(1)
            }
        }
    }
}
