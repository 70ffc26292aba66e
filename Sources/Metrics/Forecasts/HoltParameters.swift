/// The parameters of Holt's linear-trend exponential smoothing (Holt 1957, reprinted in International
/// Journal of Forecasting 20:5–10, 2004) and of its damped-trend form (Gardner & McKenzie 1985, "Forecasting
/// trends in time series", Management Science 31:1237–1246), in the component form statsmodels' `Holt` /
/// `ExponentialSmoothing` use:
///
///     fitted_t = l_{t−1} + φ b_{t−1}
///     l_t = α y_t + (1 − α)(l_{t−1} + φ b_{t−1})
///     b_t = β (l_t − l_{t−1}) + (1 − β) φ b_{t−1}
///     forecast_h = l_{n−1} + (φ + φ² + … + φ^h) b_{n−1}
///
/// with t = 0…n−1 and the initial states l₋₁, b₋₁ one step *before* the first observation. φ = 1 is the
/// linear trend. `beta` is Holt's β (statsmodels' `smoothing_trend`, β* in Hyndman et al. 2008 §2.4); the
/// error-correction (ETS) form uses β_ETS = α·β (`errorCorrectionBeta`).
public struct HoltParameters: Sendable, Hashable {
    /// α, the level's smoothing parameter, in [0, 1].
    public var alpha: Double
    /// β, the trend's smoothing parameter, in [0, 1].
    public var beta: Double
    /// φ, the damping parameter, in (0, 1]; 1 for Holt's linear trend.
    public var phi: Double
    /// l₋₁, the level one step before the first observation.
    public var initialLevel: Double
    /// b₋₁, the trend one step before the first observation (per step, not per year).
    public var initialTrend: Double

    public init(alpha: Double, beta: Double, phi: Double = 1, initialLevel: Double, initialTrend: Double) {
        self.alpha = alpha
        self.beta = beta
        self.phi = phi
        self.initialLevel = initialLevel
        self.initialTrend = initialTrend
    }

    /// Whether the trend is damped (φ < 1).
    public var isDamped: Bool { phi != 1 }

    /// β in the error-correction form of the ETS(A,A,N)/ETS(A,Ad,N) model, b_t = φ b_{t−1} + β_ETS ε_t:
    /// α·β (Hyndman et al. 2008, §2.5.1; statsmodels' `ETSModel` takes this value as `smoothing_trend`).
    public var errorCorrectionBeta: Double { alpha * beta }

    /// statsmodels' `initialization_method="simple"` states (Hyndman & Athanasopoulos, FPP3 §8.6):
    /// l₋₁ = y₀, b₋₁ = y₁ − y₀ (the states `statsmodels_holt_fixed` in trend_cases.json uses).
    public static func simpleInitialStates(_ values: [Double]) -> (level: Double, trend: Double)? {
        guard values.count >= 2 else { return nil }
        return (values[0], values[1] - values[0])
    }

    func validate() throws(ForecastError) {
        guard alpha.isFinite, (0...1).contains(alpha) else { throw .invalidArgument("α must be in [0, 1], got \(alpha)") }
        guard beta.isFinite, (0...1).contains(beta) else { throw .invalidArgument("β must be in [0, 1], got \(beta)") }
        guard phi.isFinite, phi > 0, phi <= 1 else { throw .invalidArgument("φ must be in (0, 1], got \(phi)") }
        guard initialLevel.isFinite, initialTrend.isFinite else {
            throw .invalidArgument("the initial level and trend must be finite numbers")
        }
    }
}

/// Which trend Holt's method extrapolates.
public enum HoltTrend: String, Sendable, Hashable, CaseIterable {
    /// Holt's linear trend: the forecast grows by b per step for ever (φ = 1).
    case linear
    /// Gardner & McKenzie's damped trend: the increments shrink by φ per step, so the forecast levels off
    /// at l + φ/(1 − φ)·b.
    case damped

    /// The range φ is estimated in for the damped trend: [0.8, 0.98], the bounds of R's forecast package
    /// (`ets(lower = c(rep(1e-04, 3), 0.8), upper = c(rep(0.9999, 3), 0.98))`; Hyndman & Athanasopoulos,
    /// FPP3 §8.2: "φ is rarely less than 0.8 … rarely more than 0.98"). statsmodels' `ExponentialSmoothing`
    /// allows [0.8, 0.995]; 0.98 is kept because above it a damped trend is hard to tell from a linear one.
    public static let dampingRange: ClosedRange<Double> = 0.8...0.98
}
