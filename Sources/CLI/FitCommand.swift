import ArgumentParser
import Metrics

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a least-squares model to columns of a CSV file.",
        discussion: """
            Coefficients come with standard errors, t-based confidence intervals and p-values; the fit with its residual standard deviation, R² (uncentred through the origin) and degrees of freedom. Numbers are read exactly and the fit is computed in double-double arithmetic on a centred, scaled design, so ill-conditioned polynomials keep their digits. Rows with a missing value (blank, c, x, z, low, u, k, :, ~, NA) in a used column are left out. An x column may hold periods (2021, 2020-21, 2021-Q3, 2021-07, 2021-03-31): they are read as instants on a time axis in years, so slopes are per year.

            Examples:
              metrics fit data.csv --x year --y value
              metrics fit data.csv --x x --y y --model poly:3 --format json
              metrics fit data.csv --x x1 --x x2 --y y --through-origin
              metrics fit cla.csv --x period --y value --where area_code=E06000002
            """
    )

    @Argument(help: "The CSV file (with a header row); - for standard input.")
    var file: String

    @Option(name: .long, parsing: .singleValue, help: "The predictor column; repeat (or separate with commas) for a multiple regression.")
    var x: [String]

    @Option(name: .long, help: "The response column.")
    var y: String

    @Option(name: .long, help: "linear, poly:K (quadratic, cubic) or loglinear.")
    var model: String = "linear"

    @Flag(name: .long, help: "Fit without an intercept (regression through the origin).")
    var throughOrigin = false

    @Option(name: .long, help: "A column of non-negative weights (inverse variances); zero-weight rows are left out.")
    var weights: String?

    @Option(name: .long, help: "Confidence level of the intervals.")
    var level: Double = 0.95

    @Option(name: .long, help: "What two-year labels such as 2020-21 in an x column mean: financial (April–March) or academic (September–August).")
    var yearType: YearType = .financial

    @OptionGroup var rows: RowFilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard FitRequest.Model(argument: model) != nil else {
            throw ValidationError("--model must be linear, poly:K (K from 1 to 30), quadratic, cubic or loglinear; got '\(model)'")
        }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1, for example 0.95") }
        guard !predictors.isEmpty else { throw ValidationError("--x needs a column name") }
    }

    var predictors: [String] {
        x.flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
    }

    func run() throws {
        try reportingErrors {
            let request = FitRequest(
                path: file, x: predictors, y: y, weights: weights, model: FitRequest.Model(argument: model)!,
                throughOrigin: throughOrigin, level: level, filters: rows.filters, yearType: yearType)
            let result = try request.run()
            try output.emit(result.rendered(as: output.resolvedFormat))
        }
    }
}
