/// Writing CSV fields (RFC 4180) that stay safe in spreadsheets.
///
/// Numbers are written in full precision (shortest round-trip text); missing numbers as empty fields.
/// Text is quoted when it holds a comma, quote or line break, and text that a spreadsheet program would run
/// as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe, the
/// OWASP "CSV injection" mitigation, so `=HYPERLINK(...)` in an area name stays text.
public enum CSVText {
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return JSONValue.numberText(value)
    }

    public static func text(_ value: String) -> String {
        var field = value
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            field = "'" + field
        }
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
        }
        return field
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
