@testable import Metrics
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    typealias Fixtures = ChartPlotFixtures

    static func report(title: String = "Children's social care: trends", charts plots: [SeriesPlot]? = nil) -> HTMLReport {
        let plots = plots ?? [Fixtures.middlesbrough, Fixtures.plot(id: "002-second", title: "Second chart", values: [1, 2, nil, 4])]
        return HTMLReport(
            title: title, introduction: "Trends in two indicators.\n\nFigures are as published.",
            summaryColumns: ["Area", "Indicator", "Last", "Change"],
            summaryRows: [["Middlesbrough", "Children looked after", "449", "−72"], ["Area A", "Second", "4", "+3"]],
            charts: plots.map { HTMLReport.Chart(plot: $0, svg: SVGChart(plot: $0).render()) })
    }

    /// The values of every `id="…"` attribute in `html`.
    static func ids(in html: String) -> [String] {
        var result: [String] = []
        var rest = Substring(html)
        while let r = rest.firstRange(of: " id=\"") {
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            result.append(String(after[..<end]))
            rest = after[end...]
        }
        return result
    }

    @Test("a standalone HTML5 page: language, charset, viewport, no scripts or external resources")
    func page() {
        let html = Self.report().render()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"))
        #expect(html.contains("<title>Children's social care: trends</title>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<link") && !html.contains(" src=") && !html.contains("@import") && !html.contains("https://"))
        #expect(html.contains(".chart svg { display: block; max-width: 100%; height: auto; }"))
        #expect(html.contains("@media print"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
    }

    @Test("every chart's SVG is inlined without its XML declaration, and the contents link to every chart")
    func chartsAndContents() throws {
        let report = Self.report()
        let html = report.render()
        #expect(!html.contains("<?xml"))
        for chart in report.charts {
            let svgID = SVGChart.elementID(for: chart.plot.id)
            #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(svgID)\""))
            let section = HTMLReport.sectionID(for: chart.plot.id)
            #expect(html.contains("<a href=\"#\(section)\"><bdi>\(MarkupText.text(chart.plot.title))</bdi></a>"))
            #expect(html.contains("<section class=\"chart-section\" id=\"\(section)\""))
            #expect(html.contains("<a href=\"data/\(chart.plot.id).csv\">"))
            #expect(html.contains("<a href=\"charts/\(chart.plot.id).vl.json\">"))
            #expect(html.contains("<a href=\"charts/\(chart.plot.id).svg\">"))
        }
        // The SVG is inlined whole: the chart's own markup, minus its first line, is in the page.
        let svg = SVGChart(plot: Fixtures.middlesbrough).render()
        let body = try #require(svg.split(separator: "\n", maxSplits: 1).last)
        #expect(html.contains(body.trimmingSuffixNewlines))
        // Sections appear in the order of the contents.
        let first = try #require(html.firstRange(of: "id=\"chart-001-middlesbrough-cla\""))
        let second = try #require(html.firstRange(of: "id=\"chart-002-second\""))
        #expect(first.lowerBound < second.lowerBound)
        let ids = Self.ids(in: html)
        #expect(Set(ids).count == ids.count, "ids are unique: \(ids)")
        // The page is well-formed XML too; every contents link and aria reference points at an element.
        let parsed = ChartXMLDocument(html)
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        let parsedIDs = Set(parsed.elements.compactMap { $0.attributes["id"] })
        #expect(parsedIDs.count == ids.count)
        for a in parsed.named("a") {
            guard let href = a.attributes["href"], href.hasPrefix("#") else { continue }
            #expect(parsedIDs.contains(String(href.dropFirst())), "\(href)")
        }
        for element in parsed.elements {
            for name in ["aria-labelledby", "aria-describedby"] {
                for reference in (element.attributes[name] ?? "").split(separator: " ") {
                    #expect(parsedIDs.contains(String(reference)), "\(name)=\(reference)")
                }
            }
        }
        #expect(parsed.named("svg").count == report.charts.count)
    }

    @Test("hostile text in the title, introduction, table and chart text appears only escaped")
    func escaping() {
        let hostile = "<script>alert(1)</script>"
        var plot = Fixtures.plot(id: "003-x", title: hostile, subtitle: "Area \"&' " + hostile, values: [1, 2])
        plot.description = "Described " + hostile
        var report = Self.report(title: "Report " + hostile, charts: [plot])
        report.introduction = "Intro " + hostile
        report.summaryColumns = ["Area \"&'"]
        report.summaryRows = [[hostile], ["\"&'"]]
        let html = report.render()
        #expect(!html.contains("<script"))
        #expect(ChartXMLDocument(html).error == nil)
        #expect(html.contains("<h1><bdi>Report &lt;script&gt;alert(1)&lt;/script&gt;</bdi></h1>"))
        #expect(html.contains("<p class=\"lead\">Intro &lt;script&gt;alert(1)&lt;/script&gt;</p>"))
        #expect(html.contains("<th scope=\"col\"><bdi>Area \"&amp;'</bdi></th>"))
        #expect(html.contains("<td><bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi></td>"))
        #expect(html.contains("<figcaption><bdi>Described &lt;script&gt;alert(1)&lt;/script&gt;</bdi></figcaption>"))
    }

    @Test("link paths are percent-encoded relative paths, never scripts or other hosts")
    func links() {
        #expect(HTMLReport.relativeURL("data/003-a b.csv") == "data/003-a%20b.csv")
        #expect(HTMLReport.relativeURL("javascript:alert(1)") == "javascript%3Aalert%281%29")
        #expect(HTMLReport.relativeURL("//evil.example/x") == ".//evil.example/x")
        #expect(HTMLReport.relativeURL("charts/é\".svg") == "charts/%C3%A9%22.svg")
        let plot = Fixtures.plot(values: [1])
        let chart = HTMLReport.Chart(plot: plot, svg: "<svg/>", dataPath: "javascript:alert(1)", specPath: nil, svgPath: nil)
        let html = HTMLReport(title: "T", introduction: "", summaryColumns: [], summaryRows: [], charts: [chart]).render()
        #expect(html.contains("<a href=\"javascript%3Aalert%281%29\">Plot data (CSV)</a>"))
        #expect(!html.contains("Vega-Lite specification (JSON)") && !html.contains("Chart (SVG)"))
        #expect(!html.contains("id=\"summary\""), "no summary section without a table")
    }

    @Test("repeated plot ids get distinct sections")
    func repeatedIDs() {
        let plot = Fixtures.plot(values: [1, 2, 3])
        let html = Self.report(charts: [plot, plot]).render()
        #expect(html.contains("href=\"#chart-001-test\"") && html.contains("href=\"#chart-001-test-2\""))
        #expect(html.contains("id=\"chart-001-test-2\""))
    }

    @Test("the XML declaration, doctype and byte-order mark are stripped from inlined SVG")
    func inlineSVG() {
        #expect(HTMLReport.inlineSVG("\u{FEFF}<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"x\" \"y\">\n<svg/>\n") == "<svg/>")
        #expect(HTMLReport.inlineSVG("<svg><title>a</title></svg>") == "<svg><title>a</title></svg>")
    }

    @Test("the summary table: padded rows and right-aligned numeric columns")
    func summaryTable() {
        let report = HTMLReport(
            title: "T", introduction: "", summaryColumns: ["Area", "Value", "Change"],
            summaryRows: [["A", "1,234", "+5.0%"], ["B", "–"], ["C", "£12", "−3 pp"]], charts: [])
        let html = report.render()
        // Column names and text cells come from the data: isolated in <bdi>; the numbers are the report's own.
        #expect(html.contains("<tr><th scope=\"col\"><bdi>Area</bdi></th><th scope=\"col\" class=\"num\"><bdi>Value</bdi></th><th scope=\"col\" class=\"num\"><bdi>Change</bdi></th></tr>"))
        #expect(html.contains("<tr><td><bdi>B</bdi></td><td class=\"num\">–</td><td class=\"num\"></td></tr>"))
        #expect(!html.contains("<nav"), "no contents without charts")
    }

    @Test("rendering is deterministic")
    func deterministic() {
        #expect(Self.report().render() == Self.report().render())
    }
}

extension Substring {
    fileprivate var trimmingSuffixNewlines: Substring {
        var s = self
        while s.last == "\n" { s.removeLast() }
        return s
    }
}
