import Foundation
@testable import Metrics
import Testing

struct VegaLiteChartTests {
    static func spec(_ plot: SeriesPlot) throws -> [String: Any] {
        try #require(try ReportSamples.parseJSON(VegaLiteChart.spec(for: plot)) as? [String: Any])
    }

    static func layers(_ spec: [String: Any]) -> [[String: Any]] { spec["layer"] as? [[String: Any]] ?? [] }

    static func markType(_ layer: [String: Any]) -> String? {
        (layer["mark"] as? [String: Any])?["type"] as? String ?? layer["mark"] as? String
    }

    /// The `layer` value the layer's filter selects.
    static func filteredLayer(_ layer: [String: Any]) -> String? {
        guard let transform = layer["transform"] as? [[String: Any]],
              let filter = transform.first?["filter"] as? [String: Any] else { return nil }
        let first = (filter["and"] as? [[String: Any]])?.first ?? filter
        return first["field"] as? String == "layer" ? first["equal"] as? String : nil
    }

    static func signature(_ spec: [String: Any]) -> [String] {
        layers(spec).map { "\(markType($0) ?? "?"):\(filteredLayer($0) ?? "?")" }
    }

    @Test("top level: schema, size, title, subtitle and description")
    func topLevel() throws {
        let plot = ReportSamples.full
        let spec = try Self.spec(plot)
        #expect(spec["$schema"] as? String == "https://vega.github.io/schema/vega-lite/v5.json")
        #expect(spec["width"] as? Int == 640 && spec["height"] as? Int == 360)
        let title = try #require(spec["title"] as? [String: Any])
        #expect(title["text"] as? String == plot.title)
        #expect(title["subtitle"] as? String == plot.subtitle)
        #expect(spec["description"] as? String == plot.description)
        let x = try #require((spec["encoding"] as? [String: Any])?["x"] as? [String: Any])
        #expect(x["field"] as? String == "time" && x["type"] as? String == "quantitative")
        #expect((x["scale"] as? [String: Any])?["zero"] as? Bool == false)
    }

    @Test("every part of the plot has its layer, bottom to top")
    func fullLayers() throws {
        let spec = try Self.spec(ReportSamples.full)
        #expect(Self.signature(spec) == [
            "area:trend", "area:forecast", "rule:event", "line:benchmark", "line:trend", "line:sen",
            "line:forecast", "line:observed", "point:observed", "point:observed", "text:event",
        ])
        let bands = Self.layers(spec).filter { Self.markType($0) == "area" }
        for band in bands {
            let encoding = try #require(band["encoding"] as? [String: Any])
            #expect((encoding["y"] as? [String: Any])?["field"] as? String == "lower")
            #expect((encoding["y2"] as? [String: Any])?["field"] as? String == "upper")
        }
    }

    @Test("absent parts have no layers")
    func minimalLayers() throws {
        let spec = try Self.spec(ReportSamples.minimal)
        #expect(Self.signature(spec) == ["line:observed", "point:observed"])
        let hostile = try Self.spec(ReportSamples.hostile)
        #expect(Self.signature(hostile) == [
            "area:trend", "rule:event", "line:benchmark", "line:trend", "line:sen", "line:observed",
            "point:observed", "point:observed", "text:event",
        ])
    }

    /// A member of a JSON object, read from the `JSONValue` itself (Foundation's parser rounds some doubles).
    static func member(_ value: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.0 == key }?.1
    }

    @Test("the inline data are the plot-data rows, missing values null")
    func inlineData() throws {
        for plot in ReportSamples.all {
            let spec = VegaLiteChart.spec(for: plot)
            guard case .array(let values)? = Self.member(spec, "data").flatMap({ Self.member($0, "values") }) else {
                Issue.record("no data.values"); continue
            }
            let table = PlotDataTable(plot: plot)
            #expect(values.count == table.rows.count)
            for (object, row) in zip(values, table.rows) {
                guard case .object(let members) = object else { Issue.record("row is not an object"); continue }
                #expect(members.map(\.0) == table.header, "the CSV's columns, in order")
                #expect(Self.member(object, "layer") == .string(row.layer.rawValue))
                #expect(Self.member(object, "name") == .string(row.name))
                #expect(Self.member(object, "time") == .number(row.time))
                #expect(Self.member(object, "value") == row.value.map(JSONValue.number) ?? .null)
                #expect(Self.member(object, "lower") == row.lower.map(JSONValue.number) ?? .null)
                #expect(Self.member(object, "note") == row.note.map(JSONValue.string) ?? .null)
                for (column, value) in zip(table.keyColumns, table.keyValues) {
                    #expect(Self.member(object, column) == .string(value), "key column \(column), unneutralised")
                }
            }
            #expect(values.contains { Self.member($0, "value") == .null } == plot.observations.contains { $0.value == nil })
        }
    }

    @Test("the time axis is ticked at periods and labelled with them")
    func periodAxis() throws {
        let spec = try Self.spec(ReportSamples.full)
        let x = try #require((spec["encoding"] as? [String: Any])?["x"] as? [String: Any])
        let axis = try #require(x["axis"] as? [String: Any])
        let values = try #require(axis["values"] as? [Double])
        #expect(values == (0..<7).map { 2014.25 + 2 * Double($0) }, "10 observed + 3 forecast periods, every 2nd")
        let expr = try #require(axis["labelExpr"] as? String)
        #expect(expr.contains("\"2014-15\"") && expr.contains("\"2026-27\"") && expr.contains("datum.value"))

        let monthly = try Self.spec(ReportSamples.hostile)
        let monthlyAxis = try #require(((monthly["encoding"] as? [String: Any])?["x"] as? [String: Any])?["axis"] as? [String: Any])
        let ticks = try #require(monthlyAxis["values"] as? [Double])
        #expect(ticks.count <= VegaLiteChart.maximumTicks && ticks.count >= 4)
        #expect(ticks.count == 12 && ticks[0] == 2020 && ticks[3] == 2021, "48 months thinned to every 4th")
    }

    @Test("lines share one legend whose domain is the line names")
    func legend() throws {
        let spec = try Self.spec(ReportSamples.full)
        let line = try #require(Self.layers(spec).first { Self.markType($0) == "line" })
        let color = try #require((line["encoding"] as? [String: Any])?["color"] as? [String: Any])
        let domain = try #require((color["scale"] as? [String: Any])?["domain"] as? [String])
        #expect(domain == ["Observed", "OLS trend (95% CI)", "Sen slope", "Holt forecast (95% PI)", "England"])
        let range = try #require((color["scale"] as? [String: Any])?["range"] as? [String])
        #expect(range.count == domain.count)
    }

    @Test("hostile text stays data: escaped JSON, period labels as string literals")
    func hostile() throws {
        let plot = ReportSamples.hostile
        let text = VegaLiteChart.spec(for: plot).rendered()
        #expect(!text.contains("<b>"), "angle brackets are escaped for embedding in HTML")
        let spec = try Self.spec(plot)
        #expect((spec["title"] as? [String: Any])?["text"] as? String == plot.title)
        let values = try #require((spec["data"] as? [String: Any])?["values"] as? [[String: Any]])
        #expect(values.contains { $0["name"] as? String == "-England" }, "no spreadsheet apostrophe in JSON")
    }

    @Test("the specification is deterministic")
    func determinism() {
        for plot in ReportSamples.all {
            #expect(VegaLiteChart.spec(for: plot).rendered() == VegaLiteChart.spec(for: plot).rendered())
        }
        #expect(VegaLiteChart.spec(for: ReportSamples.full) != VegaLiteChart.spec(for: ReportSamples.minimal))
    }
}
