/// A forecast kept within what its unit allows (`UnitBounds`: a percentage in [0, 100], a count, FTE or
/// rate never negative).
///
/// Method: the point forecast and both ends of the prediction interval are clamped to the bounds (the
/// interval is intersected with the unit's range). Why clamping rather than a transform: the interval is
/// for a future value that cannot lie outside the range, so the part of the interval cut off has
/// probability zero for that value and the clamped interval keeps its stated coverage; the forecast and
/// the interval inside the range are exactly those of the model fitted (Holt's, or the OLS line), and the
/// standard error (`se`) is left as the model's. A transform — a log for values above zero, a scaled logit
/// for values between two bounds, fitted and back-transformed (Hyndman & Athanasopoulos, *Forecasting:
/// Principles and Practice*, 3rd ed., 2021, §13.3 "Ensuring forecasts stay within limits") — would give
/// intervals that narrow towards the bound, but it changes the model for every series (the back-transformed
/// point forecast is a median, not a mean), and it cannot take the values DfE's series do reach: a count of
/// 0, a percentage of 0 or 100. So a clamped end marks where the model's own interval runs past the bound,
/// and the output says so (`reason` in `metrics forecast`, a note in the summary's `reasons`, a sentence in
/// the chart's description).
extension ForecastPoint {
    /// The point with its forecast and interval ends moved into `bounds`.
    public func bounded(by bounds: UnitBounds) -> ForecastPoint {
        guard bounds.isBounded else { return self }
        func clamp(_ m: Measured<Double>) -> Measured<Double> { m.value.map { .value(bounds.clamp($0)) } ?? m }
        return ForecastPoint(
            step: step, time: time, period: period, mean: bounds.clamp(mean), standardError: standardError,
            lower: clamp(lower), upper: clamp(upper))
    }

    /// Whether `bounded(by:)` moves the forecast or either end of its interval.
    public func isCut(by bounds: UnitBounds) -> Bool {
        guard bounds.isBounded else { return false }
        return [mean, lower.value, upper.value].contains { x in x.map { bounds.clamp($0) != $0 } ?? false }
    }
}

extension UnitBounds {
    /// `0`, `100`, `0 and 100`: the bounds that apply, in words.
    public var description: String {
        switch (lower, upper) {
        case let (l?, u?): "\(NumberText.significant(l, digits: 15)) and \(NumberText.significant(u, digits: 15))"
        case let (l?, nil): NumberText.significant(l, digits: 15)
        case let (nil, u?): NumberText.significant(u, digits: 15)
        case (nil, nil): "no bound"
        }
    }

    /// The note for a forecast cut at the bounds: `cut at 0: a count cannot be negative`.
    public var cutNote: String { "the prediction interval is cut at \(description): \(reason)" }
}
