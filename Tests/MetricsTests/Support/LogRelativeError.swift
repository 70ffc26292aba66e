import Foundation
import Metrics

/// The log relative error, LRE = −log₁₀(|estimate − certified| / |certified|): the number of significant
/// digits that agree (McCullough, "Assessing the reliability of statistical software", *The American
/// Statistician* 52, 1998). When the certified value is 0 the absolute error is used, −log₁₀|estimate|.
/// Capped at 15 (the certified values' digits); an exact match counts as 15.
func logRelativeError(_ estimate: Double, certified: DoubleDouble) -> Double {
    guard estimate.isFinite else { return 0 }
    let difference = (DoubleDouble(estimate) - certified).magnitude
    if difference.isZero { return 15 }
    let relative = certified.isZero ? difference.doubleValue : (difference / certified.magnitude).doubleValue
    return min(15, max(0, -log10(relative)))
}

func formatLRE(_ lre: Double) -> String { String(format: "%.1f", lre) }
