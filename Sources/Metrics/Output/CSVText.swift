/// Writing CSV fields (RFC 4180) that stay safe in spreadsheets.
///
/// Numbers are written in full precision (shortest round-trip text); missing numbers as empty fields.
/// Text is quoted when it holds a comma, quote or line break, and text that a spreadsheet program would run
/// as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe, the
/// OWASP "CSV injection" mitigation, so `=HYPERLINK(...)` in an area name stays text. Text that is wholly a
/// plain decimal number (`-3.5`, `+2`, `-1e-3`) is left as it is: a number is not a formula, and input
/// columns that a verb copies through as text (`rate`, `proportion`) keep their negative numbers as numbers.
public enum CSVText {
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return JSONValue.numberText(value)
    }

    public static func text(_ value: String) -> String {
        // Decided on the UTF-8 bytes: the characters that matter are all ASCII.
        var needsQuotes = false
        for byte in value.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        var formula = value.utf8.first.map { $0 == 0x3D || $0 == 0x2B || $0 == 0x2D || $0 == 0x40 || $0 == 0x09 || $0 == 0x0D } ?? false
        if formula, value.utf8.withContiguousStorageIfAvailable({ FastDouble.parse($0) != nil }) ?? false { formula = false }
        if !needsQuotes && !formula { return value }
        let field = formula ? "'" + value : value
        return needsQuotes ? "\"" + field.replacingAll("\"", with: "\"\"") + "\"" : field
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
