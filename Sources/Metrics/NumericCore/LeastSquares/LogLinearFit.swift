internal import Foundation

/// The log-linear (exponential growth) model ln y = β₀ + β₁x, fitted by least squares on ln y.
///
/// Source: the usual constant-growth model of official statistics (e.g. ONS, "Measuring growth", and the
/// log-linear trend in Fingertips' methods): exp(β₁) − 1 is the growth per unit of x (per year on a time
/// axis in years), with its interval exp(low) − 1 … exp(high) − 1 transformed from β₁'s t-interval.
/// Conventions: every y must be positive (a zero or negative y is an error naming it); the fit's residual SD
/// and R² are on the log scale; ln y is taken in double-double from the exact input.
public struct LogLinearFit: Sendable {
    /// The straight-line fit of ln y on x.
    public let logScaleFit: LeastSquaresFit
    /// exp(β₁) − 1: the proportional change per unit of x (0.05 = 5% a year).
    public let growthRate: Double
    public let growthRateLow: Double?
    public let growthRateHigh: Double?

    public init(
        x: [DoubleDouble], y: [DoubleDouble], weights: [DoubleDouble]? = nil, predictorName: String = "x",
        level: Double = 0.95
    ) throws(FitError) {
        for (i, value) in y.enumerated() where !(value.hi > 0) {
            if !value.isFinite { throw .nonFiniteValue(observation: i, predictor: nil) }
            throw .nonPositiveResponse(observation: i)
        }
        let logY = y.map { $0.logarithm() }
        logScaleFit = try LeastSquaresFit(
            predictors: [x], response: logY, weights: weights, model: .straightLine,
            predictorNames: [predictorName], level: level)
        let slope = logScaleFit.coefficients[1]
        growthRate = expm1(slope.estimate)
        growthRateLow = slope.low.map(expm1)
        growthRateHigh = slope.high.map(expm1)
    }
}
