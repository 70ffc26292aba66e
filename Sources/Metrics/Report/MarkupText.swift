/// User text made safe for XML (SVG) and HTML documents.
///
/// Conventions: `text` is for element content, `attribute` for attribute values in double *or* single
/// quotes. Both escape `&`, `<` and `>`; `attribute` also escapes `"` (`&quot;`) and `'` (`&#39;`, which HTML
/// and XML both read) and writes tab, line feed and carriage return as character references, so XML's
/// attribute-value normalisation keeps them. Characters that XML 1.0 forbids (the C0 controls other than
/// tab, line feed and carriage return) and the ones HTML reports as parse errors (DEL, the C1 controls,
/// the noncharacters U+FDD0–U+FDEF and every U+xFFFE / U+xFFFF) are written as their visible escape
/// (`\u{1B}`, as the terminal table and the CSV show them: `ControlCharacters.visible`), never raw.
/// (Lone surrogates cannot occur: a Swift `String` is always valid Unicode.) The result is therefore the
/// same text whether the page is read as XML or as HTML.
///
/// Bidirectional text: a text holding a bidirectional formatting character (U+202E and the like) is
/// balanced and wrapped in FSI … PDI (`BidiIsolation.isolated`) by `text` and `attribute`, so it cannot
/// reorder what surrounds it in the element or the attribute; HTML also wraps data text in `<bdi>`
/// (`isolatedText`).
public enum MarkupText {
    /// `value` escaped for element content (`<title>`, `<text>`, `<p>`, `<td>`…).
    public static func text(_ value: String) -> String { escape(BidiIsolation.isolated(value), quotes: false) }

    /// `value` escaped for an attribute value.
    public static func attribute(_ value: String) -> String { escape(BidiIsolation.isolated(value), quotes: true) }

    /// `value` escaped for HTML element content inside `<bdi>` … `</bdi>`, the element that isolates text of
    /// unknown direction (an area name, a title from the data) from the text around it.
    public static func isolatedText(_ value: String) -> String { "<bdi>" + text(value) + "</bdi>" }

    /// `value` with only the forbidden characters replaced by their visible escapes (no escaping), for
    /// measuring or truncating text before it is escaped.
    public static func sanitized(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { !isAllowed($0) }) else { return value }
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if isAllowed(scalar) {
                out.append(scalar)
            } else {
                out.append(contentsOf: ControlCharacters.visible(scalar).unicodeScalars)
            }
        }
        return String(out)
    }

    /// Whether XML 1.0 and HTML both accept `scalar` as a character of a document.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00...0x1F, 0x7F...0x9F: return false
        case 0xFDD0...0xFDEF: return false
        default: return v & 0xFFFE != 0xFFFE
        }
    }

    private static func escape(_ value: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count + 8)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            case "\t" where quotes: out += "&#9;"
            case "\n" where quotes: out += "&#10;"
            case "\r" where quotes: out += "&#13;"
            case "\r": out += "&#13;"  // a bare CR in content would be read as a line feed
            default:
                if isAllowed(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += ControlCharacters.visible(scalar)
                }
            }
        }
        return out
    }
}
