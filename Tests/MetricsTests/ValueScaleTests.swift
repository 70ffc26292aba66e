import Foundation
@testable import Metrics
import Testing

/// Numbers at the edges (issue 16): every measure runs on the values scaled by a power of two and, when the
/// doubles would misstate their differences, centred exactly (`ValueScale`); so the results are
/// scale-equivariant, and values read exactly keep their differences.
struct ValueScaleTests {
    // MARK: Helpers

    static let key = SeriesKey(names: ["area"], values: ["A"])

    /// A yearly series from 2001 of `values` × `factor` (nil: missing).
    static func series(_ values: [Double?], times factor: Double = 1) throws -> Series {
        let observations = try values.enumerated().map { i, v in
            Series.Observation(period: try Period.parse(String(2001 + i)), value: v.map { .number($0 * factor) } ?? .missing(.notAvailable))
        }
        return Series(key: key, observations: observations)
    }

    /// The series of a tidy CSV written here (`area,period,value`), read by the tidy reader.
    static func read(_ rows: [(area: String, values: [String])]) throws -> [Series] {
        var text = "area,period,value\n"
        for (area, values) in rows {
            for (i, v) in values.enumerated() { text += "\(area),\(2001 + i),\(v)\n" }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("data.csv")
        try Data(text.utf8).write(to: url)
        var series: [Series] = []
        _ = try SeriesSource.read(path: url.path, options: ReadOptions(), restart: { series.removeAll() }) { series.append($0) }
        return series
    }

    static func fields(_ s: SeriesSummary) -> [String: SeriesSummary.Field] {
        Dictionary(uniqueKeysWithValues: zip(SeriesSummary.fieldNames, s.fields))
    }

    static func number(_ s: SeriesSummary, _ name: String) -> Double? {
        if case .number(let x)? = fields(s)[name] { return x }
        return nil
    }

    /// The summary fields that are values or differences of values (they scale with the data); every other
    /// number field is scale-free.
    static let scaleCarrying: Set<String> = [
        "first_value", "last_value", "abs_change", "pp_change", "mean", "sd", "median", "min", "max",
        "ols_slope", "ols_slope_se", "ols_slope_low", "ols_slope_high", "ols_intercept",
        "sen_slope", "sen_low", "sen_high", "sen_intercept",
    ]

    /// 2^k as a double (k within ±1023).
    static func power(_ k: Int) -> Double { Double(sign: .plus, exponent: k, significand: 1) }

    /// Series shapes that exercise every measure: a noisy trend with a gap, an alternating series, ties and
    /// a constant run, a short series, and a percentage share.
    static let shapes: [[Double?]] = [
        [3.25, 4.5, nil, 4.75, 6.0, 5.5, 7.25, 8.0, 7.75, 9.5, 10.25, 9.0, 11.5, 12.0, 12.75],
        [1, -1, 1, -1],
        [5, 5, 6, 6, 6, 4, 5, 7, 7, 8],
        [2, 3.5, 3],
        [13, 17, 21, 26, 30, 35],
    ]

    // MARK: The scale itself

    @Test("the scale: a power of two from the largest magnitude; values come back exactly")
    func scaleItself() throws {
        let values = [3.0, -12.5, 0.25, 1e-3]
        let scale = ValueScale(values: values)
        #expect(scale.exponent == 3 && !scale.isCentred, "12.5 = 1.5625 · 2³")
        for v in values { #expect(scale.level(scale.scaled(v)) == v) }
        #expect(values.map { scale.scaled($0) }.map(abs).max()! >= 1 && values.map { scale.scaled($0) }.map(abs).max()! < 2)
        #expect(ValueScale(values: [Double]()) == .identity && ValueScale(values: [0, 0]) == .identity)
        #expect(ValueScale(values: [.nan, 4]).exponent == 2, "NaN marks a missing value")
        // At both ends of the double range, and below the normal range.
        for v in [1.7e308, -1.7e308, Double.leastNormalMagnitude, Double.leastNonzeroMagnitude * 2, Double.leastNonzeroMagnitude * 1000] {
            let s = ValueScale(values: [v, v / 2])
            #expect(abs(s.scaled(v)) >= 1 && abs(s.scaled(v)) < 2, "\(v)")
            #expect(s.level(s.scaled(v)) == v && s.level(s.scaled(v / 2)) == v / 2, "\(v)")
        }
    }

    @Test("centring: only when the residuals are more than 2⁻⁴² of the range")
    func centring() throws {
        // 2⁵³ + 1, + 2, + 3 as read: their doubles are 2⁵³, 2⁵³ + 2, 2⁵³ + 4.
        let exact = try #require(try Self.read([("A", ["9007199254740993", "9007199254740994", "9007199254740995"])]).first)
        #expect(exact.observations.map(\.residual) == [1, 0, -1])
        let scale = ValueScale(observations: exact.observations)
        #expect(scale.isCentred)
        #expect(exact.scaledPoints.values.map(scale.difference) == [0, 1, 2], "the differences from the first, exactly")
        #expect(exact.observations.map { scale.level(scale.scaled($0)!) } == exact.observations.map(\.value.number!))
        // Ordinary decimals (residuals ~10⁻¹⁶ of the values) and integers are used as read.
        let ordinary = try Self.read([("A", ["138.4", "140.6", "139.1", "141.3"]), ("B", ["702", "539", "611"])])
        for s in ordinary { #expect(!ValueScale(observations: s.observations).isCentred, "\(s.key)") }
        // A range so narrow that the residuals are a visible part of it is centred.
        let narrow = try #require(try Self.read([("A", ["10000000.1", "10000000.2", "10000000.3", "10000000.2"])]).first)
        #expect(ValueScale(observations: narrow.observations).isCentred)
        let s = try Summarizer().summarize(narrow)
        #expect(s.descriptive.standardDeviation == 0.08164965809277261, "√(0.02/3), the SD of the decimals as written")
    }

    // MARK: The cases, through the tidy reader

    @Test("distinct values near 1e-300 have their SD (it was 0, 'every value is the same')")
    func nearTheBottom() throws {
        let s = try Summarizer().summarize(try #require(try Self.read([("A", ["1e-300", "2e-300", "3e-300", "5e-300"])]).first))
        // SD of 1, 2, 3, 5 = √(8.75/3) = 1.7078251276599330 (by hand); here × 10⁻³⁰⁰.
        let sd = try #require(s.descriptive.standardDeviation)
        #expect(abs(sd / 1e-300 - 1.7078251276599330) < 1e-12)
        #expect(s.descriptive.lag1Autocorrelation != nil && !s.reasons.contains { $0.reason.contains("every value is the same") })
        let p = try #require(s.trend?.p.value)
        let reference = try Summarizer().summarize(try Self.series([1, 2, 3, 5]))
        #expect(abs(p - reference.trend!.p.value!) < 1e-12 * p)
    }

    @Test("1e-160 data keep every digit: SD 1.29099 (was 1.29092)")
    func squaresUnderflow() throws {
        let s = try Summarizer().summarize(try #require(try Self.read([("A", ["1e-160", "2e-160", "3e-160", "4e-160"])]).first))
        // SD of 1, 2, 3, 4 = √(5/3) = 1.2909944487358056 (by hand).
        let sd = try #require(s.descriptive.standardDeviation)
        #expect(String(format: "%.6g", sd / 1e-160) == "1.29099")
        #expect(abs(sd / 1e-160 - 1.2909944487358056) < 1e-12)
        #expect(try #require(s.trend?.rSquared.value) <= 1, "R² was 1.00002")
    }

    @Test("±1e300 alternating gives the p-value of ±1 (0.5528, was 1)")
    func nearTheTop() throws {
        let series = try Self.read([("big", ["1e300", "-1e300", "1e300", "-1e300"]), ("one", ["1", "-1", "1", "-1"])])
        let big = try Summarizer().summarize(series[0])
        let one = try Summarizer().summarize(series[1])
        // Slope −0.4, SE √0.32, t = −1/√2 on 2 degrees of freedom: p = 1 − |t|/√(t² + 2) = 1 − 1/√5.
        let expected = 1 - 1 / 5.0.squareRoot()
        for s in [big, one] { #expect(abs(try #require(s.trend?.p.value) - expected) < 1e-12) }
        #expect(abs(big.trend!.slope / 1e300 - -0.4) < 1e-15 && abs(big.descriptive.standardDeviation! / 1e300 - one.descriptive.standardDeviation!) < 1e-15)
        #expect(big.change?.percentChange.value == -200 && big.reasons.isEmpty == one.reasons.isEmpty)
    }

    @Test("a constant 1e308 series has no OLS p, like a constant 5 (it gave 0)")
    func constantAtTheTop() throws {
        let series = try Self.read([("big", ["1e308", "1e308", "1e308"]), ("five", ["5", "5", "5"])])
        for s in try series.map({ try Summarizer().summarize($0) }) {
            #expect(s.trend?.p.value == nil && s.trend?.p.reason == "every value is the same: t is 0/0", "\(s.key)")
            #expect(s.trend?.slope == 0 && s.descriptive.standardDeviation == 0 && s.descriptive.mean == s.change?.first)
        }
    }

    @Test("2⁵³ + 1, 2⁵³ + 2, 2⁵³ + 3 give a slope of 1, as fit and describe read them (it was 2)")
    func beyondTheDoubles() throws {
        let s = try Summarizer().summarize(try #require(try Self.read([("A", ["9007199254740993", "9007199254740994", "9007199254740995"])]).first))
        #expect(s.trend?.slope == 1 && s.sen?.slope == 1 && s.descriptive.standardDeviation == 1)
        #expect(s.change?.absoluteChange == 2 && s.mannKendall?.s == 3)
        #expect(s.trend?.intercept == 9007199254740992, "2⁵³ + 1 written as its nearest double (ties to even)")
        #expect(s.descriptive.mean == 9007199254740994 && s.descriptive.median == 9007199254740994)
        #expect(s.descriptive.minimum == 9007199254740992 && s.descriptive.maximum == 9007199254740996, "the doubles as read")
    }

    // MARK: Scale-equivariance of the summary

    @Test("a series × 2^k, k from −1000 to 1000: the same scale-free fields, scale-carrying ones × 2^k exactly")
    func summaryEquivariance() throws {
        let summarizer = Summarizer()
        for shape in Self.shapes {
            let base = try summarizer.summarize(try Self.series(shape))
            let baseFields = base.fields
            for k in stride(from: -1000, through: 1000, by: 7) {
                let scaled = try summarizer.summarize(try Self.series(shape, times: Self.power(k)))
                for (name, (a, b)) in zip(SeriesSummary.fieldNames, zip(baseFields, scaled.fields)) {
                    if Self.scaleCarrying.contains(name), case .number(let x) = a {
                        #expect(b == .number(x.map { $0 * Self.power(k) }), "\(name) at 2^\(k): \(b) vs \(a)")
                    } else {
                        #expect(a == b, "\(name) at 2^\(k): \(b) vs \(a)")
                    }
                }
                // The unit inferred from the values is not scale-free by design: whole numbers ≥ 0 are a
                // count (`UnitInference`), and most multiples by 2^k are not whole numbers.
                func fields(_ s: SeriesSummary) -> [String] { s.reasons.map(\.field).filter { $0 != "unit" } }
                #expect(fields(scaled) == fields(base), "\(shape) at 2^\(k)")
            }
        }
    }

    @Test("the measures added on request, × 2^k: the same tests, Holt's α and β; forecasts and means × 2^k")
    func additionalEquivariance() throws {
        let measures = AdditionalMeasures(SummaryMeasure.allCases, horizon: 2, replicates: 500)
        let names = measures.fieldNames
        let carrying = Set(names.filter { $0.hasPrefix("holt_forecast") || $0.hasSuffix("_mean_before") || $0.hasSuffix("_mean_after") || $0 == "sen_seasonal_slope" })
        let shape: [Double?] = [3.25, 4.5, 4.1, 4.75, 6.0, 5.5, 7.25, 8.0, 7.75, 9.5, 10.25, 9.0]
        let base = try Summarizer(additional: measures).summarize(try Self.series(shape)).additional
        for k in [-1000, -613, -1, 1, 500, 1000] {
            let scaled = try Summarizer(additional: measures).summarize(try Self.series(shape, times: Self.power(k))).additional
            for (name, (a, b)) in zip(names, zip(base, scaled)) {
                if carrying.contains(name), case .number(let x) = a {
                    #expect(b == .number(x.map { $0 * Self.power(k) }), "\(name) at 2^\(k)")
                } else {
                    #expect(a == b, "\(name) at 2^\(k)")
                }
            }
        }
    }

    @Test("scales that are not powers of two (1e-300, 1e-160, 1e160, 1e300), through the reader: the same to 1e-12")
    func decimalScales() throws {
        let shape = ["3.25", "4.5", "4.75", "6", "5.5", "7.25", "8", "7.75", "9.5", "10.25"]
        for exponent in [-300, -160, 160, 300] {
            let series = try Self.read([("base", shape), ("scaled", shape.map { "\($0)e\(exponent)" })])
            let base = try Summarizer().summarize(series[0])
            let scaled = try Summarizer().summarize(series[1])
            let factor = pow(10.0, Double(exponent))
            for (name, (a, b)) in zip(SeriesSummary.fieldNames, zip(base.fields, scaled.fields)) {
                guard case .number(let x?) = a, case .number(let y?) = b else {
                    #expect(a == b, "\(name) at 1e\(exponent)")
                    continue
                }
                let expected = Self.scaleCarrying.contains(name) ? x * factor : x
                #expect(abs(y - expected) <= 1e-12 * abs(expected) || y == expected, "\(name) at 1e\(exponent): \(y) vs \(expected)")
            }
        }
    }

    // MARK: The model verbs

    /// Numeric cells of one verb's rows, by column, for a series.
    static func numbers(_ rows: [[ResultTable.Cell]]) -> [[Double?]] {
        rows.map { row in row.map { cell -> Double? in if case .number(let x) = cell { return x }; return nil } }
    }

    static func texts(_ rows: [[ResultTable.Cell]]) -> [[String]] {
        rows.map { row in row.map { cell -> String in if case .text(let t) = cell { return t }; if case .integer(let i) = cell { return String(i) }; return "" } }
    }

    /// Runs `rows` on the shape and on the shape × 2^k: text cells equal, the `carrying` columns × 2^k, every
    /// other number equal.
    func checkVerb(_ verb: String, columns: [String], carrying: Set<String>, shape: [Double?], rows: (Series) throws -> [[ResultTable.Cell]]) throws {
        let base = try rows(try Self.series(shape))
        #expect(Self.numbers(base).joined().contains { $0 != nil }, "\(verb) has numbers to compare")
        for k in [-1000, -311, 2, 700, 1000] {
            let scaled = try rows(try Self.series(shape, times: Self.power(k)))
            #expect(Self.texts(scaled) == Self.texts(base), "\(verb) at 2^\(k)")
            for (rowA, rowB) in zip(Self.numbers(base), Self.numbers(scaled)) {
                for (j, (a, b)) in zip(rowA, rowB).enumerated() {
                    let expected = carrying.contains(columns[j]) ? a.map { $0 * Self.power(k) } : a
                    #expect(b == expected, "\(verb) \(columns[j]) at 2^\(k): \(String(describing: b)) vs \(String(describing: expected))")
                }
            }
        }
    }

    @Test("forecast, changepoints, spc, its and smooth on a series × 2^k: the same tests, values and differences × 2^k")
    func modelVerbEquivariance() throws {
        let shape: [Double?] = [3.25, 4.5, 4.1, 4.75, 6.0, 5.5, 7.25, 8.0, 7.75, 9.5, 10.25, 9.0]
        let run = SeriesModelRequest(paths: [])
        for method in ForecastRequest.Method.allCases {
            try checkVerb(
                "forecast \(method)", columns: ForecastRequest.columns, carrying: ["forecast", "se", "lower", "upper"], shape: shape,
                rows: { ForecastRequest(run: run, method: method, horizon: 3).rows(for: $0) })
        }
        try checkVerb(
            "changepoints", columns: ChangePointRequest.columns, carrying: ["mean_before", "mean_after"], shape: shape,
            rows: { ChangePointRequest(run: run, replicates: 500).rows(for: $0) })
        try checkVerb(
            "spc", columns: ProcessControlRequest.columns, carrying: ["value", "moving_range", "mean", "lower_limit", "upper_limit"],
            shape: shape, rows: { ProcessControlRequest(run: run).rows(for: $0) })
        let event = InterventionRequest.EventPeriod(period: try Period.parse("2006"), label: "event")
        try checkVerb(
            "its", columns: InterventionRequest.columns,
            carrying: [
                "level_change", "level_change_se", "level_change_low", "level_change_high", "slope_change", "slope_change_se",
                "slope_change_low", "slope_change_high", "slope_after", "slope_after_se", "slope_after_low", "slope_after_high",
                "baseline_level", "baseline_slope", "residual_sd",
            ],
            shape: shape, rows: { try InterventionRequest(run: run, events: [event]).rows(for: $0, among: [$0]) })
        var gappy = shape
        gappy[4] = nil
        gappy[7] = nil
        for fill in GapFilling.Method.allCases {
            try checkVerb(
                "smooth \(fill)", columns: ["period", "value", "filled_by", "symbol", "moving_average", "reason"], carrying: ["value", "moving_average"],
                shape: gappy, rows: { try SmoothingRequest(run: run, window: 3, fill: fill).rows($0) })
        }
    }

    @Test("the model verbs read 2⁵³ + v exactly: moving ranges, SEs and differences as for v, levels 2⁵³ above")
    func modelVerbsExact() throws {
        let small = ["1", "3", "2", "5", "4", "6", "8", "7", "9", "10", "12", "11"]
        let offset = 9007199254740992.0  // 2⁵³
        let series = try Self.read([("small", small), ("big", small.map { String(9007199254740992 + Int($0)!) })])
        let run = SeriesModelRequest(paths: [])
        func cells(_ rows: [[ResultTable.Cell]], _ columns: [String], _ name: String) -> [Double?] {
            let j = columns.firstIndex(of: name)!
            return Self.numbers(rows).map { $0[j] }
        }
        // XmR: the moving ranges are |Δv| exactly (as doubles the big values differ by 0, 2 or 4).
        let spc = series.map { ProcessControlRequest(run: run).rows(for: $0) }
        #expect(cells(spc[1], ProcessControlRequest.columns, "moving_range") == cells(spc[0], ProcessControlRequest.columns, "moving_range"))
        for (a, b) in zip(cells(spc[0], ProcessControlRequest.columns, "mean"), cells(spc[1], ProcessControlRequest.columns, "mean")) {
            #expect(abs(b! - offset - a!) <= 2, "the centre line to the last place of 2⁵³")
        }
        // The line's forecast: the same SEs (to rounding of the differences), forecasts 2⁵³ above.
        let line = series.map { ForecastRequest(run: run, method: .linear, horizon: 3).rows(for: $0) }
        for (a, b) in zip(cells(line[0], ForecastRequest.columns, "se"), cells(line[1], ForecastRequest.columns, "se")) {
            #expect(abs(b! - a!) <= 1e-12 * a!)
        }
        for (a, b) in zip(cells(line[0], ForecastRequest.columns, "forecast"), cells(line[1], ForecastRequest.columns, "forecast")) {
            #expect(abs(b! - offset - a!) <= 2)
        }
        // Change points: the same statistics and places; means 2⁵³ above.
        let change = series.map { ChangePointRequest(run: run, replicates: 500).rows(for: $0) }
        #expect(Self.texts(change[0]) == Self.texts(change[1]))
        #expect(cells(change[0], ChangePointRequest.columns, "statistic") == cells(change[1], ChangePointRequest.columns, "statistic"))
        // The moving average, 2⁵³ above.
        let smooth = try series.map { try SmoothingRequest(run: run, window: 3, fill: nil).rows($0) }
        let columns = ["period", "value", "filled_by", "symbol", "moving_average", "reason"]
        for (a, b) in zip(cells(smooth[0], columns, "moving_average"), cells(smooth[1], columns, "moving_average")) {
            if let a { #expect(abs(b! - offset - a) <= 2) } else { #expect(b == nil) }
        }
    }

    // MARK: describe and fit

    static func csv(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("columns.csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("describe and fit at the edges: values near 1e-300 keep their SD; ±1e300 the p-value of ±1")
    func describeAndFit() throws {
        let tiny = try Self.csv("x,y\n1,1e-300\n2,2e-300\n3,3e-300\n4,5e-300\n")
        let described = try DescribeRequest(path: tiny, columns: ["y"]).run().columns[0].statistics
        #expect(abs(try #require(described.standardDeviation) / 1e-300 - 1.7078251276599330) < 1e-12, "was 0")
        #expect(described.lag1Autocorrelation != nil)
        let fitted = try FitRequest(path: tiny, x: ["x"], y: "y").run().fit
        // y = −0.5 + 1.3x (×10⁻³⁰⁰), RSS = 0.3 (×10⁻⁶⁰⁰): SE(slope) = √(0.15/5) (by hand).
        #expect(abs(fitted.coefficients[1].estimate / 1e-300 - 1.3) < 1e-14)
        #expect(abs(try #require(fitted.coefficients[1].standardError) / 1e-300 - 0.03.squareRoot()) < 1e-14, "was 0")
        let huge = try Self.csv("x,y\n1,1e300\n2,-1e300\n3,1e300\n4,-1e300\n")
        let p = try #require(try FitRequest(path: huge, x: ["x"], y: "y").run().fit.coefficients[1].p)
        #expect(abs(p - (1 - 1 / 5.0.squareRoot())) < 1e-12, "was 1")
        #expect(try DescribeRequest(path: huge, columns: ["y"]).run().columns[0].statistics.standardDeviation != nil, "was null (overflow)")
    }

    @Test("least squares with the response × 2^k: estimates, SEs and residual SD × 2^k exactly; p and R² the same")
    func leastSquaresEquivariance() throws {
        let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
        let y: [Double] = [3.25, 4.5, 4.1, 4.75, 6.0, 5.5, 7.25, 8.0]
        let model = LinearModel(form: .polynomial(degree: 2))
        let base = try LeastSquaresFit(x: x, y: y, model: model)
        for k in stride(from: -1000, through: 1000, by: 37) {
            let f = Self.power(k)
            let scaled = try LeastSquaresFit(x: x, y: y.map { $0 * f }, model: model)
            for (a, b) in zip(base.coefficients, scaled.coefficients) {
                #expect(b.estimate == a.estimate * f && b.standardError == a.standardError.map { $0 * f } && b.p == a.p, "2^\(k)")
                #expect(b.low == a.low.map { $0 * f } && b.high == a.high.map { $0 * f }, "2^\(k)")
            }
            #expect(scaled.rSquared == base.rSquared && scaled.residualStandardDeviation == base.residualStandardDeviation.map { $0 * f })
        }
    }
}
