/// A `SeriesPlot` drawn as a standalone, accessible SVG document.
///
/// Conventions:
/// - Output is deterministic: the same plot and size give byte-identical text. Coordinates are written
///   with exactly two decimals (`ChartNumberText`), nothing depends on the locale, and NaN or infinite
///   inputs are dropped (treated as missing), so `nan` and `inf` never reach the document.
/// - Every id in the document starts with `elementID(for: plot.id)` (`svg-<plot id>`), so several charts
///   can be inlined in one HTML page; the root is `<svg role="img" aria-labelledby="…-title …-desc">`.
/// - Every piece of user text (title, subtitle, description, period labels, event labels, line and
///   benchmark names, missing-value reasons) is escaped with `MarkupText`: control characters become
///   visible escapes (`\u{1B}`), so the document is always well-formed XML, and text holding a
///   bidirectional override is balanced and isolated between FSI and PDI (`BidiIsolation`), also each part
///   of a label composed here (title — subtitle, period: event), so a U+202E in an area name cannot reorder
///   the rest of the label or another one; labels drawn on the chart are
///   cut to 40 characters (titles to the width of the chart) with an ellipsis, the full text kept in a
///   `<title>` tooltip and in the document's `<desc>`.
/// - The time axis covers the observations, the fitted lines, the forecast and every event (events outside
///   the data widen the axis); benchmarks are clipped to it. The value axis is a `NiceScale` over every value
///   drawn (bands included); tick labels use thousands separators and the unit's sign (`£`, `%`).
/// - Observed values are a line broken at missing values (one `<path>` per run of consecutive values, never
///   interpolated across a gap) with point markers; a missing period is a hollow marker on the time axis
///   whose tooltip gives the reason. Trend: solid line and shaded confidence band; Sen line: dashed;
///   forecast: dotted line and shaded prediction band; benchmarks: thin grey lines with their own dash
///   patterns; events: dashed vertical rules labelled in lanes above the plot (`EventLabelLanes`), or, when
///   the names would touch, numbered with a key of periods and names below the legend (`EventMarkers`), so
///   no label is ever drawn over another. A legend below the chart names every layer present. Colours:
///   `ChartPalette` (Okabe–Ito).
/// - A missing period is never drawn as a value: its marker sits in a "No value" row below the time axis
///   (outside the value scale, so it cannot be read as 0 or as the axis' lowest value), with a faint dashed
///   rule across the plot at its period.
/// - Under everything: the plot's source line (`Source: …`) and its notes (cautions such as a forecast
///   from too short a series), wrapped to the chart's width.
/// - `showsHeading: false` leaves the visible title and subtitle out (for a page that heads the chart
///   itself); the accessible `<title>` and `<desc>` stay.
/// - When the requested height leaves less than 80 pixels for the plot (many event lanes, a long legend),
///   the document is made taller rather than overlapping.
public struct SVGChart: Sendable, Hashable {
    public var plot: SeriesPlot
    public var width: Double
    public var height: Double
    /// Whether the title and subtitle are drawn at the top of the chart.
    public var showsHeading: Bool

    public init(plot: SeriesPlot, width: Double = 720, height: Double = 400, showsHeading: Bool = true) {
        self.plot = plot
        self.width = width
        self.height = height
        self.showsHeading = showsHeading
    }

    /// The prefix of every id in the chart of the plot with id `plotID`: `svg-` and the id with characters
    /// other than ASCII letters, digits, `-` and `_` replaced by `-`.
    public static func elementID(for plotID: String) -> String {
        var out = "svg-"
        for scalar in plotID.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": out.unicodeScalars.append(scalar)
            default: out += "-"
            }
        }
        return plotID.isEmpty ? out + "chart" : out
    }

    /// The SVG document, with its XML declaration.
    public func render() -> String {
        var renderer = Renderer(plot: plot, width: width, height: height, showsHeading: showsHeading)
        return renderer.render()
    }
}

// MARK: - Drawing

private struct Renderer {
    // Sizes, in pixels.
    static let margin = 14.0
    static let titleSize = 17.0
    static let subtitleSize = 13.0
    static let tickSize = 12.0
    static let legendSize = 12.5
    static let eventSize = 11.5
    static let laneHeight = 16.0
    /// The least height of the plot area, in pixels: the chart grows taller rather than squeeze the data.
    static let minimumPlotHeight = 220.0
    static let maximumLabel = 40

    struct Point {
        let period: String
        let time: Double
        let value: Double?
        let reason: String?
    }

    struct BandPoint {
        let period: String?
        let time: Double
        let value: Double
        let band: (lower: Double, upper: Double)?
    }

    struct Line {
        let name: String
        let points: [BandPoint]
    }

    struct Benchmark {
        let name: String
        let points: [Point]
    }

    struct Event {
        let period: String
        let time: Double
        let label: String
    }

    enum Swatch {
        case observed, missing, event
        case line(colour: String, dash: String?, width: Double, band: Bool)
    }

    let plot: SeriesPlot
    let id: String
    let width: Double
    var height: Double
    let showsHeading: Bool
    let observations: [Point]
    let trend: Line?
    let sen: Line?
    let forecast: Line?
    let benchmarks: [Benchmark]
    let events: [Event]
    let valueDecimals: Int
    var out = ""

    // Layout, set by `render`.
    var domain = 0.0...1.0
    var scale = NiceScale(minimum: 0, maximum: 1)
    var plotLeft = 0.0
    var plotRight = 0.0
    var plotTop = 0.0
    var plotBottom = 0.0

    init(plot: SeriesPlot, width: Double, height: Double, showsHeading: Bool) {
        self.plot = plot
        self.showsHeading = showsHeading
        id = SVGChart.elementID(for: plot.id)
        self.width = width.isFinite ? Swift.min(Swift.max(width, 240), 10_000) : 720
        self.height = height.isFinite ? Swift.min(Swift.max(height, 180), 10_000) : 400
        func points(_ list: [SeriesPlot.Observation]) -> [Point] {
            list.filter { $0.time.isFinite }.enumerated()
                .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
                .map { _, o in
                    let value = o.value.flatMap { $0.isFinite ? $0 : nil }
                    return Point(period: o.period, time: o.time, value: value, reason: o.missingReason)
                }
        }
        func line(_ l: SeriesPlot.Line?) -> Line? {
            guard let l else { return nil }
            let kept = l.points.filter { $0.time.isFinite && $0.value.isFinite }.map { p -> BandPoint in
                var band: (Double, Double)?
                if let lo = p.lower, let hi = p.upper, lo.isFinite, hi.isFinite { band = (Swift.min(lo, hi), Swift.max(lo, hi)) }
                return BandPoint(period: p.period, time: p.time, value: p.value, band: band)
            }.sorted { $0.time < $1.time }
            return kept.isEmpty ? nil : Line(name: l.name, points: kept)
        }
        observations = points(plot.observations)
        trend = line(plot.trend)
        sen = line(plot.sen)
        forecast = line(plot.forecast)
        benchmarks = plot.benchmarks.map { Benchmark(name: $0.name, points: points($0.observations)) }
        events = plot.events.filter { $0.time.isFinite }.sorted { $0.time < $1.time }
            .map { Event(period: $0.period, time: $0.time, label: $0.label) }
        let values = observations.compactMap(\.value)
        valueDecimals = Swift.min(plot.decimalPlaces ?? HumanNumber.decimals(for: values), 6)
    }

    var lines: [(layer: String, line: Line, colour: String, dash: String?, width: Double)] {
        var result: [(layer: String, line: Line, colour: String, dash: String?, width: Double)] = []
        if let trend { result.append(("trend", trend, ChartPalette.trend, nil, 2)) }
        if let sen { result.append(("sen", sen, ChartPalette.sen, ChartPalette.senDash, 2)) }
        if let forecast { result.append(("forecast", forecast, ChartPalette.forecast, ChartPalette.forecastDash, 2.5)) }
        return result
    }

    // MARK: Layout

    struct KeyEntry {
        let number: String
        let text: String
        let x: Double
        let row: Int
    }

    struct Layout {
        let legend: [[(label: String, swatch: Swatch, x: Double)]]
        let markers: EventMarkers
        let key: [KeyEntry]
        let keyRows: Int
        let footnotes: [String]
    }

    static let keySize = 11.5
    static let keyRowHeight = 16.0
    static let footnoteSize = 11.0
    static let footnoteHeight = 14.0
    static let missingRowHeight = 18.0

    var hasMissing: Bool { observations.contains { $0.value == nil } }

    mutating func layOut() -> Layout {
        let m = Self.margin
        // Time domain: observations, lines, forecast, events.
        var times = observations.map(\.time) + events.map(\.time)
        for l in lines { times += l.line.points.map(\.time) }
        if let lo = times.min(), let hi = times.max() {
            // Half a period or so at each end, so the end markers and labels clear the axis' ends.
            let span = hi - lo
            var gaps = zip(observations, observations.dropFirst()).map { $1.time - $0.time }.filter { $0 > 0 }.sorted()
            if gaps.isEmpty { gaps = [span] }
            let pad = span > 0 ? Swift.min(Swift.max(span * 0.03, gaps[gaps.count / 2] * 0.4), span * 0.1) : 0.5
            if (hi + pad - (lo - pad)).isFinite { domain = (lo - pad)...(hi + pad) }
        }

        // Value scale: everything drawn inside the domain.
        var values = observations.compactMap(\.value)
        for l in lines {
            for p in l.line.points {
                values.append(p.value)
                if let band = p.band { values += [bandBounded(band.lower), bandBounded(band.upper)] }
            }
        }
        for b in benchmarks {
            values += b.points.filter { domain.contains($0.time) }.compactMap(\.value)
        }
        if let lo = values.min(), let hi = values.max() {
            scale = NiceScale(minimum: lo, maximum: hi)
        } else {
            scale = NiceScale(minimum: 0, maximum: 1)
        }

        // Horizontal: value labels and the axis title on the left.
        let tickWidth = scale.ticks.map { ChartTextFit.width(tickLabel($0), fontSize: Self.tickSize) }.max() ?? 0
        plotLeft = m + (valueAxisTitle.isEmpty ? 0 : 22) + Swift.min(tickWidth, width * 0.3) + 8
        plotRight = width - m - 8

        // Legend rows.
        let legendWidth = width - 2 * m
        var rows: [[(label: String, swatch: Swatch, x: Double)]] = [[]]
        var x = 0.0
        for (label, swatch) in legendItems {
            let text = ChartTextFit.truncated(
                ChartTextFit.truncated(label, maximum: Self.maximumLabel), width: legendWidth - 40, fontSize: Self.legendSize)
            let itemWidth = 34 + ChartTextFit.width(text, fontSize: Self.legendSize)
            if x > 0 && x + itemWidth > legendWidth {
                rows.append([])
                x = 0
            }
            rows[rows.count - 1].append((text, swatch, x))
            x += itemWidth + 20
        }
        if rows.last?.isEmpty == true { rows.removeLast() }

        // Event markers: names in lanes, or numbers and a key.
        let markers = EventMarkers(
            positions: events.map { xOf($0.time) }, names: events.map(\.label), fontSize: Self.eventSize, left: m, right: width - m)
        var key: [KeyEntry] = []
        var keyRows = 0
        if markers.style == .numbered {
            let entries = EventMarkers.keyEntries(periods: events.map(\.period), names: events.map(\.label))
            let available = width - 2 * m
            let numberWidth = 24.0
            let widest = entries.map { numberWidth + ChartTextFit.width($0.text, fontSize: Self.keySize) }.max() ?? 0
            let columnWidth = Swift.min(widest, available)
            let columns = Swift.max(1, Int((available + 18) / (columnWidth + 18)))
            keyRows = (entries.count + columns - 1) / columns
            for (k, entry) in entries.enumerated() {
                let column = k / keyRows
                key.append(KeyEntry(
                    number: entry.number,
                    text: ChartTextFit.truncated(entry.text, width: columnWidth - numberWidth, fontSize: Self.keySize),
                    x: m + Double(column) * (columnWidth + 18), row: k % keyRows))
            }
        }
        var footnotes: [String] = []
        for text in [plot.source] + plot.notes where !ChartTextFit.singleLine(text).isEmpty {
            footnotes += ChartTextFit.wrapped(text, width: width - 2 * m, fontSize: Self.footnoteSize)
        }

        // Vertical.
        let lanes = markers.lanes
        let eventsHeight = lanes.laneCount > 0 ? Double(lanes.laneCount) * Self.laneHeight + 6 : 0
        plotTop = headerBottom + eventsHeight + 12
        var below = 34 + (hasMissing ? Self.missingRowHeight : 0) + Double(rows.count) * 20 + m
        if keyRows > 0 { below += 8 + Double(keyRows) * Self.keyRowHeight }
        if !footnotes.isEmpty { below += 8 + Double(footnotes.count) * Self.footnoteHeight }
        // However many event lanes, the plot keeps room to read the data.
        if height - below - plotTop < Self.minimumPlotHeight { height = plotTop + Self.minimumPlotHeight + below }
        plotBottom = height - below
        return Layout(legend: rows, markers: markers, key: key, keyRows: keyRows, footnotes: footnotes)
    }

    /// The top of the legend: below the time axis' labels and the "No value" row.
    var legendTop: Double { plotBottom + 34 + (hasMissing ? Self.missingRowHeight : 0) }

    var headerBottom: Double {
        guard showsHeading else { return Self.margin }
        let title = plot.title.isEmpty ? 0.0 : 28
        return plot.subtitle.isEmpty ? Swift.max(title, Self.margin) + 8 : 54
    }

    var legendItems: [(String, Swatch)] {
        var items: [(String, Swatch)] = []
        if observations.contains(where: { $0.value != nil }) { items.append(("Observed", .observed)) }
        if observations.contains(where: { $0.value == nil }) { items.append(("Missing value", .missing)) }
        for l in lines {
            items.append((l.line.name, .line(colour: l.colour, dash: l.dash, width: l.width, band: l.line.points.contains { $0.band != nil })))
        }
        for (k, b) in benchmarks.enumerated() where b.points.contains(where: { $0.value != nil }) {
            let style = benchmarkStyle(k)
            items.append((b.name, .line(colour: style.colour, dash: style.dash, width: 1.5, band: false)))
        }
        if !events.isEmpty { items.append((events.count == 1 ? "Event" : "Events", .event)) }
        return items
    }

    func benchmarkStyle(_ k: Int) -> (colour: String, dash: String?) {
        ChartPalette.benchmarks[k % ChartPalette.benchmarks.count]
    }

    /// The value axis' title: the plot's `valueLabel`, or one made from the unit; none when it would only
    /// repeat the sign the tick labels carry (`%`, `£`).
    var valueAxisTitle: String {
        let label = ChartTextFit.singleLine(plot.valueLabel)
        let sign: String? = switch plot.unit {
        case .percent?: "%"
        case .currency(let code, _)?: ChartNumberText.currencySign(code).trimmedSpaces
        default: nil
        }
        if !label.isEmpty { return label == sign ? "" : label }
        switch plot.unit {
        case .rate(let per)?: return "Rate per " + ChartNumberText.fixed(per, decimals: per == per.rounded() ? 0 : 2, grouping: true)
        case .percent?: return ""
        case .currency(let code, let year)?: return year.map { "\(code) (\($0) prices)" } ?? ""
        case .other(let text)?: return ChartTextFit.singleLine(text)
        case .count?, nil: return ""
        }
    }

    /// A band's end within what the unit allows when every observed value does: at least 0 for counts, rates,
    /// money and percentages, at most 100 for percentages. The band is drawn cut there (a confidence band of
    /// a share does not go below 0 % on the chart); its numbers stay whole in the plot data.
    func bandBounded(_ v: Double) -> Double {
        let observed = observations.compactMap(\.value)
        guard let lowest = observed.min(), let highest = observed.max() else { return v }
        switch plot.unit {
        case .percent?:
            let floor = lowest >= 0 ? 0.0 : -Double.infinity
            let ceiling = highest <= 100 ? 100.0 : Double.infinity
            return Swift.min(Swift.max(v, floor), ceiling)
        case .count?, .rate?, .currency?:
            return lowest >= 0 ? Swift.max(v, 0) : v
        default:
            return v
        }
    }

    func tickLabel(_ v: Double) -> String {
        ChartNumberText.value(v, decimals: scale.fractionDigits, unit: plot.unit)
    }

    func valueText(_ v: Double) -> String {
        ChartNumberText.value(v, decimals: valueDecimals, unit: plot.unit)
    }

    func xOf(_ t: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        return plotLeft + (t - domain.lowerBound) / (span > 0 ? span : 1) * (plotRight - plotLeft)
    }

    func yOf(_ v: Double) -> Double {
        let span = scale.upper - scale.lower
        return plotBottom - (v - scale.lower) / (span > 0 ? span : 1) * (plotBottom - plotTop)
    }

    // MARK: Document

    mutating func render() -> String {
        let layout = layOut()
        let c = ChartNumberText.coordinate
        let m = Self.margin
        out.reserveCapacity(16_384)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" width=\"\(c(width))\" height=\"\(c(height))\""
        out += " viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""
        out += " font-family=\"\(ChartPalette.fontFamily)\">\n"
        let accessibleTitle = plot.subtitle.isEmpty ? plot.title : BidiIsolation.isolated(plot.title) + " — " + BidiIsolation.isolated(plot.subtitle)
        out += "<title id=\"\(id)-title\">\(MarkupText.text(ChartTextFit.singleLine(accessibleTitle)))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(MarkupText.text(documentDescription))</desc>\n"
        out += "<defs><clipPath id=\"\(id)-clip\"><rect x=\"\(c(plotLeft - 6))\" y=\"\(c(plotTop - 6))\""
        out += " width=\"\(c(plotRight - plotLeft + 12))\" height=\"\(c(plotBottom - plotTop + 12))\"/></clipPath></defs>\n"
        out += "<rect id=\"\(id)-background\" width=\"100%\" height=\"100%\" fill=\"\(ChartPalette.background)\"/>\n"

        // Heading.
        out += "<g id=\"\(id)-heading\">\n"
        if showsHeading && !plot.title.isEmpty {
            let title = ChartTextFit.truncated(plot.title, width: width - 2 * m, fontSize: Self.titleSize, bold: true)
            out += "<text x=\"\(c(m))\" y=\"\(c(26))\" font-size=\"17\" font-weight=\"700\" fill=\"\(ChartPalette.text)\">\(MarkupText.text(title))</text>\n"
        }
        if showsHeading && !plot.subtitle.isEmpty {
            let subtitle = ChartTextFit.truncated(plot.subtitle, width: width - 2 * m, fontSize: Self.subtitleSize)
            let y = plot.title.isEmpty ? 26.0 : 45
            out += "<text x=\"\(c(m))\" y=\"\(c(y))\" font-size=\"13\" fill=\"\(ChartPalette.secondaryText)\">\(MarkupText.text(subtitle))</text>\n"
        }
        out += "</g>\n"

        drawGrid()
        drawTimeAxis()
        drawEvents(layout.markers)

        out += "<g id=\"\(id)-data\" clip-path=\"url(#\(id)-clip)\">\n"
        for l in lines where l.line.points.contains(where: { $0.band != nil }) {
            drawBand(l.line, layer: l.layer, colour: l.colour)
        }
        for (k, b) in benchmarks.enumerated() {
            drawBenchmark(b, index: k)
        }
        for l in lines {
            drawLine(l.line, layer: l.layer, colour: l.colour, dash: l.dash, width: l.width)
        }
        drawObserved()
        out += "</g>\n"
        drawMissing()

        if observations.allSatisfy({ $0.value == nil }) && lines.isEmpty {
            let message = observations.isEmpty ? "No observations to chart" : "No values to chart: every period is missing"
            out += "<text id=\"\(id)-empty\" x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(c((plotTop + plotBottom) / 2))\""
            out += " text-anchor=\"middle\" font-size=\"14\" fill=\"\(ChartPalette.secondaryText)\">\(message)</text>\n"
        }
        drawLegend(layout.legend)
        drawEventKey(layout)
        drawFootnotes(layout)
        out += "</svg>\n"
        return out
    }

    /// The document's `<desc>`: the plot's description, or one made from the data.
    var documentDescription: String {
        let given = ChartTextFit.singleLine(plot.description)
        if !given.isEmpty { return given }
        let observed = observations.filter { $0.value != nil }
        guard let first = observed.first, let last = observed.last else {
            return observations.isEmpty ? "A chart with no observations." : "A chart in which every period is missing."
        }
        var text = "Line chart of \(observed.count) observed value\(observed.count == 1 ? "" : "s")"
        text += first.period == last.period ? " for \(first.period)" : " from \(first.period) to \(last.period)"
        text += ": \(valueText(first.value!))" + (observed.count > 1 ? " to \(valueText(last.value!))." : ".")
        let missing = observations.count - observed.count
        if missing > 0 { text += " \(missing) period\(missing == 1 ? " is" : "s are") missing." }
        return text
    }

    // MARK: Axes

    mutating func drawGrid() {
        let c = ChartNumberText.coordinate
        out += "<g id=\"\(id)-value-axis\">\n"
        for tick in scale.ticks {
            let y = yOf(tick)
            let isZero = tick == 0 && scale.lower < 0
            let colour = isZero ? ChartPalette.zeroLine : ChartPalette.grid
            out += "<line x1=\"\(c(plotLeft))\" y1=\"\(c(y))\" x2=\"\(c(plotRight))\" y2=\"\(c(y))\" stroke=\"\(colour)\" stroke-width=\"1\"/>\n"
            out += "<text x=\"\(c(plotLeft - 8))\" y=\"\(c(y + 4.2))\" text-anchor=\"end\" font-size=\"12\" fill=\"\(ChartPalette.secondaryText)\">"
            out += MarkupText.text(tickLabel(tick)) + "</text>\n"
        }
        let axisTitle = valueAxisTitle
        if !axisTitle.isEmpty {
            let fitted = ChartTextFit.truncated(axisTitle, width: plotBottom - plotTop + 20, fontSize: 12.5)
            let x = Self.margin + 11
            let y = (plotTop + plotBottom) / 2
            out += "<text id=\"\(id)-value-title\" transform=\"translate(\(c(x)) \(c(y))) rotate(-90)\" text-anchor=\"middle\""
            out += " font-size=\"12.5\" fill=\"\(ChartPalette.text)\">\(MarkupText.text(fitted))</text>\n"
        }
        out += "</g>\n"
    }

    mutating func drawTimeAxis() {
        let c = ChartNumberText.coordinate
        var periods = observations.map { TimeAxisTicks.Period(label: ChartTextFit.singleLine($0.period), time: $0.time) }
        if let forecast {
            periods += forecast.points.compactMap { p in p.period.map { TimeAxisTicks.Period(label: ChartTextFit.singleLine($0), time: p.time) } }
        }
        let ticks = TimeAxisTicks.ticks(
            periods: periods, observedTimes: observations.map(\.time), domain: domain, width: plotRight - plotLeft,
            labelWidth: { ChartTextFit.width($0, fontSize: Self.tickSize) })
        out += "<g id=\"\(id)-time-axis\">\n"
        out += "<line x1=\"\(c(plotLeft))\" y1=\"\(c(plotBottom))\" x2=\"\(c(plotRight))\" y2=\"\(c(plotBottom))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>\n"
        for tick in ticks {
            let x = xOf(tick.time)
            let length = tick.label == nil ? 3.0 : 6
            out += "<line x1=\"\(c(x))\" y1=\"\(c(plotBottom))\" x2=\"\(c(x))\" y2=\"\(c(plotBottom + length))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>\n"
            guard let label = tick.label else { continue }
            let text = ChartTextFit.truncated(label, maximum: Self.maximumLabel)
            let w = ChartTextFit.width(text, fontSize: Self.tickSize)
            var anchor = "middle"
            var tx = x
            if x + w / 2 > width - 4 {
                anchor = "end"
                tx = width - 4
            } else if x - w / 2 < 4 {
                anchor = "start"
                tx = 4
            }
            out += "<text x=\"\(c(tx))\" y=\"\(c(plotBottom + 20))\" text-anchor=\"\(anchor)\" font-size=\"12\" fill=\"\(ChartPalette.secondaryText)\">"
            out += MarkupText.text(text) + "</text>\n"
        }
        out += "</g>\n"
    }

    // MARK: Layers

    /// Runs of consecutive points with values, each as `(time, value)` pairs.
    func runs(_ points: [Point]) -> [[(Double, Double)]] {
        var result: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for p in points {
            if let v = p.value {
                current.append((p.time, v))
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    func pathData(_ run: [(Double, Double)]) -> String {
        let c = ChartNumberText.coordinate
        var d = ""
        for (k, (t, v)) in run.enumerated() {
            d += (k == 0 ? "M" : " L") + c(xOf(t)) + " " + c(yOf(v))
        }
        return d
    }

    mutating func drawObserved() {
        let c = ChartNumberText.coordinate
        let segments = runs(observations)
        guard !segments.isEmpty else { return }
        out += "<g id=\"\(id)-observed\">\n"
        for (k, run) in segments.enumerated() where run.count > 1 {
            out += "<path id=\"\(id)-observed-segment-\(k + 1)\" class=\"observed-segment\" d=\"\(pathData(run))\" fill=\"none\""
            out += " stroke=\"\(ChartPalette.observed)\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n"
        }
        let count = observations.count
        let radius = count > 60 ? 2.0 : count > 30 ? 2.8 : 3.8
        for o in observations {
            guard let v = o.value else { continue }
            out += "<circle cx=\"\(c(xOf(o.time)))\" cy=\"\(c(yOf(v)))\" r=\"\(c(radius))\" fill=\"\(ChartPalette.observed)\""
            out += " stroke=\"#ffffff\" stroke-width=\"1\"><title>\(MarkupText.text(ChartTextFit.singleLine(o.period) + ": " + valueText(v)))</title></circle>\n"
        }
        out += "</g>\n"
    }

    mutating func drawMissing() {
        let c = ChartNumberText.coordinate
        let missing = observations.filter { $0.value == nil }
        guard !missing.isEmpty else { return }
        out += "<g id=\"\(id)-missing\">\n"
        let rowY = plotBottom + 34
        out += "<text x=\"\(c(plotLeft - 8))\" y=\"\(c(rowY + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"\(ChartPalette.secondaryText)\">No value</text>\n"
        for o in missing {
            let reason = o.reason.map(ChartTextFit.singleLine).flatMap { $0.isEmpty ? nil : $0 }
            let tip = ChartTextFit.singleLine(o.period) + ": no value" + (reason.map { " (\($0))" } ?? "")
            let x = xOf(o.time)
            out += "<g class=\"missing-period\"><title>\(MarkupText.text(tip))</title>"
            out += "<line x1=\"\(c(x))\" y1=\"\(c(plotTop))\" x2=\"\(c(x))\" y2=\"\(c(plotBottom))\" stroke=\"\(ChartPalette.missing)\" stroke-width=\"1\" stroke-opacity=\"0.35\" stroke-dasharray=\"2 4\"/>"
            out += "<circle cx=\"\(c(x))\" cy=\"\(c(rowY))\" r=\"4.5\" fill=\"#ffffff\" stroke=\"\(ChartPalette.missing)\" stroke-width=\"2\"/></g>\n"
        }
        out += "</g>\n"
    }

    mutating func drawBand(_ line: Line, layer: String, colour: String) {
        let c = ChartNumberText.coordinate
        // Runs of consecutive points with a band.
        var pieces: [[BandPoint]] = []
        var current: [BandPoint] = []
        for p in line.points {
            if p.band != nil {
                current.append(p)
            } else if !current.isEmpty {
                pieces.append(current)
                current = []
            }
        }
        if !current.isEmpty { pieces.append(current) }
        out += "<g id=\"\(id)-\(layer)-band\" fill=\"\(colour)\" fill-opacity=\"\(ChartPalette.bandOpacity)\" stroke=\"none\">\n"
        for piece in pieces {
            if piece.count == 1, let p = piece.first, let band = p.band {
                // A single point: a whisker.
                let x = xOf(p.time)
                out += "<line x1=\"\(c(x))\" y1=\"\(c(yOf(bandBounded(band.lower))))\" x2=\"\(c(x))\" y2=\"\(c(yOf(bandBounded(band.upper))))\" stroke=\"\(colour)\" stroke-opacity=\"0.6\" stroke-width=\"6\"/>\n"
                continue
            }
            var coordinates: [String] = []
            for p in piece { coordinates.append(c(xOf(p.time)) + "," + c(yOf(bandBounded(p.band!.upper)))) }
            for p in piece.reversed() { coordinates.append(c(xOf(p.time)) + "," + c(yOf(bandBounded(p.band!.lower)))) }
            out += "<polygon points=\"\(coordinates.joined(separator: " "))\"/>\n"
        }
        out += "</g>\n"
    }

    mutating func drawLine(_ line: Line, layer: String, colour: String, dash: String?, width: Double) {
        let c = ChartNumberText.coordinate
        let run = line.points.map { ($0.time, $0.value) }
        out += "<g id=\"\(id)-\(layer)\"><title>\(MarkupText.text(ChartTextFit.singleLine(line.name)))</title>\n"
        if run.count > 1 {
            out += "<path d=\"\(pathData(run))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(c(width))\""
            if let dash { out += " stroke-dasharray=\"\(dash)\"" }
            out += " stroke-linecap=\"round\" stroke-linejoin=\"round\"/>\n"
        }
        if layer == "forecast" || run.count == 1 {
            for p in line.points {
                var tip = (p.period.map(ChartTextFit.singleLine) ?? "") + (p.period == nil ? "" : ": ") + valueText(p.value)
                if let band = p.band { tip += " (" + valueText(band.lower) + " to " + valueText(band.upper) + ")" }
                out += "<circle cx=\"\(c(xOf(p.time)))\" cy=\"\(c(yOf(p.value)))\" r=\"3\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"1.5\">"
                out += "<title>\(MarkupText.text(tip))</title></circle>\n"
            }
        }
        out += "</g>\n"
    }

    mutating func drawBenchmark(_ b: Benchmark, index: Int) {
        let c = ChartNumberText.coordinate
        let style = benchmarkStyle(index)
        let segments = runs(b.points)
        guard !segments.isEmpty else { return }
        out += "<g id=\"\(id)-benchmark-\(index + 1)\" fill=\"none\" stroke=\"\(style.colour)\" stroke-width=\"1.5\""
        if let dash = style.dash { out += " stroke-dasharray=\"\(dash)\"" }
        out += "><title>\(MarkupText.text(ChartTextFit.singleLine(b.name)))</title>\n"
        for run in segments {
            if run.count > 1 {
                out += "<path d=\"\(pathData(run))\" stroke-linejoin=\"round\"/>\n"
            } else if let (t, v) = run.first.map({ ($0.0, $0.1) }) {
                out += "<circle cx=\"\(c(xOf(t)))\" cy=\"\(c(yOf(v)))\" r=\"2\" fill=\"\(style.colour)\"/>\n"
            }
        }
        out += "</g>\n"
    }

    mutating func drawEvents(_ markers: EventMarkers) {
        let c = ChartNumberText.coordinate
        guard !events.isEmpty else { return }
        let lanes = markers.lanes
        let texts = markers.texts
        let numbered = markers.style == .numbered
        out += "<g id=\"\(id)-events\"\(numbered ? " class=\"numbered\"" : "")>\n"
        for (k, e) in events.enumerated() {
            let p = lanes.placements[k]
            let x = xOf(e.time)
            let laneTop = headerBottom + 4 + Double(p.lane) * Self.laneHeight
            let full = ChartTextFit.singleLine(e.period) + ": " + BidiIsolation.isolated(ChartTextFit.singleLine(e.label))
            out += "<g id=\"\(id)-event-\(k + 1)\"><title>\(MarkupText.text(full))</title>"
            out += "<line x1=\"\(c(x))\" y1=\"\(c(laneTop + 1))\" x2=\"\(c(x))\" y2=\"\(c(plotBottom))\" stroke=\"\(ChartPalette.event)\""
            out += " stroke-width=\"1\" stroke-dasharray=\"\(ChartPalette.eventDash)\"/>"
            let tx = p.endAnchored ? p.end : p.start
            out += "<text x=\"\(c(tx))\" y=\"\(c(laneTop + 11))\" font-size=\"11.5\"\(p.endAnchored ? " text-anchor=\"end\"" : "")"
            if numbered { out += " font-weight=\"700\"" }
            out += " fill=\"\(ChartPalette.text)\">\(MarkupText.text(texts[k]))</text></g>\n"
        }
        out += "</g>\n"
    }

    // MARK: Legend

    mutating func drawLegend(_ rows: [[(label: String, swatch: Swatch, x: Double)]]) {
        let c = ChartNumberText.coordinate
        guard !rows.isEmpty else { return }
        let top = legendTop
        out += "<g id=\"\(id)-legend\" font-size=\"12.5\" fill=\"\(ChartPalette.text)\">\n"
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * 20 + 8
            for item in row {
                let x = Self.margin + item.x
                switch item.swatch {
                case .observed:
                    out += "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 26))\" y2=\"\(c(y))\" stroke=\"\(ChartPalette.observed)\" stroke-width=\"2.5\"/>"
                    out += "<circle cx=\"\(c(x + 13))\" cy=\"\(c(y))\" r=\"3.8\" fill=\"\(ChartPalette.observed)\" stroke=\"#ffffff\" stroke-width=\"1\"/>"
                case .missing:
                    out += "<circle cx=\"\(c(x + 13))\" cy=\"\(c(y))\" r=\"4.5\" fill=\"#ffffff\" stroke=\"\(ChartPalette.missing)\" stroke-width=\"2\"/>"
                case .event:
                    out += "<line x1=\"\(c(x + 13))\" y1=\"\(c(y - 7))\" x2=\"\(c(x + 13))\" y2=\"\(c(y + 7))\" stroke=\"\(ChartPalette.event)\""
                    out += " stroke-width=\"1\" stroke-dasharray=\"\(ChartPalette.eventDash)\"/>"
                case .line(let colour, let dash, let width, let band):
                    if band {
                        out += "<rect x=\"\(c(x))\" y=\"\(c(y - 6))\" width=\"26\" height=\"12\" fill=\"\(colour)\" fill-opacity=\"\(ChartPalette.bandOpacity)\"/>"
                    }
                    out += "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 26))\" y2=\"\(c(y))\" stroke=\"\(colour)\" stroke-width=\"\(c(width))\""
                    if let dash { out += " stroke-dasharray=\"\(dash)\"" }
                    out += " stroke-linecap=\"\(dash == ChartPalette.forecastDash ? "round" : "butt")\"/>"
                }
                out += "<text x=\"\(c(x + 34))\" y=\"\(c(y + 4.3))\">\(MarkupText.text(item.label))</text>\n"
            }
        }
        out += "</g>\n"
    }
}

extension Renderer {
    /// The numbered events' key, below the legend: number, period and name, in columns read down.
    mutating func drawEventKey(_ layout: Layout) {
        let c = ChartNumberText.coordinate
        guard !layout.key.isEmpty else { return }
        let top = legendTop + Double(layout.legend.count) * 20 + 8
        out += "<g id=\"\(id)-event-key\" font-size=\"11.5\" fill=\"\(ChartPalette.text)\">\n"
        for (k, entry) in layout.key.enumerated() {
            let y = top + Double(entry.row) * Self.keyRowHeight + 8
            let full = ChartTextFit.singleLine(events[k].period) + ": " + BidiIsolation.isolated(ChartTextFit.singleLine(events[k].label))
            out += "<g><title>\(MarkupText.text(full))</title>"
            out += "<text x=\"\(c(entry.x))\" y=\"\(c(y))\" font-weight=\"700\">\(MarkupText.text(entry.number))</text>"
            out += "<text x=\"\(c(entry.x + 24))\" y=\"\(c(y))\">\(MarkupText.text(entry.text))</text></g>\n"
        }
        out += "</g>\n"
    }

    /// The source line and the notes, at the foot of the chart.
    mutating func drawFootnotes(_ layout: Layout) {
        let c = ChartNumberText.coordinate
        guard !layout.footnotes.isEmpty else { return }
        var top = legendTop + Double(layout.legend.count) * 20
        if layout.keyRows > 0 { top += 8 + Double(layout.keyRows) * Self.keyRowHeight }
        out += "<g id=\"\(id)-source\" font-size=\"11\" fill=\"\(ChartPalette.secondaryText)\">\n"
        for (k, line) in layout.footnotes.enumerated() {
            out += "<text x=\"\(c(Self.margin))\" y=\"\(c(top + 8 + 10 + Double(k) * Self.footnoteHeight))\">\(MarkupText.text(line))</text>\n"
        }
        out += "</g>\n"
    }
}

extension String {
    fileprivate var trimmedSpaces: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        while s.first == " " { s.removeFirst() }
        return String(s)
    }
}
