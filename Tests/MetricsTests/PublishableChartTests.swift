import Foundation
@testable import Metrics
import Testing

/// Charts fit to publish (issue 17): readable event labels, titles in words, units on the axis, a source
/// line, missing values never drawn at a value, XmR charts drawn, Holt's cautions on short series.
@Suite("Publishable charts")
struct PublishableChartTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A series of the LAIT shape, synthetic values (`nil` for a missing year).
    static func laitSeries(code: String, measure: String, values: [Double?], first: Int = 2016, metadata: SeriesMetadata = SeriesMetadata()) throws -> Series {
        let key = SeriesKey(names: ["measure_code", "measure", "area", "old_la_code", "region"], values: [code, measure, "Middlesbrough", "806", "North East"])
        var observations: [Series.Observation] = []
        for (k, v) in values.enumerated() {
            let period = try Period.parse(String(first + k))
            observations.append(Series.Observation(period: period, value: v.map { .number($0) } ?? .missing(.blank)))
        }
        return Series(key: key, observations: observations, metadata: metadata)
    }

    static func plot(_ series: Series, events: [EventList.Event] = [], forecast: PlotBuilder.ForecastMethod = .linear) throws -> SeriesPlot {
        let summary = try Summarizer().summarize(series)
        return PlotBuilder(forecast: forecast).plot(series, summary: summary, index: 0, events: events)
    }

    static func unescaped(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The boxes of the event texts drawn above the plot: (x from, x to, baseline y).
    static func eventTextBoxes(_ svg: String) throws -> [(Double, Double, Double)] {
        let pattern = try Regex(#"<g id="svg-[^"]*-event-\d+"><title>[^<]*</title><line [^>]*/><text x="([0-9.]+)" y="([0-9.]+)" font-size="11.5"( text-anchor="end")?( font-weight="700")? fill="[^"]*">([^<]*)</text></g>"#)
        return svg.matches(of: pattern).map { match in
            let x = Double(String(match.output[1].substring!))!
            let y = Double(String(match.output[2].substring!))!
            let end = match.output[3].substring != nil
            let bold = match.output[4].substring != nil
            let w = ChartTextFit.width(unescaped(match.output[5].substring!), fontSize: 11.5, bold: bold)
            return end ? (x - w, x, y) : (x, x + w, y)
        }
    }

    @Test("15 Middlesbrough events: no event label is drawn over another; the chart numbers them with a key")
    func middlesbroughEventsReadable() throws {
        let events = try EventList.read(path: Self.repository.appendingPathComponent("datasets/middlesbrough/events.csv").path).events
        #expect(events.count == 15)
        // Synthetic values, 2016 to 2025, as LAIT's annual measures run.
        let series = try Self.laitSeries(code: "CINCease2more", measure: "% of children who cease to be in need (2 Years or more)",
                                         values: [17, 15.4, 16, 17.8, 14.1, 5.9, 8.4, 9.5, 9.2, 9.2])
        let svg = SVGChart(plot: try Self.plot(series, events: events)).render()
        let boxes = try Self.eventTextBoxes(svg)
        #expect(boxes.count == 15)
        for i in boxes.indices {
            for j in boxes.indices where j > i && boxes[i].2 == boxes[j].2 {
                #expect(boxes[i].1 <= boxes[j].0 || boxes[j].1 <= boxes[i].0, "event labels \(i + 1) and \(j + 1) overlap")
            }
        }
        #expect(svg.contains("-event-key\""))
        #expect(svg.contains(">Ofsted: inadequate</text>") || svg.contains("Ofsted: inadequate"))
        // Three well-spaced events keep their names.
        let few = Array(events.filter { ["2019-11", "2023-05", "2024-09-06"].contains($0.period.label) })
        let named = SVGChart(plot: try Self.plot(series, events: few)).render()
        #expect(!named.contains("-event-key\""))
        #expect(named.contains(">Ofsted: inadequate</text>"))
    }

    @Test("a LAIT measure without its dictionary is titled by its name, not its code, in the chart and the contents")
    func titleFromMeasureName() throws {
        let series = try Self.laitSeries(code: "A3A", measure: "% candidates achieving 3+ A grades at GCE/Applied GCE A Level and Double Awards",
                                         values: [4.2, 8.4, 4.1, 3.55, 19.5, 22.67, 9.64, 2.97, 6.15, 6.38])
        let plot = try Self.plot(series)
        #expect(plot.title == "% candidates achieving 3+ A grades at GCE/Applied GCE A Level and Double Awards")
        let html = HTMLReport(title: "t", introduction: "", summaryColumns: [], summaryRows: [], charts: [HTMLReport.Chart(plot: plot, svg: SVGChart(plot: plot).render())]).render()
        #expect(html.contains("<bdi>% candidates achieving 3+ A grades"))
        #expect(!html.contains("<bdi>A3A</bdi>"))
    }

    @Test("LAIT's dictionary: y_axis_name gives the unit and the axis title; Data Owner, file and link the source line")
    func laitDictionaryUnitsAndSource() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("publishable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Rows in the shape of the real dictionary and data (values synthetic).
        let dictionary = """
            "Measure_code","Topic","Measure","Chart_title","Measure_short","Polarity","y_axis_name","dps","Data Owner (DO) /Supplier and Contact Details","Hyperlink(s)","Year_Type"
            "1","CLA","Care Leavers - Staying Put (%)","Care leavers staying put (%)","StayingPut","High","% of young people","NA","DfE","https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england","Academic Year"
            "2","Finance","Total CLA (finance)","Children Looked After - Gross Expenditure","TotalLACFinance","NA","Spend","0","DfE","https://explore-education-statistics.service.gov.uk/find-statistics/la-and-school-expenditure","Financial Year"
            "3","CLA","CLA rate","Children looked after rate per 10,000","CLArate","Low","Rate per 10,000","0","DfE","https://www.gov.uk/x","Financial Year"
            """
        try dictionary.write(to: folder.appendingPathComponent("lait_data_dictionary.csv"), atomically: true, encoding: .utf8)
        var data = "measure_code,measure,period,area,old_la_code,region,value,value_raw\n"
        for (k, v) in ["", "", "0.0", "16.0", "32.0", "36.0", "35.0", "23.0", "32.0", "44.0"].enumerated() {
            data += "StayingPut,Care leavers staying put,\(2016 + k),Middlesbrough,806,North East,\(v),\(v.isEmpty ? "-" : v)\n"
        }
        for (k, v) in ["22681017.0", "24489589.0", "25506288.0", "31681952.0", ""].enumerated() {
            data += "TotalLACFinance,Total CLA (finance),\(2016 + k)-\(17 + k) (OT),Middlesbrough,806,North East,\(v),\(v.isEmpty ? "-" : v)\n"
        }
        data += "CLArate,CLA rate,2020,Middlesbrough,806,North East,150,150\nCLArate,CLA rate,2021,Middlesbrough,806,North East,160,160\n"
        let path = folder.appendingPathComponent("lait_test.csv").path
        try data.write(toFile: path, atomically: true, encoding: .utf8)
        let all = try SeriesModelRequest(paths: [path]).seriesAndKeyColumns().all
        let stayingPut = try #require(all.first { $0.key["measure_code"] == "StayingPut" })
        let finance = try #require(all.first { $0.key["measure_code"] == "TotalLACFinance" })
        let rate = try #require(all.first { $0.key["measure_code"] == "CLArate" })
        #expect(stayingPut.metadata.unit == .percent)
        #expect(finance.metadata.unit == .currency(code: "GBP", priceYear: nil))
        #expect(rate.metadata.unit == .rate(per: 10_000))
        let plot = try Self.plot(stayingPut)
        #expect(plot.valueLabel == "% of young people")
        #expect(plot.source == "Source: DfE LAIT, lait_test.csv, https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england")
        let svg = SVGChart(plot: plot).render()
        #expect(svg.contains(">% of young people</text>"))
        #expect(svg.contains(">Source: DfE LAIT, lait_test.csv,"))
        #expect(svg.contains(">40%</text>"))
        let financeSVG = SVGChart(plot: try Self.plot(finance)).render()
        #expect(financeSVG.contains(">£"))
    }

    /// The y of the time axis' line and the centres of the missing-period markers.
    static func axisAndMissing(_ svg: String) throws -> (axis: Double, missing: [Double]) {
        let axis = try #require(svg.firstMatch(of: try Regex(#"-time-axis">\n<line x1="[0-9.]+" y1="([0-9.]+)""#)))
        let missing = svg.matches(of: try Regex(#"<g class="missing-period">.*?<circle cx="[0-9.]+" cy="([0-9.]+)""#)).map {
            Double(String($0.output[1].substring!))!
        }
        return (Double(String(axis.output[1].substring!))!, missing)
    }

    @Test("missing values are never drawn at a value: not at 0 (TotalLACFinance) nor below it (StayingPut)")
    func missingNotAtAValue() throws {
        // StayingPut's shape: 2016 and 2017 missing, a 0 in 2018 (synthetic values after it).
        let stayingPut = try Self.laitSeries(code: "StayingPut", measure: "Care leavers staying put", values: [nil, nil, 0, 16, 32, 36, 35, 23, 32, 44],
                                             metadata: SeriesMetadata(unit: .percent))
        let svg = SVGChart(plot: try Self.plot(stayingPut)).render()
        let (axis, missing) = try Self.axisAndMissing(svg)
        #expect(missing.count == 2)
        // Below the axis' labels (which sit 20 px under the axis), in the "No value" row.
        for y in missing { #expect(y > axis + 24) }
        #expect(svg.contains(">No value</text>"))
        // The trend band of a share is cut at 0%: the value axis does not run below it.
        #expect(!svg.contains(">−20%</text>") && !svg.contains(">−10%</text>"))

        let finance = try Self.laitSeries(code: "TotalLACFinance", measure: "Total CLA (finance)", values: [22681017, 24489589, 25506288, 31681952, 33485047, 38263113, 35708335, 42717355, nil],
                                          metadata: SeriesMetadata(unit: .currency(code: "GBP", priceYear: nil)))
        let f = try Self.axisAndMissing(SVGChart(plot: try Self.plot(finance)).render())
        #expect(f.missing.count == 1)
        #expect(f.missing.allSatisfy { $0 > f.axis + 24 })
    }

    @Test("the forecast line and band start at the last observed value")
    func forecastJoinsLastObservation() throws {
        let series = try Self.laitSeries(code: "X", measure: "x", values: [10, 12, 11, 14, 15, 15, 18, 19, 21, 22, nil])
        for method in [PlotBuilder.ForecastMethod.linear, .holt] {
            let forecast = try #require(try Self.plot(series, forecast: method).forecast)
            let first = try #require(forecast.points.first)
            #expect(first.period == "2025" && first.value == 22 && first.lower == 22 && first.upper == 22)
        }
    }

    @Test("XmR chart as SVG: points, mean and limits, and the short-baseline warning with its number")
    func xmrChartDrawn() throws {
        let values: [Double] = [12, 14, 13, 15, 14, 13, 30, 14, 12, 13]
        let chart = try #require(XmRChart(values: values))
        #expect(chart.baselineWarnings == ["the limits come from 10 values: Making Data Count advises a baseline of at least 15, and limits from fewer than 12 are trial limits, to be recalculated as data come in"])
        let svg = XmRChartSVG(chart: chart, id: "001-x", title: "Referrals", subtitle: "Middlesbrough").render()
        #expect(svg.components(separatedBy: "<circle").count - 1 >= values.count)
        #expect(svg.contains("Mean: ") && svg.contains("Upper process limit: "))
        #expect(svg.contains("Warning: the limits come from 10 values"))
        #expect(svg.contains("fill=\"\(XmRChartSVG.neither)\""))  // the point beyond the limit, no polarity
        let long = try #require(XmRChart(values: (0..<20).map { Double($0 % 5) }))
        #expect(long.baselineWarnings.isEmpty)
    }

    @Test("Holt on a short series: a caution that says to prefer the linear method; β empty when α is 0")
    func holtShortSeries() throws {
        let short = try Self.laitSeries(code: "X", measure: "x", values: [10, 12, 11, 14, 15, 15, 18])
        let holt = try HoltForecast(series: short, horizon: 3)
        let cautions = holt.cautions(comparedWith: try? LinearTrendForecast(series: short, horizon: 3))
        #expect(cautions.count == 1)
        let caution = try #require(cautions.first)
        #expect(caution.contains(" 7 values"))
        #expect(caution.contains("prefer the linear method"))
        // A straight line with alternating noise: the level never needs to move, α is 0.
        var lineValues: [Double?] = []
        for t in 0..<9 {
            let noise: Double = t % 2 == 0 ? 0.5 : -0.5
            lineValues.append(10 + 2 * Double(t) + noise)
        }
        let line = try Self.laitSeries(code: "Y", measure: "y", values: lineValues)
        let fit = try HoltForecast(series: line, horizon: 3)
        #expect(fit.alphaIsNegligible)
        let request = ForecastRequest(run: SeriesModelRequest(paths: []), method: .holt, horizon: 3)
        let rows = request.rows(for: line)
        for row in rows {
            #expect(row[8] == ResultTable.Cell.number(nil))  // beta
            #expect(row[10] == ResultTable.Cell.text("α is 0: the level follows its own trend line, so β has no effect and cannot be estimated"))
        }
        #expect(request.warnings(for: line).first?.contains("α = 0") == true)
        let long = try Self.laitSeries(code: "Z", measure: "z", values: (0..<20).map { 10 + Double($0) + sin(Double($0)) * 3 }, first: 2000)
        let ok = try HoltForecast(series: long, horizon: 3)
        if !ok.alphaIsNegligible { #expect(ok.cautions(comparedWith: nil).isEmpty) }
    }
}
