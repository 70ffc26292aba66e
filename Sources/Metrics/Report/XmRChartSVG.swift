/// An XmR chart (`XmRChart`) drawn as a standalone, accessible SVG document, in the style of NHS England's
/// Making Data Count charts: the values at equal steps joined by a grey line, the mean as a solid line and
/// the process limits as dashed lines (per phase, so a recalculation shows as a step), the target when
/// there is one, and each point coloured by what it shows.
///
/// Conventions:
/// - Colours are NHSRplotthedots' (0.2.0, `ptd_spc_colours`): common cause grey `#7b7d7d`, improvement blue
///   `#289de0`, concern orange `#fab428`, neither purple `#361475`; the target is a red dashed line. Special
///   cause points are also drawn larger and ringed, so the chart reads without colour.
/// - Points are at equal steps (an XmR chart plots order, not time); period labels are thinned to fit.
///   Missing values are left out of the line and marked in a "No value" row below the axis, never at a value.
/// - Under the legend: the latest point's variation and, with a target, the assurance; the baseline
///   warnings (`XmRChart.baselineWarnings`: Making Data Count advises at least 15 values); the source line.
/// - Every text is escaped with `MarkupText`; ids start with `SVGChart.elementID(for: id)`; the output is
///   deterministic (coordinates with two decimals).
public struct XmRChartSVG: Sendable {
    public var chart: XmRChart
    public var id: String
    public var title: String
    public var subtitle: String
    public var unit: SeriesMetadata.Unit?
    public var decimalPlaces: Int?
    public var target: Double?
    public var source: String
    public var width: Double
    public var height: Double

    public init(
        chart: XmRChart, id: String, title: String, subtitle: String = "", unit: SeriesMetadata.Unit? = nil, decimalPlaces: Int? = nil,
        target: Double? = nil, source: String = "", width: Double = 720, height: Double = 400
    ) {
        self.chart = chart
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.unit = unit
        self.decimalPlaces = decimalPlaces
        self.target = target
        self.source = source
        self.width = Swift.min(Swift.max(width.isFinite ? width : 720, 320), 10_000)
        self.height = Swift.min(Swift.max(height.isFinite ? height : 400, 240), 10_000)
    }

    /// The chart of one series as `metrics spc` computes it, titled as its line chart is (`PlotBuilder`).
    public init(series: Series, chart: XmRChart, index: Int, target: Double? = nil) {
        let title = PlotBuilder.title(series)
        let area = PlotBuilder.area(series.key)
        self.init(
            chart: chart, id: PlotBuilder.identifier(index: index, series: series, title: title, area: area) + "-spc",
            title: title, subtitle: (area ?? PlotBuilder.keyText(series.key)) + " · XmR chart",
            unit: series.metadata.unit, decimalPlaces: series.metadata.decimalPlaces, target: target,
            source: SourceLine.text(series.metadata))
    }

    static let commonCause = "#7b7d7d"
    static let improvement = "#289de0"
    static let concern = "#fab428"
    static let neither = "#361475"
    static let targetColour = "#de1b1b"

    static func colour(_ v: PointVariation) -> String {
        switch v {
        case .missing, .commonCause: commonCause
        case .specialCause(.improvement, _): improvement
        case .specialCause(.concern, _): concern
        case .specialCause(.neither, _): neither
        }
    }

    /// The notes under the chart: the latest point, the assurance, the baseline warnings.
    public var notes: [String] {
        var notes: [String] = []
        let latest: String = switch chart.variation {
        case .commonCause: "common cause variation"
        case .improvementHigh: "special cause improvement (high)"
        case .improvementLow: "special cause improvement (low)"
        case .concernHigh: "special cause concern (high)"
        case .concernLow: "special cause concern (low)"
        case .neitherHigh: "special cause, neither improvement nor concern (high)"
        case .neitherLow: "special cause, neither improvement nor concern (low)"
        }
        var line = "Latest point: \(latest)"
        if let assurance = chart.assurance {
            let text: String = switch assurance {
            case .consistentlyPass: "the target is consistently met"
            case .consistentlyFail: "the target is consistently missed"
            case .hitAndMiss: "the target will be hit and missed at random"
            }
            line += "; assurance: \(text)"
        }
        notes.append(line + ".")
        for warning in chart.baselineWarnings { notes.append("Warning: " + warning + ".") }
        return notes
    }

    public func render() -> String {
        let c = ChartNumberText.coordinate
        let m = 14.0
        let eid = SVGChart.elementID(for: id)
        let recorded = chart.points.compactMap(\.value)
        var values = recorded
        for p in chart.phases { values += [p.lowerProcessLimit, p.upperProcessLimit, p.mean] }
        if let target { values.append(target) }
        let scale = values.isEmpty ? NiceScale(minimum: 0, maximum: 1) : NiceScale(minimum: values.min()!, maximum: values.max()!)
        let decimals = Swift.min(decimalPlaces ?? HumanNumber.decimals(for: recorded), 6)
        func tick(_ v: Double) -> String { ChartNumberText.value(v, decimals: scale.fractionDigits, unit: unit) }
        func text(_ v: Double) -> String { ChartNumberText.value(v, decimals: decimals, unit: unit) }

        let hasMissing = chart.points.contains { $0.value == nil }
        let hasTarget = target != nil
        var legend: [(String, String)] = [("Common cause", Self.commonCause)]
        let variations = Set(chart.points.map { Self.colour($0.variation) })
        if variations.contains(Self.improvement) { legend.append(("Improvement", Self.improvement)) }
        if variations.contains(Self.concern) { legend.append(("Concern", Self.concern)) }
        if variations.contains(Self.neither) { legend.append(("Special cause", Self.neither)) }
        let footnotes = (notes + (source.isEmpty ? [] : [source])).flatMap { ChartTextFit.wrapped($0, width: width - 2 * m, fontSize: 11) }

        let tickWidth = scale.ticks.map { ChartTextFit.width(tick($0), fontSize: 12) }.max() ?? 0
        let plotLeft = m + Swift.min(tickWidth, width * 0.3) + 8
        // Room on the right for the last phase's labels (`UPL £41,372,000`).
        let limitLabels = chart.phases.last.map { [("UPL ", $0.upperProcessLimit), ("Mean ", $0.mean), ("LPL ", $0.lowerProcessLimit)] } ?? []
        let labelRoom = limitLabels.map { ChartTextFit.width($0.0 + text($0.1), fontSize: 11) }.max() ?? 0
        let plotRight = width - m - Swift.min(Swift.max(labelRoom + 8, 40), width * 0.3)
        let plotTop = subtitle.isEmpty ? 44.0 : 62
        let below = 34 + (hasMissing ? 18 : 0) + 22 + 8 + Double(footnotes.count) * 14 + m
        let height = Swift.max(self.height, plotTop + 200 + below)
        let plotBottom = height - below
        let n = chart.points.count
        func x(_ i: Int) -> Double { n <= 1 ? (plotLeft + plotRight) / 2 : plotLeft + Double(i) / Double(n - 1) * (plotRight - plotLeft) }
        func y(_ v: Double) -> Double {
            let span = scale.upper - scale.lower
            return plotBottom - (v - scale.lower) / (span > 0 ? span : 1) * (plotBottom - plotTop)
        }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(eid)\" width=\"\(c(width))\" height=\"\(c(height))\""
        out += " viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" aria-labelledby=\"\(eid)-title \(eid)-desc\""
        out += " font-family=\"\(ChartPalette.fontFamily)\">\n"
        let accessible = subtitle.isEmpty ? title : BidiIsolation.isolated(title) + " — " + BidiIsolation.isolated(subtitle)
        out += "<title id=\"\(eid)-title\">\(MarkupText.text(ChartTextFit.singleLine(accessible)))</title>\n"
        var description = "XmR chart of \(recorded.count) value\(recorded.count == 1 ? "" : "s")"
        if let last = chart.phases.last {
            description += "; mean \(text(last.mean)), process limits \(text(last.lowerProcessLimit)) to \(text(last.upperProcessLimit))"
        }
        description += ". " + notes.joined(separator: " ")
        out += "<desc id=\"\(eid)-desc\">\(MarkupText.text(ChartTextFit.singleLine(description)))</desc>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(ChartPalette.background)\"/>\n"
        out += "<g id=\"\(eid)-heading\">\n"
        let shownTitle = ChartTextFit.truncated(title, width: width - 2 * m, fontSize: 17, bold: true)
        out += "<text x=\"\(c(m))\" y=\"26\" font-size=\"17\" font-weight=\"700\" fill=\"\(ChartPalette.text)\">\(MarkupText.text(shownTitle))</text>\n"
        if !subtitle.isEmpty {
            let shown = ChartTextFit.truncated(subtitle, width: width - 2 * m, fontSize: 13)
            out += "<text x=\"\(c(m))\" y=\"45\" font-size=\"13\" fill=\"\(ChartPalette.secondaryText)\">\(MarkupText.text(shown))</text>\n"
        }
        out += "</g>\n"

        // Value axis.
        out += "<g id=\"\(eid)-value-axis\">\n"
        for t in scale.ticks {
            out += "<line x1=\"\(c(plotLeft))\" y1=\"\(c(y(t)))\" x2=\"\(c(plotRight))\" y2=\"\(c(y(t)))\" stroke=\"\(ChartPalette.grid)\" stroke-width=\"1\"/>\n"
            out += "<text x=\"\(c(plotLeft - 8))\" y=\"\(c(y(t) + 4.2))\" text-anchor=\"end\" font-size=\"12\" fill=\"\(ChartPalette.secondaryText)\">\(MarkupText.text(tick(t)))</text>\n"
        }
        out += "</g>\n"

        // Period axis, labels thinned to fit.
        out += "<g id=\"\(eid)-time-axis\">\n"
        out += "<line x1=\"\(c(plotLeft))\" y1=\"\(c(plotBottom))\" x2=\"\(c(plotRight))\" y2=\"\(c(plotBottom))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>\n"
        let labels = chart.points.map { ChartTextFit.singleLine($0.period?.label ?? String($0.index + 1)) }
        let widest = (labels.map { ChartTextFit.width($0, fontSize: 12) }.max() ?? 0) + 10
        let room = n > 1 ? (plotRight - plotLeft) / Double(n - 1) : plotRight - plotLeft
        let every = Swift.max(1, Int((widest / Swift.max(room, 1)).rounded(.up)))
        for (i, label) in labels.enumerated() {
            out += "<line x1=\"\(c(x(i)))\" y1=\"\(c(plotBottom))\" x2=\"\(c(x(i)))\" y2=\"\(c(plotBottom + (i % every == 0 ? 6 : 3)))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>\n"
            guard i % every == 0 else { continue }
            out += "<text x=\"\(c(x(i)))\" y=\"\(c(plotBottom + 20))\" text-anchor=\"middle\" font-size=\"12\" fill=\"\(ChartPalette.secondaryText)\">\(MarkupText.text(label))</text>\n"
        }
        out += "</g>\n"

        // Limits, mean and target, per phase.
        out += "<g id=\"\(eid)-limits\">\n"
        for (k, limits) in chart.phases.enumerated() {
            let first = chart.points.firstIndex { $0.index == limits.range.lowerBound } ?? 0
            let last = chart.points.lastIndex { $0.index == limits.range.upperBound - 1 } ?? (n - 1)
            let x0 = x(first)
            let x1 = x(last)
            for (value, name, dash) in [
                (limits.upperProcessLimit, "Upper process limit", "6 4"), (limits.mean, "Mean", ""), (limits.lowerProcessLimit, "Lower process limit", "6 4"),
            ] {
                out += "<line x1=\"\(c(x0))\" y1=\"\(c(y(value)))\" x2=\"\(c(x1))\" y2=\"\(c(y(value)))\" stroke=\"#231f20\" stroke-width=\"\(dash.isEmpty ? "1.5" : "1.2")\""
                if !dash.isEmpty { out += " stroke-dasharray=\"\(dash)\"" }
                out += "><title>\(MarkupText.text(name + (chart.phases.count > 1 ? " (phase \(k + 1))" : "") + ": " + text(value)))</title></line>\n"
                if k == chart.phases.count - 1 {
                    let short = name == "Mean" ? "Mean" : (name.hasPrefix("Upper") ? "UPL" : "LPL")
                    out += "<text x=\"\(c(x1 + 6))\" y=\"\(c(y(value) + 4))\" font-size=\"11\" fill=\"\(ChartPalette.secondaryText)\">\(short) \(MarkupText.text(text(value)))</text>\n"
                }
            }
        }
        if let target {
            out += "<line x1=\"\(c(plotLeft))\" y1=\"\(c(y(target)))\" x2=\"\(c(plotRight))\" y2=\"\(c(y(target)))\" stroke=\"\(Self.targetColour)\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\">"
            out += "<title>\(MarkupText.text("Target: " + text(target)))</title></line>\n"
        }
        out += "</g>\n"

        // The values: a grey line through consecutive recorded values, coloured points.
        out += "<g id=\"\(eid)-values\">\n"
        var run: [String] = []
        func flush() {
            if run.count > 1 { out += "<path d=\"M\(run.joined(separator: " L"))\" fill=\"none\" stroke=\"\(Self.commonCause)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n" }
            run = []
        }
        for (i, p) in chart.points.enumerated() {
            if let v = p.value { run.append(c(x(i)) + " " + c(y(v))) } else { flush() }
            if i + 1 < n, chart.points[i + 1].phase != p.phase { flush() }
        }
        flush()
        for (i, p) in chart.points.enumerated() {
            guard let v = p.value else { continue }
            let colour = Self.colour(p.variation)
            let special = colour != Self.commonCause
            var tip = labels[i] + ": " + text(v)
            if special { tip += " (" + p.signals.map { $0.rule.rawValue.replacingAll("_", with: " ") + ", " + $0.side.rawValue }.joined(separator: "; ") + ")" }
            out += "<circle cx=\"\(c(x(i)))\" cy=\"\(c(y(v)))\" r=\"\(special ? "5" : "3.8")\" fill=\"\(colour)\""
            out += special ? " stroke=\"#0b0c0c\" stroke-width=\"1\"" : " stroke=\"#ffffff\" stroke-width=\"1\""
            out += "><title>\(MarkupText.text(tip))</title></circle>\n"
        }
        out += "</g>\n"

        var legendTop = plotBottom + 34
        if hasMissing {
            out += "<g id=\"\(eid)-missing\">\n"
            out += "<text x=\"\(c(plotLeft - 8))\" y=\"\(c(plotBottom + 38))\" text-anchor=\"end\" font-size=\"11\" fill=\"\(ChartPalette.secondaryText)\">No value</text>\n"
            for (i, p) in chart.points.enumerated() where p.value == nil {
                out += "<circle cx=\"\(c(x(i)))\" cy=\"\(c(plotBottom + 34))\" r=\"4.5\" fill=\"#ffffff\" stroke=\"\(ChartPalette.missing)\" stroke-width=\"2\">"
                out += "<title>\(MarkupText.text(labels[i] + ": no value"))</title></circle>\n"
            }
            out += "</g>\n"
            legendTop += 18
        }

        // Legend.
        out += "<g id=\"\(eid)-legend\" font-size=\"12.5\" fill=\"\(ChartPalette.text)\">\n"
        var lx = m
        let ly = legendTop + 8
        var items: [(String, String, String)] = legend.map { ($0.0, $0.1, "point") }
        items.append(("Mean", "#231f20", "line"))
        items.append(("Process limits", "#231f20", "dash"))
        if hasTarget { items.append(("Target", Self.targetColour, "target")) }
        for (label, colour, kind) in items {
            switch kind {
            case "point": out += "<circle cx=\"\(c(lx + 6))\" cy=\"\(c(ly))\" r=\"4.5\" fill=\"\(colour)\"/>"
            case "line": out += "<line x1=\"\(c(lx))\" y1=\"\(c(ly))\" x2=\"\(c(lx + 20))\" y2=\"\(c(ly))\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>"
            case "dash": out += "<line x1=\"\(c(lx))\" y1=\"\(c(ly))\" x2=\"\(c(lx + 20))\" y2=\"\(c(ly))\" stroke=\"\(colour)\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>"
            default: out += "<line x1=\"\(c(lx))\" y1=\"\(c(ly))\" x2=\"\(c(lx + 20))\" y2=\"\(c(ly))\" stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>"
            }
            let offset = kind == "point" ? 16.0 : 26
            out += "<text x=\"\(c(lx + offset))\" y=\"\(c(ly + 4.3))\">\(MarkupText.text(label))</text>\n"
            lx += offset + ChartTextFit.width(label, fontSize: 12.5) + 18
        }
        out += "</g>\n"

        out += "<g id=\"\(eid)-notes\" font-size=\"11\" fill=\"\(ChartPalette.secondaryText)\">\n"
        for (k, line) in footnotes.enumerated() {
            out += "<text x=\"\(c(m))\" y=\"\(c(legendTop + 22 + 8 + 10 + Double(k) * 14))\">\(MarkupText.text(line))</text>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }
}
