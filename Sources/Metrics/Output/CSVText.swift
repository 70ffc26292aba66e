/// Writing CSV fields (RFC 4180) that stay safe in spreadsheets.
///
/// Numbers are written in full precision (shortest round-trip text); missing numbers as empty fields.
/// Text is quoted when it holds a comma, quote or line break, and text that a spreadsheet program would run
/// as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe, the
/// OWASP "CSV injection" mitigation, so `=HYPERLINK(...)` in an area name stays text. Text that is wholly a
/// plain decimal number (`-3.5`, `+2`, `-1e-3`) is left as it is: a number is not a formula, and input
/// columns that a verb copies through as text (`rate`, `proportion`) keep their negative numbers as numbers.
///
/// Control characters: a CSV file is data, and it can carry line feed and carriage return (the field is
/// quoted, as RFC 4180 has it) and tab (kept unquoted, as every spreadsheet and CSV reader takes it), which
/// are kept. Every other control character — the C0 controls, DEL and the C1
/// controls (U+0080–U+009F): NUL, ESC, BEL, U+0085 — is written as its visible escape (`\u{1B}`,
/// `ControlCharacters`), so no escape sequence reaches a terminal that shows the file and no reader meets a
/// NUL; this is not reversible (JSON keeps the exact text). Bidirectional formatting characters are text and
/// are kept. Every CSV writer goes through `text` (or, for summary records, through `CSVFields`, which
/// applies the same rule on the bytes).
public enum CSVText {
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return JSONValue.numberText(value)
    }

    public static func text(_ value: String) -> String {
        // Decided on the UTF-8 bytes: the characters that matter are ASCII, or C1 (C2 80–C2 9F).
        var needsQuotes = false
        var hasControl = false
        var previous: UInt8 = 0
        for byte in value.utf8 {
            if byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
            } else if (byte < 0x20 && byte != 0x09) || byte == 0x7F || (previous == 0xC2 && byte < 0xA0) {
                hasControl = true
            }
            previous = byte
        }
        if hasControl { return text(withoutControls(value)) }
        var formula = value.utf8.first.map { $0 == 0x3D || $0 == 0x2B || $0 == 0x2D || $0 == 0x40 || $0 == 0x09 || $0 == 0x0D } ?? false
        if formula, value.utf8.withContiguousStorageIfAvailable({ FastDouble.parse($0) != nil }) ?? false { formula = false }
        if !needsQuotes && !formula { return value }
        let field = formula ? "'" + value : value
        return needsQuotes ? "\"" + field.replacingAll("\"", with: "\"\"") + "\"" : field
    }

    /// `value` with each control character other than tab, line feed and carriage return written as its
    /// visible escape.
    static func withoutControls(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if ControlCharacters.isControl(scalar), scalar != "\t", scalar != "\n", scalar != "\r" {
                out += ControlCharacters.visible(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One record, fields joined by commas, ending in a line feed.
    public static func record(_ fields: [String]) -> String { fields.joined(separator: ",") + "\n" }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count)
        for c in self {
            if c == target { result += replacement } else { result.append(c) }
        }
        return result
    }
}
