import Foundation
import Metrics
import Testing

/// The unit of a series: declared by the metadata, else inferred from its words, else from its values; and
/// what follows from it (percentage points, benchmarks, forecast bounds, interrupted-time-series controls).
///
/// Names and texts are real: EES column names of `cla_number_and_rate_per_10k_children.csv` and
/// `csww_indicators_2017_to_2025.csv`, LAIT `y_axis_name` and `Chart_title` texts of `lait_data_dictionary.csv`
/// (../shared/data/dfe). Values are synthetic unless a comment gives their source.
struct UnitInferenceTests {
    static func series(
        _ indicator: String, _ values: [Double?], area: (String, String) = ("E06000002", "Middlesbrough"),
        metadata: SeriesMetadata = SeriesMetadata(), from year: Int = 2017
    ) throws -> Series {
        let observations = try values.enumerated().map { i, v in
            Series.Observation(period: try Period.parse(String(year + i)), value: v.map { .number($0) } ?? .missing(.confidential))
        }
        return Series(
            key: SeriesKey(names: ["area_code", "area_name", "indicator"], values: [area.0, area.1, indicator]),
            observations: observations, metadata: metadata)
    }

    static func inferred(_ indicator: String, _ values: [Double] = [1.5, 2.5], metadata: SeriesMetadata = SeriesMetadata()) -> UnitInference {
        UnitInference(metadata: metadata, indicatorNames: [indicator], values: values)
    }

    @Test("EES column names without a .meta.csv: counts, FTE and headcounts are size-dependent; percentages, rates and caseloads are not")
    func namesOfRealColumns() {
        let cases: [(String, SeriesMetadata.Unit?, UnitInference.SizeDependence, String)] = [
            ("children_count", .count, .sizeDependent, "count"),
            ("population_estimate", .count, .sizeDependent, "count"),
            ("rate_per_10000", .rate(per: 10000), .sizeFree, "rate per 10,000"),
            ("rereferral_percent", .percent, .sizeFree, "percentage"),
            ("inpost_fte", .other("FTE"), .sizeDependent, "FTE"),
            ("inpost_headcount", .count, .sizeDependent, "headcount"),
            ("case_holders_fte", .other("FTE"), .sizeDependent, "FTE"),
            ("cases", .count, .sizeDependent, "count"),
            ("caseload_fte", nil, .sizeFree, "caseload"),
            ("turnover_rate_fte", nil, .sizeFree, "rate"),
            ("agency_rate_headcount", nil, .sizeFree, "rate"),
            ("total_expenditure", .currency(code: "GBP", priceYear: nil), .sizeDependent, "money"),
            ("spend_per_child", .currency(code: "GBP", priceYear: nil), .sizeFree, "money"),
            ("pt_ks2_pp", nil, .sizeFree, "percentage points"),
        ]
        for (name, unit, size, kind) in cases {
            let u = Self.inferred(name)
            #expect(u.unit == unit && u.sizeDependence == size && u.kind == kind, "\(name): \(String(describing: u.unit)) \(u.sizeDependence) \(u.kind)")
            #expect(u.note?.contains("'\(name)'") == true, "\(name): \(u.note ?? "no note")")
        }
    }

    @Test("LAIT dictionary texts: the y-axis text first, the chart title when the axis says only 'rate'")
    func laitTexts() {
        func lait(_ axis: String, _ title: String) -> UnitInference {
            UnitInference(metadata: SeriesMetadata(unit: SeriesMetadata.Unit(text: axis), label: title), indicatorNames: [], values: [3.5, 4])
        }
        let achieving = lait("% achieving expected level", "Good level of development")
        #expect(achieving.unit == .percent && achieving.note?.contains("the metadata's unit '% achieving expected level'") == true)
        // "Turnover rate" is a rate of no stated base; the chart title says it is a percentage.
        let turnover = lait("Turnover rate", "Social worker turnover (%)")
        #expect(turnover.unit == .percent && turnover.note?.contains("the label") == true)
        let workers = lait("Social Workers", "Number of children's social workers (FTE)")
        #expect(workers.isSizeDependent && workers.kind == "FTE")
        let looked = lait("Number of Children Looked After", "Children looked after (num)")
        // The axis text stays the unit shown; it is classed as a count.
        #expect(looked.unit == .other("Number of Children Looked After") && looked.isSizeDependent && looked.bounds.lower == 0)
        #expect(lait("Spend", "Children Looked After - Gross Expenditure").isSizeDependent)
        let unitCost = lait("Unit Cost", "Looked after children - S251/Outturn weekly unit costs (approximate)")
        #expect(unitCost.sizeDependence == .sizeFree && unitCost.unit == .currency(code: "GBP", priceYear: nil))
        #expect(lait("Case Load", "Average number of cases per children and family social worker (FTE)").sizeDependence == .sizeFree)
        #expect(lait("Rate per 10,000", "Children in Need (rate)").unit == .rate(per: 10000))
    }

    @Test("declared units are used as they are, with no note; values decide last: whole numbers ≥ 0 are a count")
    func declaredThenValues() {
        let declared = Self.inferred("children_count", metadata: SeriesMetadata(unit: .percent))
        #expect(declared.unit == .percent && declared.note == nil && declared.basis == .declared)
        let counted = Self.inferred("cla", [377, 444, 466])
        #expect(counted.unit == .count && counted.basis == .values && counted.isSizeDependent)
        #expect(counted.note == "count inferred from the values (all whole numbers ≥ 0); it depends on the size of the area")
        let unknown = Self.inferred("cla", [37.7, 44.4])
        #expect(unknown.unit == nil && unknown.sizeDependence == .unknown && unknown.note == nil && !unknown.bounds.isBounded)
        #expect(Self.inferred("balance", [-3, 4]).sizeDependence == .unknown)
    }

    @Test("inference is idempotent: the series with its inferred unit infers the same")
    func idempotent() throws {
        for name in ["children_count", "rate_per_10000", "rereferral_percent", "inpost_fte", "turnover_rate_fte", "cla"] {
            let s = try Self.series(name, [10, 12, 14])
            let first = UnitInference(s)
            var again = s
            again.metadata.unit = first.unit
            let second = UnitInference(again)
            #expect(second.unit == first.unit && second.sizeDependence == first.sizeDependence && second.bounds == first.bounds, "\(name)")
        }
    }

    @Test("bounds: a percentage in [0, 100], counts and rates not below 0, money unbounded; a bound the data break is dropped")
    func bounds() {
        #expect(Self.inferred("rereferral_percent").bounds == UnitBounds(lower: 0, upper: 100, reason: "a percentage lies between 0 and 100"))
        #expect(Self.inferred("children_count", [5, 6]).bounds.lower == 0)
        #expect(Self.inferred("inpost_fte").bounds.reason == "a FTE figure cannot be negative")
        #expect(Self.inferred("rate_per_10000").bounds.lower == 0 && Self.inferred("rate_per_10000").bounds.upper == nil)
        #expect(!Self.inferred("total_expenditure").bounds.isBounded)
        let gap = Self.inferred("attainment_gap_percent", [-3, 4])
        #expect(gap.unit == .percent && gap.bounds.lower == nil && gap.bounds.upper == 100)
    }

    // MARK: What follows from the unit

    @Test("pp_change for a percentage named by its column only (rereferral_percent, no .meta.csv), with the unit's reason")
    func percentagePoints() throws {
        // Middlesbrough's re-referral percentages are synthetic here; the column name is EES's.
        let s = try Self.series("rereferral_percent", [22.1, 24.5, 19.8, 21.0])
        let summary = try Summarizer().summarize(s)
        #expect(summary.change?.percentagePointChange.value.map { abs($0 - (21.0 - 22.1)) < 1e-12 } == true)
        #expect(summary.metadata.unit == .percent)
        let reason = try #require(summary.reasons.first { $0.field == "unit" }?.reason)
        #expect(reason == "percentage inferred from the indicator name 'rereferral_percent'")
        #expect(!summary.reasons.contains { $0.field == "pp_change" })
        let csv = SummaryFormat(format: .csv, keyNames: s.key.names)
        #expect(csv.recordBody(summary).contains(",percent,none,"))
    }

    @Test("Holt's forecast of a falling count is clamped at 0 in summarize --measures holt, with a note")
    func holtClamped() throws {
        let s = try Self.series("children_count", [60, 50, 40, 30, 20, 10])
        let summarizer = Summarizer(additional: AdditionalMeasures([.holt], horizon: 3))
        let summary = try summarizer.summarize(s)
        let names = summarizer.additional.fieldNames
        let forecasts = zip(names, summary.additional).filter { $0.0.hasPrefix("holt_forecast_") }.map(\.1)
        #expect(forecasts.count == 3)
        for field in forecasts {
            guard case .number(let x?) = field else { Issue.record("no forecast: \(field)"); continue }
            #expect(x >= 0)
        }
        #expect(forecasts.last == .number(0))
        #expect(summary.reasons.contains { $0.field == "holt_forecast_3" && $0.reason.hasPrefix("clamped to 0: the forecast -") })
    }

    @Test("metrics forecast keeps a rising percentage's interval at or below 100 and says so in reason")
    func forecastBounded() throws {
        let s = try Self.series("rereferral_percent", [90, 93, 95, 97.5, 99, 99.5])
        let request = ForecastRequest(run: SeriesModelRequest(paths: []), method: .linear, horizon: 3)
        let rows = request.rows(for: s)
        let upperIndex = try #require(ForecastRequest.columns.firstIndex(of: "upper"))
        let reasonIndex = try #require(ForecastRequest.columns.firstIndex(of: "reason"))
        let forecastIndex = try #require(ForecastRequest.columns.firstIndex(of: "forecast"))
        for row in rows {
            guard case .number(let upper?) = row[upperIndex], case .number(let mean?) = row[forecastIndex] else {
                Issue.record("no interval: \(row)")
                continue
            }
            #expect(upper <= 100 && mean <= 100)
        }
        guard case .text(let reason) = rows[2][reasonIndex] else { Issue.record("no reason"); return }
        #expect(reason == "the prediction interval is cut at 0 and 100: a percentage lies between 0 and 100")
    }

    @Test("the report's plot: a falling count's forecast band never goes below 0, and the description says it was cut")
    func plotBand() throws {
        let s = try Self.series("children_count", [60, 50, 40, 30, 20, 10])
        let summary = try Summarizer().summarize(s)
        let plot = PlotBuilder(horizon: 3, forecast: .linear).plot(s, summary: summary, index: 0)
        let forecast = try #require(plot.forecast)
        #expect(forecast.points.allSatisfy { ($0.lower ?? 0) >= 0 && $0.value >= 0 })
        #expect(forecast.points.contains { $0.lower == 0 })
        #expect(plot.description.contains("The forecast's prediction interval is cut at 0: a count cannot be negative."))
        #expect(plot.description.contains("Unit: count inferred from the indicator name 'children_count'; it depends on the size of the area."))
    }

    // MARK: Benchmarks

    static let periods = 5

    @Test("benchmarks of a count are withheld, and the rate of the same area is offered; rates and percentages are kept")
    func benchmarks() throws {
        // England's and Middlesbrough's children looked after at 31 March (EES CLA file; shape real, values rounded).
        let area = try Self.series("children_count", [600, 620, 640, 660, 630])
        let england = try Self.series("children_count", [82000, 83000, 83500, 83600, 81770], area: ("E92000001", "England"))
        let rate = try Self.series("rate_per_10000", [180, 186, 192, 198, 189])
        let englandRate = try Self.series("rate_per_10000", [67, 68, 69, 70, 67], area: ("E92000001", "England"))
        let all = [area, england, rate, englandRate]
        let counted = BenchmarkComparability.admit([("England", england)], for: area, unit: UnitInference(area), among: all)
        #expect(counted.kept.isEmpty)
        #expect(counted.note == "England not drawn: a count depends on the size of the area; compare the rate per 10,000 instead: indicator rate_per_10000 of the same inputs.")
        let rated = BenchmarkComparability.admit([("England", englandRate)], for: rate, unit: UnitInference(rate), among: all)
        #expect(rated.kept.count == 1 && rated.note == nil)
        // A declared FTE-like count with a population beside it: the denominator is offered.
        let fte = try Self.series("starters_count", [10, 12, 14, 13, 12])
        let population = try Self.series("population_estimate", [33000, 33100, 33200, 33300, 33400])
        let offered = BenchmarkComparability.admit([("England", england)], for: fte, unit: UnitInference(fte), among: [fte, population])
        #expect(offered.note?.contains("the inputs hold a denominator, population_estimate: metrics rate FILE --count starters_count --denominator population_estimate") == true)
    }

    @Test("an unknown unit: a benchmark ten times the area's magnitude or more is withheld, one on the same scale is kept")
    func unknownUnit() throws {
        let area = try Self.series("workforce", [20.5, 21.5, 22.5])
        let big = try Self.series("workforce", [3618.6, 3620.5, 3640.5], area: ("E92000001", "England"))
        let near = try Self.series("workforce", [19.5, 25.5, 30.5], area: ("E12000001", "North East"))
        let judged = BenchmarkComparability.admit([("England", big), ("North East", near)], for: area, unit: UnitInference(area))
        #expect(judged.kept.map(\.name) == ["North East"])
        #expect(judged.note?.hasPrefix("England not drawn: the unit is not known and the values are 10 times or more apart") == true)
    }

    @Test("an its control of a count is indexed to the area's level before the event: England = 200 × the area gives no effect beyond it")
    func controlIndexed() throws {
        // Synthetic: the area's values with noise and a jump of 100 at 2021; England exactly 200 times them,
        // so England's own jump is 20,000 and the area's change beyond England's proportional change is 0.
        let area: [Double] = [2000, 2061, 2093, 2160, 2305, 2351, 2398, 2462]
        let england = area.map { $0 * 200 }
        let a = try Self.series("children_count", area)
        let e = try Self.series("children_count", england, area: ("E92000001", "England"))
        let scaling = BenchmarkComparability.controlScaling(control: e, for: a, before: try Period.parse("2021"), among: [a, e])
        guard case .success(let s?) = scaling else { Issue.record("not rescaled: \(scaling)"); return }
        #expect(abs(s.factor - 0.005) < 1e-15)
        #expect(s.warning.hasPrefix("control England rescaled by 0.005 (the area's mean over the control's, 4 periods before the first event), as a count depends on the size of the area"))
        let request = InterventionRequest(
            run: SeriesModelRequest(paths: []), events: [.init(period: try Period.parse("2021"), label: "commissioner")], control: "England")
        let rows = try request.rows(for: a, among: [a, e])
        let level = try #require(InterventionRequest.columns.firstIndex(of: "level_change"))
        let warnings = try #require(InterventionRequest.columns.firstIndex(of: "warnings"))
        guard case .number(let change?) = rows[0][level] else { Issue.record("no level change: \(rows[0])"); return }
        #expect(abs(change) < 1e-6, "level change beyond England \(change)")
        guard case .text(let text) = rows[0][warnings] else { Issue.record("no warnings"); return }
        #expect(text.contains("rescaled by 0.005"))
        // A rate is size-free: the control is used as it is.
        let rate = try Self.series("rate_per_10000", [180, 186, 192, 198])
        let englandRate = try Self.series("rate_per_10000", [67, 68, 69, 70], area: ("E92000001", "England"))
        guard case .success(nil) = BenchmarkComparability.controlScaling(control: englandRate, for: rate, before: nil) else {
            Issue.record("a rate's control was changed")
            return
        }
    }
}
