/// Keeping right-to-left overrides and other bidirectional formatting characters in data text from
/// reordering the text around it (an area name holding U+202E RIGHT-TO-LEFT OVERRIDE would otherwise show
/// the rest of its label, or of its line, reversed).
///
/// Follows the Unicode Bidirectional Algorithm (UAX #9, rules X1–X8 and BD8–BD9): an embedding or override
/// (LRE, RLE, LRO, RLO: U+202A, U+202B, U+202D, U+202E) lasts until its PDF (U+202C), an isolate (LRI, RLI,
/// FSI: U+2066–U+2068) until its PDI (U+2069), which also closes the embeddings opened inside it; a PDF or
/// PDI with nothing to close does nothing. So:
/// - `balanced` closes, at the end of the text, whatever the text opened and left open (a PDF per open
///   embedding, a PDI per open isolate, innermost first), and drops a PDF or PDI that closes nothing the
///   text opened (a PDI would otherwise close an isolate around it). Marks (LRM, RLM, ALM) are kept: inside
///   an isolate they only order the text they are in.
/// - `isolated` wraps the balanced text in FSI … PDI (U+2068 … U+2069: "first strong isolate", the text's
///   own direction from its first strong letter), so nothing inside reorders, or takes its direction from,
///   what is outside. Text with no bidirectional formatting character is returned as it is: plain left-to-
///   right or right-to-left letters are what the algorithm itself orders, and HTML isolates every data text
///   anyway (`<bdi>`, `MarkupText.isolatedText`).
///
/// Used where data text is composed into a label (`PlotBuilder`: "area (code) · unit", the description),
/// and by `MarkupText` on every text it writes into SVG and HTML.
public enum BidiIsolation {
    static let firstStrongIsolate: Unicode.Scalar = "\u{2068}"
    static let popDirectionalIsolate: Unicode.Scalar = "\u{2069}"

    /// `text` with every embedding, override and isolate it opens closed at its end, and no unmatched PDI.
    public static func balanced(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: ControlCharacters.isBidiFormatting) else { return text }
        // true: an isolate; false: an embedding or override.
        var open: [Bool] = []
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x202A, 0x202B, 0x202D, 0x202E:
                open.append(false)
            case 0x202C:
                guard open.last == false else { continue }
                open.removeLast()
            case 0x2066, 0x2067, 0x2068:
                open.append(true)
            case 0x2069:
                guard let isolate = open.lastIndex(of: true) else { continue }
                open.removeSubrange(isolate...)
            default:
                break
            }
            out.append(scalar)
        }
        for isolate in open.reversed() { out.append(isolate ? popDirectionalIsolate : "\u{202C}") }
        return String(out)
    }

    /// `text` balanced and between FSI and PDI when it holds a bidirectional formatting character; `text`
    /// itself otherwise.
    public static func isolated(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: ControlCharacters.isBidiFormatting) else { return text }
        var out = String.UnicodeScalarView()
        out.append(firstStrongIsolate)
        out.append(contentsOf: balanced(text).unicodeScalars)
        out.append(popDirectionalIsolate)
        return String(out)
    }
}
