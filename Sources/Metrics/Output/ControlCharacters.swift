/// The characters that text from the data must never carry raw into an output a person reads, and the one
/// way the project shows them: `\u{1B}`, Swift's own escape (a backslash, `u`, the scalar's hexadecimal
/// digits in capitals between braces).
///
/// Three groups, after Unicode's general categories and UAX #9 (the bidirectional algorithm):
/// - control characters: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). A terminal acts on
///   them (`ESC [2J` clears the screen, `ESC ]0;…BEL` sets the window title, U+009B is CSI to some
///   terminals); XML 1.0 forbids most of them.
/// - bidirectional formatting characters: ALM (U+061C), LRM and RLM (U+200E, U+200F), the embeddings and
///   overrides LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and the isolates LRI, RLI, FSI, PDI (U+2066–U+2069).
///   Invisible, they reorder the text around them (U+202E shows `abc` as `cba`, "Trojan Source").
/// - the line and paragraph separators U+2028 and U+2029, line breaks to some viewers and not to others.
///
/// How each output treats them (each writer's doc comment says the same):
/// - terminal text (`TerminalText`: the `table` format, messages, the progress bar) and Markdown: every one
///   of them is written as its visible escape, tab and line feed included, so a cell never breaks its row.
///   Not reversible: a literal backslash is not escaped (JSON and the stream's TSV carry the exact text).
/// - CSV (`CSVText`): control characters but tab, line feed and carriage return (which RFC 4180 quotes) as
///   their visible escape; bidirectional characters and separators are text and are kept.
/// - JSON (`JSONValue`) and `metrics stream`'s TSV (`StreamingText`): all three groups escaped reversibly with
///   the format's own `\uXXXX`, so the values round-trip.
/// - HTML and SVG (`MarkupText`): the characters XML forbids as their visible escape; bidirectional text
///   balanced and isolated (`BidiIsolation`).
public enum ControlCharacters {
    /// C0, DEL or C1.
    @inline(__always)
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F)
    }

    /// One of UAX #9's explicit formatting characters or marks: U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069.
    @inline(__always)
    public static func isBidiFormatting(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// A control character, a bidirectional formatting character, or U+2028 / U+2029: what terminal text
    /// and Markdown show escaped.
    @inline(__always)
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        // Printable ASCII, the common case, in two comparisons (the JSON and TSV writers call this per scalar).
        let v = scalar.value
        if v < 0x7F { return v < 0x20 }
        if v <= 0x9F { return true }
        if v < 0x061C { return false }
        return isBidiFormatting(scalar) || v == 0x2028 || v == 0x2029
    }

    /// `scalar` as its visible escape: `\u{1B}`, `\u{A}`, `\u{202E}`.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// Whether the UTF-8 `bytes` hold a hidden character (`isHidden`), decided on the bytes: a byte below
    /// 0x20 or DEL, C2 80–C2 9F (C1), D8 9C (U+061C), E2 80 8E–8F, E2 80 A8–AE, E2 81 A6–A9.
    public static func containsHidden(utf8 bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x20 || b == 0x7F { return true }
            if b >= 0xC2 {
                switch b {
                case 0xC2: if i + 1 < n, bytes[i + 1] < 0xA0 { return true }
                case 0xD8: if i + 1 < n, bytes[i + 1] == 0x9C { return true }
                case 0xE2:
                    if i + 2 < n {
                        let b1 = bytes[i + 1], b2 = bytes[i + 2]
                        if b1 == 0x80, b2 == 0x8E || b2 == 0x8F || (b2 >= 0xA8 && b2 <= 0xAE) { return true }
                        if b1 == 0x81, b2 >= 0xA6 && b2 <= 0xA9 { return true }
                    }
                default: break
                }
            }
            i += 1
        }
        return false
    }

    /// Whether `text` holds a hidden character (`isHidden`).
    public static func containsHidden(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ containsHidden(utf8: UnsafeRawBufferPointer($0)) }) { return found }
        return text.unicodeScalars.contains(where: isHidden)
    }
}
