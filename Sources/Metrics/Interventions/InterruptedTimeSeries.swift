internal import Foundation

/// Interrupted time series: did an event (an Ofsted judgement, a commissioner, a statutory direction) change
/// the level or the trend of an indicator?
///
/// Method: segmented regression (Wagner, Soumerai, Zhang & Ross-Degnan 2002, "Segmented regression analysis
/// of interrupted time series studies in medication use research", J Clin Pharm Ther 27:299; Bernal,
/// Cummins & Gasparrini 2017, Int J Epidemiol 46:348), fitted by least squares (`LeastSquaresFit`):
///
///     y = β₀ + β₁·t + Σₖ [γₖ·Dₖ + δₖ·(t − eₖ)·Dₖ] + ε,   Dₖ = 1 when t ≥ eₖ, else 0
///
/// with t the time in years since the first observation (so β₀ is the level at the first period and β₁ the
/// slope per year before the first event), eₖ the event's instant, γₖ the level change at event k and δₖ the
/// change in slope per year; time since an event counts from zero at the event, so γₖ is the jump at the
/// event itself. The slope after event k is β₁ + δ₁ + … + δₖ, with its standard error from the
/// coefficients' covariance.
///
/// With a control series (Linden 2015, "Conducting interrupted time-series analysis for single- and
/// multiple-group comparisons", Stata J 15:480), both series are fitted together with a group indicator Z
/// (1 for the area, 0 for the control): y = β₀ + β₁t + β₂Z + β₃Zt + Σₖ[γₖDₖ + δₖ(t − eₖ)Dₖ + γ′ₖZDₖ +
/// δ′ₖZ(t − eₖ)Dₖ]; the effects reported are γ′ₖ and δ′ₖ, the changes in the area beyond those in the control.
///
/// The counterfactual is what the model gives with every event's terms removed (for the area, with its
/// own extra changes removed when there is a control): the pre-event trend carried on, with a confidence
/// band from the covariance of the terms it uses.
///
/// Conventions: the time axis is SPEC's (years; months at Y + (m − 1)/12), spacing may be uneven; missing
/// values are left out by the caller. A segment (before the first event, or between events) needs 3 points
/// for its slope to mean anything: with fewer there is a warning, an event with one point after it gets a
/// level change only, and an event with none is left out with a warning. Residual autocorrelation is
/// reported (lag-1 r and Durbin–Watson), with a warning when |r₁| > 2/√n, since ordinary least-squares
/// standard errors are then too small.
public struct InterruptedTimeSeries: Sendable {
    public struct Event: Sendable, Hashable {
        public let label: String
        /// The event's instant on the time axis (years).
        public let time: Double

        public init(label: String, time: Double) {
            self.label = label
            self.time = time
        }
    }

    /// An estimate with its standard error, interval and p-value.
    public struct Estimate: Sendable, Hashable {
        public let estimate: Double
        public let standardError: Double?
        public let low: Double?
        public let high: Double?
        public let p: Double?
    }

    public struct Effect: Sendable, Hashable {
        public let event: Event
        /// Observations from this event until the next (or the end).
        public let pointsAfter: Int
        /// The jump at the event (γ).
        public let levelChange: Estimate
        /// The change in slope per year (δ); `nil` when too few points follow the event.
        public let slopeChange: Estimate?
        /// The slope per year from this event on (β₁ + Σ δ).
        public let slopeAfter: Estimate?
    }

    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
    }

    public let n: Int
    /// The level at the first observation (β₀) and the slope per year before the first event (β₁).
    public let baselineLevel: Estimate
    public let baselineSlope: Estimate
    public let effects: [Effect]
    /// The area's observation times, values, fitted values and counterfactual (with its band).
    public let times: [Double]
    public let values: [Double]
    public let fitted: [Double]
    public let counterfactual: [Double]
    public let counterfactualLow: [Double?]
    public let counterfactualHigh: [Double?]
    public let hasControl: Bool
    public let residualStandardDeviation: Double?
    public let lag1Autocorrelation: Double?
    public let durbinWatson: Double?
    public let warnings: [String]
    public let level: Double

    /// Fits the segmented regression. `times` must be in increasing order (years); `control`, when given,
    /// is another series on the same axis.
    public init(
        times: [Double], values: [Double], events: [Event], control: (times: [Double], values: [Double])? = nil, level: Double = 0.95
    ) throws(Problem) {
        guard times.count == values.count, control.map({ $0.times.count == $0.values.count }) ?? true else {
            throw Problem(description: "times and values have different lengths")
        }
        guard !events.isEmpty else { throw Problem(description: "no event given: name at least one period with --event") }
        guard let origin = times.first else { throw Problem(description: "the series has no values") }
        var warnings: [String] = []
        let sortedEvents = events.sorted { $0.time < $1.time }

        // Points in each segment of the area's series.
        func pointsIn(_ from: Double, _ to: Double) -> Int { times.filter { $0 >= from && $0 < to }.count }
        let before = times.filter { $0 < sortedEvents[0].time }.count
        if before < 3 {
            warnings.append("only \(before) point(s) before \(sortedEvents[0].label): too few to say what the trend was")
        }
        var usable: [(event: Event, points: Int, slope: Bool)] = []
        for (k, event) in sortedEvents.enumerated() {
            let next = k + 1 < sortedEvents.count ? sortedEvents[k + 1].time : .infinity
            let points = pointsIn(event.time, next)
            if points == 0 {
                warnings.append("no observations from \(event.label) to the next event or the end: it is left out")
                continue
            }
            if points < 3 {
                warnings.append("only \(points) point(s) from \(event.label)\(next.isFinite ? " to the next event" : ""): too few to say anything about a change of trend")
            }
            usable.append((event, points, points >= 2))
        }
        guard !usable.isEmpty else { throw Problem(description: "no event has observations after it") }

        // The design: columns after the intercept.
        let groups: [(times: [Double], values: [Double], z: Double)] =
            [(times, values, 1)] + (control.map { [($0.times, $0.values, 0)] } ?? [])
        let withControl = control != nil
        var names = ["slope"]
        if withControl { names += ["area", "area_slope"] }
        for item in usable {
            names.append("level:\(item.event.label)")
            if item.slope { names.append("slope:\(item.event.label)") }
            if withControl {
                names.append("area_level:\(item.event.label)")
                if item.slope { names.append("area_slope:\(item.event.label)") }
            }
        }
        func row(_ time: Double, _ z: Double) -> [Double] {
            let t = time - origin
            var r = [t]
            if withControl { r += [z, z * t] }
            for item in usable {
                let d: Double = time >= item.event.time ? 1 : 0
                let since = (time - item.event.time) * d
                r.append(d)
                if item.slope { r.append(since) }
                if withControl {
                    r.append(z * d)
                    if item.slope { r.append(z * since) }
                }
            }
            return r
        }
        var columns = [[DoubleDouble]](repeating: [], count: names.count)
        var response: [DoubleDouble] = []
        for group in groups {
            for (time, value) in zip(group.times, group.values) {
                for (j, x) in row(time, group.z).enumerated() { columns[j].append(DoubleDouble(x)) }
                response.append(DoubleDouble(value))
            }
        }
        let fit: LeastSquaresFit
        do throws(FitError) {
            fit = try LeastSquaresFit(
                predictors: columns, response: response, model: LinearModel(form: .multiple(predictors: names.count)),
                predictorNames: names, level: level)
        } catch {
            throw Problem(description: InterruptedTimeSeries.explain(error, names: ["level"] + names))
        }

        // Coefficients by name (the intercept first).
        let p = names.count + 1
        let index = Dictionary(uniqueKeysWithValues: (["level"] + names).enumerated().map { ($1, $0) })
        func estimate(_ name: String) -> Estimate {
            let c = fit.coefficients[index[name]!]
            return Estimate(estimate: c.estimate, standardError: c.standardError, low: c.low, high: c.high, p: c.p)
        }
        let critical: Double? = fit.degreesOfFreedom > 0 ? try? StudentT(degreesOfFreedom: Double(fit.degreesOfFreedom)).criticalValue(level: level) : nil
        /// a′β with its standard error and interval.
        func combination(_ unordered: [String: Double]) -> Estimate {
            // In coefficient order: a dictionary's order changes from process to process, and the sums with it
            // in the last bit — the same input must give the same digits on every run.
            let weights = unordered.map { (key: $0.key, value: $0.value) }.sorted { index[$0.key]! < index[$1.key]! }
            var value = 0.0
            for (name, w) in weights { value += w * fit.coefficients[index[name]!].estimate }
            guard let cov = fit.covariance else { return Estimate(estimate: value, standardError: nil, low: nil, high: nil, p: nil) }
            var variance = 0.0
            for (a, wa) in weights {
                for (b, wb) in weights { variance += wa * wb * cov[index[a]! * p + index[b]!] }
            }
            let se = max(0, variance).squareRoot()
            let pValue = se > 0 ? try? StudentT(degreesOfFreedom: Double(fit.degreesOfFreedom)).twoSidedP(value / se) : nil
            return Estimate(
                estimate: value, standardError: se, low: critical.map { value - $0 * se }, high: critical.map { value + $0 * se }, p: pValue)
        }

        let prefix = withControl ? "area_" : ""
        baselineLevel = withControl ? combination(["level": 1, "area": 1]) : estimate("level")
        baselineSlope = withControl ? combination(["slope": 1, "area_slope": 1]) : estimate("slope")
        var effects: [Effect] = []
        var slopeTerms: [String: Double] = withControl ? ["slope": 1, "area_slope": 1] : ["slope": 1]
        for item in usable {
            let label = item.event.label
            var slopeChange: Estimate?
            if item.slope {
                slopeChange = estimate("\(prefix)slope:\(label)")
                slopeTerms["slope:\(label)"] = 1
                if withControl { slopeTerms["area_slope:\(label)"] = 1 }
            }
            effects.append(
                Effect(
                    event: item.event, pointsAfter: item.points, levelChange: estimate("\(prefix)level:\(label)"),
                    slopeChange: slopeChange, slopeAfter: item.slope ? combination(slopeTerms) : nil))
        }
        self.effects = effects

        // Fitted values and the counterfactual for the area.
        let beta = fit.coefficients.map(\.estimate)
        var fitted: [Double] = []
        var counterfactual: [Double] = []
        var low: [Double?] = []
        var high: [Double?] = []
        let removed = Set(names.indices.filter { j in
            let name = names[j]
            return withControl ? name.hasPrefix("area_level:") || name.hasPrefix("area_slope:") : name.hasPrefix("level:") || name.hasPrefix("slope:")
        }.map { $0 + 1 })
        for time in times {
            let x = [1.0] + row(time, 1)
            fitted.append(zip(x, beta).reduce(0) { $0 + $1.0 * $1.1 })
            let kept = x.enumerated().map { removed.contains($0.offset) ? 0 : $0.element }
            let value = zip(kept, beta).reduce(0) { $0 + $1.0 * $1.1 }
            counterfactual.append(value)
            if let cov = fit.covariance, let critical {
                var variance = 0.0
                for a in 0..<p where kept[a] != 0 {
                    for b in 0..<p where kept[b] != 0 { variance += kept[a] * kept[b] * cov[a * p + b] }
                }
                let half = critical * max(0, variance).squareRoot()
                low.append(value - half)
                high.append(value + half)
            } else {
                low.append(nil)
                high.append(nil)
            }
        }
        // Residual autocorrelation of the area's series.
        let residuals = zip(values, fitted).map { $0 - $1 }
        if residuals.count >= 3, fit.degreesOfFreedom > 0 {
            let sumSquares = residuals.reduce(0) { $0 + $1 * $1 }
            if sumSquares > 0 {
                var differences = 0.0
                var lagged = 0.0
                for i in 1..<residuals.count {
                    differences += (residuals[i] - residuals[i - 1]) * (residuals[i] - residuals[i - 1])
                    lagged += residuals[i] * residuals[i - 1]
                }
                durbinWatson = differences / sumSquares
                let r1 = lagged / sumSquares
                lag1Autocorrelation = r1
                if abs(r1) > 2 / Double(residuals.count).squareRoot() {
                    warnings.append(
                        "the residuals are autocorrelated (lag-1 r = \(HumanNumber.format(r1, decimals: 2))): standard errors and p-values are likely too small")
                }
            } else {
                durbinWatson = nil
                lag1Autocorrelation = nil
            }
        } else {
            durbinWatson = nil
            lag1Autocorrelation = nil
        }
        n = fit.n
        self.times = times
        self.values = values
        self.fitted = fitted
        self.counterfactual = counterfactual
        counterfactualLow = low
        counterfactualHigh = high
        hasControl = withControl
        residualStandardDeviation = fit.residualStandardDeviation
        self.warnings = warnings
        self.level = level
    }

    private static func explain(_ error: FitError, names: [String]) -> String {
        switch error {
        case .tooFewObservations(let available, let required):
            return "\(available) observations for \(required) coefficients: too few points around the events"
        case .linearlyDependent(let term), .constantPredictor(let term):
            let name = term < names.count ? names[term] : "a term"
            return "the events cannot be told apart from each other or from the trend (\(name)): are two events in the same gap between observations?"
        default:
            return "the segmented regression could not be fitted: \(error)"
        }
    }
}
