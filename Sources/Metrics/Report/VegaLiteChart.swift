/// One chart as a self-contained Vega-Lite v5 specification (`charts/ID.vl.json` in a report bundle).
///
/// Conventions:
/// - The data are inlined as `data.values`: exactly the rows of the plot-data CSV (`PlotDataTable`), one
///   object per row with the same column names; missing numbers and absent text are `null`, text is as the
///   plot holds it (no spreadsheet neutralisation, which JSON does not need).
/// - A layered chart on a quantitative `time` axis (absolute decimal years), drawn bottom to top: the
///   trend's confidence band and the forecast's prediction interval (areas, `y` = `lower`, `y2` =
///   `upper`), event rules, benchmark lines, the OLS trend line, the Sen line (dashed), the forecast line
///   (dotted), the observed line, observed points, markers for missing periods along the bottom, and the
///   event labels. Layers whose part of the plot is absent are left out.
/// - Missing values are `null`, and Vega-Lite's default handling of invalid values breaks a line there, so
///   the observed and benchmark lines show gaps rather than bridging them.
/// - The x axis is ticked at the observed (and forecast) periods, thinned to at most `maximumTicks`, and
///   labelled with the periods as the input wrote them (`2020-21`) through a `labelExpr` lookup.
/// - `title`/`subtitle` come from the plot, `description` (read by screen readers) from its description.
///   When the events are numbered (`EventMarkers`: their names would overlap) or the plot has a source line
///   or notes, `subtitle` is a list of lines: the plot's subtitle, the events' key, the source and notes.
/// - Event labels sit in lanes at the top (`EventMarkers` at the chart's width): their names when they fit,
///   else their numbers, so no label is drawn over another. Missing periods are marked below the time
///   axis' labels, never at a value.
/// - The lines share one legend (colour and dash by `name`); bands, events and missing markers are not in it.
///
/// The specification is deterministic: the same plot always renders to the same text.
public struct VegaLiteChart: Sendable {
    public static let schema = "https://vega.github.io/schema/vega-lite/v5.json"
    public static let width = 640
    public static let height = 360
    /// At most this many labelled ticks on the time axis.
    public static let maximumTicks = 12

    public let plot: SeriesPlot

    public init(plot: SeriesPlot) {
        self.plot = plot
    }

    /// The specification of `plot`.
    public static func spec(for plot: SeriesPlot) -> JSONValue { VegaLiteChart(plot: plot).json }

    // Colours (colour-blind-safe, from the Okabe–Ito and Dark2 families) and dashes per role.
    static let observedColor = "#1f4e79"
    static let trendColor = "#d55e00"
    static let senColor = "#7570b3"
    static let forecastColor = "#009e73"
    static let benchmarkColors = ["#6b6b6b", "#a6761d", "#cc79a7", "#56b4e9", "#999999", "#e69f00"]
    static let eventColor = "#555555"
    static let solid: [Int] = [1, 0]
    static let dashed: [Int] = [6, 4]
    static let dotted: [Int] = [2, 3]
    static let benchmarkDashes: [[Int]] = [[1, 0], [8, 3], [4, 2, 1, 2]]

    /// The whole specification.
    public var json: JSONValue {
        let table = PlotDataTable(plot: plot)
        let legend = legendScale()
        var layers: [JSONValue] = []

        if let trend = plot.trend, trend.points.contains(where: { $0.lower != nil && $0.upper != nil }) {
            layers.append(band(layer: .trend, color: Self.trendColor))
        }
        if let forecast = plot.forecast, forecast.points.contains(where: { $0.lower != nil && $0.upper != nil }) {
            layers.append(band(layer: .forecast, color: Self.forecastColor))
        }
        if !plot.events.isEmpty { layers.append(eventRules()) }
        if !plot.benchmarks.isEmpty {
            layers.append(line(layer: .benchmark, legend: legend, mark: [("strokeWidth", .number(1.5))]))
        }
        if plot.trend != nil { layers.append(line(layer: .trend, legend: legend, mark: [("strokeWidth", .number(2))])) }
        if plot.sen != nil { layers.append(line(layer: .sen, legend: legend, mark: [("strokeWidth", .number(1.5))])) }
        if plot.forecast != nil {
            layers.append(line(layer: .forecast, legend: legend, mark: [("strokeWidth", .number(2))]))
        }
        layers.append(line(layer: .observed, legend: legend, mark: [("strokeWidth", .number(2))]))
        layers.append(observedPoints())
        if plot.observations.contains(where: { $0.value == nil }) { layers.append(missingMarkers()) }
        if !plot.events.isEmpty { layers.append(eventLabels()) }

        return .object([
            ("$schema", .string(Self.schema)),
            ("title", .object([
                ("text", .string(plot.title)),
                ("subtitle", subtitleLines.count == 1 ? .string(plot.subtitle) : .array(subtitleLines.map(JSONValue.string))),
                ("anchor", .string("start")),
            ])),
            ("description", .string(plot.description)),
            ("width", .integer(Self.width)),
            ("height", .integer(Self.height)),
            ("background", .string("white")),
            ("data", .object([("values", .array(values(table)))])),
            ("encoding", .object([("x", xEncoding())])),
            ("layer", .array(layers)),
        ])
    }

    // MARK: data

    func values(_ table: PlotDataTable) -> [JSONValue] {
        let keys = zip(table.keyColumns, table.keyValues).map { ($0, JSONValue.string($1)) }
        return table.rows.map { row in
            .object(keys + [
                ("layer", .string(row.layer.rawValue)),
                ("name", .string(row.name)),
                ("period", row.period.map(JSONValue.string) ?? .null),
                ("time", .number(row.time)),
                ("value", .number(row.value)),
                ("lower", .number(row.lower)),
                ("upper", .number(row.upper)),
                ("note", row.note.map(JSONValue.string) ?? .null),
            ])
        }
    }

    // MARK: axes

    /// The labelled ticks: observed and forecast periods, unique by time, thinned to `maximumTicks`.
    var ticks: [(time: Double, label: String)] {
        var all: [(time: Double, label: String)] = plot.observations.map { ($0.time, $0.period) }
        for p in plot.forecast?.points ?? [] { if let period = p.period { all.append((p.time, period)) } }
        all = all.filter { $0.time.isFinite }
        all.sort { $0.time < $1.time }
        var unique: [(time: Double, label: String)] = []
        for t in all where unique.last?.time != t.time { unique.append(t) }
        guard unique.count > Self.maximumTicks else { return unique }
        let strides = [2, 3, 4, 5, 6, 10, 12, 15, 20, 24, 25, 30, 36, 48, 50, 60, 100, 120]
        let stride = strides.first { (unique.count + $0 - 1) / $0 <= Self.maximumTicks }
            ?? (unique.count + Self.maximumTicks - 1) / Self.maximumTicks
        return unique.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
    }

    func xEncoding() -> JSONValue {
        let ticks = self.ticks
        var axis: [(String, JSONValue)] = [("grid", .bool(false)), ("labelOverlap", .string("greedy"))]
        if !ticks.isEmpty {
            var times = ""
            var labels = ""
            for (k, t) in ticks.enumerated() {
                if k > 0 { times += ","; labels += "," }
                times += JSONValue.numberText(t.time)
                JSONValue.writeString(t.label, to: &labels)
            }
            axis.append(("values", .array(ticks.map { .number($0.time) })))
            // The label of the tick at datum.value; string literals are JSON's, which Vega's expression
            // language reads the same way, so any period text stays a literal.
            axis.append(("labelExpr", .string("[\(labels)][indexof([\(times)], datum.value)]")))
        }
        return .object([
            ("field", .string("time")),
            ("type", .string("quantitative")),
            ("title", .null),
            ("scale", .object([("zero", .bool(false)), ("nice", .bool(false))])),
            ("axis", .object(axis)),
        ])
    }

    func yEncoding(field: String) -> JSONValue {
        .object([
            ("field", .string(field)),
            ("type", .string("quantitative")),
            ("title", plot.valueLabel.isEmpty ? .null : .string(plot.valueLabel)),
            ("scale", .object([("zero", .bool(false))])),
        ])
    }

    var valueFormat: String? {
        guard let places = plot.decimalPlaces, places >= 0, places <= 20 else { return nil }
        return ",.\(places)f"
    }

    func tooltip(_ fields: [(field: String, title: String, numeric: Bool)]) -> JSONValue {
        .array(fields.map { f in
            var members: [(String, JSONValue)] = [
                ("field", .string(f.field)), ("type", .string(f.numeric ? "quantitative" : "nominal")),
                ("title", .string(f.title)),
            ]
            if f.numeric, let format = valueFormat { members.append(("format", .string(format))) }
            return .object(members)
        })
    }

    // MARK: layers

    /// The point layer's computed field for screen readers (`2019-20: 57.5`). Vega-Lite's own per-mark
    /// descriptions are built as expressions from axis titles, which breaks on titles with backslashes and
    /// quotes, so every other mark has `aria: false` and this layer describes itself from data alone.
    static let pointDescriptionField = "point_description"

    /// The predicate `layer == layer` (and `more`, when given).
    static func layerIs(_ layer: PlotDataTable.Layer, _ more: JSONValue...) -> JSONValue {
        let first: JSONValue = .object([("field", .string("layer")), ("equal", .string(layer.rawValue))])
        return more.isEmpty ? first : .object([("and", .array([first] + more))])
    }

    /// A transform list keeping the rows of `layer`.
    static func filter(_ layer: PlotDataTable.Layer) -> JSONValue {
        .array([.object([("filter", layerIs(layer))])])
    }

    /// The legend's domain (line names, first use wins) and its colours and dashes.
    func legendScale() -> (domain: [String], colors: [String], dashes: [[Int]]) {
        var domain: [String] = []
        var colors: [String] = []
        var dashes: [[Int]] = []
        func add(_ name: String, _ color: String, _ dash: [Int]) {
            guard !domain.contains(name) else { return }
            domain.append(name)
            colors.append(color)
            dashes.append(dash)
        }
        add(PlotDataTable.observedName, Self.observedColor, Self.solid)
        if let trend = plot.trend { add(trend.name, Self.trendColor, Self.solid) }
        if let sen = plot.sen { add(sen.name, Self.senColor, Self.dashed) }
        if let forecast = plot.forecast { add(forecast.name, Self.forecastColor, Self.dotted) }
        for (k, b) in plot.benchmarks.enumerated() {
            add(b.name, Self.benchmarkColors[k % Self.benchmarkColors.count],
                Self.benchmarkDashes[(k / Self.benchmarkColors.count) % Self.benchmarkDashes.count])
        }
        return (domain, colors, dashes)
    }

    func line(
        layer: PlotDataTable.Layer, legend: (domain: [String], colors: [String], dashes: [[Int]]),
        mark: [(String, JSONValue)]
    ) -> JSONValue {
        let domain = JSONValue.array(legend.domain.map(JSONValue.string))
        let legendSpec: JSONValue = .object([("title", .null), ("orient", .string("bottom")), ("columnPadding", .integer(16))])
        return .object([
            ("transform", Self.filter(layer)),
            ("mark", .object([("type", .string("line")), ("aria", .bool(false))] + mark)),
            ("encoding", .object([
                ("y", yEncoding(field: "value")),
                ("color", .object([
                    ("field", .string("name")), ("type", .string("nominal")),
                    ("scale", .object([("domain", domain), ("range", .array(legend.colors.map(JSONValue.string)))])),
                    ("legend", legendSpec),
                ])),
                ("strokeDash", .object([
                    ("field", .string("name")), ("type", .string("nominal")),
                    ("scale", .object([
                        ("domain", domain),
                        ("range", .array(legend.dashes.map { .array($0.map(JSONValue.integer)) })),
                    ])),
                    ("legend", legendSpec),
                ])),
                ("tooltip", tooltip([("name", "Series", false), ("period", "Period", false), ("value", "Value", true)])),
            ])),
        ])
    }

    func band(layer: PlotDataTable.Layer, color: String) -> JSONValue {
        .object([
            ("transform", Self.filter(layer)),
            ("mark", .object([
                ("type", .string("area")), ("aria", .bool(false)), ("color", .string(color)), ("opacity", .number(0.18)),
            ])),
            ("encoding", .object([
                ("y", yEncoding(field: "lower")),
                ("y2", .object([("field", .string("upper"))])),
                ("tooltip", tooltip([("name", "Series", false), ("lower", "Lower", true), ("upper", "Upper", true)])),
            ])),
        ])
    }

    func observedPoints() -> JSONValue {
        // The format is ours (`,.Nf` or `,`), so the expression holds no data text.
        .object([
            ("transform", .array([
                .object([("filter", Self.layerIs(.observed, .object([("field", .string("value")), ("valid", .bool(true))])))]),
                .object([("calculate", .string("datum.period + ': ' + format(datum.value, '\(valueFormat ?? ",")')")),
                         ("as", .string(Self.pointDescriptionField))]),
            ])),
            ("mark", .object([
                ("type", .string("point")), ("filled", .bool(true)), ("size", .number(36)),
                ("color", .string(Self.observedColor)),
            ])),
            ("encoding", .object([
                ("y", yEncoding(field: "value")),
                ("description", .object([("field", .string(Self.pointDescriptionField)), ("type", .string("nominal"))])),
                ("tooltip", tooltip([("period", "Period", false), ("value", "Value", true)])),
            ])),
        ])
    }

    func missingMarkers() -> JSONValue {
        .object([
            ("transform", .array([
                .object([("filter", Self.layerIs(.observed, .object([("field", .string("value")), ("valid", .bool(false))])))]),
            ])),
            ("mark", .object([
                ("type", .string("point")), ("aria", .bool(false)), ("shape", .string("triangle-up")), ("filled", .bool(true)),
                ("size", .number(40)), ("color", .string("#b00020")),
            ])),
            ("encoding", .object([
                // Below the time axis' labels, outside the value scale: a missing value is not a low one.
                ("y", .object([("value", .integer(Self.height + 30))])),
                ("tooltip", tooltip([("period", "Missing period", false), ("note", "Reason", false)])),
            ])),
        ])
    }

    func eventRules() -> JSONValue {
        .object([
            ("transform", Self.filter(.event)),
            ("mark", .object([
                ("type", .string("rule")), ("aria", .bool(false)), ("color", .string(Self.eventColor)),
                ("strokeDash", .array([.integer(4), .integer(3)])), ("strokeWidth", .number(1)),
            ])),
            ("encoding", .object([
                ("tooltip", tooltip([("name", "Event", false), ("period", "Period", false), ("note", "Category", false)])),
            ])),
        ])
    }

    /// Where the event labels go at this chart's width (positions from the data's time extent).
    var eventMarkers: EventMarkers {
        var times = plot.observations.map(\.time) + plot.events.map(\.time)
        for line in [plot.trend, plot.sen, plot.forecast].compactMap({ $0 }) { times += line.points.map(\.time) }
        for b in plot.benchmarks { times += b.observations.map(\.time) }
        times = times.filter(\.isFinite)
        let lo = times.min() ?? 0
        let span = (times.max() ?? 1) - lo
        let events = plot.events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        return EventMarkers(
            positions: events.map { span > 0 ? ($0.time - lo) / span * Double(Self.width) : 0 }, names: events.map(\.label),
            fontSize: 10, left: 0, right: Double(Self.width))
    }

    /// The subtitle's lines: the plot's subtitle, then the numbered events' key, the source line and the notes.
    var subtitleLines: [String] {
        var lines = [plot.subtitle]
        if !plot.events.isEmpty, eventMarkers.style == .numbered {
            let events = plot.events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
            let entries = EventMarkers.keyEntries(periods: events.map(\.period), names: events.map(\.label))
            lines += ChartTextFit.wrapped(
                "Events: " + entries.map { $0.number + " " + $0.text }.joined(separator: " · "), width: Double(Self.width), fontSize: 11)
        }
        for text in [plot.source] + plot.notes where !ChartTextFit.singleLine(text).isEmpty {
            lines += ChartTextFit.wrapped(text, width: Double(Self.width), fontSize: 11)
        }
        return lines
    }

    func eventLabels() -> JSONValue {
        let markers = eventMarkers
        var texts = ""
        var lanes = ""
        for (k, text) in markers.texts.enumerated() {
            if k > 0 { texts += ","; lanes += "," }
            JSONValue.writeString(text, to: &texts)
            lanes += String(2 + markers.lanes.placements[k].lane * 13)
        }
        // The k-th event row (the plot data's rows are in time order) gets the k-th text and lane.
        return .object([
            ("transform", .array([
                .object([("filter", Self.layerIs(.event))]),
                .object([("window", .array([.object([("op", .string("row_number")), ("as", .string("event_number"))])]))]),
                .object([("calculate", .string("[\(texts)][datum.event_number - 1]")), ("as", .string("event_text"))]),
                .object([("calculate", .string("[\(lanes)][datum.event_number - 1]")), ("as", .string("event_lane"))]),
            ])),
            ("mark", .object([
                ("type", .string("text")), ("aria", .bool(false)), ("align", .string("left")), ("baseline", .string("top")),
                ("dx", .integer(3)), ("dy", .integer(2)), ("fontSize", .integer(10)),
                ("color", .string(Self.eventColor)),
            ])),
            ("encoding", .object([
                ("y", .object([("field", .string("event_lane")), ("type", .string("quantitative")), ("scale", .null)])),
                ("text", .object([("field", .string("event_text")), ("type", .string("nominal"))])),
            ])),
        ])
    }
}
