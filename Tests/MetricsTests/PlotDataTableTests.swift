import Foundation
@testable import Metrics
import Testing

/// Sample charts for the report-bundle tests (plot data, Vega-Lite, notebook).
enum ReportSamples {
    static let hostileName = "'); import os #\"\n=HYPERLINK(\"http://x\",\"y\")"

    /// Financial years 2014-15…2023-24, 2018-19 missing; every part of a chart present.
    static var full: SeriesPlot {
        let periods = (2014...2023).map { "\($0)-\(String(($0 + 1) % 100).count == 1 ? "0" : "")\(($0 + 1) % 100)" }
        let observations = periods.enumerated().map { k, p in
            k == 4
                ? SeriesPlot.Observation(period: p, time: 2014.25 + Double(k), value: nil, missingReason: "x: not available")
                : SeriesPlot.Observation(period: p, time: 2014.25 + Double(k), value: 50 + 2.5 * Double(k) + (k % 2 == 0 ? 1.25 : -0.75))
        }
        let trend = SeriesPlot.Line(name: "OLS trend (95% CI)", points: observations.map {
            let fit = 50 + 2.4 * ($0.time - 2014.25)
            return SeriesPlot.BandPoint(period: $0.period, time: $0.time, value: fit, lower: fit - 1.9, upper: fit + 1.9)
        })
        let sen = SeriesPlot.Line(name: "Sen slope", points: [
            .init(period: "2014-15", time: 2014.25, value: 50.5), .init(period: "2023-24", time: 2023.25, value: 72.1),
        ])
        let forecast = SeriesPlot.Line(name: "Holt forecast (95% PI)", points: (1...3).map { h in
            let t = 2023.25 + Double(h)
            return SeriesPlot.BandPoint(period: "\(2023 + h)-\(24 + h)", time: t, value: 72 + 2.5 * Double(h),
                                        lower: 72 + 2.5 * Double(h) - 3 * Double(h), upper: 72 + 2.5 * Double(h) + 3 * Double(h))
        })
        let england = SeriesPlot.Benchmark(name: "England", observations: observations.enumerated().map { k, o in
            k == 2
                ? .init(period: o.period, time: o.time, value: nil, missingReason: "z: not applicable")
                : .init(period: o.period, time: o.time, value: 55 + 1.5 * Double(k))
        })
        return SeriesPlot(
            id: "001-middlesbrough-social-workers-fte", title: "Social workers (FTE)",
            subtitle: "Middlesbrough (E06000002) · count",
            description: "Social workers in Middlesbrough rose by about 2.4 a year from 2014-15 to 2023-24.",
            key: SeriesKey(names: ["area_code", "area_name", "indicator"],
                           values: ["E06000002", "Middlesbrough", "social_workers_fte"]),
            unit: .count, decimalPlaces: 1, valueLabel: "FTE", observations: observations,
            trend: trend, sen: sen, forecast: forecast,
            events: [.init(period: "2019-20", time: 2019.5, label: "Ofsted: Inadequate", category: "ofsted_inspection")],
            benchmarks: [england]
        )
    }

    /// Monthly 2020-01…2023-12 with gaps, hostile names everywhere, two benchmarks and two events.
    static var hostile: SeriesPlot {
        let observations = (0..<48).map { k -> SeriesPlot.Observation in
            let year = 2020 + k / 12, month = k % 12 + 1
            let period = "\(year)-\(month < 10 ? "0" : "")\(month)"
            let time = Double(year) + Double(month - 1) / 12
            if k == 7 || k == 8 || k == 30 { return .init(period: period, time: time, value: nil, missingReason: "c: confidential") }
            return .init(period: period, time: time, value: 12 + 0.05 * Double(k) + (k % 3 == 0 ? 0.4 : -0.2))
        }
        let present = observations.filter { $0.value != nil }
        let trend = SeriesPlot.Line(name: "OLS trend (95% CI)", points: [present.first!, present.last!].map {
            let fit = 12 + 0.6 * ($0.time - 2020)
            return .init(period: $0.period, time: $0.time, value: fit, lower: fit - 0.5, upper: fit + 0.5)
        })
        return SeriesPlot(
            id: "002-hostile", title: "Rate per 10,000 $x$ <b>bold</b> " + hostileName,
            subtitle: hostileName + " · rate per 10000",
            description: "A chart whose names try to break things: " + hostileName,
            key: SeriesKey(names: ["area_code", "area_name", "indicator"], values: ["E0", hostileName, "=1+2"]),
            unit: .rate(per: 10000), decimalPlaces: 2, valueLabel: "Rate per 10,000 \\ \"quoted\"",
            observations: observations, trend: trend,
            sen: .init(name: "_Sen slope", points: [.init(period: nil, time: 2020, value: 12.1), .init(period: nil, time: 2023 + 11.0 / 12, value: 14.3)]),
            events: [
                .init(period: "2021-03", time: 2021 + 2.0 / 12, label: "$5 cut \"quoted\" '); import os #", category: "-intervention"),
                .init(period: "2022-08", time: 2022 + 7.0 / 12, label: "@commissioner", category: nil),
            ],
            benchmarks: [
                .init(name: "-England", observations: observations.map { .init(period: $0.period, time: $0.time, value: $0.value.map { $0 + 1 }) }),
                .init(name: "North East", observations: observations.map { .init(period: $0.period, time: $0.time, value: $0.value.map { $0 - 1 }) }),
            ]
        )
    }

    /// Observations only, with key names that clash with the fixed columns.
    static var minimal: SeriesPlot {
        SeriesPlot(
            id: "003-minimal", title: "Minimal", subtitle: "", description: "Three points.",
            key: SeriesKey(names: ["layer", "key_layer", "time"], values: ["a", "b", "c"]),
            unit: nil, decimalPlaces: nil, valueLabel: "",
            observations: [
                .init(period: "2021", time: 2021, value: 1), .init(period: "2022", time: 2022, value: 1.0 / 3),
                .init(period: "2023", time: 2023, value: 2.5e-7),
            ]
        )
    }

    static var all: [SeriesPlot] { [full, hostile, minimal] }

    /// RFC 4180 records (quoted fields with doubled quotes and line breaks).
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\n" {
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    /// A rendered JSON document read back with Foundation.
    static func parseJSON(_ value: JSONValue) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(value.rendered().utf8), options: [.fragmentsAllowed])
    }
}

struct PlotDataTableTests {
    @Test("the header is the key columns then the fixed columns")
    func header() {
        #expect(PlotDataTable.columns == ["layer", "name", "period", "time", "value", "lower", "upper", "note"])
        let records = ReportSamples.parseCSV(PlotDataTable.csv(for: ReportSamples.full))
        #expect(records.first == ["area_code", "area_name", "indicator", "layer", "name", "period", "time", "value", "lower", "upper", "note"])
    }

    @Test("key columns that clash with the fixed columns or each other are renamed")
    func clashingKeys() {
        let table = PlotDataTable(plot: ReportSamples.minimal)
        #expect(table.keyColumns == ["key_layer", "key_key_layer", "key_time"])
        #expect(Set(table.header).count == table.header.count)
        #expect(PlotDataTable.keyColumns(for: ["area", "name", "area"]) == ["area", "key_name", "key_area"])
    }

    @Test("one row per drawn item, in layer order, every record as wide as the header")
    func rows() throws {
        let plot = ReportSamples.full
        let records = ReportSamples.parseCSV(PlotDataTable.csv(for: plot))
        let header = try #require(records.first)
        let body = records.dropFirst()
        #expect(body.count == 10 + 10 + 2 + 3 + 10 + 1)
        #expect(body.allSatisfy { $0.count == header.count })
        let layers = body.map { $0[3] }
        var order: [String] = []
        for l in layers where order.last != l { order.append(l) }
        #expect(order == ["observed", "trend", "sen", "forecast", "benchmark", "event"])
        #expect(body.allSatisfy { Array($0[0..<3]) == ["E06000002", "Middlesbrough", "social_workers_fte"] })

        let trend = try #require(body.first { $0[3] == "trend" })
        #expect(trend[4] == "OLS trend (95% CI)")
        #expect(Double(trend[8])! < Double(trend[7])! && Double(trend[7])! < Double(trend[9])!, "lower < value < upper")
        let forecast = body.filter { $0[3] == "forecast" }
        #expect(forecast.map { $0[5] } == ["2024-25", "2025-26", "2026-27"])
        let event = try #require(body.last)
        #expect(event[3...] == ["event", "Ofsted: Inadequate", "2019-20", "2019.5", "", "", "", "ofsted_inspection"])
    }

    @Test("missing values are empty fields with the reason in note")
    func gaps() throws {
        let body = ReportSamples.parseCSV(PlotDataTable.csv(for: ReportSamples.full)).dropFirst()
        let missing = body.filter { $0[3] == "observed" && $0[7].isEmpty }
        #expect(missing.map { $0[5] } == ["2018-19"])
        #expect(missing.first?[10] == "x: not available")
        let present = body.filter { $0[3] == "observed" && !$0[7].isEmpty }
        #expect(present.count == 9 && present.allSatisfy { $0[10].isEmpty })
        let benchmarkGap = body.filter { $0[3] == "benchmark" && $0[7].isEmpty }
        #expect(benchmarkGap.map { $0[4] + "|" + $0[5] + "|" + $0[10] } == ["England|2016-17|z: not applicable"])
    }

    @Test("times and values keep full precision")
    func precision() throws {
        let body = ReportSamples.parseCSV(PlotDataTable.csv(for: ReportSamples.hostile)).dropFirst()
        let august = try #require(body.first { $0[3] == "observed" && $0[5] == "2020-08" })
        #expect(Double(august[6]) == 2020 + 7.0 / 12)
        #expect(august[6] == "2020.5833333333333")
        let minimal = ReportSamples.parseCSV(PlotDataTable.csv(for: ReportSamples.minimal)).dropFirst()
        #expect(minimal.map { $0[7] } == ["1", String(1.0 / 3), "2.5e-07"])
        #expect(minimal.allSatisfy { Double($0[7]) != nil })
    }

    @Test("hostile text is quoted and neutralised, and reads back as itself behind the apostrophe")
    func hostileText() throws {
        let plot = ReportSamples.hostile
        let csv = PlotDataTable.csv(for: plot)
        let records = ReportSamples.parseCSV(csv)
        let body = records.dropFirst()
        #expect(body.allSatisfy { $0.count == records[0].count }, "quoted line breaks and commas stay inside fields")
        #expect(body.allSatisfy { $0[1] == ReportSamples.hostileName }, "no formula start, so no apostrophe")
        #expect(body.allSatisfy { $0[2] == "'=1+2" })
        let benchmarks = Set(body.filter { $0[3] == "benchmark" }.map { $0[4] })
        #expect(benchmarks == ["'-England", "North East"])
        let events = body.filter { $0[3] == "event" }
        #expect(events.map { $0[4] } == ["$5 cut \"quoted\" '); import os #", "'@commissioner"])
        #expect(events.map { $0[10] } == ["'-intervention", ""])
        // No field of any record starts with a formula character unless it is a number.
        for record in body {
            for field in record where field.first.map({ "=+-@".contains($0) }) == true {
                #expect(Double(field) != nil, "formula-like field \(field)")
            }
        }
    }

    @Test("the same plot always gives the same bytes; the rows carry the plot's values")
    func determinism() {
        for plot in ReportSamples.all {
            #expect(PlotDataTable.csv(for: plot) == PlotDataTable.csv(for: plot))
            #expect(PlotDataTable(plot: plot) == PlotDataTable(plot: plot))
            #expect(PlotDataTable.csv(for: plot).hasSuffix("\n"))
        }
        let table = PlotDataTable(plot: ReportSamples.full)
        #expect(table.rows.filter { $0.layer == .observed }.map(\.value) == ReportSamples.full.observations.map(\.value))
    }

    @Test("a plot with observations only has only observed rows")
    func minimalPlot() {
        let table = PlotDataTable(plot: ReportSamples.minimal)
        #expect(table.rows.count == 3)
        #expect(table.rows.allSatisfy { $0.layer == .observed && $0.name == PlotDataTable.observedName })
    }
}
