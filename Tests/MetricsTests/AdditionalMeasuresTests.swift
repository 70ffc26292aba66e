import Metrics
import Testing

/// `summarize --measures`: the added fields carry exactly what each measure's own type computes, under
/// SPEC.md's names, with a reason wherever a field is empty.
struct AdditionalMeasuresTests {
    typealias Make = SummarizerTests

    /// Three years of monthly values with a winter peak and an upward trend (fixed, not random).
    static let monthly: [Double] = (0..<36).map { i in
        let winter = [0, 1, 11].contains(i % 12) ? 9.5 : 0
        let wiggle = Double((i * 7) % 5) - 2
        return 100 + 0.45 * Double(i) + winter + wiggle
    }
    static let monthLabels = (0..<36).map { i in "\(2020 + i / 12)-\(i % 12 < 9 ? "0" : "")\(i % 12 + 1)" }

    func field(_ s: SeriesSummary, _ names: [String], _ name: String) -> SeriesSummary.Field? {
        names.firstIndex(of: name).map { s.additional[$0] }
    }

    func number(_ s: SeriesSummary, _ names: [String], _ name: String) -> Double? {
        if case .number(let x)? = field(s, names, name) { return x }
        return nil
    }

    @Test("names: SPEC.md's prefixes with or without the underscore, 'all', canonical order, unknown names refused")
    func parsing() throws {
        #expect(try SummaryMeasure.parse("holt_, mk_tfpw").get() == [.trendFreePrewhitened, .holt])
        #expect(try SummaryMeasure.parse("all").get() == SummaryMeasure.allCases)
        #expect(try SummaryMeasure.parse("pettitt,pettitt_,PETTITT").get() == [.pettitt])
        guard case .failure(let error) = SummaryMeasure.parse("mk_hamed_rao,mk_bogus") else {
            Issue.record("an unknown name was accepted")
            return
        }
        #expect(error.description.contains("mk_bogus"))
        let names = AdditionalMeasures([.hamedRao, .seasonalSen, .holt, .pettitt], horizon: 2).fieldNames
        #expect(names == [
            "mk_hamed_rao_s", "mk_hamed_rao_var_s", "mk_hamed_rao_z", "mk_hamed_rao_p", "sen_seasonal_slope",
            "holt_alpha", "holt_beta", "holt_forecast_1", "holt_forecast_2",
            "pettitt_period", "pettitt_p", "pettitt_mean_before", "pettitt_mean_after",
        ])
    }

    @Test("a monthly series: every field equals its measure computed directly")
    func monthlyMatchesMeasures() throws {
        let series = try Make.series(Self.monthly, periods: Self.monthLabels)
        let additional = AdditionalMeasures(SummaryMeasure.allCases, horizon: 4, replicates: 2_000)
        let names = additional.fieldNames
        let s = try Summarizer(additional: additional).summarize(series)
        #expect(s.additional.count == names.count)
        let (times, values) = series.numericPoints

        let hamedRao = try #require(try HamedRaoMannKendallTest(times: times, values: values))
        #expect(number(s, names, "mk_hamed_rao_var_s") == hamedRao.varianceS && number(s, names, "mk_hamed_rao_p") == hamedRao.p)
        let yueWang = try #require(try YueWangMannKendallTest(times: times, values: values))
        #expect(number(s, names, "mk_yue_wang_z") == yueWang.z)
        let prewhitened = try #require(try PrewhitenedMannKendallTest(times: times, values: values))
        #expect(number(s, names, "mk_prewhitened_s") == prewhitened.s)
        let tfpw = try #require(try TrendFreePrewhitenedMannKendallTest(times: times, values: values))
        #expect(number(s, names, "mk_tfpw_p") == tfpw.p)

        // Seasons come from the calendar: absolute month starts.
        let starts = series.observations.map(\.period.start)
        let seasonal = try #require(try SeasonalMannKendallTest(times: starts, values: values, seasonality: .monthly))
        #expect(number(s, names, "mk_seasonal_s") == seasonal.s && number(s, names, "mk_seasonal_p") == seasonal.p)
        #expect(seasonal.s == 12 * 3, "every month rises each year in this series: S = 12 × C(3,2)")
        let seasonalSen = try #require(SeasonalSenSlope(times: starts, values: values, seasonality: .monthly))
        #expect(number(s, names, "sen_seasonal_slope") == seasonalSen.slope)

        let holt = try HoltForecast(series: series, horizon: 4)
        #expect(number(s, names, "holt_alpha") == holt.smoothing.parameters.alpha)
        #expect((1...4).map { number(s, names, "holt_forecast_\($0)") } == holt.points.map(\.mean))

        let pettitt = try #require(PettittTest(observations: series.observations))
        #expect(field(s, names, "pettitt_period") == .text(pettitt.changePoint.periodBefore?.label))
        #expect(number(s, names, "pettitt_p") == pettitt.p && number(s, names, "pettitt_mean_after") == pettitt.changePoint.meanAfter)
        let snht = try #require(StandardNormalHomogeneityTest(observations: series.observations, replicates: 2_000))
        #expect(number(s, names, "snht_p") == snht.p)
        for case .number(let x?) in s.additional { #expect(x.isFinite) }
        #expect(s.reasons.allSatisfy { !names.contains($0.field) }, "no added field is empty: \(s.reasons)")
    }

    @Test("annual, short and flat series: empty fields, each with its reason, never NaN")
    func reasons() throws {
        let additional = AdditionalMeasures(SummaryMeasure.allCases, horizon: 3, replicates: 500)
        let names = additional.fieldNames
        let annual = try Make.series([377, 444, 466, 518, 618, 570, 530, 510])
        let s = try Summarizer(additional: additional).summarize(annual)
        let seasonalReason = s.reasons.first { $0.field == "mk_seasonal_p" }?.reason
        #expect(seasonalReason?.contains("monthly or quarterly") == true, "\(seasonalReason ?? "none")")
        #expect(number(s, names, "sen_seasonal_slope") == nil)
        #expect(number(s, names, "mk_hamed_rao_p") != nil && number(s, names, "holt_forecast_3") != nil)

        for values in [[Double?](), [5], [5, nil, 6], [4, 4, 4, 4, 4, 4]] {
            let s = try Summarizer(additional: additional).summarize(try Make.series(values))
            #expect(s.additional.count == names.count)
            for (name, value) in zip(names, s.additional) {
                switch value {
                case .number(nil), .text(nil):
                    #expect(s.reasons.contains { $0.field == name }, "\(name) empty without a reason for \(values)")
                case .number(let x?): #expect(x.isFinite, "\(name) = \(x)")
                default: break
                }
            }
        }
    }

    /// Noise around a straight line: the best Holt fit does not let the level follow the noise (α = 0), and
    /// then β does not enter the fit at all.
    @Test("holt_beta is empty, with the reason, when the estimated α is 0")
    func holtBetaWithoutAlpha() throws {
        let values: [Double?] = (0..<12).map { (i: Int) -> Double? in 10 + 2 * Double(i) + (i % 2 == 0 ? -1.0 : 1.0) }
        let series = try Make.series(values)
        let additional = AdditionalMeasures([.holt])
        let s = try Summarizer(additional: additional).summarize(series)
        let alpha = try #require(number(s, additional.fieldNames, "holt_alpha"))
        #expect(alpha < 1e-6)
        #expect(number(s, additional.fieldNames, "holt_beta") == nil)
        #expect(s.reasons.first { $0.field == "holt_beta" }?.reason.contains("β has no effect") == true)
        #expect(number(s, additional.fieldNames, "holt_forecast_1") != nil)
    }

    @Test("CSV and JSON: the added names after assessment, before unit, polarity and reasons")
    func formats() throws {
        let additional = AdditionalMeasures([.pettitt, .yueWang], horizon: 3)
        let s = try Summarizer(additional: additional).summarize(try Make.series([3, 4, 3, 9, 10, 11]))
        let csv = SummaryFormat(format: .csv, keyNames: ["area"], additionalNames: additional.fieldNames)
        let header = csv.header()
        #expect(header.contains("direction,assessment,mk_yue_wang_s,mk_yue_wang_var_s,mk_yue_wang_z,mk_yue_wang_p,pettitt_period,pettitt_p,pettitt_mean_before,pettitt_mean_after,unit,polarity,reasons"))
        let record = csv.recordBody(s)
        #expect(record.split(separator: ",", omittingEmptySubsequences: false).count == header.split(separator: ",").count)
        #expect(record.contains(",2017,"), "the change point after 2017 (3, 4, 3 | 9, 10, 11): \(record)")
        let json = SummaryFormat(format: .json, keyNames: ["area"], additionalNames: additional.fieldNames).json(s).rendered(indent: 0)
        #expect(json.contains("\"pettitt_period\":\"2017\"") && json.contains("\"pettitt_mean_before\":3.3333333333333335"))
    }
}
