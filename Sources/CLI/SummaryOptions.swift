import ArgumentParser
import Foundation
import Metrics

/// The options of a summary, shared by `summarize` and `stream`: the significance level, the fewest points
/// for a direction, the polarity, and the measures added on request.
struct SummaryOptions: ParsableArguments {
    @Option(name: .long, help: "The trend tests' significance level, 0.05 unless given; the slopes' intervals are at 1 − alpha.")
    var alpha: Double?

    @Option(name: .long, help: "The slopes' confidence level, 1 − alpha (--level 0.95 is --alpha 0.05); give one or the other.")
    var level: Double?

    @Option(name: .long, help: "Which direction is better: higher, lower or none; overrides the data's own (a polarity column, the LAIT data dictionary).")
    var polarity: SeriesMetadata.Polarity?

    @Option(name: .long, help: "Fewest non-missing values for a direction (fewer: insufficient_data).")
    var minPoints: Int = 3

    @Option(name: .long, help: "Further measures, comma-separated (mk_hamed_rao, mk_yue_wang, mk_prewhitened, mk_tfpw, mk_seasonal, sen_seasonal, holt, pettitt, buishand, snht, or all).")
    var measures: String?

    @Option(name: .long, help: "Steps of Holt's forecast in the holt_forecast_k fields.")
    var horizon: Int = 3

    @Option(name: .long, help: "Monte Carlo replicates for Buishand's and SNHT's p-values.")
    var replicates: Int = MonteCarloPValue.defaultReplicates

    func validate() throws {
        if alpha != nil, level != nil { throw ValidationError("give --alpha (the significance level) or --level (the confidence level, 1 − alpha), not both") }
        if let alpha { guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must lie between 0 and 1, for example 0.05") } }
        if let level { guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1, for example 0.95") } }
        guard minPoints >= 2 else { throw ValidationError("--min-points must be 2 or more") }
        if let measures, case .failure(let error) = SummaryMeasure.parse(measures) {
            throw ValidationError("--measures: \(error.description)")
        }
        guard (1...120).contains(horizon) else { throw ValidationError("--horizon must be between 1 and 120 steps") }
        guard replicates >= 100, replicates <= MonteCarloPValue.maximumReplicates else {
            throw ValidationError("--replicates must be between 100 and \(MonteCarloPValue.maximumReplicates)")
        }
    }

    /// The significance level: `--alpha`, or 1 − `--level` (to 15 significant digits, so that `--level 0.95`
    /// is exactly `--alpha 0.05` and gives the same bytes), or 0.05.
    var significance: Double {
        alpha ?? level.map { Double(String(format: "%.15g", 1 - $0)) ?? 1 - $0 } ?? 0.05
    }

    /// The summarizer these options describe (valid once `validate` has passed).
    var summarizer: Summarizer {
        Summarizer(
            alpha: significance, minimumPoints: minPoints, polarity: polarity,
            additional: AdditionalMeasures((try? SummaryMeasure.parse(measures ?? "").get()) ?? [], horizon: horizon, replicates: replicates))
    }
}
