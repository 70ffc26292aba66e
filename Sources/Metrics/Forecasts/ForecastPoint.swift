/// One step of a forecast: where it falls on the time axis, the point forecast and its prediction interval.
public struct ForecastPoint: Sendable, Hashable {
    /// h: 1 for the period after the last observation, 2 for the one after that, …
    public let step: Int
    /// The forecast period's instant, in years since the series' first observed period (the summary's time
    /// origin; SPEC "Periods").
    public let time: Double
    /// The forecast period itself, when the series' periods can be stepped (`Period.advanced(byMonths:)`).
    public let period: Period?
    /// The point forecast.
    public let mean: Double
    /// The standard deviation of the forecast error (√ of the prediction variance).
    public let standardError: Measured<Double>
    /// The prediction interval at the forecast's level: where the future observation is expected to fall.
    public let lower: Measured<Double>
    public let upper: Measured<Double>

    public init(
        step: Int, time: Double, period: Period?, mean: Double, standardError: Measured<Double>,
        lower: Measured<Double>, upper: Measured<Double>
    ) {
        self.step = step
        self.time = time
        self.period = period
        self.mean = mean
        self.standardError = standardError
        self.lower = lower
        self.upper = upper
    }

    /// The point of a forecast of values z on `scale` (`ValueScale`), in the values' own units: the forecast
    /// and the interval's ends are values, the standard error a difference.
    func rescaled(_ scale: ValueScale) -> ForecastPoint {
        func level(_ m: Measured<Double>) -> Measured<Double> { m.value.map { .value(scale.level($0)) } ?? m }
        return ForecastPoint(
            step: step, time: time, period: period, mean: scale.level(mean),
            standardError: standardError.value.map { .value(scale.difference($0)) } ?? standardError,
            lower: level(lower), upper: level(upper))
    }
}
