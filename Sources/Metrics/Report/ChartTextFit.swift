/// Fitting text into a chart without font metrics: an estimate of a label's width in a Helvetica/Arial-like
/// sans-serif face, and truncation with an ellipsis.
///
/// Conventions: widths are in pixels for a font size in pixels, from per-character advance widths (as a
/// fraction of the em) rounded up from the wider of Arial's and DejaVu Sans' (the usual fallback on Linux),
/// so estimates err on the wide side and labels placed with them do not collide in either face. Truncation counts characters (grapheme clusters), so accents and emoji stay whole;
/// line breaks and tabs are read as spaces first.
enum ChartTextFit {
    static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += advance(scalar)
        }
        return ems * fontSize * (bold ? 1.1 : 1)
    }

    /// `text` on one line, cut to `maximum` characters with a trailing `…` when longer.
    static func truncated(_ text: String, maximum: Int) -> String {
        let line = singleLine(text)
        guard line.count > maximum, maximum > 1 else { return line }
        var head = String(line.prefix(maximum - 1))
        while head.last == " " { head.removeLast() }
        return head + "…"
    }

    /// `text` cut (with `…`) so that it is at most `width` pixels wide.
    static func truncated(_ text: String, width: Double, fontSize: Double, bold: Bool = false) -> String {
        var line = singleLine(text)
        guard self.width(line, fontSize: fontSize, bold: bold) > width else { return line }
        while !line.isEmpty && self.width(line + "…", fontSize: fontSize, bold: bold) > width {
            line.removeLast()
        }
        while line.last == " " { line.removeLast() }
        return line + "…"
    }

    /// `text` on lines of at most `width` pixels, broken at spaces (a word wider than a line is cut with `…`).
    static func wrapped(_ text: String, width: Double, fontSize: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in singleLine(text).split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if self.width(candidate, fontSize: fontSize) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
            if self.width(current, fontSize: fontSize) > width {
                lines.append(truncated(current, width: width, fontSize: fontSize))
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    static func singleLine(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for c in MarkupText.sanitized(text) {
            let space = c == " " || c == "\n" || c == "\r\n" || c == "\r" || c == "\t"
            if space {
                if !lastWasSpace && !out.isEmpty { out.append(" ") }
            } else {
                out.append(c)
            }
            lastWasSpace = space
        }
        while out.last == " " { out.removeLast() }
        return out
    }

    private static func advance(_ s: Unicode.Scalar) -> Double {
        // Bidirectional formatting characters (U+202E, the isolates `BidiIsolation` adds) take no room.
        if ControlCharacters.isBidiFormatting(s) { return 0 }
        switch s {
        case "i", "j", "l", ".", ",", ":", ";", "'", "|", "!", "I", "\u{2019}": return 0.3
        case " ", "f", "t", "r", "(", ")", "[", "]", "/", "-", "\"": return 0.4
        case "m", "w", "M", "W", "@", "%", "\u{2014}": return 1.0
        case "0"..."9", "£", "$", "€", "#", "+", "−", "=", "?", "–", "<", ">", "~": return 0.64
        case "A"..."Z": return 0.75
        case "a"..."z": return 0.62
        default: return s.value < 0x300 ? 0.66 : (s.value >= 0x1100 ? 1.0 : 0.7)
        }
    }
}
