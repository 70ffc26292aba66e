/// A report as one self-contained HTML5 page: a title, an introduction, a summary table and a section per
/// chart with its SVG inlined and links to its plot data, Vega-Lite specification and SVG file.
///
/// Conventions:
/// - Offline and static: inline CSS only, no scripts, no external fonts, images or style sheets; the page
///   reads the same with JavaScript off. Styled after GOV.UK / ONS pages (system font stack, 19px body
///   text, clear heading scale, blue links with a yellow focus state), responsive (charts scale to the
///   width) and print-friendly (no navigation chrome, charts kept whole, link targets printed).
/// - Every piece of text (title, introduction, table cells, chart titles, subtitles, descriptions, link
///   paths) is escaped with `MarkupText`, which writes control characters as visible escapes and balances
///   and isolates bidirectional overrides. Text that comes from the data or the caller (the title, chart
///   titles, subtitles and descriptions, column names, the summary's text cells) is also wrapped in
///   `<bdi>`, so a U+202E in an area name cannot reorder the text around it; link paths are percent-encoded as relative URL paths (`:` is
///   encoded, so a path can never become a `javascript:` or other absolute URL). The SVG markup is trusted
///   (it should come from `SVGChart`) and inlined as it is, after its XML declaration and any document type
///   declaration are removed. Charts drawn with `SVGChart(…, showsHeading: false)` do not repeat the
///   section's heading.
/// - Well-formed XML as well as HTML5 (void elements self-closed, only XML's character references), so
///   XML tools can read the page too.
/// - Deterministic: the same input gives byte-identical output (no dates, no random ids). Chart sections
///   have the id `sectionID(for: plot.id)` (`chart-<plot id>`, made unique within the page), which the table
///   of contents links to; the inlined SVGs keep their own `svg-<plot id>` ids.
/// - The introduction is split into paragraphs at blank lines. Summary rows shorter than the header are
///   padded with empty cells; a column whose every non-empty cell looks like a number is right-aligned.
public struct HTMLReport: Sendable, Hashable {
    /// One chart of the report.
    public struct Chart: Sendable, Hashable {
        public var plot: SeriesPlot
        /// The chart's SVG document (from `SVGChart`), inlined into the page.
        public var svg: String
        /// Relative links; `nil` leaves the link out.
        public var dataPath: String?
        public var specPath: String?
        public var svgPath: String?
        /// The series' XmR chart (`XmRChartSVG`), inlined under the line chart, and its file.
        public var controlChartSVG: String?
        public var controlChartPath: String?

        public init(plot: SeriesPlot, svg: String, dataPath: String?, specPath: String?, svgPath: String?) {
            self.plot = plot
            self.svg = svg
            self.dataPath = dataPath
            self.specPath = specPath
            self.svgPath = svgPath
        }

        /// A chart with the report's standard file layout: `data/<id>.csv`, `charts/<id>.vl.json` and
        /// `charts/<id>.svg`.
        public init(plot: SeriesPlot, svg: String) {
            self.init(
                plot: plot, svg: svg, dataPath: "data/\(plot.id).csv", specPath: "charts/\(plot.id).vl.json",
                svgPath: "charts/\(plot.id).svg")
        }
    }

    public var title: String
    public var introduction: String
    public var summaryColumns: [String]
    /// Already formatted cells, one array per row.
    public var summaryRows: [[String]]
    public var charts: [Chart]

    public init(title: String, introduction: String, summaryColumns: [String], summaryRows: [[String]], charts: [Chart]) {
        self.title = title
        self.introduction = introduction
        self.summaryColumns = summaryColumns
        self.summaryRows = summaryRows
        self.charts = charts
    }

    /// The id of the section of the chart with id `plotID` (before it is made unique within a page).
    public static func sectionID(for plotID: String) -> String {
        "chart-" + SVGChart.elementID(for: plotID).dropFirst(4)
    }

    /// The page.
    public func render() -> String {
        let sectionIDs = uniqueSectionIDs()
        var out = ""
        out.reserveCapacity(4_096 + charts.reduce(0) { $0 + $1.svg.utf8.count + 1_024 })
        out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<meta name=\"generator\" content=\"metrics\"/>\n"
        out += "<title>\(MarkupText.text(oneLine(title)))</title>\n"
        out += "<style>\n\(Self.styleSheet)</style>\n</head>\n<body>\n"
        out += "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n"
        out += "<div class=\"page\">\n<header class=\"masthead\">\n<p class=\"kicker\">Trend analysis report</p>\n"
        out += "<h1>\(MarkupText.isolatedText(oneLine(title)))</h1>\n</header>\n<main id=\"main\">\n"

        for paragraph in paragraphs(introduction) {
            out += "<p class=\"lead\">\(MarkupText.text(paragraph))</p>\n"
        }

        if !charts.isEmpty {
            out += "<nav class=\"contents\" aria-labelledby=\"contents-heading\">\n<h2 id=\"contents-heading\">Contents</h2>\n<ol>\n"
            if hasSummary { out += "<li><a href=\"#summary\">Summary</a></li>\n" }
            for (chart, sectionID) in zip(charts, sectionIDs) {
                out += "<li><a href=\"#\(MarkupText.attribute(sectionID))\">\(MarkupText.isolatedText(heading(chart.plot)))</a>"
                let subtitle = oneLine(chart.plot.subtitle)
                if !subtitle.isEmpty { out += " <span class=\"toc-subtitle\">\(MarkupText.isolatedText(subtitle))</span>" }
                out += "</li>\n"
            }
            out += "</ol>\n</nav>\n"
        }

        if hasSummary { writeSummary(to: &out) }

        for (chart, sectionID) in zip(charts, sectionIDs) {
            writeChart(chart, sectionID: sectionID, to: &out)
        }

        out += "</main>\n<footer class=\"footer\">\n<p>Made with metrics. Every chart's figures are in its plot-data CSV; "
        out += "the Vega-Lite specification redraws it interactively.</p>\n</footer>\n</div>\n</body>\n</html>\n"
        return out
    }

    // MARK: Parts

    var hasSummary: Bool { !summaryColumns.isEmpty || !summaryRows.isEmpty }

    private func writeSummary(to out: inout String) {
        let width = Swift.max(summaryColumns.count, summaryRows.map(\.count).max() ?? 0)
        let columns = summaryColumns + Array(repeating: "", count: width - summaryColumns.count)
        let rows = summaryRows.map { $0 + Array(repeating: "", count: width - $0.count) }
        let numeric = (0..<width).map { k in
            let cells = rows.map { oneLine($0[k]) }.filter { !$0.isEmpty && $0 != "–" && $0 != "-" }
            return !cells.isEmpty && cells.allSatisfy(Self.looksNumeric)
        }
        func cellClass(_ k: Int) -> String { numeric[k] ? " class=\"num\"" : "" }
        out += "<section id=\"summary\" aria-labelledby=\"summary-heading\">\n<h2 id=\"summary-heading\">Summary</h2>\n"
        out += "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"summary-heading\" tabindex=\"0\">\n<table>\n"
        out += "<thead>\n<tr>"
        for (k, name) in columns.enumerated() { out += "<th scope=\"col\"\(cellClass(k))>\(isolated(oneLine(name)))</th>" }
        out += "</tr>\n</thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (k, cell) in row.enumerated() {
                // Numbers are the report's own; text cells come from the data.
                let text = oneLine(cell)
                out += "<td\(cellClass(k))>\(numeric[k] ? MarkupText.text(text) : isolated(text))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n</section>\n"
    }

    /// Text from the data in `<bdi>`; an empty text as nothing.
    private func isolated(_ text: String) -> String { text.isEmpty ? "" : MarkupText.isolatedText(text) }

    private func writeChart(_ chart: Chart, sectionID: String, to out: inout String) {
        let plot = chart.plot
        let id = MarkupText.attribute(sectionID)
        out += "<section class=\"chart-section\" id=\"\(id)\" aria-labelledby=\"\(id)-heading\">\n"
        out += "<h2 id=\"\(id)-heading\">\(MarkupText.isolatedText(heading(plot)))</h2>\n"
        let subtitle = oneLine(plot.subtitle)
        if !subtitle.isEmpty { out += "<p class=\"subtitle\">\(MarkupText.isolatedText(subtitle))</p>\n" }
        out += "<figure>\n<div class=\"chart\">\n\(Self.inlineSVG(chart.svg))\n</div>\n"
        let description = oneLine(plot.description)
        if !description.isEmpty { out += "<figcaption>\(MarkupText.isolatedText(description))</figcaption>\n" }
        out += "</figure>\n"
        if let control = chart.controlChartSVG {
            out += "<figure class=\"control-chart\">\n<div class=\"chart\">\n\(Self.inlineSVG(control))\n</div>\n"
            out += "<figcaption>XmR chart with NHS England's Making Data Count rules: mean, process limits (mean ± 2.66 × the average moving range) and special-cause points coloured.</figcaption>\n</figure>\n"
        }
        let links: [(String, String?)] = [
            ("Plot data (CSV)", chart.dataPath), ("Vega-Lite specification (JSON)", chart.specPath), ("Chart (SVG)", chart.svgPath),
            ("XmR chart (SVG)", chart.controlChartSVG == nil ? nil : chart.controlChartPath),
        ]
        let present = links.compactMap { name, path in path.map { (name, $0) } }
        if !present.isEmpty {
            out += "<ul class=\"downloads\" aria-label=\"Downloads for this chart\">\n"
            for (name, path) in present {
                out += "<li><a href=\"\(MarkupText.attribute(Self.relativeURL(path)))\">\(name)</a></li>\n"
            }
            out += "</ul>\n"
        }
        out += "<p class=\"back\"><a href=\"#contents-heading\">Back to contents</a></p>\n</section>\n"
    }

    private func heading(_ plot: SeriesPlot) -> String {
        let title = oneLine(plot.title)
        return title.isEmpty ? oneLine(plot.id) : title
    }

    /// Section ids, with `-2`, `-3`… added to repeats.
    private func uniqueSectionIDs() -> [String] {
        var used: [String] = ["main", "summary", "summary-heading", "contents-heading"]
        var result: [String] = []
        for chart in charts {
            let base = Self.sectionID(for: chart.plot.id)
            var candidate = base
            var k = 2
            while used.contains(candidate) {
                candidate = base + "-\(k)"
                k += 1
            }
            used.append(candidate)
            result.append(candidate)
        }
        return result
    }

    private func oneLine(_ text: String) -> String { ChartTextFit.singleLine(text) }

    private func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                if !current.isEmpty { result.append(oneLine(current.joined(separator: " "))) }
                current = []
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { result.append(oneLine(current.joined(separator: " "))) }
        return result.filter { !$0.isEmpty }
    }

    // MARK: Helpers

    /// `svg` without its XML declaration, document type declaration, byte-order mark or surrounding white
    /// space.
    static func inlineSVG(_ svg: String) -> String {
        var s = Substring(svg)
        func trimFront() {
            while let c = s.first, c == "\u{FEFF}" || c.isWhitespace { s.removeFirst() }
        }
        trimFront()
        for prefix in ["<?xml", "<!DOCTYPE", "<!doctype"] where s.hasPrefix(prefix) {
            if let end = s.firstIndex(of: ">") { s = s[s.index(after: end)...] }
            trimFront()
        }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// `path` percent-encoded as a relative URL path: letters, digits, `-._~` and `/` kept, every other
    /// UTF-8 byte written `%XX`.
    static func relativeURL(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
        }
        // A leading `//` would be read as a network-path reference to another host.
        if out.hasPrefix("//") { out = "." + out }
        return out
    }

    /// Whether a formatted cell reads as a number (`1,234`, `−3.5%`, `+£12`, `<0.0001`, `+1.2 pp`).
    static func looksNumeric(_ cell: String) -> Bool {
        var digits = 0
        for c in cell {
            if c.isNumber { digits += 1; continue }
            if ",.−-+£$€%<>~ ".contains(c) { continue }
            if c == "p" || c == "e" { continue }
            return false
        }
        return digits > 0
    }

    static let styleSheet = """
        :root { color-scheme: light; }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: #ffffff; color: #0b0c0c; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 1.1875rem; line-height: 1.45; }
        .page { max-width: 61rem; margin: 0 auto; padding: 0 1rem 3rem; }
        .skip-link { position: absolute; left: -9999px; top: 0; padding: .5rem 1rem; background: #ffdd00; color: #0b0c0c; }
        .skip-link:focus { left: 0; z-index: 1; }
        .masthead { border-bottom: 10px solid #1d70b8; padding: 2rem 0 1rem; margin-bottom: 2rem; }
        .kicker { margin: 0 0 .25rem; color: #505a5f; font-size: 1.1875rem; }
        h1 { margin: 0; font-size: 2.5rem; line-height: 1.1; font-weight: 700; }
        h2 { margin: 2.5rem 0 .75rem; font-size: 1.6rem; line-height: 1.2; font-weight: 700; }
        p { margin: 0 0 1.25rem; max-width: 40em; }
        .lead { font-size: 1.3rem; }
        a { color: #1d70b8; text-decoration: underline; text-decoration-thickness: max(1px, .0625rem); text-underline-offset: .15em; }
        a:visited { color: #4c2c92; }
        a:hover { color: #003078; text-decoration-thickness: max(3px, .1875rem); }
        a:focus { outline: 3px solid transparent; color: #0b0c0c; background: #ffdd00; box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; text-decoration: none; }
        .contents { border-left: 5px solid #b1b4b6; padding: .25rem 0 .25rem 1rem; margin: 2rem 0; }
        .contents h2 { margin-top: 0; font-size: 1.3rem; }
        .contents ol { margin: 0; padding-left: 1.5rem; }
        .contents li { margin: .3rem 0; }
        .toc-subtitle { color: #505a5f; font-size: 1rem; }
        .table-wrap { overflow-x: auto; margin: 0 0 2rem; }
        .table-wrap:focus { outline: 3px solid #ffdd00; }
        table { border-collapse: collapse; width: 100%; font-size: 1rem; font-variant-numeric: tabular-nums; }
        th, td { padding: .6rem 1.25rem .6rem 0; border-bottom: 1px solid #b1b4b6; text-align: left; vertical-align: top; }
        th { font-weight: 700; }
        th.num, td.num { text-align: right; white-space: nowrap; }
        th:last-child, td:last-child { padding-right: 0; }
        .chart-section { border-top: 1px solid #b1b4b6; margin-top: 2.5rem; }
        .subtitle { color: #505a5f; margin-top: -.25rem; }
        figure { margin: 1rem 0 1.25rem; }
        .chart svg { display: block; max-width: 100%; height: auto; }
        figcaption { margin-top: .75rem; color: #505a5f; font-size: 1rem; max-width: 40em; }
        .downloads { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: 0 0 1rem; padding: 0; list-style: none; font-size: 1rem; }
        .back { font-size: 1rem; }
        .footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid #b1b4b6; color: #505a5f; font-size: 1rem; }
        @media (max-width: 40rem) { body { font-size: 1rem; } h1 { font-size: 2rem; } h2 { font-size: 1.35rem; } .lead { font-size: 1.15rem; } }
        @media print {
          body { font-size: 11pt; line-height: 1.35; }
          .page { max-width: none; padding: 0; }
          .masthead { border-bottom: 3pt solid #0b0c0c; padding-top: 0; }
          a, a:visited { color: #0b0c0c; }
          .skip-link, .back { display: none; }
          .contents { break-after: page; }
          h2 { break-after: avoid; }
          figure, table, tr { break-inside: avoid; }
          .chart-section { break-inside: avoid; }
          .table-wrap { overflow: visible; }
          .downloads a::after { content: " (" attr(href) ")"; font-size: 9pt; }
        }

        """
}
