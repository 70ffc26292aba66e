/// Holt's forecast of a series: the smoothing fitted to it (parameters estimated by least squares) and the
/// next `horizon` periods with prediction intervals. What `metrics forecast` and the summary's `holt_`
/// fields (`holt_alpha`, `holt_beta`, `holt_forecast_1`, …) are made from.
///
/// Method: `HoltSmoothing.estimated(values:trend:)` (Holt 1957; Gardner & McKenzie 1985 for the damped
/// trend), intervals from the ETS(A,A,N)/ETS(A,Ad,N) forecast variance (`HoltSmoothing.forecastVariance`,
/// Hyndman et al. 2008 Table 6.1). Conventions: the series must be complete between its first and last
/// observed values and evenly spaced (`EvenlySpacedSeries`); one smoothing step is one spacing, so β and the
/// trend are per step (`trendPerYear` converts); the forecast periods continue the series' own step
/// (`ForecastHorizon`). n must exceed the number of estimated parameters (5 values for the linear trend, 6
/// for the damped one). The smoothing runs on the values' `ValueScale` (its objective is scale-free), and the
/// states, fitted values and forecasts are taken back to the values' units.
///
/// Example:
///
///     let forecast = try HoltForecast(series: series, horizon: 3)
///     forecast.smoothing.parameters.alpha       // holt_alpha
///     forecast.points[0].mean                   // holt_forecast_1
///     forecast.points[0].period?.label          // "2024"
public struct HoltForecast: Sendable {
    public let smoothing: HoltSmoothing
    public let points: [ForecastPoint]
    /// The prediction intervals' level (0.95 for 95%).
    public let level: Double
    /// The spacing of the series, in years (one smoothing step).
    public let spacing: Double
    /// Why `points` holds fewer steps than asked for (`ForecastHorizon.stopReason`), or `nil`.
    public let stopReason: String?

    public init(
        series: Series, trend: HoltTrend = .linear, horizon: Int = 3, level: Double = 0.95,
        divisor: HoltVarianceDivisor = .observations
    ) throws(ForecastError) {
        let even = try EvenlySpacedSeries(series)
        try self.init(
            scaledValues: even.scaledValues, scale: even.scale, trend: trend, horizon: try ForecastHorizon(observed: even.periods, steps: horizon),
            spacing: even.times.count >= 2 ? even.times[1] - even.times[0] : 1, level: level, divisor: divisor)
    }

    /// For values already known to be evenly spaced: `horizon` gives the forecast instants (for a plain index
    /// axis, `ForecastHorizon(times: indices, steps: h)`), `spacing` the step in years.
    public init(
        values: [Double], trend: HoltTrend = .linear, horizon: ForecastHorizon, spacing: Double = 1, level: Double = 0.95,
        divisor: HoltVarianceDivisor = .observations
    ) throws(ForecastError) {
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad) }
        let scale = ValueScale(values: values)
        try self.init(
            scaledValues: values.map { scale.scaled($0) }, scale: scale, trend: trend, horizon: horizon, spacing: spacing, level: level,
            divisor: divisor)
    }

    /// Estimated and forecast on `scaledValues` (the values on `scale`), reported in the values' units.
    private init(
        scaledValues: [Double], scale: ValueScale, trend: HoltTrend, horizon: ForecastHorizon, spacing: Double, level: Double,
        divisor: HoltVarianceDivisor
    ) throws(ForecastError) {
        let onScale = try HoltSmoothing.estimated(values: scaledValues, trend: trend)
        points = try onScale.forecast(horizon: horizon, level: level, divisor: divisor).map { $0.rescaled(scale) }
        smoothing = onScale.rescaled(scale)
        self.level = level
        self.spacing = spacing
        stopReason = horizon.stopReason
    }

    /// The last trend state b_{n−1} per year instead of per step.
    public var trendPerYear: Double { (smoothing.trend.last ?? 0) / spacing }
}
