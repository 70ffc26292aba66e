/// The measures a summary adds on request (`SummaryMeasure`), computed for one series: the Mann–Kendall
/// variants for autocorrelated and seasonal series, the seasonal Sen slope, Holt's forecast and the change
/// points, each field a number, a period, or empty with its reason.
///
/// Conventions, beyond each method's own (see its type):
/// - Values and times are the summary's: missing values left out, times in years on the real axis, values on
///   the series' `ValueScale` (the tests' statistics are scale-free; the seasonal Sen slope, Holt's
///   forecasts and the change points' means are taken back to the values' units). The
///   seasonal measures place each value in its month or quarter by its period (`Seasonality`), so they need
///   monthly or quarterly periods; other series get the reason instead.
/// - Holt's linear trend (`HoltForecast`, parameters estimated by GSL's Nelder–Mead) forecasts `horizon`
///   steps of the series' own spacing; the series must be evenly spaced with no missing values inside it.
///   When α is 0 (below 10⁻⁶) the level never moves away from its own trend line, so β has no effect on the
///   fit or the forecast and cannot be estimated: `holt_beta` is empty with that reason. A forecast step that
///   would fall after 9999 is empty with the reason (`ForecastHorizon.stopReason`). A forecast beyond what the
///   unit allows (`UnitBounds`: a percentage below 0 or above 100, a negative count) is clamped to the bound,
///   with a note in `reasons` (`ForecastPoint.bounded(by:)` says why clamping).
/// - Change points (`PettittTest`, `BuishandRangeTest`, `StandardNormalHomogeneityTest`): `_period` is the last
///   period before the change (pyhomogeneity's convention, as `metrics changepoints` writes `period_before`);
///   `_mean_before` and `_mean_after` are the levels either side. Buishand's and SNHT's p-values are
///   simulated with `replicates` series (deterministic; shared by every series of one length); a series too
///   long to simulate within `MonteCarloPValue.simulationBudget` (more than 2,000 values at the default
///   replicates) has Buishand's asymptotic p-value and no SNHT p-value, with the reason.
public struct AdditionalMeasures: Sendable, Hashable {
    public var measures: [SummaryMeasure]
    /// How many steps Holt's forecast gives (`holt_forecast_1` … `holt_forecast_<horizon>`).
    public var horizon: Int
    /// Simulated series for Buishand's and SNHT's p-values.
    public var replicates: Int

    public init(_ measures: [SummaryMeasure] = [], horizon: Int = 3, replicates: Int = MonteCarloPValue.defaultReplicates) {
        self.measures = Set(measures).sorted()  // canonical order, whatever the order asked for
        self.horizon = max(1, horizon)
        self.replicates = max(1, replicates)
    }

    public var isEmpty: Bool { measures.isEmpty }

    /// The field names, in the order `fields` gives the values.
    public var fieldNames: [String] { measures.flatMap { $0.fieldNames(horizon: horizon) } }

    /// α below which Holt's β is reported as not estimable.
    static let negligibleAlpha = 1e-6

    /// The fields of one series (`times` and `values` as the summary computes them: missing values out, times
    /// since the first value, values on `scale`), with `note(field, reason)` called for every empty one, and
    /// `failed(analysis, message)` for an analysis that GSL failed (not one the data cannot support).
    func fields(
        for series: Series, times: [Double], values: [Double], scale: ValueScale, alpha: Double, note: (String, String) -> Void,
        failed: (String, String) -> Void = { _, _ in }
    ) throws(GSLError) -> [SeriesSummary.Field] {
        var out: [SeriesSummary.Field] = []
        out.reserveCapacity(fieldNames.count)
        for measure in measures {
            let names = measure.fieldNames(horizon: horizon)
            func empty(_ reason: String) {
                for name in names {
                    note(name, reason)
                    out.append(name.hasSuffix("_period") ? .text(nil) : .number(nil))
                }
            }
            func test(_ s: Double, _ v: Double, _ z: Double, _ p: Double) {
                out += [.number(s), .number(v), .number(z), .number(p)]
            }
            switch measure {
            case .hamedRao:
                switch try HamedRaoMannKendallTest.measure(times: times, values: values, alpha: alpha) {
                case .value(let t): test(t.s, t.varianceS, t.z, t.p)
                case .undefined(let reason): empty(reason)
                }
            case .yueWang:
                switch try YueWangMannKendallTest.measure(times: times, values: values) {
                case .value(let t): test(t.s, t.varianceS, t.z, t.p)
                case .undefined(let reason): empty(reason)
                }
            case .prewhitened:
                switch try PrewhitenedMannKendallTest.measure(times: times, values: values) {
                case .value(let t): test(t.s, t.varianceS, t.z, t.p)
                case .undefined(let reason): empty(reason)
                }
            case .trendFreePrewhitened:
                switch try TrendFreePrewhitenedMannKendallTest.measure(times: times, values: values) {
                case .value(let t): test(t.s, t.varianceS, t.z, t.p)
                case .undefined(let reason): empty(reason)
                }
            case .seasonalMannKendall, .seasonalSen:
                switch Self.seasonal(series, scale: scale) {
                case .undefined(let reason): empty(reason)
                case .value(let seasonal):
                    if measure == .seasonalSen {
                        switch SeasonalSenSlope.measure(times: seasonal.times, values: seasonal.values, seasonality: seasonal.seasonality) {
                        case .value(let slope): out.append(.number(scale.difference(slope.slope)))
                        case .undefined(let reason): empty(reason)
                        }
                    } else {
                        switch try SeasonalMannKendallTest.measure(times: seasonal.times, values: seasonal.values, seasonality: seasonal.seasonality) {
                        case .value(let t): test(t.s, t.varianceS, t.z, t.p)
                        case .undefined(let reason): empty(reason)
                        }
                    }
                }
            case .holt:
                do throws(ForecastError) {
                    let forecast = try HoltForecast(series: series, trend: .linear, horizon: horizon)
                    let parameters = forecast.smoothing.parameters
                    out.append(.number(parameters.alpha))
                    if parameters.alpha < Self.negligibleAlpha {
                        note("holt_beta", "α is 0: the level follows its own trend line, so β has no effect and cannot be estimated")
                        out.append(.number(nil))
                    } else {
                        out.append(.number(parameters.beta))
                    }
                    // Within the unit's range (`UnitBounds`): a forecast beyond a bound is clamped to it, noted.
                    let bounds = UnitInference(series).bounds
                    for (k, point) in forecast.points.enumerated() where k < horizon {
                        if bounds.clamp(point.mean) != point.mean {
                            note("holt_forecast_\(k + 1)", "clamped to \(NumberText.significant(bounds.clamp(point.mean), digits: 15)): the forecast \(NumberText.significant(point.mean, digits: 6)) is beyond what the unit allows (\(bounds.reason))")
                        }
                        out.append(.number(bounds.clamp(point.mean)))
                    }
                    for k in stride(from: forecast.points.count, to: horizon, by: 1) {
                        note("holt_forecast_\(k + 1)", forecast.stopReason ?? "no forecast for this step")
                        out.append(.number(nil))
                    }
                } catch {
                    empty(error.description)
                    if case .numerical = error { failed("holt", error.description) }
                }
            case .pettitt:
                if let t = PettittTest(observations: series.observations) {
                    out += Self.changeFields(t.changePoint, p: t.p)
                } else {
                    empty("fewer than 3 values")
                }
            case .buishand:
                if let t = BuishandRangeTest(observations: series.observations, replicates: replicates) {
                    out += Self.changeFields(t.changePoint, p: t.p)
                } else {
                    empty(values.count < 3 ? "fewer than 3 values" : "every value is the same")
                }
            case .snht:
                if let t = StandardNormalHomogeneityTest(observations: series.observations, replicates: replicates) {
                    out += Self.changeFields(t.changePoint, p: t.p)
                    if let reason = t.pReason { note("snht_p", reason) }
                } else {
                    empty(values.count < 3 ? "fewer than 3 values" : "every value is the same")
                }
            }
        }
        return out
    }

    private static func changeFields(_ point: ChangePoint, p: Double?) -> [SeriesSummary.Field] {
        [.text(point.periodBefore?.label), .number(p), .number(point.meanBefore), .number(point.meanAfter)]
    }

    /// The series' seasonality from its periods, with the values (on `scale`) and their start instants; or why
    /// it has none.
    static func seasonal(_ series: Series, scale: ValueScale) -> Measured<SeasonalValues> {
        var times: [Double] = []
        var values: [Double] = []
        var seasonality: Seasonality?
        for observation in series.observations {
            let kind: Seasonality
            switch observation.period.kind {
            case .month: kind = .monthly
            case .quarter, .quarterOfYear: kind = .quarterly
            default:
                return .undefined("seasonal tests need monthly or quarterly periods, not \(observation.period.kind.family) periods such as \(observation.period.label)")
            }
            if let seasonality, seasonality != kind {
                return .undefined("the series mixes monthly and quarterly periods")
            }
            seasonality = kind
            if let z = scale.scaled(observation) {
                times.append(observation.period.start)
                values.append(z)
            }
        }
        guard let seasonality else { return .undefined("no values") }
        return .value(SeasonalValues(seasonality: seasonality, times: times, values: values))
    }
}

/// A monthly or quarterly series' values with the start instants of their periods (absolute years).
struct SeasonalValues: Sendable, Hashable {
    let seasonality: Seasonality
    let times: [Double]
    let values: [Double]
}
