import Foundation
import Metrics
import Testing

/// Forecasts (Holt's linear and damped trend, the least-squares line) against statsmodels 0.15.0.
///
/// Sources of the expected values:
/// - ../shared/reference/trend_cases.json (`statsmodels_holt_fixed`, `statsmodels_holt_estimated`,
///   `statsmodels_ols`), made by the shared generator with statsmodels 0.15.0;
/// - scripts/holt_references.py (statsmodels 0.15.0, numpy 2.4.6) for what that file lacks: the damped
///   recursion with fixed parameters, ETSModel prediction intervals, and the damped fit with φ in [0.8, 0.98].
///   Its inputs are the `syn_*` series of trend_cases.json, typed in below.
/// Tolerances: exact recursions 1e-12 relative; normal-quantile intervals 1e-12 relative (the variance is
/// summed term by term here, statsmodels uses closed forms); t-based intervals 1e-9; estimated fits by SSE.
@Suite("Forecasts: Holt (fixed, estimated, intervals) and the linear trend vs statsmodels")
struct ForecastTests {
    // MARK: Holt's recursion with fixed parameters

    @Test(
        "Holt's linear trend, α = 0.5, β = 0.3, l₋₁ = y₀, b₋₁ = y₁ − y₀: level, trend, fitted, SSE, forecasts to 1e-12",
        .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)),
        arguments: TrendCase.all.filter { $0.output("statsmodels_holt_fixed", "level") != nil })
    func holtFixed(case reference: TrendCase) throws {
        let y = reference.y.compactMap { $0 }
        let expected = try #require(reference.output("statsmodels_holt_fixed") as? [String: Any])
        let initialLevel = try #require(referenceNumber(expected["initial_level"]))
        let initialTrend = try #require(referenceNumber(expected["initial_trend"]))
        // The reference's initial states are statsmodels' "simple" ones (to the last bits: Foundation's JSON
        // parser can round a decimal such as 4.2 differently from Python's).
        let simple = try #require(HoltParameters.simpleInitialStates(y))
        #expect(agrees(simple.level, initialLevel, relative: 1e-15) && agrees(simple.trend, initialTrend, relative: 1e-14, absolute: 1e-14 * (y.map(abs).max() ?? 1)))
        let smoothing = try HoltSmoothing(
            values: y, parameters: HoltParameters(alpha: 0.5, beta: 0.3, initialLevel: initialLevel, initialTrend: initialTrend))
        let scale = y.map(abs).max() ?? 1
        func same(_ ours: [Double], _ key: String) {
            let theirs = (expected[key] as? [Any])?.map(referenceNumber) ?? []
            #expect(ours.count == theirs.count, "\(key) length")
            for (a, b) in zip(ours, theirs) {
                #expect(agrees(a, b, relative: 1e-12, absolute: 1e-12 * scale), "\(key): \(a) vs \(String(describing: b))")
            }
        }
        same(smoothing.level, "level")
        same(smoothing.trend, "trend")
        same(smoothing.fitted, "fittedvalues")
        same((1...3).map { smoothing.forecast(steps: $0) }, "forecast")
        #expect(agrees(smoothing.sumOfSquaredErrors, referenceNumber(expected["sse"]), relative: 1e-12, absolute: 1e-24 * scale * scale))
    }

    /// scripts/holt_references.py, `damped_fixed`: statsmodels `ExponentialSmoothing(trend="add",
    /// damped_trend=True, initialization_method="known").fit(smoothing_level=0.5, smoothing_trend=0.3,
    /// damping_trend=0.9, optimized=False)`.
    static let dampedFixed: [(name: String, y: [Double], sse: Double, lastLevel: Double, lastTrend: Double, fitted: [Double], forecast: [Double])] = [
        ("syn_small_counts_ties_n10", Series3.smallCounts, 7.697862667589591, 6.333345712791116, 0.3749567001151248,
         [3.0, 3.0, 3.0, 3.635, 3.353275, 4.431142875, 5.021421986875, 5.2830845196468745, 5.983462023259546, 5.666691425582232],
         [6.670806742894729, 6.97452166998798, 7.247865104371906, 7.493874195317439, 7.715282377168419]),
        ("syn_outlier_n12", Series3.outlier, 869.122689601739, 7.526284715153879, -0.3808530927236859,
         [5.27, 5.34155, 5.501060749999999, 5.662644348749999, 5.959267763668749, 6.208783764103469, 21.477440967939952,
          15.066010130597476, 10.86865437963283, 8.327643231466666, 7.211074216970559, 6.952569430307758],
         [7.183516931702561, 6.875025926596376, 6.597384022000809, 6.347506307864799, 6.122616365142389]),
        ("syn_noisy_decreasing_n20", Series3.noisyDecreasing, 3380.764061041433, 220.73312412307206, -4.521522655380246,
         [303.2, 305.108, 309.36161999999996, 296.94884929999995, 296.40256536449994, 293.99226300109245, 274.12405828235694,
          266.30041537668995, 270.71419922445216, 270.6082750994215, 266.1080783497647, 257.7129953177127, 254.25330381951247,
          263.99958143871254, 251.82048380119076, 248.8881003610857, 237.79922924623753, 231.6563798340019, 233.13566732920552,
          220.46624824614412],
         [216.66375373322984, 213.00132038237183, 209.70513036659963, 206.73855935240465, 204.06864543962917]),
    ]

    @Test("Damped trend (Gardner & McKenzie), φ = 0.9, fixed: fitted, last states, SSE, 5 forecasts to 1e-12", arguments: 0..<3)
    func dampedFixed(index: Int) throws {
        let reference = Self.dampedFixed[index]
        let smoothing = try Self.fixedSmoothing(reference.y, phi: 0.9)
        #expect(smoothing.parameters.isDamped)
        for (a, b) in zip(smoothing.fitted, reference.fitted) { #expect(agrees(a, b, relative: 1e-12), "fitted \(a) vs \(b)") }
        #expect(smoothing.fitted.count == reference.fitted.count)
        #expect(agrees(smoothing.level.last, reference.lastLevel, relative: 1e-12))
        #expect(agrees(smoothing.trend.last, reference.lastTrend, relative: 1e-12))
        #expect(agrees(smoothing.sumOfSquaredErrors, reference.sse, relative: 1e-12))
        for h in 1...5 { #expect(agrees(smoothing.forecast(steps: h), reference.forecast[h - 1], relative: 1e-12), "h = \(h)") }
    }

    // MARK: Prediction intervals

    /// scripts/holt_references.py, `ets_AAN` / `ets_AAdN`: statsmodels `ETSModel(error="add", trend="add",
    /// damped_trend=…, initialization_method="known", initial_level=y₀, initial_trend=y₁ − y₀)
    /// .smooth([0.5, 0.5·0.3(, 0.9)]).get_prediction(n, n + 4).summary_frame(alpha=…)`: pi_lower, pi_upper.
    /// σ² there is SSE/n (`mse`), the quantile normal.
    static let intervals: [(name: String, y: [Double], damped: Bool, level: Double, lower: [Double], upper: [Double])] = [
        ("syn_small_counts_ties_n10", Series3.smallCounts, false, 0.95,
         [5.18922424207875, 5.310085750330783, 5.345743066412999, 5.310371526243115, 5.215274374180462],
         [8.545796495343122, 9.313422633106715, 10.166252963040122, 11.090112149225634, 12.073696947303914]),
        ("syn_small_counts_ties_n10", Series3.smallCounts, true, 0.95,
         [4.951184038784783, 4.93749447404163, 4.830882172283946, 4.655083101163938, 4.427689152029021],
         [8.390429447004674, 9.01154886593433, 9.664848036459865, 10.332665289470942, 11.002875602307817]),
        ("syn_outlier_n12", Series3.outlier, false, 0.8,
         [-4.008442877221327, -6.621769117355319, -9.797357147995289, -13.441664039490163, -17.48009977167593],
         [18.14155088507729, 19.796219321781884, 22.013149548992452, 24.698798637057926, 27.77857656581429]),
        ("syn_outlier_n12", Series3.outlier, true, 0.95,
         [-9.49655856332044, -12.883824275016053, -16.846978326236474, -21.1883302753046, -25.76653179578187],
         [23.86359242672556, 26.633876128208804, 30.041746370238094, 33.8833428910342, 38.01176452606664]),
        ("syn_noisy_decreasing_n20", Series3.noisyDecreasing, false, 0.95,
         [187.610354888513, 177.02050753500538, 165.09301309736327, 152.05041457815594, 138.07016512227537],
         [240.30622551324998, 239.87013701544748, 240.77169560177947, 242.78835826967668, 245.74267187424712]),
        ("syn_noisy_decreasing_n20", Series3.noisyDecreasing, true, 0.8,
         [200.00170044212487, 193.2638188867425, 186.28609878374732, 179.23247422102594, 172.21395232245456],
         [233.3258070243348, 232.73882187800115, 233.12416194945195, 234.24464448378336, 235.92333855680377]),
    ]

    @Test("ETS(A,A,N) and ETS(A,Ad,N) prediction intervals vs statsmodels ETSModel, 1e-12 relative", arguments: 0..<6)
    func holtIntervals(index: Int) throws {
        let reference = Self.intervals[index]
        let smoothing = try Self.fixedSmoothing(reference.y, phi: reference.damped ? 0.9 : 1)
        let indices = reference.y.indices.map(Double.init)
        let points = try smoothing.forecast(horizon: ForecastHorizon(times: indices, steps: 5), level: reference.level)
        #expect(points.map(\.step) == [1, 2, 3, 4, 5])
        #expect(points.map(\.time) == (0..<5).map { Double(reference.y.count + $0) })
        for (h, point) in points.enumerated() {
            #expect(agrees(point.lower.value, reference.lower[h], relative: 1e-12), "\(reference.name) lower h=\(h + 1)")
            #expect(agrees(point.upper.value, reference.upper[h], relative: 1e-12), "\(reference.name) upper h=\(h + 1)")
        }
    }

    @Test("the forecast variance is σ²(1 + Σ c_j²) with c_j = α(1 + βφ_j) (Hyndman et al. 2008, Table 6.1), by hand")
    func varianceByHand() throws {
        // Linear trend, α = 0.5, β = 0.3: c₁ = 0.5·1.3 = 0.65, c₂ = 0.5·1.6 = 0.8 → 1 + 0.4225 + 0.64 = 2.0625.
        let y = Series3.smallCounts
        let linear = try Self.fixedSmoothing(y, phi: 1)
        let sigma2 = linear.sumOfSquaredErrors / Double(y.count)
        #expect(agrees(linear.forecastVariance(steps: 1).value, sigma2, relative: 1e-15))
        #expect(agrees(linear.forecastVariance(steps: 3).value, sigma2 * 2.0625, relative: 1e-15))
        // Damped, φ = 0.5: φ₁ = 0.5, φ₂ = 0.75 → c₁ = 0.5·1.15 = 0.575, c₂ = 0.5·1.225 = 0.6125.
        let damped = try Self.fixedSmoothing(y, phi: 0.5)
        let dampedSigma2 = damped.sumOfSquaredErrors / Double(y.count)
        #expect(agrees(damped.forecastVariance(steps: 3).value, dampedSigma2 * (1 + 0.575 * 0.575 + 0.6125 * 0.6125), relative: 1e-15))
        // With given parameters nothing was estimated, so the two divisors agree; fitted ones differ by n/(n − k).
        #expect(linear.residualVariance(divisor: .residualDegreesOfFreedom) == linear.residualVariance())
        let fitted = try HoltSmoothing.estimated(values: y)
        #expect(agrees(
            fitted.residualVariance(divisor: .residualDegreesOfFreedom).value,
            fitted.sumOfSquaredErrors / Double(y.count - 4), relative: 1e-15))
    }

    // MARK: Estimated parameters

    @Test(
        "Holt estimated by Nelder–Mead: SSE no worse than statsmodels' by 1e-6 relative (n > 4)",
        .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)),
        arguments: TrendCase.all.filter { $0.output("statsmodels_holt_estimated", "sse") != nil && $0.y.count > 4 })
    func holtEstimated(case reference: TrendCase) throws {
        let y = reference.y.compactMap { $0 }
        let fit = try HoltSmoothing.estimated(values: y)
        let theirs = try #require(referenceNumber(reference.output("statsmodels_holt_estimated", "sse")))
        let mean = y.reduce(0, +) / Double(y.count)
        let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        #expect(fit.sumOfSquaredErrors <= theirs * (1 + 1e-6) + 1e-12 * total, "SSE \(fit.sumOfSquaredErrors) vs statsmodels \(theirs)")
        #expect((0...1).contains(fit.parameters.alpha) && (0...1).contains(fit.parameters.beta) && fit.parameters.phi == 1)
        #expect(fit.estimatedParameterCount == 4)
        // Its reported states reproduce its SSE through the public recursion.
        let again = try HoltSmoothing(values: y, parameters: fit.parameters)
        #expect(again.sumOfSquaredErrors == fit.sumOfSquaredErrors)
    }

    /// scripts/holt_references.py, `damped_estimated_phi_0.8_0.98`: statsmodels `ExponentialSmoothing(trend="add",
    /// damped_trend=True, initialization_method="estimated", bounds={"damping_trend": (0.8, 0.98)}).fit()`.
    static let dampedEstimatedSSE: [(y: [Double], sse: Double)] = [
        (Series3.smallCounts, 3.2406496645419742),
        (Series3.outlier, 494.57252550895186),
        (Series3.noisyDecreasing, 1621.395661781319),
    ]

    @Test("Damped trend estimated: φ in [0.8, 0.98], SSE no worse than statsmodels' with the same bounds", arguments: 0..<3)
    func dampedEstimated(index: Int) throws {
        let reference = Self.dampedEstimatedSSE[index]
        let fit = try HoltSmoothing.estimated(values: reference.y, trend: .damped)
        #expect(HoltTrend.dampingRange.contains(fit.parameters.phi))
        #expect(fit.sumOfSquaredErrors <= reference.sse * (1 + 1e-6), "SSE \(fit.sumOfSquaredErrors) vs \(reference.sse)")
        #expect(fit.estimatedParameterCount == 5)
    }

    @Test("estimation is reproducible bit for bit, and refuses series shorter than k + 1")
    func reproducibleAndShortSeries() throws {
        let y = Series3.noisyDecreasing
        let first = try HoltSmoothing.estimated(values: y, trend: .damped)
        let second = try HoltSmoothing.estimated(values: y, trend: .damped)
        #expect(first == second)
        #expect(throws: ForecastError.tooFewObservations(count: 4, required: 5, method: "Holt's method")) {
            try HoltSmoothing.estimated(values: [1, 2, 4, 3])
        }
        #expect(throws: ForecastError.tooFewObservations(count: 5, required: 6, method: "Holt's damped trend")) {
            try HoltSmoothing.estimated(values: [1, 2, 4, 3, 5], trend: .damped)
        }
        #expect(throws: ForecastError.invalidArgument("α must be in [0, 1], got 1.5")) {
            try HoltSmoothing(values: y, parameters: HoltParameters(alpha: 1.5, beta: 0.1, initialLevel: 0, initialTrend: 0))
        }
        // A constant series is fitted exactly with a flat trend.
        let flat = try HoltSmoothing.estimated(values: [42, 42, 42, 42, 42, 42])
        #expect(flat.sumOfSquaredErrors == 0 && flat.forecast(steps: 3) == 42)
    }

    // MARK: Series, periods and the time axis

    @Test("a Series: forecast periods continue the series, missing values and uneven spacing are refused with a reason")
    func seriesForecast() throws {
        let labels = (2004...2023).map(String.init)
        let series = try Self.series(labels, Series3.noisyDecreasing.map { .number($0) })
        let forecast = try HoltForecast(series: series, horizon: 3)
        #expect(forecast.points.compactMap(\.period?.label) == ["2024", "2025", "2026"])
        #expect(forecast.points.map(\.time) == [20, 21, 22])
        #expect(forecast.points.map(\.mean) == (1...3).map { forecast.smoothing.forecast(steps: $0) })
        #expect(forecast.spacing == 1)
        let fit = try HoltSmoothing.estimated(values: Series3.noisyDecreasing)
        #expect(forecast.smoothing == fit)

        var gap = Series3.noisyDecreasing.map { Series.Value.number($0) }
        gap[5] = .missing(.confidential)
        #expect(throws: ForecastError.missingValue(period: "2009", symbol: "c")) { try HoltForecast(series: try Self.series(labels, gap)) }
        // Missing values before the first and after the last observation are left out.
        var ends = Series3.noisyDecreasing.map { Series.Value.number($0) }
        ends[0] = .missing(.notAvailable)
        ends[19] = .missing(.notAvailable)
        let trimmed = try HoltForecast(series: try Self.series(labels, ends), horizon: 1)
        #expect(trimmed.smoothing.count == 18 && trimmed.points[0].period?.label == "2023")

        var uneven = labels
        uneven.remove(at: 3)
        uneven.append("2025")
        #expect(throws: ForecastError.unevenSpacing(period: "2008")) {
            try HoltForecast(series: try Self.series(uneven, Series3.noisyDecreasing.map { .number($0) }))
        }
        let monthly = try Self.series((1...12).map { "2021-\($0 < 10 ? "0" : "")\($0)" }, (1...12).map { .number(Double($0 * $0 % 7)) })
        let months = try HoltForecast(series: monthly, trend: .damped, horizon: 2)
        #expect(months.points.compactMap(\.period?.label) == ["2022-01", "2022-02"])
        #expect(agrees(months.spacing, 1.0 / 12, relative: 1e-15))
    }

    @Test("stepping periods on the calendar grid")
    func periodSteps() throws {
        func next(_ label: String, _ months: Int, _ type: YearType = .financial) throws -> String? {
            try Period.parse(label, yearType: type).advanced(byMonths: months)?.label
        }
        #expect(try next("2021-12", 1) == "2022-01")
        #expect(try next("2021-01", -1) == "2020-12")
        #expect(try next("2021-Q4", 3) == "2022-Q1")
        #expect(try next("2021-Q2", 1) == nil)
        #expect(try next("2020-21", 12) == "2021-22")
        #expect(try next("2020/21", 24, .academic) == "2022-23")
        #expect(try next("2023", 12) == "2024")
        #expect(try next("2023", 6) == nil)
        let q4 = Period(kind: .quarterOfYear(.financial), year: 2020, fraction: (12, 12), length: 0.25)  // January–March 2021
        #expect(q4.advanced(byMonths: 3)?.label == "2021-22 Q1")
        #expect(q4.advanced(byMonths: 3).map { q4.years(to: $0) } == 0.25)
        let date = try Period.parse("2020-12-29")
        #expect(date.advanced(byDays: 7)?.label == "2021-01-05")
        #expect(date.advanced(byMonths: 1) == nil)
        #expect(try Period.parse("2024-02-28").advanced(byDays: 2)?.label == "2024-03-01")
        // The children-in-care endpoints, August 2020 and July 2021, continue 11 months at a time.
        let horizon = try ForecastHorizon(observed: [try Period.parse("Aug 2020"), try Period.parse("Jul 2021")], steps: 3)
        #expect(horizon.periods?.map(\.label) == ["2022-06", "2023-05", "2024-04"])
        let expectedTimes: [Double] = [22.0 / 12, 33.0 / 12, 44.0 / 12]
        #expect(horizon.times == expectedTimes)
    }

    // MARK: The least-squares line

    @Test(
        "Linear-trend forecast vs statsmodels OLS: mean and 95% prediction interval to 1e-9; horizon x as statsmodels'",
        .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)),
        arguments: TrendCase.all)
    func linearTrendForecast(case reference: TrendCase) throws {
        let (x, y) = reference.completeCases
        let times = x.map { $0 - x[0] }
        let horizon = try ForecastHorizon(times: times, steps: 3)
        let expectedX = try #require(reference.output("statsmodels_ols", "forecast_x") as? [Any]).map(referenceNumber)
        #expect(horizon.times == expectedX.map { $0.map { $0 - x[0] } })
        let forecast = try LinearTrendForecast(times: times, values: y, horizon: horizon, level: 0.95)
        let means = try #require(reference.output("statsmodels_ols", "forecast_mean") as? [Any]).map(referenceNumber)
        let bands = try #require(reference.output("statsmodels_ols", "forecast_obs_pi_95") as? [[Any]])
        let scale = y.map(abs).max() ?? 1
        for (h, point) in forecast.points.enumerated() {
            #expect(agrees(point.mean, means[h], relative: 1e-9, absolute: 1e-9 * scale), "mean h=\(h + 1)")
            let lower = referenceNumber(bands[0][h])
            let upper = referenceNumber(bands[1][h])
            if y.count > 2 {
                #expect(agrees(point.lower.value, lower, relative: 1e-9, absolute: 1e-9 * scale), "lower h=\(h + 1): \(point.lower) vs \(String(describing: lower))")
                #expect(agrees(point.upper.value, upper, relative: 1e-9, absolute: 1e-9 * scale), "upper h=\(h + 1)")
            } else {
                #expect(point.lower.value == nil && lower == nil && upper == nil)
            }
        }
    }

    // MARK: Helpers

    static func fixedSmoothing(_ y: [Double], phi: Double) throws -> HoltSmoothing {
        let states = try #require(HoltParameters.simpleInitialStates(y))
        return try HoltSmoothing(
            values: y, parameters: HoltParameters(alpha: 0.5, beta: 0.3, phi: phi, initialLevel: states.level, initialTrend: states.trend))
    }

    static func series(_ labels: [String], _ values: [Series.Value]) throws -> Series {
        let observations = try zip(labels, values).map { label, value in Series.Observation(period: try Period.parse(label), value: value) }
        return Series(key: SeriesKey(names: ["area"], values: ["test"]), observations: observations)
    }
}

/// The three `syn_*` series of trend_cases.json that scripts/holt_references.py uses (annual, 2004/2012/2014 on).
enum Series3 {
    static let smallCounts: [Double] = [3, 3, 4, 3, 5, 5, 5, 6, 5, 7]
    static let outlier: [Double] = [5.0, 5.3, 5.5, 5.9, 6.1, 30.0, 6.6, 7.0, 7.1, 7.5, 7.8, 8.1]
    static let noisyDecreasing: [Double] = [
        296, 304, 283, 295, 292, 263, 268, 280, 274, 266, 256, 257, 274, 245, 251, 235, 234, 240, 217, 221,
    ]
}
