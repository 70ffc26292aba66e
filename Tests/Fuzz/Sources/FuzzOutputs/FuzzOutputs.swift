// Fuzz target: text from the data in every output a person reads or a program parses. The input is a tidy
// CSV file (its key fields are where hostile text lives: ESC sequences, NUL, DEL, C1 controls, bidi
// overrides); every series it holds is summarised and written as `metrics` writes it, and the harness traps
// (a finding) when an output breaks its rule (`ControlCharacters` has the rules):
// - table and Markdown (the terminal's text): no hidden character (control, bidi formatting, U+2028/9) on
//   any line;
// - CSV: no control character but tab, line feed and carriage return (a carriage return only inside quotes);
// - JSON: no raw character below U+0020, and the document parses;
// - SVG chart and HTML page: no character XML 1.0 forbids, every explicit bidi embedding or override closed
//   within its text, and the SVG parses as XML.

import Foundation
import FoundationXML
import FuzzSupport
import Metrics

private let summarizer = Summarizer()
private let builder = PlotBuilder()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOutputs(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Fuzz.path("outputs.csv")
    Fuzz.write(Fuzz.bytes(data, size)[...], to: path)
    var summaries: [SeriesSummary] = []
    var charts: [HTMLReport.Chart] = []
    do {
        try SeriesSource.read(path: path, options: ReadOptions(format: .tidy, grouping: .grouping)) { series in
            guard summaries.count < 8, let summary = try? summarizer.summarize(series) else { return }
            let plot = builder.plot(series, summary: summary, index: summaries.count)
            let svg = SVGChart(plot: plot).render()
            check(markup: svg, what: "SVG chart")
            checkParses(svg, what: "SVG chart")
            charts.append(HTMLReport.Chart(plot: plot, svg: svg))
            summaries.append(summary)
        }
    } catch {}
    guard let first = summaries.first else { return 0 }
    let names = first.key.names
    guard summaries.allSatisfy({ $0.key.names == names }) else { return 0 }

    for format in OutputFormat.allCases {
        let writer = SummaryFormat(format: format, keyNames: names)
        switch format {
        case .csv, .json, .ndjson:
            var text = writer.header()
            for (i, summary) in summaries.enumerated() { text += writer.record(summary, index: i) }
            text += writer.footer(count: summaries.count)
            if format == .csv { check(csv: text, records: summaries.count + 1) } else { check(json: text, lines: format == .ndjson) }
        case .table, .markdown:
            check(terminal: writer.readable(summaries), what: format.rawValue)
        }
    }
    let page = HTMLReport(
        title: first.key.description, introduction: first.key.values.joined(separator: " "), summaryColumns: names,
        summaryRows: summaries.map(\.key.values), charts: charts
    ).render()
    check(markup: page, what: "HTML page")
    return 0
}

private func fail(_ what: String, _ text: String) -> Never {
    fatalError("\(what) broke its rule: \(text.unicodeScalars.prefix(400).map { $0.escaped(asASCII: true) }.joined())")
}

private func check(terminal text: String, what: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.unicodeScalars.contains(where: ControlCharacters.isHidden) {
        fail(what, String(line))
    }
}

private func check(csv text: String, records: Int) {
    var quoted = false
    var lineFeeds = 0
    for scalar in text.unicodeScalars {
        if scalar == "\"" { quoted.toggle() }
        if scalar == "\n", !quoted { lineFeeds += 1 }
        guard ControlCharacters.isControl(scalar) else { continue }
        // A tab is text (`CSVText` keeps it, as every spreadsheet reads it); line breaks only inside quotes,
        // but for the one that ends a record.
        if scalar == "\t" || scalar == "\n" || (scalar == "\r" && quoted) { continue }
        fail("CSV", text)
    }
    if lineFeeds != records { fail("CSV (\(lineFeeds) line feeds outside quotes for \(records) records)", text) }
}

private func check(json text: String, lines: Bool) {
    if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) { fail("JSON", text) }
    let documents = lines ? text.split(separator: "\n").map(String.init) : [text]
    for document in documents where (try? JSONSerialization.jsonObject(with: Data(document.utf8), options: [.fragmentsAllowed])) == nil {
        fail("JSON (does not parse)", document)
    }
}

private func check(markup text: String, what: String) {
    if text.unicodeScalars.contains(where: { !MarkupText.isAllowed($0) }) { fail(what + " (a character XML forbids)", text) }
    // Between two tags, every explicit embedding or override (LRE, RLE, LRO, RLO) is closed by a PDF, and
    // every isolate (LRI, RLI, FSI) by a PDI, before the text ends.
    var embeddings = 0
    var isolates = 0
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x3C, 0x3E:  // < and >: the end of a text node or of an attribute's tag
            if embeddings > 0 || isolates > 0 { fail(what + " (an unclosed bidi override)", text) }
        case 0x202A...0x202B, 0x202D...0x202E: embeddings += 1
        case 0x202C: embeddings = max(0, embeddings - 1)
        case 0x2066...0x2068: isolates += 1
        case 0x2069:
            isolates = max(0, isolates - 1)
            embeddings = 0  // a PDI closes the embeddings opened inside its isolate
        default: break
        }
    }
    if embeddings > 0 || isolates > 0 { fail(what + " (an unclosed bidi override at the end)", text) }
}

private func checkParses(_ svg: String, what: String) {
    let parser = XMLParser(data: Data(svg.utf8))
    if !parser.parse() { fail(what + " (not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?"))", svg) }
}
