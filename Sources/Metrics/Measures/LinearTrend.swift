/// Ordinary least squares of value on time: the straight-line trend, per year.
///
/// Method: the closed form on centred data (x̄, ȳ, Sxx = Σ(x − x̄)², Sxy = Σ(x − x̄)(y − ȳ); slope = Sxy/Sxx;
/// residual variance RSS/(n − 2); SE(slope) = √(σ̂²/Sxx)), the two-pass form that keeps full double
/// accuracy (it agrees with statsmodels' OLS to 10⁻¹³ on the reference series, and with the double-double
/// `LeastSquaresFit` to the last digit or two). t-based interval and two-sided p-value on n − 2 degrees of
/// freedom (`StudentT`), as statsmodels and R report them.
/// Conventions: x is the time in years since the first non-missing period, so the intercept is the fitted
/// value at the first period and the slope is per year; missing values are left out (irregular spacing is
/// respected). The values are taken on their own `ValueScale` (the summary shares the series' scale), so the
/// sums of squares neither overflow near 10³⁰⁸ nor underflow near 10⁻³⁰⁰, and the same series × 2^k gives the
/// same p and R² and a slope 2^k times as large. n = 2 gives the line through both points but no SE,
/// interval or p (no residual degrees of freedom); R² is computed as Sxy²/(Sxx·Syy), which keeps its
/// relative accuracy when R² is tiny (1 − RSS/Syy loses it to cancellation); n < 2 or a single time gives
/// no trend. When the residuals are within the rounding of the values — RSS ≤ (4ε)²·Σz², that is residuals
/// of a few units in the last place, as for values exactly on a line — the data measure no residual
/// variance: the SE is 0, the interval [slope, slope], and p has none (t would be the slope over rounding
/// error), with the reason; a constant series says that every value is the same.
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
        let scale = ValueScale(values: values)
        guard let onScale = try LinearTrend(
            times: times, values: values.map { scale.scaled($0) }, critical: CriticalValues(alpha: alpha, tabulated: false))
        else { return nil }
        self = onScale.rescaled(scale)
    }

    private init(
        n: Int, slope: Double, intercept: Double, standardError: Measured<Double>, low: Measured<Double>, high: Measured<Double>,
        p: Measured<Double>, rSquared: Measured<Double>
    ) {
        self.n = n
        self.slope = slope
        self.intercept = intercept
        self.standardError = standardError
        self.low = low
        self.high = high
        self.p = p
        self.rSquared = rSquared
    }

    /// The trend of values z on `scale`, in the values' own units: slope, SE and interval as differences, the
    /// intercept as a value; p and R² as they are.
    func rescaled(_ scale: ValueScale) -> LinearTrend {
        func difference(_ m: Measured<Double>) -> Measured<Double> { m.value.map { .value(scale.difference($0)) } ?? m }
        return LinearTrend(
            n: n, slope: scale.difference(slope), intercept: scale.level(intercept), standardError: difference(standardError),
            low: difference(low), high: difference(high), p: p, rSquared: rSquared)
    }

    /// The residual sum of squares at or below which the residuals are within the rounding of values whose
    /// squares sum to `sumOfSquares`.
    static func roundingLevel(sumOfSquares: Double) -> Double {
        let u = 4 * Double.ulpOfOne
        return u * u * sumOfSquares
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
        var squares = 0.0
        for i in 0..<n {
            let r = values[i] - yBar - slope * (times[i] - xBar)
            rss += r * r
            squares += values[i] * values[i]
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
        guard rss > LinearTrend.roundingLevel(sumOfSquares: squares) else {
            standardError = .value(0)
            low = .value(slope)
            high = .value(slope)
            p = .undefined(
                syy > 0
                    ? "the values lie on a straight line (residuals within rounding): no residual variance to test the slope against"
                    : "every value is the same: t is 0/0")
            return
        }
        let dof = Double(n - 2)
        let se = (rss / dof / sxx).squareRoot()
        let t = StudentT(degreesOfFreedom: dof)
        let critical = try criticalValues.studentT(degreesOfFreedom: n - 2)
        standardError = .value(se)
        low = .value(slope - critical * se)
        high = .value(slope + critical * se)
        p = .value(try t.twoSidedP(slope / se))
    }
}
