import Foundation
@testable import Metrics
import Testing

/// Bidirectional overrides in data text: balanced and isolated (UAX #9), so a U+202E reverses only its own
/// text, in SVG and HTML and in the labels composed from the data.
struct BidiIsolationTests {
    static let rlo = "\u{202E}", pdf = "\u{202C}", fsi = "\u{2068}", rli = "\u{2067}", pdi = "\u{2069}"

    /// Whether `text` closes everything it opens and closes nothing it did not open (UAX #9, X1–X8), from
    /// the rules themselves.
    static func isBalanced(_ text: String) -> Bool {
        var open: [Bool] = []
        for s in text.unicodeScalars {
            switch s.value {
            case 0x202A, 0x202B, 0x202D, 0x202E: open.append(false)
            case 0x2066...0x2068: open.append(true)
            case 0x202C:
                guard open.last == false else { return false }
                open.removeLast()
            case 0x2069:
                guard let i = open.lastIndex(of: true) else { return false }
                open.removeSubrange(i...)
            default: break
            }
        }
        return open.isEmpty
    }

    @Test("balanced: open embeddings and isolates closed at the end, innermost first; stray PDF and PDI dropped")
    func balanced() {
        #expect(BidiIsolation.balanced("a\(Self.rlo)b") == "a\(Self.rlo)b\(Self.pdf)")
        #expect(BidiIsolation.balanced("\(Self.rli)a\(Self.rlo)b") == "\(Self.rli)a\(Self.rlo)b\(Self.pdf)\(Self.pdi)")
        #expect(BidiIsolation.balanced("x\(Self.pdi)\(Self.rlo)y") == "x\(Self.rlo)y\(Self.pdf)", "a PDI that would close an isolate around the text")
        #expect(BidiIsolation.balanced("\(Self.pdf)x") == "x")
        #expect(BidiIsolation.balanced("\(Self.rli)\(Self.rlo)a\(Self.pdi)b") == "\(Self.rli)\(Self.rlo)a\(Self.pdi)b", "a PDI closes the embeddings inside its isolate")
        #expect(BidiIsolation.balanced("a\u{200F}b") == "a\u{200F}b", "marks are kept")
        for text in ["plain", "عربي (E06000001)", ""] {
            #expect(BidiIsolation.balanced(text) == text)
            #expect(BidiIsolation.isolated(text) == text, "text without formatting characters is left as it is")
        }
        #expect(BidiIsolation.isolated("a\(Self.rlo)b") == "\(Self.fsi)a\(Self.rlo)b\(Self.pdf)\(Self.pdi)")
    }

    @Test("isolated text is balanced and keeps every other character, for 5,000 random mixes of letters and formatting characters")
    func randomMixes() {
        let alphabet: [Unicode.Scalar] = ["a", "b", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{200F}"]
        // SplitMix64 from a fixed seed: the same 5,000 texts on every run.
        var seed: UInt64 = 16
        func next() -> UInt64 {
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<5_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(next() % 12) { text.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
            let s = String(text)
            let isolated = BidiIsolation.isolated(s)
            #expect(Self.isBalanced(isolated), "\(s.debugDescription) → \(isolated.debugDescription)")
            #expect(isolated.filter { $0 == "a" || $0 == "b" } == s.filter { $0 == "a" || $0 == "b" })
            #expect(BidiIsolation.balanced(BidiIsolation.balanced(s)) == BidiIsolation.balanced(s))
        }
    }

    @Test("markup: an override is closed and isolated inside its element; XML-forbidden characters shown escaped")
    func markup() {
        #expect(MarkupText.text("rlo\(Self.rlo)x<") == "\(Self.fsi)rlo\(Self.rlo)x&lt;\(Self.pdf)\(Self.pdi)")
        #expect(MarkupText.attribute("\(Self.rlo)\"") == "\(Self.fsi)\(Self.rlo)&quot;\(Self.pdf)\(Self.pdi)")
        #expect(MarkupText.isolatedText("Area \(Self.rlo)x") == "<bdi>\(Self.fsi)Area \(Self.rlo)x\(Self.pdf)\(Self.pdi)</bdi>")
        #expect(MarkupText.isolatedText("Middlesbrough") == "<bdi>Middlesbrough</bdi>")
        #expect(MarkupText.text("a\u{1B}[2J\u{85}") == #"a\u{1B}[2J\u{85}"#)
    }

    @Test("plot labels: an override in an area name or an event label reverses nothing after it")
    func plotLabels() throws {
        let series = try PlotBuilderTests.series(PlotBuilderTests.values, periods: PlotBuilderTests.periods, area: ("E06000002", "Evil\(Self.rlo)borough"))
        let summary = try Summarizer().summarize(series)
        let events = [EventList.Event(period: try Period.parse("2019-11"), label: "\(Self.rlo)Ofsted")]
        let plot = PlotBuilder().plot(series, summary: summary, index: 0, events: events)
        #expect(plot.subtitle == "\(Self.fsi)Evil\(Self.rlo)borough\(Self.pdf)\(Self.pdi) (E06000002) · count")
        #expect(plot.description.contains("\(Self.fsi)\(Self.rlo)Ofsted\(Self.pdf)\(Self.pdi) (2019-11)"))
        #expect(Self.isBalanced(plot.subtitle) && Self.isBalanced(plot.description))
        let plain = PlotBuilder().plot(try PlotBuilderTests.series(PlotBuilderTests.values, periods: PlotBuilderTests.periods), summary: summary, index: 0)
        #expect(plain.subtitle == "Middlesbrough (E06000002) · count", "ordinary names are unchanged")
        let svg = SVGChart(plot: plot).render()
        #expect(svg.contains("\(Self.fsi)\(Self.fsi)Evil\(Self.rlo)borough\(Self.pdf)\(Self.pdi) (E06000002) · count\(Self.pdi)</text>"), "the subtitle, isolated again as a whole")
    }
}
