import ArgumentParser
import Metrics

extension MovingAverage.Alignment: ExpressibleByArgument {}
extension GapFilling.Method: ExpressibleByArgument {}

struct SmoothCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smooth",
        abstract: "Moving averages, and missing periods filled only when asked (linear or monotone Steffen).",
        discussion: """
            One row per series and period, from the first observation to the last, with absent periods listed: value, filled_by (empty for an observed value, linear or steffen for a filled one), the file's missing-value symbol, and the moving average when --window is given. Gaps are filled only with --fill; suppressed values ('c') only with --fill-suppressed. Nothing is extrapolated.

            Examples:
              metrics smooth monthly.csv --window 3
              metrics smooth monthly.csv --fill steffen --window 12 --align centred
            """
    )

    @OptionGroup var selection: SeriesSelectionOptions

    @Option(name: .long, help: "Moving-average width in periods.")
    var window: Int?

    @Option(name: .long, help: "trailing (the last N periods) or centred (odd N).")
    var align: MovingAverage.Alignment = .trailing

    @Option(name: .long, help: "Fill missing periods inside the series: linear or steffen.")
    var fill: GapFilling.Method?

    @Flag(name: .long, help: "Also fill values suppressed for confidentiality ('c').")
    var fillSuppressed = false

    func validate() throws {
        if let window, window < 1 { throw ValidationError("--window must be 1 or more") }
        if let window, align == .centred, window % 2 == 0 { throw ValidationError("a centred moving average needs an odd --window") }
        if window == nil, fill == nil { throw ValidationError("give --window N, --fill METHOD, or both") }
        if fillSuppressed, fill == nil { throw ValidationError("--fill-suppressed needs --fill") }
    }

    func run() throws {
        try reportingErrors {
            try SmoothingRequest(run: selection.request(), window: window, alignment: align, fill: fill, fillSuppressed: fillSuppressed).execute()
        }
    }
}
