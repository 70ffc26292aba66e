/// When a Holt forecast should not be trusted, in words an analyst can act on.
///
/// Holt's prediction intervals (`HoltSmoothing.forecastVariance`, the ETS(A,A,N)/ETS(A,Ad,N) variance of
/// Hyndman et al. 2008, Table 6.1) treat the estimated α, β, φ and initial states as known: they count the
/// random error only, not the uncertainty of the parameter estimates (R. J. Hyndman, "Prediction intervals
/// too narrow", Hyndsight, 2014; Hyndman, Koehler, Snyder & Grose 2002, International Journal of Forecasting
/// 18:439–454, found nominal 95% ETS intervals covering 71% to 87%). On a long series that uncertainty is
/// small; on a short one it is not, and the intervals come out too narrow. Two cases are flagged:
/// - fewer than `HoltForecast.trustedLength` values (10: with 4 parameters estimated for the linear trend,
///   5 for the damped one, fewer than 10 values leave at most 5 residual degrees of freedom; statsmodels
///   itself only estimates initial states from a fitted line from 10 values on);
/// - α at 0 (below `HoltForecast.negligibleAlpha`): the level never leaves its own trend line, β has no
///   effect, and the forecast is that fixed line, whose interval ±z·σ is the same width at every step —
///   the least-squares line of the linear method is then the same model with an interval that does count
///   the line's uncertainty (Draper & Smith 1998, §3.1).
/// Each caution says which method to prefer; when the linear method's interval is wider at some step, the
/// caution gives both half-widths at the last such step, so the difference is plain.
extension HoltForecast {
    /// Below this many values Holt's intervals are flagged as too narrow to trust.
    public static let trustedLength = 10
    /// An α this small is 0 (the optimiser's bound is reached only to rounding: 1.9·10⁻¹⁶).
    public static let negligibleAlpha = 1e-6

    /// Whether the fitted α is 0, so that β has no effect and is not reported.
    public var alphaIsNegligible: Bool { smoothing.parameters.alpha < Self.negligibleAlpha }

    /// The cautions about this forecast; `linear` is the linear method's forecast of the same series, horizon
    /// and level, to compare the intervals with (none when it could not be made).
    public func cautions(comparedWith linear: LinearTrendForecast?) -> [String] {
        let n = smoothing.count
        let method = smoothing.parameters.isDamped ? "Holt's damped trend" : "Holt's method"
        let percent = NumberText.significant(level * 100, digits: 4)
        var comparison = ""
        if let linear {
            for (holt, line) in zip(points, linear.points) {
                guard let hl = holt.lower.value, let hu = holt.upper.value, let ll = line.lower.value, let lu = line.upper.value else { continue }
                let holtHalf = (hu - hl) / 2
                let lineHalf = (lu - ll) / 2
                if holtHalf < lineHalf {
                    comparison = "; at step \(holt.step) its \(percent)% interval is ±\(NumberText.significant(holtHalf, digits: 3)), "
                        + "narrower than the linear trend's ±\(NumberText.significant(lineHalf, digits: 3))"
                }
            }
        }
        var cautions: [String] = []
        if alphaIsNegligible {
            cautions.append(
                "\(method) fitted α = 0 on \(n) values: the forecast is a fixed straight line and its interval leaves out that line's own uncertainty (the same width at every step)\(comparison); prefer the linear method")
        } else if n < Self.trustedLength {
            cautions.append(
                "\(method) on only \(n) values (fewer than \(Self.trustedLength)): its intervals treat the \(smoothing.estimatedParameterCount) estimated parameters as known and are too narrow\(comparison); prefer the linear method")
        }
        return cautions
    }
}
