import Foundation
@testable import Metrics
import Testing

/// Control characters, bidirectional formatting characters and U+2028/U+2029 in every writer: shown as
/// `\u{1B}` in terminal text, Markdown and CSV (CSV keeps tab, LF and CR, which it quotes), escaped
/// reversibly in JSON and the stream's TSV.
struct ControlCharactersTests {
    /// Text as a hostile producer writes it: OSC (set the window title), a clear screen, NUL, SOH, DEL, NEL
    /// (U+0085) and CSI (U+009B) as C1 controls, a right-to-left override, a line separator.
    static let hostile = [
        "osc\u{1B}]0;pwned\u{7}title", "clear\u{1B}[2Jscreen", "nul\u{0}byte", "soh\u{1}x", "del\u{7F}x", "nel\u{85}x",
        "csi\u{9B}2J", "rlo\u{202E}reversed", "line\u{2028}sep", "tab\tand\nnewline\r",
    ]
    /// Text with nothing to escape: a backslash, £ and – (C2 A3, E2 80 93: lead bytes shared with C1 and the
    /// bidi characters), Arabic letters (D8 xx), an emoji.
    static let plain = ["back\\slash", "£1,200 – 2021", "عربي", "😀 x", "", "Ynys Môn"]

    /// The hidden characters of issue 16, from the code points (independent of `ControlCharacters`).
    static func expectedHidden(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v) || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    @Test("the byte test finds exactly the hidden characters, for every scalar below U+3000 and a sample above, alone and between letters")
    func byteClassification() {
        var scalars = (0..<0x3000).compactMap(Unicode.Scalar.init)
        scalars += stride(from: 0x3000, to: 0x110000, by: 0x0FED).compactMap { Unicode.Scalar(UInt32($0)) }
        for s in scalars {
            let expected = Self.expectedHidden(s.value)
            #expect(ControlCharacters.isHidden(s) == expected, "U+\(String(s.value, radix: 16))")
            for text in [String(s), "a" + String(s) + "b", "£" + String(s)] {
                #expect(ControlCharacters.containsHidden(text) == expected, "U+\(String(s.value, radix: 16)) in \(text.debugDescription)")
            }
        }
    }

    @Test("terminal text: each hidden character as \\u{…}, everything else (a backslash too) as it is")
    func terminalText() {
        #expect(TerminalText.escape(Self.hostile[0]) == #"osc\u{1B}]0;pwned\u{7}title"#)
        #expect(TerminalText.escape("nul\u{0}x\u{7F}\u{85}\u{9B}") == #"nul\u{0}x\u{7F}\u{85}\u{9B}"#)
        #expect(TerminalText.escape("a\tb\nc\r\u{2028}\u{2029}") == #"a\u{9}b\u{A}c\u{D}\u{2028}\u{2029}"#)
        #expect(TerminalText.escape("\u{202E}\u{2066}\u{200F}\u{61C}x") == #"\u{202E}\u{2066}\u{200F}\u{61C}x"#)
        for text in Self.plain { #expect(TerminalText.escape(text) == text) }
        #expect(TerminalText.lines(["a\u{1B}", "b\nc"]) == "a\\u{1B}\nb\\u{A}c\n")
    }

    @Test("table: every row one line, columns aligned, hidden characters escaped in names and cells")
    func table() {
        var table = ResultTable(columns: ["area\u{1B}[1m", "n"])
        for (k, text) in Self.hostile.enumerated() { table.rows.append([.text(text), .integer(k)]) }
        let lines = table.table().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2 + Self.hostile.count)
        #expect(!lines.joined().unicodeScalars.contains { Self.expectedHidden($0.value) })
        #expect(Set(lines.map(\.count)).count == 1, "right-aligned counts end every line at the same column")
        #expect(lines[0].hasPrefix(#"area\u{1B}[1m"#))
        #expect(lines[2 + 9].hasPrefix(#"tab\u{9}and\u{A}newline\u{D}"#))
    }

    @Test("Markdown: hidden characters shown as \\u{…} with the backslash escaped; no raw line break ends a row")
    func markdown() {
        #expect(ResultTable.markdownCell("a\u{1B}[2J|b") == #"a\\u{1B}\[2J\|b"#)
        #expect(ResultTable.markdownCell("x\ny\u{202E}") == #"x\\u{A}y\\u{202E}"#)
        let table = ResultTable(columns: ["name"], rows: Self.hostile.map { [.text($0)] })
        let text = table.markdown()
        #expect(text.split(separator: "\n").count == 2 + Self.hostile.count)
        #expect(!text.unicodeScalars.contains { Self.expectedHidden($0.value) && $0 != "\n" })
        #expect(ReportNotebook.markdownEscaped("t\u{1B}]0;x\u{7}") == #"t\\u\{1B\}\]0\;x\\u\{7\}"#)
    }

    @Test("CSV: control characters but tab, LF, CR written as \\u{…}; tab, LF, CR kept (quoted); bidi text kept; formulas still guarded")
    func csv() {
        #expect(CSVText.text("osc\u{1B}]0;pwned\u{7}title") == #"osc\u{1B}]0;pwned\u{7}title"#)
        #expect(CSVText.text("nul\u{0}byte\u{7F}\u{85}\u{9B}") == #"nul\u{0}byte\u{7F}\u{85}\u{9B}"#)
        #expect(CSVText.text("a\tb\nc\u{1}") == "\"a\tb\nc\\u{1}\"")
        #expect(CSVText.text("rlo\u{202E}x\u{2028}") == "rlo\u{202E}x\u{2028}")
        #expect(CSVText.text("=1+\u{1B}") == #"'=1+\u{1B}"#)
        #expect(CSVText.text("\u{1B}=x") == #"\u{1B}=x"#, "a visible escape is not a formula")
        for text in Self.plain { #expect(CSVText.text(text) == (text.contains(",") ? "\"\(text)\"" : text)) }
        // The summary record's byte-level writer follows the same rule.
        for text in Self.hostile + Self.plain + ["=HYPERLINK(\"x\")", "-2", "a\"b"] {
            let out = RecordBytes(capacity: 16)
            CSVFields.appendText(text, to: out)
            #expect(String(decoding: out.bytes, as: UTF8.self) == CSVText.text(text), "\(text.debugDescription)")
        }
    }

    @Test("CSV: the summary writer's eight-bytes-at-a-time test agrees with CSVText at every position, C2 pairs split across words")
    func csvWordBoundaries() {
        let specials = ["\u{1B}", "\u{0}", ",", "\"", "\u{7F}", "\u{85}", "\u{9F}", "£", "\u{A0}", "\n", "\r", "\t", "\u{202E}", "x"]
        for special in specials {
            for position in 0..<20 {
                let text = "a" + String(repeating: "b", count: position) + special + "cdefghijklmnop".prefix(position % 9)
                let out = RecordBytes(capacity: 16)
                CSVFields.appendText(text, to: out)
                #expect(String(decoding: out.bytes, as: UTF8.self) == CSVText.text(text), "\(text.debugDescription)")
            }
        }
    }

    @Test("JSON: every hidden character escaped as \\uXXXX, and the exact text read back")
    func json() throws {
        for text in Self.hostile + Self.plain {
            let rendered = JSONValue.array([.string(text)]).rendered(indent: 0)
            #expect(!rendered.unicodeScalars.contains { Self.expectedHidden($0.value) }, "\(rendered.debugDescription)")
            let decoded = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String]
            #expect(decoded == [text])
        }
        #expect(JSONValue.string("\u{85}\u{202E}\u{7F}").rendered() == #""\u0085\u202e\u007f""#)
    }

    @Test("stream TSV: hidden characters as \\uXXXX (Java's escapes), decoded back exactly by the escaped reader")
    func streamText() throws {
        #expect(StreamingText.escape("osc\u{1B}]0;t\u{7}") == #"osc\u001b]0;t\u0007"#)
        #expect(StreamingText.escape("nul\u{0}\u{85}\u{202E}\u{2028}") == #"nul\u0000\u0085\u202e\u2028"#)
        #expect(StreamingText.escape("a\\b\tc") == #"a\\b\tc"#)
        for text in Self.plain where !text.contains("\\") { #expect(StreamingText.escape(text) == text) }
        let line = Self.hostile.map(StreamingText.escape).joined(separator: "\t") + "\n"
        #expect(!line.dropLast().unicodeScalars.contains { Self.expectedHidden($0.value) && $0 != "\t" })
        let rows = try StreamingSummaryTests.fields(of: try StreamingSummaryTests.file(line), escaped: true)
        #expect(rows == [Self.hostile])
    }

    @Test("stream TSV input: \\u needs four hexadecimal digits naming a scalar")
    func badUnicodeEscape() throws {
        for bad in [#"x\u12"#, #"x\u00g1"#, #"x\ud800"#] {
            #expect(throws: DataError.self, "\(bad)") {
                _ = try StreamingSummaryTests.fields(of: try StreamingSummaryTests.file(bad + "\n"), escaped: true)
            }
        }
        #expect(try StreamingSummaryTests.fields(of: try StreamingSummaryTests.file(#"\u00e9\u20AC"# + "\n"), escaped: true) == [["é€"]])
    }
}
