import ArgumentParser
import Metrics

#if canImport(Glibc)
import Glibc
#endif

extension ForecastRequest.Method: ExpressibleByArgument {}

struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecasts with prediction intervals: Holt's linear or damped trend, or the OLS line.",
        discussion: """
            Holt's parameters are estimated by minimising the squared one-step errors with GSL's Nelder–Mead simplex; intervals use the additive-error state-space variance (Hyndman et al. 2008). The linear method extends the OLS trend with t-based prediction intervals. Holt needs evenly spaced periods with no gaps (the reason is given otherwise); the horizon continues the series' own step. A series whose forecast GSL fails (values so large that the sum of squares overflows) is listed on standard error, its row gives the reason, and the exit status is 1.

            Example:
              metrics forecast datasets/middlesbrough/children_looked_after.csv --indicator children_looked_after_31_march --method damped --horizon 3
            """
    )

    @OptionGroup var selection: SeriesSelectionOptions
    @Option(name: .long, help: "holt, damped or linear.") var method: ForecastRequest.Method = .holt
    @Option(name: .long, help: "How many periods ahead.") var horizon: Int = 3
    @Option(name: .long, help: "The confidence level of the prediction intervals.") var level: Double = 0.95

    func validate() throws {
        guard horizon >= 1, horizon <= 1000 else { throw ValidationError("--horizon must be between 1 and 1000") }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1") }
    }

    func run() throws {
        try reportingErrors {
            let outcome = try ForecastRequest(run: selection.request(), method: method, horizon: horizon, level: level).executeListingProblems()
            for warning in outcome.warnings {
                StandardStreams.message("metrics: warning: series \(warning.key): \(warning.message)")
            }
            if !outcome.failures.isEmpty {
                for failure in outcome.failures {
                    StandardStreams.message("metrics: error: series \(failure.key): \(failure.message)")
                }
                StandardStreams.message("metrics: error: the forecast failed for \(outcome.failures.count) series (their rows give the reason); the others were written")
                throw ExitCode(1)
            }
        }
    }
}

struct ChangePointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changepoints",
        abstract: "When did it turn? Pettitt, Buishand range and SNHT change points with levels before and after.",
        discussion: """
            One row per series and test: the last period before the change and the first after it, the means of the two segments, the statistic and its p-value (Pettitt's approximation; Monte Carlo with a fixed seed for Buishand and SNHT, so the same input gives the same p).

            Example:
              metrics changepoints datasets/middlesbrough/children_looked_after.csv
            """
    )

    @OptionGroup var selection: SeriesSelectionOptions
    @Option(name: .long, help: "Monte Carlo replicates for Buishand's and SNHT's p-values.") var replicates: Int = MonteCarloPValue.defaultReplicates

    func validate() throws {
        guard replicates >= 1000, replicates <= MonteCarloPValue.maximumReplicates else {
            throw ValidationError("--replicates must be between 1000 and \(MonteCarloPValue.maximumReplicates)")
        }
    }

    func run() throws {
        try reportingErrors { try ChangePointRequest(run: selection.request(), replicates: replicates).execute() }
    }
}

struct ProcessControlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spc",
        abstract: "XmR control charts with NHS Making Data Count rules: is this point unusual?",
        discussion: """
            Limits are the mean ± 2.66 × the average moving range; special causes are a point beyond a limit, a shift of 7 points on one side of the mean, a trend of 7 rising or falling points (--trend 6 for the alternative), and two of three points beyond two sigma. With a polarity, signals read as improvement or concern; with a --target, the assurance icon says whether it is consistently met. --charts DIR draws each chart as an SVG (values, mean, process limits, coloured special causes). A baseline of fewer than 15 values (Making Data Count's advice) is warned about on standard error.

            Example:
              metrics spc monthly.csv --polarity lower --target 100 --baseline 12
            """
    )

    @OptionGroup var selection: SeriesSelectionOptions
    @Option(name: .long, help: "Which direction is better: higher, lower or none; overrides the data's own (a polarity column, the LAIT data dictionary).") var polarity: SeriesMetadata.Polarity?
    @Option(name: .long, help: "A target value, for the assurance icon.") var target: Double?
    @Option(name: .long, help: "Compute the limits from the first N values.") var baseline: Int?
    @Option(name: .long, help: "Points in a row that make a trend: 6 or 7.") var trend: Int = 7
    @Option(name: .long, help: ArgumentHelp("Also draw each series' XmR chart as an SVG file in DIR (ID-spc.svg).", valueName: "DIR"))
    var charts: String?

    func validate() throws {
        if let baseline, baseline < 2 { throw ValidationError("--baseline needs at least 2 values") }
        guard trend == 6 || trend == 7 else { throw ValidationError("--trend must be 6 or 7") }
    }

    func run() throws {
        try reportingErrors {
            let options = XmRChart.Options(
                polarity: polarity ?? .none, target: target, baselineLength: baseline,
                rules: SpecialCauseRules(shiftLength: 7, trendLength: trend))
            var request = ProcessControlRequest(run: selection.request(), options: options, chartsDirectory: charts)
            request.polarityGiven = polarity != nil
            let outcome = try request.executeListingWarnings()
            for warning in outcome.warnings {
                StandardStreams.message("metrics: warning: series \(warning.key): \(warning.message)")
            }
            if let charts { StandardStreams.message("metrics: wrote \(outcome.charts.count) chart(s) into \(charts)/") }
        }
    }
}
