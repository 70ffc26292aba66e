/// User text made safe for XML (SVG) and HTML documents.
///
/// Conventions: `text` is for element content, `attribute` for attribute values in double *or* single
/// quotes. Both escape `&`, `<` and `>`; `attribute` also escapes `"` (`&quot;`) and `'` (`&#39;`, which HTML
/// and XML both read) and writes tab, line feed and carriage return as character references, so XML's
/// attribute-value normalisation keeps them. Characters that XML 1.0 forbids (the C0 controls other than
/// tab, line feed and carriage return) and the ones HTML reports as parse errors (DEL, the C1 controls,
/// the noncharacters U+FDD0–U+FDEF and every U+xFFFE / U+xFFFF) become U+FFFD, the replacement character.
/// (Lone surrogates cannot occur: a Swift `String` is always valid Unicode.) The result is therefore the
/// same text whether the page is read as XML or as HTML.
public enum MarkupText {
    /// `value` escaped for element content (`<title>`, `<text>`, `<p>`, `<td>`…).
    public static func text(_ value: String) -> String { escape(value, quotes: false) }

    /// `value` escaped for an attribute value.
    public static func attribute(_ value: String) -> String { escape(value, quotes: true) }

    /// `value` with only the forbidden characters replaced (no escaping), for measuring or truncating text
    /// before it is escaped.
    public static func sanitized(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            out.append(isAllowed(scalar) ? scalar : replacement)
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

    static let replacement: Unicode.Scalar = "\u{FFFD}"

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
            default: out.unicodeScalars.append(isAllowed(scalar) ? scalar : replacement)
            }
        }
        return out
    }
}
