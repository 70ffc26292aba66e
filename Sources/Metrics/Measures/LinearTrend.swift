/// Ordinary least squares of value on time: the straight-line trend, per year.
///
/// Method: the closed form on centred data (x̄, ȳ, Sxx = Σ(x − x̄)², Sxy = Σ(x − x̄)(y − ȳ); slope = Sxy/Sxx;
/// residual variance RSS/(n − 2); SE(slope) = √(σ̂²/Sxx)), the two-pass form that keeps full double
/// accuracy (it agrees with statsmodels' OLS to 10⁻¹³ on the reference series, and with the double-double
/// `LeastSquaresFit` to the last digit or two). t-based interval and two-sided p-value on n − 2 degrees of
/// freedom (`StudentT`), as statsmodels and R report them.
/// Conventions: x is the time in years since the first non-missing period, so the intercept is the fitted
/// value at the first period and the slope is per year; missing values are left out (irregular spacing is
/// respected). n = 2 gives the line through both points but no SE, interval or p (no residual degrees of
/// freedom); R² is computed as Sxy²/(Sxx·Syy), which keeps its relative accuracy when R² is tiny (1 − RSS/Syy
/// loses it to cancellation); a perfect fit gives SE 0, the interval [slope, slope] and p = 0 (or 1 for a zero slope, where
/// t is 0/0); n < 2 or a single time gives no trend.
public struct LinearTrend: Sendable, Hashable {
    public let n: Int
    public let slope: Double
    public let intercept: Double
    public let standardError: Measured<Double>
    public let low: Measured<Double>
    public let high: Measured<Double>
    public let p: Measured<Double>
    public let rSquared: Measured<Double>

    /// `times` in years since the first period, `values` the same length; `alpha` for a 1 − alpha interval.
    public init?(times: [Double], values: [Double], alpha: Double) throws(GSLError) {
        try self.init(times: times, values: values, critical: CriticalValues(alpha: alpha, tabulated: false))
    }

    init?(times: [Double], values: [Double], critical criticalValues: CriticalValues) throws(GSLError) {
        let n = times.count
        guard n >= 2 else { return nil }
        var xBar = 0.0
        var yBar = 0.0
        for i in 0..<n {
            xBar += times[i]
            yBar += values[i]
        }
        xBar /= Double(n)
        yBar /= Double(n)
        var sxx = 0.0
        var sxy = 0.0
        var syy = 0.0
        for i in 0..<n {
            let dx = times[i] - xBar
            let dy = values[i] - yBar
            sxx += dx * dx
            sxy += dx * dy
            syy += dy * dy
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        self.n = n
        self.slope = slope
        intercept = yBar - slope * xBar
        var rss = 0.0
        for i in 0..<n {
            let r = values[i] - yBar - slope * (times[i] - xBar)
            rss += r * r
        }
        // R² = Sxy²/(Sxx·Syy): the same as 1 − RSS/Syy, without its cancellation when R² is small.
        rSquared = syy > 0 ? .value(sxy * sxy / (sxx * syy)) : .undefined("every value is the same")
        guard n > 2 else {
            let reason = "two points: no residual degrees of freedom"
            standardError = .undefined(reason)
            low = .undefined(reason)
            high = .undefined(reason)
            p = .undefined(reason)
            return
        }
        let dof = Double(n - 2)
        let se = (rss / dof / sxx).squareRoot()
        let t = StudentT(degreesOfFreedom: dof)
        let critical = try criticalValues.studentT(degreesOfFreedom: n - 2)
        standardError = .value(se)
        low = .value(slope - critical * se)
        high = .value(slope + critical * se)
        if se > 0 {
            p = .value(try t.twoSidedP(slope / se))
        } else {
            p = slope == 0 ? .undefined("every value is the same: t is 0/0") : .value(0)
        }
    }
}
