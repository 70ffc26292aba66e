/// Which divisor turns the SSE of a Holt fit into the one-step error variance σ².
public enum HoltVarianceDivisor: String, Sendable, Hashable, CaseIterable {
    /// σ̂² = SSE / n: the maximum-likelihood estimate of the Gaussian ETS model (Hyndman et al. 2008, §5.1:
    /// the likelihood concentrated over σ²), and what statsmodels' `ETSModel` reports (`mse`) and uses for
    /// its prediction intervals. The default, so that intervals match statsmodels.
    case observations
    /// σ̂² = SSE / (n − k), k the number of estimated parameters (α, β, [φ,] l₋₁, b₋₁): the analogue of the
    /// n − 2 of a least-squares line, wider for short series. With given parameters k = 0 and this is SSE/n.
    case residualDegreesOfFreedom
}

extension HoltSmoothing {
    /// σ̂², the variance of the one-step errors, from the SSE with the chosen divisor; undefined when no
    /// degree of freedom is left.
    public func residualVariance(divisor: HoltVarianceDivisor = .observations) -> Measured<Double> {
        let n = count
        let denominator = divisor == .observations ? n : n - estimatedParameterCount
        guard denominator > 0 else {
            return .undefined("\(n) observations leave no degree of freedom for the error variance after \(estimatedParameterCount) estimated parameters")
        }
        return .value(sumOfSquaredErrors / Double(denominator))
    }

    /// The variance of the h-step forecast error of the additive-error ETS model behind Holt's method:
    ///
    ///     v_h = σ² [1 + Σ_{j=1}^{h−1} c_j²],   c_j = α (1 + β φ_j),   φ_j = φ + φ² + … + φ^j
    ///
    /// (Hyndman et al. 2008, "Forecasting with Exponential Smoothing", Table 6.1, class 1: ETS(A,A,N) has
    /// c_j = α + β_ETS j and ETS(A,Ad,N) c_j = α + β_ETS φ_j, with β_ETS = αβ in Holt's β; φ_j = j when
    /// φ = 1). Summed term by term, which is exact for any h; statsmodels' closed forms (§6.3) agree to
    /// rounding.
    public func forecastVariance(steps h: Int, divisor: HoltVarianceDivisor = .observations) -> Measured<Double> {
        guard h >= 1 else { return .undefined("the forecast step must be at least 1") }
        switch residualVariance(divisor: divisor) {
        case .undefined(let reason): return .undefined(reason)
        case .value(let sigma2): return .value(sigma2 * HoltSmoothing.relativeForecastVariance(parameters, steps: h))
        }
    }

    /// 1 + Σ_{j=1}^{h−1} c_j².
    static func relativeForecastVariance(_ parameters: HoltParameters, steps h: Int) -> Double {
        var total = 1.0
        var power = 1.0
        var phiJ = 0.0
        for _ in 1..<max(h, 1) {
            power *= parameters.phi
            phiJ += power
            let c = parameters.alpha * (1 + parameters.beta * phiJ)
            total += c * c
        }
        return total
    }

    /// Point forecasts with prediction intervals over `horizon`: mean ± z_{1−(1−level)/2} √v_h, the normal
    /// quantile of the Gaussian ETS model (as statsmodels' `ETSModel.get_prediction().summary_frame()` and R's
    /// `forecast()` give them).
    public func forecast(
        horizon: ForecastHorizon, level: Double = 0.95, divisor: HoltVarianceDivisor = .observations
    ) throws(ForecastError) -> [ForecastPoint] {
        guard level > 0, level < 1 else { throw .invalidArgument("the prediction level must be between 0 and 1, got \(level)") }
        let z: Double
        do {
            z = -(try StandardNormal.quantile((1 - level) / 2))
        } catch {
            throw .numerical(error)
        }
        return horizon.times.enumerated().map { index, time in
            let h = index + 1
            let mean = forecast(steps: h)
            let variance = forecastVariance(steps: h, divisor: divisor)
            let se: Measured<Double> = variance.value.map { .value($0.squareRoot()) } ?? .undefined(variance.reason ?? "")
            return ForecastPoint(
                step: h, time: time, period: horizon.periods?[index], mean: mean, standardError: se,
                lower: se.value.map { .value(mean - z * $0) } ?? .undefined(se.reason ?? ""),
                upper: se.value.map { .value(mean + z * $0) } ?? .undefined(se.reason ?? ""))
        }
    }
}
