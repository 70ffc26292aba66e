import ArgumentParser
import Metrics

/// The options of a summary, shared by `summarize` and `stream`: the significance level, the fewest points
/// for a direction, the polarity, and the measures added on request.
struct SummaryOptions: ParsableArguments {
    @Option(name: .long, help: "Significance level for intervals and tests.")
    var alpha: Double = 0.05

    @Option(name: .long, help: "Which direction is better: higher, lower or none (overrides the data's own).")
    var polarity: String?

    @Option(name: .long, help: "Fewest non-missing values for a direction (fewer: insufficient_data).")
    var minPoints: Int = 3

    @Option(name: .long, help: "Further measures, comma-separated (mk_hamed_rao, mk_yue_wang, mk_prewhitened, mk_tfpw, mk_seasonal, sen_seasonal, holt, pettitt, buishand, snht, or all).")
    var measures: String?

    @Option(name: .long, help: "Steps of Holt's forecast in the holt_forecast_k fields.")
    var horizon: Int = 3

    @Option(name: .long, help: "Monte Carlo replicates for Buishand's and SNHT's p-values.")
    var replicates: Int = MonteCarloPValue.defaultReplicates

    func validate() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must lie between 0 and 1, for example 0.05") }
        guard minPoints >= 2 else { throw ValidationError("--min-points must be 2 or more") }
        if let polarity, SeriesMetadata.Polarity(option: polarity) == nil {
            throw ValidationError("--polarity must be higher, lower or none; got '\(polarity)'")
        }
        if let measures, case .failure(let error) = SummaryMeasure.parse(measures) {
            throw ValidationError("--measures: \(error.description)")
        }
        guard (1...120).contains(horizon) else { throw ValidationError("--horizon must be between 1 and 120 steps") }
        guard replicates >= 100, replicates <= MonteCarloPValue.maximumReplicates else {
            throw ValidationError("--replicates must be between 100 and \(MonteCarloPValue.maximumReplicates)")
        }
    }

    /// The summarizer these options describe (valid once `validate` has passed).
    var summarizer: Summarizer {
        Summarizer(
            alpha: alpha, minimumPoints: minPoints, polarity: polarity.flatMap { SeriesMetadata.Polarity(option: $0) },
            additional: AdditionalMeasures((try? SummaryMeasure.parse(measures ?? "").get()) ?? [], horizon: horizon, replicates: replicates))
    }
}
