/// Holt's exponential smoothing of a series with given parameters: the level, trend and one-step-ahead
/// fitted values, the sum of squared one-step errors, and the point forecasts.
///
/// Method and conventions: `HoltParameters` (statsmodels' component form, initial states one step before the
/// first observation; φ = 1 is Holt's linear trend, φ < 1 Gardner & McKenzie's damped trend). The arithmetic
/// follows statsmodels' own order of operations, so level, trend, fitted values, SSE and forecasts agree with
/// `statsmodels.tsa.holtwinters.Holt(..., initialization_method="known").fit(optimized=False)` to 10⁻¹²
/// relative. The series is taken as evenly spaced (one step per observation; see `EvenlySpacedSeries`).
///
/// Example:
///
///     let smoothing = try HoltSmoothing(values: [10, 12, 14, 16, 18],
///         parameters: HoltParameters(alpha: 0.5, beta: 0.3, initialLevel: 10, initialTrend: 2))
///     smoothing.forecast(steps: 1)  // 19.476054375
///
/// - Complexity: O(n).
public struct HoltSmoothing: Sendable, Hashable {
    public let parameters: HoltParameters
    /// l₀ … l_{n−1}.
    public let level: [Double]
    /// b₀ … b_{n−1}.
    public let trend: [Double]
    /// The one-step-ahead forecasts l_{t−1} + φ b_{t−1}, t = 0 … n−1.
    public let fitted: [Double]
    /// Σ (y_t − fitted_t)².
    public let sumOfSquaredErrors: Double
    /// How many of the parameters were estimated from the data (α, β, φ, l₋₁, b₋₁: 4 for the linear trend, 5
    /// for the damped one); 0 when they were given. Used for the n − k variance divisor.
    public let estimatedParameterCount: Int

    /// Runs the recursion over `values` (n ≥ 1, finite) with `parameters`.
    public init(values: [Double], parameters: HoltParameters) throws(ForecastError) {
        try self.init(values: values, parameters: parameters, estimatedParameterCount: 0)
    }

    init(values: [Double], parameters: HoltParameters, estimatedParameterCount: Int) throws(ForecastError) {
        try parameters.validate()
        guard !values.isEmpty else { throw .tooFewObservations(count: 0, required: 1, method: "Holt's method") }
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad) }
        let n = values.count
        var level = [Double](repeating: 0, count: n)
        var trend = [Double](repeating: 0, count: n)
        var fitted = [Double](repeating: 0, count: n)
        let (alpha, beta, phi) = (parameters.alpha, parameters.beta, parameters.phi)
        let (alphaC, betaC) = (1 - alpha, 1 - beta)
        var l = parameters.initialLevel
        var b = parameters.initialTrend
        var sse = 0.0
        for t in 0..<n {
            let dampedTrend = phi * b
            let forecast = l + dampedTrend
            let newLevel = alpha * values[t] + alphaC * forecast
            b = beta * (newLevel - l) + betaC * dampedTrend
            l = newLevel
            level[t] = l
            trend[t] = b
            fitted[t] = forecast
            let e = values[t] - forecast
            sse += e * e
        }
        self.parameters = parameters
        self.level = level
        self.trend = trend
        self.fitted = fitted
        sumOfSquaredErrors = sse
        self.estimatedParameterCount = estimatedParameterCount
    }

    /// The number of observations smoothed.
    public var count: Int { level.count }

    private init(copying s: HoltSmoothing, parameters: HoltParameters, level: [Double], trend: [Double], fitted: [Double], sse: Double) {
        self.parameters = parameters
        self.level = level
        self.trend = trend
        self.fitted = fitted
        sumOfSquaredErrors = sse
        estimatedParameterCount = s.estimatedParameterCount
    }

    /// The smoothing of values z on `scale` (`ValueScale`), in the values' own units: levels, fitted values
    /// and the initial level are values; trends and the initial trend differences; the SSE a squared
    /// difference; α, β and φ as they are.
    func rescaled(_ scale: ValueScale) -> HoltSmoothing {
        var p = parameters
        p.initialLevel = scale.level(p.initialLevel)
        p.initialTrend = scale.difference(p.initialTrend)
        return HoltSmoothing(
            copying: self, parameters: p, level: level.map(scale.level), trend: trend.map(scale.difference),
            fitted: fitted.map(scale.level), sse: scale.difference(scale.difference(sumOfSquaredErrors)))
    }

    /// The one-step errors y_t − fitted_t (the ETS model's ε̂_t).
    public func residuals(of values: [Double]) -> [Double] {
        zip(values, fitted).map { $0 - $1 }
    }

    /// The h-step point forecast l_{n−1} + (φ + φ² + … + φ^h) b_{n−1} (h·b_{n−1} for the linear trend).
    public func forecast(steps h: Int) -> Double {
        level[level.count - 1] + HoltSmoothing.dampedSum(phi: parameters.phi, steps: h) * trend[trend.count - 1]
    }

    /// φ + φ² + … + φ^h, accumulated as statsmodels does (`cumsum(φ^k)`); exactly h when φ = 1.
    static func dampedSum(phi: Double, steps h: Int) -> Double {
        guard h >= 1 else { return 0 }
        var power = 1.0
        var sum = 0.0
        for _ in 1...h {
            power *= phi
            sum += power
        }
        return sum
    }

    /// The SSE alone, for the optimiser: the same recursion without storing the states.
    static func sumOfSquaredErrors(
        _ values: [Double], alpha: Double, beta: Double, phi: Double, initialLevel: Double, initialTrend: Double
    ) -> Double {
        let (alphaC, betaC) = (1 - alpha, 1 - beta)
        var l = initialLevel
        var b = initialTrend
        var sse = 0.0
        for y in values {
            let dampedTrend = phi * b
            let forecast = l + dampedTrend
            let newLevel = alpha * y + alphaC * forecast
            b = beta * (newLevel - l) + betaC * dampedTrend
            l = newLevel
            let e = y - forecast
            sse += e * e
        }
        return sse
    }
}
