/// A straight-line forecast: the least-squares trend on the real time axis, extended to future instants, with
/// the prediction interval for a new observation.
///
/// Method: ordinary least squares of value on time (`LinearTrend`), and for a future time x₀
///
///     ŷ₀ = a + b x₀,   ŷ₀ ± t_{1−(1−level)/2, n−2} · s · √(1 + 1/n + (x₀ − x̄)² / Sxx)
///
/// with s² = RSS/(n − 2) (Draper & Smith 1998, "Applied Regression Analysis", §3.1; statsmodels'
/// `OLS(...).get_prediction(x₀).summary_frame()["obs_ci_lower"/"obs_ci_upper"]`). x̄, Sxx and RSS are
/// computed in two passes about the means. Conventions: times are years since the first observed period
/// (irregular spacing respected, missing values left out, as the summary's OLS fields); n = 2 gives the line
/// through both points and its forecasts but no interval (no residual degrees of freedom); n < 2 or a single
/// time is refused; an exact fit gives a zero-width interval. The fit runs on the values' `ValueScale` and the
/// forecasts and intervals are taken back to the values' units.
public struct LinearTrendForecast: Sendable, Hashable {
    public let trend: LinearTrend
    public let points: [ForecastPoint]
    public let level: Double
    /// Why `points` holds fewer steps than asked for (`ForecastHorizon.stopReason`), or `nil`.
    public let stopReason: String?

    /// `times`, `values`: the observations; `horizon`: the future instants on the same axis.
    public init(times: [Double], values: [Double], horizon: ForecastHorizon, level: Double = 0.95) throws(ForecastError) {
        guard times.count == values.count else { throw .invalidArgument("times and values differ in length") }
        if let bad = times.indices.first(where: { !times[$0].isFinite || !values[$0].isFinite }) { throw .nonFiniteValue(index: bad) }
        let scale = ValueScale(values: values)
        try self.init(times: times, scaledValues: values.map { scale.scaled($0) }, scale: scale, horizon: horizon, level: level)
    }

    /// Fitted and forecast on `values` (on `scale`), reported in the values' units.
    private init(times: [Double], scaledValues values: [Double], scale: ValueScale, horizon: ForecastHorizon, level: Double) throws(ForecastError) {
        guard level > 0, level < 1 else { throw .invalidArgument("the prediction level must be between 0 and 1, got \(level)") }
        let trend: LinearTrend
        do {
            guard let fitted = try LinearTrend(times: times, values: values, critical: CriticalValues(alpha: 1 - level, tabulated: false)) else {
                throw ForecastError.tooFewObservations(count: Set(times).count, required: 2, method: "a linear trend (distinct times)")
            }
            trend = fitted
        } catch let error as ForecastError {
            throw error
        } catch let error as GSLError {
            throw .numerical(error)
        } catch {
            throw .invalidArgument("\(error)")
        }
        let n = times.count
        let xBar = times.reduce(0, +) / Double(n)
        let yBar = values.reduce(0, +) / Double(n)
        var sxx = 0.0
        var rss = 0.0
        for i in 0..<n {
            let dx = times[i] - xBar
            sxx += dx * dx
            let r = values[i] - yBar - trend.slope * dx
            rss += r * r
        }
        var width: Measured<Double> = .undefined("two points: no residual degrees of freedom")
        if n > 2 {
            do {
                let critical = try StudentT(degreesOfFreedom: Double(n - 2)).criticalValue(level: level)
                width = .value(critical * (rss / Double(n - 2)).squareRoot())
            } catch {
                throw .numerical(error)
            }
        }
        self.trend = trend.rescaled(scale)
        self.level = level
        stopReason = horizon.stopReason
        points = horizon.times.enumerated().map { index, x0 -> ForecastPoint in
            let mean = trend.intercept + trend.slope * x0
            let dx = x0 - xBar
            let factor = (1 + 1 / Double(n) + dx * dx / sxx).squareRoot()
            let halfWidth = width.value.map { $0 * factor }
            let reason = width.reason ?? ""
            return ForecastPoint(
                step: index + 1, time: x0, period: horizon.periods?[index], mean: mean,
                standardError: n > 2 ? .value((rss / Double(n - 2)).squareRoot() * factor) : .undefined(reason),
                lower: halfWidth.map { .value(mean - $0) } ?? .undefined(reason),
                upper: halfWidth.map { .value(mean + $0) } ?? .undefined(reason)
            ).rescaled(scale)
        }
    }

    /// The series' observed values on its time axis, forecast over the next `horizon` periods
    /// (`ForecastHorizon`: the series' last step repeated).
    public init(series: Series, horizon: Int = 3, level: Double = 0.95) throws(ForecastError) {
        let (times, values, scale) = series.scaledPoints
        let periods = series.observations.compactMap { $0.value.number == nil ? nil : $0.period }
        try self.init(
            times: times, scaledValues: values, scale: scale, horizon: try ForecastHorizon(observed: periods, steps: horizon), level: level)
    }
}
