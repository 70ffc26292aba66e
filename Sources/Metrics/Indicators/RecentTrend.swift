internal import Foundation

/// Fingertips' recent-trend marker: is an indicator's latest run of five points rising or falling
/// significantly, and is that getting better or worse?
///
/// Method (PHE, "Fingertips trend markers", Public Health Technical Guidance; the published code is
/// `TrendMarkerCalculator` in ukhsa-collaboration/fingertips-open): only the five most recent points are used.
/// - Proportions (counts xᵢ of denominators nᵢ): the slope is the maximum-likelihood slope of the logistic
///   regression logit(pᵢ) = a + b·tᵢ (binomial GLM), fitted by iteratively reweighted least squares
///   (McCullagh & Nelder, *Generalized Linear Models*, 2nd ed. 1989, §4.4) with each step solved by
///   Householder QR in double-double; its standard error is √[(XᵀWX)⁻¹]_bb at the fit. The chi-square is by
///   default the score statistic, the Cochran–Armitage test for trend (`ProportionTrendTest`), which is what
///   Fingertips computes (its own unit test: 47.9 for the data in `RecentTrendTests`); `.wald` uses (b/se)²
///   instead. The two agree closely for the large denominators Fingertips deals in.
/// - Every other indicator (a value with a confidence interval): the straight line fitted by weighted least
///   squares with known variances, weights 1/seᵢ², where seᵢ comes from the interval
///   (`EstimatePoint.init(time:value:lower:upper:level:)`: (upper − lower)/(2z)); its variance is
///   1/Σwᵢ(tᵢ − t̄_w)², with no residual scaling, and the chi-square is (b/se)².
/// - The trend is significant when χ² exceeds the χ²₁ quantile at `level` (99.8%: 9.5495, Fingertips' value),
///   and it must survive a leave-one-out check: the slope refitted without each point in turn (five more
///   fits, by the same method) must keep the sign of the full fit, otherwise there is no significant change.
/// - Polarity turns increasing/decreasing into Fingertips' labels ("Increasing and getting better", …).
///
/// Conventions:
/// - Time: the caller's instants in years (`Series.numericPoints`, `Period.years(to:)`), so slopes are per
///   year and irregular spacing is respected; Fingertips uses positions 1…5 on yearly data, which gives the
///   same slope and chi-square when the five points are a year apart. `intercept` is the fitted value (logit
///   for proportions) at the first of the five points.
/// - Points are sorted by time and the latest five taken; it is the caller's job to pass an unbroken series
///   of non-overlapping periods (Fingertips does not test rolling periods, or series with gaps).
/// - Nothing in the data is an error: fewer than five points, two points at one time, a non-finite value, a
///   count outside [0, denominator], a denominator ≤ 0, a standard error ≤ 0, proportions all 0 or all 1,
///   or a logistic fit that diverges (proportions separated in time) give `couldNotBeCalculated` with the
///   reason. A leave-one-out fit that cannot be made, or a slope of exactly 0, counts as a change of sign.
/// - Only GSL failures (quantiles, tails) throw.
public struct RecentTrend: Sendable, Hashable {
    /// How many of the latest points the marker uses.
    public static let pointCount = 5

    public enum Marker: String, Sendable, Hashable, CaseIterable {
        case increasing
        case decreasing
        case noSignificantChange = "no_significant_change"
        case couldNotBeCalculated = "could_not_be_calculated"
    }

    public enum Method: String, Sendable, Hashable {
        /// Binomial GLM with logit link on counts and denominators.
        case logisticRegression = "logistic_regression"
        /// Inverse-variance weighted straight line on values with confidence intervals.
        case weightedRegression = "weighted_regression"
    }

    /// Which chi-square decides significance for proportions.
    public enum ProportionStatistic: String, Sendable, Hashable {
        /// Cochran–Armitage (score test of the logistic slope), as Fingertips computes it.
        case score
        /// (slope / standard error)² from the logistic fit.
        case wald
    }

    /// A count of events out of a denominator at an instant.
    public struct ProportionPoint: Sendable, Hashable {
        public let time: Double
        public let count: Double
        public let denominator: Double

        public init(time: Double, count: Double, denominator: Double) {
            self.time = time
            self.count = count
            self.denominator = denominator
        }
    }

    /// A value with its standard error at an instant.
    public struct EstimatePoint: Sendable, Hashable {
        public let time: Double
        public let value: Double
        public let standardError: Double

        public init(time: Double, value: Double, standardError: Double) {
            self.time = time
            self.value = value
            self.standardError = standardError
        }

        /// The standard error read off a symmetric-in-spirit interval at `level`: (upper − lower)/(2z) with
        /// z = Φ⁻¹(1 − α/2). Fingertips divides 95% intervals by 3.92; pass that `standardError` to the other
        /// initialiser to reproduce its figures to the last digit (the chi-squares differ by 3.7·10⁻⁵ relative).
        public init(time: Double, value: Double, lower: Double, upper: Double, level: Double = 0.95) throws(GSLError) {
            let z = try StandardNormal.quantile(1 - (1 - level) / 2)
            self.init(time: time, value: value, standardError: (upper - lower) / (2 * z))
        }
    }

    public let method: Method
    /// The statistic behind `chiSquare` for proportions; `nil` for the weighted regression.
    public let statistic: ProportionStatistic?
    public let polarity: SeriesMetadata.Polarity
    /// The significance level of the test (Fingertips: 0.998).
    public let level: Double
    /// The instants of the points used (the latest five, in time order).
    public let times: [Double]
    /// The fitted value at the first of the points used (a logit for proportions).
    public let intercept: Measured<Double>
    /// Per unit of time (per year on the library's time axis); on the logit scale for proportions.
    public let slope: Measured<Double>
    public let standardError: Measured<Double>
    public let chiSquare: Measured<Double>
    /// P(χ²₁ ≥ chiSquare).
    public let p: Measured<Double>
    /// The slope refitted without each of the points in turn (same order as `times`).
    public let leaveOneOutSlopes: [Measured<Double>]
    public let marker: Marker
    /// Why the marker could not be calculated, or why a significant chi-square did not give a trend.
    public let reason: String?

    /// Fingertips' wording of the marker for this polarity.
    public var label: String {
        switch (marker, polarity) {
        case (.increasing, .higherIsBetter): "Increasing and getting better"
        case (.increasing, .lowerIsBetter): "Increasing and getting worse"
        case (.increasing, .none): "Increasing"
        case (.decreasing, .higherIsBetter): "Decreasing and getting worse"
        case (.decreasing, .lowerIsBetter): "Decreasing and getting better"
        case (.decreasing, .none): "Decreasing"
        case (.noSignificantChange, _): "No significant change"
        case (.couldNotBeCalculated, _): "Could not be calculated"
        }
    }

    /// The marker for a proportion (counts of denominators): logistic regression.
    /// - Complexity: six logistic fits of at most five points, each a handful of IRLS steps.
    public static func proportions(
        _ points: [ProportionPoint],
        polarity: SeriesMetadata.Polarity = .none,
        level: Double = 0.998,
        statistic: ProportionStatistic = .score
    ) throws(GSLError) -> RecentTrend {
        let method = Method.logisticRegression
        let recent: [ProportionPoint]
        switch latest(points, time: \.time) {
        case .failure(let problem): return notCalculated(method, statistic, polarity, level, points.map(\.time), problem.reason)
        case .success(let kept): recent = kept
        }
        let times = recent.map(\.time)
        func refuse(_ reason: String) -> RecentTrend { notCalculated(method, statistic, polarity, level, times, reason) }
        for (index, point) in recent.enumerated() {
            let at = "the point at time \(point.time) (\(index + 1) of \(recent.count))"
            guard point.denominator.isFinite, point.denominator > 0 else { return refuse("\(at) has no usable denominator") }
            guard point.count.isFinite, point.count >= 0, point.count <= point.denominator else {
                return refuse("\(at) has a count outside 0…denominator")
            }
        }
        if recent.allSatisfy({ $0.count == 0 }) { return refuse("every proportion is 0") }
        if recent.allSatisfy({ $0.count == $0.denominator }) { return refuse("every proportion is 1") }
        let counts = recent.map(\.count)
        let denominators = recent.map(\.denominator)
        guard let fit = TrendLine.logistic(times: times, counts: counts, denominators: denominators) else {
            return refuse("the logistic regression does not converge (the proportions are separated in time)")
        }
        let chiSquare: Double
        switch statistic {
        case .wald:
            chiSquare = fit.slope * fit.slope / fit.slopeVariance
        case .score:
            do {
                let test = try ProportionTrendTest(counts: counts, denominators: denominators, scores: times)
                guard let value = test.chiSquare.value else { return refuse(test.chiSquare.reason ?? "no score statistic") }
                chiSquare = value
            } catch {
                if case .numeric(let gslError) = error { throw gslError }
                return refuse("the score statistic could not be computed (\(error))")
            }
        }
        let leaveOneOut = times.indices.map { left -> Measured<Double> in
            let keep = times.indices.filter { $0 != left }
            guard let line = TrendLine.logistic(
                times: keep.map { times[$0] }, counts: keep.map { counts[$0] }, denominators: keep.map { denominators[$0] })
            else { return .undefined("no logistic fit without the point at time \(times[left])") }
            return .value(line.slope)
        }
        return try decide(method, statistic, polarity, level, times, fit, chiSquare, leaveOneOut)
    }

    /// The marker for any other indicator (values with standard errors): inverse-variance weighted regression.
    /// - Complexity: six weighted fits of at most five points.
    public static func estimates(
        _ points: [EstimatePoint],
        polarity: SeriesMetadata.Polarity = .none,
        level: Double = 0.998
    ) throws(GSLError) -> RecentTrend {
        let method = Method.weightedRegression
        let recent: [EstimatePoint]
        switch latest(points, time: \.time) {
        case .failure(let problem): return notCalculated(method, nil, polarity, level, points.map(\.time), problem.reason)
        case .success(let kept): recent = kept
        }
        let times = recent.map(\.time)
        for (index, point) in recent.enumerated() {
            let at = "the point at time \(point.time) (\(index + 1) of \(recent.count))"
            guard point.value.isFinite else { return notCalculated(method, nil, polarity, level, times, "\(at) has no value") }
            guard point.standardError.isFinite, point.standardError > 0 else {
                return notCalculated(method, nil, polarity, level, times, "\(at) has no usable confidence interval")
            }
        }
        let values = recent.map(\.value)
        let weights = recent.map { 1 / ($0.standardError * $0.standardError) }
        guard let fit = TrendLine.weighted(times: times, responses: values, weights: weights) else {
            return notCalculated(method, nil, polarity, level, times, "the weighted regression could not be fitted")
        }
        let leaveOneOut = times.indices.map { left -> Measured<Double> in
            let keep = times.indices.filter { $0 != left }
            guard let line = TrendLine.weighted(
                times: keep.map { times[$0] }, responses: keep.map { values[$0] }, weights: keep.map { weights[$0] })
            else { return .undefined("no weighted fit without the point at time \(times[left])") }
            return .value(line.slope)
        }
        return try decide(method, nil, polarity, level, times, fit, fit.slope * fit.slope / fit.slopeVariance, leaveOneOut)
    }

    // MARK: - Decision

    private struct Problem: Error { let reason: String }

    /// The latest `pointCount` points in time order, or why there are not enough usable ones.
    private static func latest<Point>(_ points: [Point], time: (Point) -> Double) -> Result<[Point], Problem> {
        guard points.count >= pointCount else {
            return .failure(Problem(reason: "fewer than \(pointCount) points (\(points.count))"))
        }
        guard points.allSatisfy({ time($0).isFinite }) else { return .failure(Problem(reason: "a point has no time")) }
        let recent = Array(points.sorted { time($0) < time($1) }.suffix(pointCount))
        for i in 1..<recent.count where time(recent[i]) == time(recent[i - 1]) {
            return .failure(Problem(reason: "two points share the time \(time(recent[i]))"))
        }
        return .success(recent)
    }

    private static func decide(
        _ method: Method, _ statistic: ProportionStatistic?, _ polarity: SeriesMetadata.Polarity, _ level: Double,
        _ times: [Double], _ fit: TrendLine, _ chiSquare: Double, _ leaveOneOut: [Measured<Double>]
    ) throws(GSLError) -> RecentTrend {
        let z = try StandardNormal.quantile(1 - (1 - level) / 2)
        let critical = z * z
        let p = min(1, 2 * (try StandardNormal.upperTail(chiSquare.squareRoot())))
        var marker = Marker.noSignificantChange
        var reason: String?
        if chiSquare > critical, fit.slope != 0 {
            let sign = fit.slope.sign
            if let left = leaveOneOut.indices.first(where: { leaveOneOut[$0].value.map { $0 == 0 || $0.sign != sign } ?? true }) {
                let without = leaveOneOut[left].value.map { $0 == 0 ? "flat" : ($0 > 0 ? "rising" : "falling") }
                reason = "χ² = \(chiSquare) is significant, but without the point at time \(times[left]) the fit is "
                    + (without ?? "not defined") + ": the trend rests on one point"
            } else {
                marker = sign == .plus ? .increasing : .decreasing
            }
        }
        return RecentTrend(
            method: method, statistic: statistic, polarity: polarity, level: level, times: times,
            intercept: .value(fit.intercept), slope: .value(fit.slope), standardError: .value(fit.slopeVariance.squareRoot()),
            chiSquare: .value(chiSquare), p: .value(p), leaveOneOutSlopes: leaveOneOut, marker: marker, reason: reason)
    }

    private static func notCalculated(
        _ method: Method, _ statistic: ProportionStatistic?, _ polarity: SeriesMetadata.Polarity, _ level: Double,
        _ times: [Double], _ reason: String
    ) -> RecentTrend {
        RecentTrend(
            method: method, statistic: method == .logisticRegression ? statistic : nil, polarity: polarity, level: level,
            times: times, intercept: .undefined(reason), slope: .undefined(reason), standardError: .undefined(reason),
            chiSquare: .undefined(reason), p: .undefined(reason), leaveOneOutSlopes: [], marker: .couldNotBeCalculated,
            reason: reason)
    }
}

/// A straight line in time fitted by (iteratively re)weighted least squares: the intercept at the first time,
/// the slope and its variance (XᵀWX)⁻¹_bb with known weights.
fileprivate struct TrendLine: Sendable, Hashable {
    let intercept: Double
    let slope: Double
    let slopeVariance: Double

    /// Weighted least squares with weights taken as inverse variances (no residual scaling). Time is centred
    /// on its mean; each solve is Householder QR in double-double. `nil` when the design is degenerate.
    static func weighted(times: [Double], responses: [Double], weights: [Double]) -> TrendLine? {
        guard let solution = solve(times: times, responses: responses, weights: weights) else { return nil }
        return TrendLine(
            intercept: solution.atCentre + solution.slope * (times[0] - solution.centre), slope: solution.slope,
            slopeVariance: solution.slopeVariance)
    }

    /// The maximum-likelihood logistic line logit(xᵢ/nᵢ) = a + b·tᵢ by IRLS, started (as R's `glm` and
    /// statsmodels do) from μᵢ = (xᵢ + ½)/(nᵢ + 1), stopped when a Newton step moves neither coefficient by
    /// more than 10⁻¹⁰ of its size (or of the slope's standard error), then polished by one more step: IRLS is
    /// Newton's method here (canonical link), so that step leaves an error of order 10⁻²⁰, below rounding. `nil` when the fit diverges: a fitted proportion within
    /// about 10⁻¹³ of 0 or 1 (separation), or no convergence in 100 steps.
    static func logistic(times: [Double], counts: [Double], denominators: [Double]) -> TrendLine? {
        let n = times.count
        var eta = (0..<n).map { i in
            let mu = (counts[i] + 0.5) / (denominators[i] + 1)
            return log(mu / (1 - mu))
        }
        var previous: (Double, Double)?
        var polished = false
        for _ in 0..<100 {
            var weights = [Double](repeating: 0, count: n)
            var working = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let mu = 1 / (1 + exp(-eta[i]))
                let variance = mu * (1 - mu)
                weights[i] = denominators[i] * variance
                working[i] = eta[i] + (counts[i] - denominators[i] * mu) / weights[i]
            }
            guard weights.allSatisfy({ $0 > 0 && $0.isFinite }), working.allSatisfy(\.isFinite),
                let solution = solve(times: times, responses: working, weights: weights)
            else { return nil }
            for i in 0..<n { eta[i] = solution.atCentre + solution.slope * (times[i] - solution.centre) }
            if eta.contains(where: { Swift.abs($0) > 30 }) { return nil }
            if polished {
                return TrendLine(
                    intercept: solution.atCentre + solution.slope * (times[0] - solution.centre), slope: solution.slope,
                    slopeVariance: solution.slopeVariance)
            }
            if let (a, b) = previous {
                let slopeScale = max(Swift.abs(solution.slope), solution.slopeVariance.squareRoot())
                if Swift.abs(solution.atCentre - a) <= 1e-10 * max(1, Swift.abs(a)),
                    Swift.abs(solution.slope - b) <= 1e-10 * slopeScale
                {
                    polished = true
                }
            }
            previous = (solution.atCentre, solution.slope)
        }
        return nil
    }

    private struct Solution {
        let centre: Double
        let atCentre: Double
        let slope: Double
        let slopeVariance: Double
    }

    /// Minimises Σwᵢ(yᵢ − α − b(tᵢ − c))² with c the mean time: rows scaled by √wᵢ, Householder QR.
    private static func solve(times: [Double], responses: [Double], weights: [Double]) -> Solution? {
        let n = times.count
        guard n >= 2, responses.count == n, weights.count == n else { return nil }
        let centre = times.reduce(0, +) / Double(n)
        var constant: [DoubleDouble] = []
        var time: [DoubleDouble] = []
        var response: [DoubleDouble] = []
        for i in 0..<n {
            let root = DoubleDouble(weights[i]).squareRoot()
            constant.append(root)
            time.append(root * (DoubleDouble(times[i]) - DoubleDouble(centre)))
            response.append(root * DoubleDouble(responses[i]))
        }
        guard let qr = try? HouseholderQR(columns: [constant, time], rightHandSide: response) else { return nil }
        return Solution(
            centre: centre, atCentre: qr.solution[0].doubleValue, slope: qr.solution[1].doubleValue,
            slopeVariance: qr.inverseGram[3].doubleValue)
    }
}

