import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Metrics
import Testing

/// An SVG document read back with `XMLParser`: its elements in document order, with their attributes and
/// the text directly inside them; `error` is the parser's complaint, if any.
final class ChartXMLDocument: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        let depth: Int
        var text: String
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: String?

    init(_ document: String) {
        super.init()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError.map { "\($0)" } ?? "unknown XML error" }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        open.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributeDict, depth: open.count, text: ""))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let k = open.last { elements[k].text += string }
    }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    /// The elements inside the element with `id`, in document order.
    func inside(id: String) -> [Element] {
        guard let start = elements.firstIndex(where: { $0.attributes["id"] == id }) else { return [] }
        let depth = elements[start].depth
        return Array(elements[(start + 1)...].prefix { $0.depth > depth })
    }
    func element(id: String) -> Element? { elements.first { $0.attributes["id"] == id } }
    var texts: [String] { elements.map(\.text).filter { !$0.isEmpty } }
}

/// Plots for the chart tests.
enum ChartPlotFixtures {
    static let key = SeriesKey(names: ["area"], values: ["A"])

    static func annual(_ values: [Double?], from year: Int = 2016, reasons: [String?]? = nil) -> [SeriesPlot.Observation] {
        values.enumerated().map { k, v in
            SeriesPlot.Observation(period: "\(year + k)-\(String(year + k + 1).suffix(2))", time: Double(year + k) + 0.25, value: v,
                                   missingReason: v == nil ? (reasons?[k] ?? "x: not available") : nil)
        }
    }

    static func plot(
        id: String = "001-test", title: String = "Children looked after", subtitle: String = "Area A · count",
        values: [Double?], unit: SeriesMetadata.Unit? = .count, events: [SeriesPlot.Event] = [], benchmarks: [SeriesPlot.Benchmark] = [],
        trend: SeriesPlot.Line? = nil, forecast: SeriesPlot.Line? = nil
    ) -> SeriesPlot {
        SeriesPlot(
            id: id, title: title, subtitle: subtitle, description: "A test chart.", key: key, unit: unit, decimalPlaces: nil,
            valueLabel: "Children", observations: annual(values), trend: trend, forecast: forecast, events: events, benchmarks: benchmarks)
    }

    /// Middlesbrough's children looked after, with everything a chart can show.
    static var middlesbrough: SeriesPlot {
        let values: [Double] = [377, 444, 497, 551, 596, 561, 528, 496, 470, 449]
        let observations = values.enumerated().map { k, v in
            SeriesPlot.Observation(period: "\(2016 + k)-03-31", time: Double(2016 + k) + 89.0 / 365, value: v)
        }
        let times = observations.map(\.time)
        let trend = SeriesPlot.Line(name: "OLS trend (95% CI)", points: times.map { t in
            let fit = 505 + 4 * (t - 2020.7)
            return SeriesPlot.BandPoint(period: nil, time: t, value: fit, lower: fit - 45, upper: fit + 45)
        })
        let sen = SeriesPlot.Line(name: "Sen slope", points: [
            SeriesPlot.BandPoint(period: nil, time: times[0], value: 470), SeriesPlot.BandPoint(period: nil, time: times[9], value: 480),
        ])
        let forecast = SeriesPlot.Line(name: "Holt forecast (95% PI)", points: (1...3).map { h in
            let v = 449 - 20 * Double(h)
            return SeriesPlot.BandPoint(period: "\(2025 + h)-03-31", time: times[9] + Double(h), value: v, lower: v - 40, upper: v + 40)
        })
        let england = SeriesPlot.Benchmark(name: "Statistical neighbours", observations: observations.map {
            SeriesPlot.Observation(period: $0.period, time: $0.time, value: 380 + 8 * ($0.time - 2016))
        })
        return SeriesPlot(
            id: "001-middlesbrough-cla", title: "Children looked after at 31 March", subtitle: "Middlesbrough (E06000002) · count",
            description: "Rose from 377 in 2016 to 596 in 2020, then fell to 449 by 2025.", key: key, unit: .count, decimalPlaces: 0,
            valueLabel: "Children", observations: observations, trend: trend, sen: sen, forecast: forecast,
            events: [
                SeriesPlot.Event(period: "2019-11", time: 2019 + 10.0 / 12, label: "Ofsted: inadequate"),
                SeriesPlot.Event(period: "2020-01", time: 2020, label: "Commissioner appointed"),
                SeriesPlot.Event(period: "2024-09", time: 2024 + 8.0 / 12, label: "Direction revoked"),
            ],
            benchmarks: [england])
    }

    /// Numbers written in attributes of a parsed document that are not plain finite decimals.
    static func badNumbers(in svg: String) -> [String] {
        let lower = svg.lowercased()
        return ["nan", "inf"].filter { lower.contains($0) }
    }
}

@Suite("SVG chart")
struct SVGChartTests {
    typealias Fixtures = ChartPlotFixtures

    func parse(_ svg: String) -> ChartXMLDocument {
        let parsed = ChartXMLDocument(svg)
        #expect(parsed.error == nil, "the SVG is not well-formed XML: \(parsed.error ?? "")")
        return parsed
    }

    @Test("markup escaping: the five special characters, and characters XML forbids")
    func escaping() {
        #expect(MarkupText.text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(MarkupText.text("Tom & Jerry's \"show\"") == "Tom &amp; Jerry's \"show\"")
        #expect(MarkupText.attribute("a\"b'c&d<e>f") == "a&quot;b&#39;c&amp;d&lt;e&gt;f")
        #expect(MarkupText.attribute("line\none\ttab") == "line&#10;one&#9;tab")
        // Forbidden characters are written as their visible escapes, as the table and the CSV show them.
        #expect(MarkupText.text("bell\u{07}nul\u{00}vt\u{0B}ff\u{0C}esc\u{1B}") == #"bell\u{7}nul\u{0}vt\u{B}ff\u{C}esc\u{1B}"#)
        let nonCharacters = [0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE, 0x85].compactMap { Unicode.Scalar(UInt32($0)) }.map(String.init).joined()
        #expect(MarkupText.text(nonCharacters) == #"\u{FFFE}\u{FFFF}\u{FDD0}\u{1FFFE}\u{85}"#)
        #expect(MarkupText.text("Ynys Môn · £1,200 — 😀") == "Ynys Môn · £1,200 — 😀")
        #expect(MarkupText.sanitized("a\u{01}b<") == #"a\u{1}b<"#)
    }

    @Test("hostile text in titles, area names, periods, events and benchmarks appears only escaped")
    func hostileText() {
        let hostile = "<script>alert(1)</script>"
        var plot = Fixtures.plot(
            title: hostile, subtitle: "Area \"&' " + hostile, values: [1, 2, nil, 4],
            events: [SeriesPlot.Event(period: "2017-<b>", time: 2017.5, label: "\"&' " + hostile)],
            benchmarks: [SeriesPlot.Benchmark(name: "England \"&' " + hostile, observations: Fixtures.annual([2, 2, 2, 2]))])
        plot.observations[2] = SeriesPlot.Observation(period: "2018-<i>", time: 2018.25, value: nil, missingReason: hostile)
        plot.description = hostile + " \u{00}"
        plot.valueLabel = hostile
        let svg = SVGChart(plot: plot).render()
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("<b>") && !svg.contains("<i>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Every `&` starts one of the references MarkupText writes.
        let references = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#9;", "&#10;", "&#13;"]
        var rest = Substring(svg)
        while let amp = rest.firstIndex(of: "&") {
            let tail = rest[amp...]
            #expect(references.contains { tail.hasPrefix($0) }, "stray & before \(tail.prefix(12))")
            rest = rest[rest.index(after: amp)...]
        }
        let parsed = parse(svg)
        // The parser decodes the references back to the original text.
        #expect(parsed.texts.contains { $0.contains("\"&' <script>alert(1)</script>") })
        #expect(parsed.named("script").isEmpty)
        #expect(!svg.contains("\u{00}"))
    }

    @Test("a missing value breaks the line: two separate segments, nothing drawn across the gap")
    func gaps() throws {
        let svg = SVGChart(plot: Fixtures.plot(values: [10, 12, nil, 15, 16])).render()
        let parsed = parse(svg)
        let segments = parsed.named("path").filter { $0.attributes["class"] == "observed-segment" }
        #expect(segments.count == 2)
        // Each segment joins exactly two points (one move, one line), with no `M` in the middle of a path.
        for segment in segments {
            let d = try #require(segment.attributes["d"])
            #expect(d.filter { $0 == "M" }.count == 1 && d.filter { $0 == "L" }.count == 1, "\(d)")
        }
        // The gap: the first segment ends left of the missing period's marker, the second starts right of it.
        let hollow = parsed.inside(id: "svg-001-test-missing").filter { $0.name == "circle" }
        #expect(hollow.count == 1)
        let gapX = try #require(hollow.first.flatMap { $0.attributes["cx"] }.flatMap(Double.init))
        func xs(_ d: String) -> [Double] {
            d.split(whereSeparator: { $0 == "M" || $0 == "L" }).compactMap { $0.split(separator: " ").first.flatMap { Double($0) } }
        }
        let first = xs(segments[0].attributes["d"]!)
        let second = xs(segments[1].attributes["d"]!)
        #expect(first.max()! < gapX && second.min()! > gapX)
        // Four observed markers, and the missing period's tooltip gives its reason.
        let markers = parsed.inside(id: "svg-001-test-observed").filter { $0.name == "circle" }
        #expect(markers.count == 4)
        #expect(parsed.named("title").contains { $0.text == "2018-19: no value (x: not available)" })
    }

    @Test("an isolated value between gaps is a marker, not a line")
    func isolatedValue() {
        let parsed = parse(SVGChart(plot: Fixtures.plot(values: [nil, 5, nil, 7, 8])).render())
        #expect(parsed.named("path").filter { $0.attributes["class"] == "observed-segment" }.count == 1)
        #expect(parsed.inside(id: "svg-001-test-observed").filter { $0.name == "circle" }.count == 3)
    }

    @Test("rendering is deterministic")
    func deterministic() {
        let plot = Fixtures.middlesbrough
        let a = SVGChart(plot: plot).render()
        let b = SVGChart(plot: plot).render()
        #expect(a == b)
        #expect(a != SVGChart(plot: plot, width: 800).render())
    }

    @Test("a full chart parses, names every layer in the legend and prefixes every id")
    func fullChart() throws {
        let plot = Fixtures.middlesbrough
        let svg = SVGChart(plot: plot).render()
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let parsed = parse(svg)
        let root = try #require(parsed.named("svg").first)
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "svg-001-middlesbrough-cla-title svg-001-middlesbrough-cla-desc")
        #expect(parsed.element(id: "svg-001-middlesbrough-cla-title")?.text == "Children looked after at 31 March — Middlesbrough (E06000002) · count")
        #expect(parsed.element(id: "svg-001-middlesbrough-cla-desc")?.text == plot.description)
        let ids = parsed.elements.compactMap { $0.attributes["id"] }
        #expect(ids.allSatisfy { $0.hasPrefix("svg-001-middlesbrough-cla") })
        #expect(Set(ids).count == ids.count, "ids are unique")
        let legendTexts = parsed.inside(id: "svg-001-middlesbrough-cla-legend").filter { $0.name == "text" }.map(\.text)
        #expect(legendTexts == ["Observed", "OLS trend (95% CI)", "Sen slope", "Holt forecast (95% PI)", "Statistical neighbours", "Events"])
        for layer in ["trend", "trend-band", "sen", "forecast", "forecast-band", "benchmark-1", "events", "event-1", "event-2", "event-3"] {
            #expect(parsed.element(id: "svg-001-middlesbrough-cla-\(layer)") != nil, "layer \(layer)")
        }
        // Value labels: whole numbers with the axis title.
        #expect(parsed.named("text").map(\.text).contains("Children"))
        #expect(Fixtures.badNumbers(in: svg).isEmpty)
        // Coordinates have exactly two decimals.
        for circle in parsed.named("circle") {
            let cx = try #require(circle.attributes["cx"])
            #expect(cx.split(separator: ".").last?.count == 2, "\(cx)")
        }
    }

    @Test("without its heading, the chart keeps its accessible title but draws no title text")
    func withoutHeading() {
        let plot = Fixtures.middlesbrough
        let with = parse(SVGChart(plot: plot).render())
        let without = parse(SVGChart(plot: plot, showsHeading: false).render())
        #expect(with.named("text").contains { $0.text == plot.title })
        #expect(!without.named("text").contains { $0.text == plot.title || $0.text == plot.subtitle })
        #expect(without.element(id: "svg-001-middlesbrough-cla-title")?.text.hasPrefix(plot.title) == true)
    }

    @Test("events close together go to different lanes; long labels are cut, with the full text kept")
    func eventLabels() throws {
        let long = "A very long event label that goes on and on and on beyond forty characters"
        let plot = Fixtures.plot(values: [1, 2, 3, 4, 5], events: [
            SeriesPlot.Event(period: "2018-01", time: 2018.0, label: "Ofsted: inadequate"),
            SeriesPlot.Event(period: "2018-02", time: 2018.08, label: "Commissioner appointed"),
            SeriesPlot.Event(period: "2019-02", time: 2019.08, label: long),
        ])
        let parsed = parse(SVGChart(plot: plot).render())
        let labels = (1...3).compactMap { k in parsed.inside(id: "svg-001-test-event-\(k)").first { $0.name == "text" } }
        try #require(labels.count == 3)
        #expect(labels[0].attributes["y"] != labels[1].attributes["y"], "the first two events share no lane")
        #expect(labels[2].text.hasSuffix("…") && labels[2].text.count == 40)
        #expect(parsed.named("title").contains { $0.text == "2019-02: " + long })
    }

    @Test("an event outside the data widens the time axis to include it")
    func eventOutsideData() throws {
        let plot = Fixtures.plot(values: [5, 6, 7], events: [SeriesPlot.Event(period: "2030", time: 2030, label: "Far future")])
        let parsed = parse(SVGChart(plot: plot).render())
        let rule = try #require(parsed.inside(id: "svg-001-test-event-1").first { $0.name == "line" })
        let x = try #require(rule.attributes["x1"].flatMap(Double.init))
        let markers = parsed.inside(id: "svg-001-test-observed").filter { $0.name == "circle" }
        #expect(markers.count == 3)
        let lastX = try #require(markers.last?.attributes["cx"].flatMap(Double.init))
        #expect(x > lastX + 100 && x <= 720 - 14)
    }

    @Test("edge cases render without NaN or infinities and parse as XML", arguments: [
        ("empty", [Double?]()),
        ("one", [42]),
        ("all missing", [nil, nil, nil]),
        ("flat", [7, 7, 7, 7]),
        ("zero flat", [0, 0, 0]),
        ("negative", [-5, -3, -8, -1]),
        ("huge", [1e12, 1.5e12, 2e12]),
        ("beyond Int64", [1e300, 2e300]),
        ("near the largest double", [-1.7e308, 1.7e308]),
        ("tiny", [1e-12, 3e-12]),
        ("not numbers", [.nan, 1, .infinity, 3, -.infinity]),
    ] as [(String, [Double?])])
    func edgeCases(name: String, values: [Double?]) {
        var plot = Fixtures.plot(title: "Edge case \(name)", values: values)
        plot.trend = SeriesPlot.Line(name: "Trend", points: [
            SeriesPlot.BandPoint(period: nil, time: 2016.25, value: .nan, lower: .nan, upper: 3),
        ])
        plot.events = [SeriesPlot.Event(period: "x", time: .nan, label: "Never drawn")]
        let svg = SVGChart(plot: plot).render()
        #expect(Fixtures.badNumbers(in: svg).isEmpty, "\(name)")
        _ = parse(svg)
        #expect(!svg.contains("Never drawn"))
    }

    @Test("huge values keep thousands separators; units show their signs")
    func valueLabels() {
        let huge = parse(SVGChart(plot: Fixtures.plot(values: [1e12, 1.5e12, 2e12])).render())
        #expect(huge.named("text").contains { $0.text == "2,000,000,000,000" })
        let money = parse(SVGChart(plot: Fixtures.plot(values: [1200, 1500, 1800], unit: .currency(code: "GBP", priceYear: nil))).render())
        #expect(money.named("text").contains { $0.text == "£1,800" })
        let percent = parse(SVGChart(plot: Fixtures.plot(values: [20, 35.5, 50], unit: .percent)).render())
        #expect(percent.named("text").contains { $0.text == "50%" })
        let negative = parse(SVGChart(plot: Fixtures.plot(values: [-5, -3, -8, -1], unit: .count)).render())
        #expect(negative.named("text").contains { $0.text == "−8" })
    }

    @Test("nice value scales: steps of 1, 2 or 5 × 10^k, 4 to 7 ticks, covering the data", arguments: [
        (0.0, 100.0), (377, 596), (0.001, 0.0042), (-3.5, 12.25), (1e12, 2e12), (98, 102), (7, 7), (0, 0), (-1e-9, 1e-9),
        (0.3, 0.9), (1234.5, 98765.4), (-250, -10), (3, 1e6),
    ])
    func niceScale(lo: Double, hi: Double) {
        for zero in [NiceScale.ZeroPolicy.never, .whenNear, .always] {
            let scale = NiceScale(minimum: lo, maximum: hi, zero: zero)
            #expect((4...7).contains(scale.ticks.count), "\(lo)…\(hi): \(scale.ticks)")
            var mantissa = scale.step
            while mantissa >= 10 { mantissa /= 10 }
            while mantissa < 1 { mantissa *= 10 }
            #expect([1.0, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "step \(scale.step)")
            let tolerance = scale.step * 1e-6
            #expect(scale.lower <= lo + tolerance && scale.upper >= hi - tolerance)
            for (a, b) in zip(scale.ticks, scale.ticks.dropFirst()) {
                #expect(abs((b - a) - scale.step) <= tolerance)
            }
            if zero == .always { #expect(scale.lower <= 0 && scale.upper >= 0) }
        }
    }

    @Test("extreme ranges still give finite, increasing ticks", arguments: [
        (-1.7e308, 1.7e308), (0, .greatestFiniteMagnitude), (1e-120, 3e-120), (0, .leastNonzeroMagnitude), (.nan, 1), (-.infinity, .infinity),
    ])
    func extremeScales(lo: Double, hi: Double) {
        let scale = NiceScale(minimum: lo, maximum: hi)
        #expect(scale.ticks.count >= 2 && scale.ticks.allSatisfy(\.isFinite) && scale.step.isFinite && scale.step > 0)
        #expect(zip(scale.ticks, scale.ticks.dropFirst()).allSatisfy { $0 < $1 })
        if lo.isFinite && hi.isFinite { #expect(scale.lower <= lo + scale.step * 1e-6 && scale.upper >= hi - scale.step * 1e-6) }
    }

    @Test("known scales")
    func knownScales() {
        #expect(NiceScale(minimum: 0, maximum: 100).ticks == [0, 20, 40, 60, 80, 100])
        #expect(NiceScale(minimum: 377, maximum: 596).ticks == [300, 400, 500, 600])
        // Near zero: the axis starts at zero; far from it, it does not.
        #expect(NiceScale(minimum: 60, maximum: 160).lower == 0)
        #expect(NiceScale(minimum: 98, maximum: 102).lower > 90)
        #expect(NiceScale(minimum: 0.25, maximum: 0.75, zero: .never).fractionDigits == 1)
    }

    @Test("time ticks: each period when few, whole years when many, never overlapping")
    func timeTicks() {
        let width = { (s: String) in ChartTextFit.width(s, fontSize: 12) }
        let few = (0..<6).map { TimeAxisTicks.Period(label: "\(2018 + $0)-\(19 + $0)", time: 2018.25 + Double($0)) }
        let fewTicks = TimeAxisTicks.ticks(periods: few, observedTimes: few.map(\.time), domain: 2018...2024, width: 600, labelWidth: width)
        #expect(fewTicks.compactMap(\.label) == few.map(\.label))

        let monthly = (0..<60).map { TimeAxisTicks.Period(label: "m\($0)", time: 2019 + Double($0) / 12) }
        let yearly = TimeAxisTicks.ticks(periods: monthly, observedTimes: monthly.map(\.time), domain: 2018.9...2024.1, width: 600, labelWidth: width)
        #expect(yearly.compactMap(\.label) == ["2019", "2020", "2021", "2022", "2023", "2024"])

        // Long annual labels in a narrow chart are thinned, the latest period kept, and never overlap.
        let long = (0..<20).map { TimeAxisTicks.Period(label: "\(2005 + $0)-03-31", time: 2005.25 + Double($0)) }
        let thin = TimeAxisTicks.ticks(periods: long, observedTimes: long.map(\.time), domain: 2005...2025, width: 400, labelWidth: width)
        let labelled = thin.filter { $0.label != nil }
        #expect(labelled.count < long.count && labelled.count >= 2)
        #expect(labelled.last?.label == "2024-03-31")
        for (a, b) in zip(labelled, labelled.dropFirst()) {
            let gap = (b.time - a.time) * 400 / 20
            #expect(gap >= (width(a.label!) + width(b.label!)) / 2)
        }
    }
}
