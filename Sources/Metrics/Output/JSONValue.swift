/// A JSON document built in order, written deterministically: object keys in the order given, numbers as
/// the shortest text that reads back as the same double (full precision), non-finite numbers as `null`.
/// Strings escape `"`, `\\`, `<`, `>`, `&` and every hidden character (`ControlCharacters.isHidden`: C0, DEL,
/// C1, the bidirectional formatting characters, U+2028, U+2029) with JSON's own escapes, so the text
/// round-trips exactly and no raw control character is written.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// `nil` → `null`.
    public static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }

    /// The document as text; `indent` spaces per level, or a single line when `indent` is 0.
    public func rendered(indent: Int = 2) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0)
        return out
    }

    private func write(to out: inout String, indent: Int, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += x.isFinite ? JSONValue.numberText(x) : "null"
        case .integer(let i): out += String(i)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += "," }
                newline(&out, indent: indent, level: level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (k, (key, value)) in members.enumerated() {
                if k > 0 { out += "," }
                newline(&out, indent: indent, level: level + 1)
                JSONValue.writeString(key, to: &out)
                out += indent > 0 ? ": " : ":"
                value.write(to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out += "}"
        }
    }

    private func newline(_ out: inout String, indent: Int, level: Int) {
        guard indent > 0 else { return }
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }

    /// Swift's shortest round-trip form, which is valid JSON for finite values (`1e-05`, `2.5`, `1e+20`).
    static func numberText(_ x: Double) -> String {
        if x == 0 { return "0" }
        if x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    /// `\uXXXX` for a scalar below U+10000 (every hidden character is), as JSON and `metrics stream`'s TSV
    /// write it: four lower-case hexadecimal digits.
    static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // safe to embed in HTML <script> blocks
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                // Every hidden character (controls, C1 included, bidirectional formatting characters, U+2028,
                // U+2029, all below U+10000) as \uXXXX: valid JSON either way, but the text of the document
                // itself stays safe in a terminal and in an HTML <script>.
                if ControlCharacters.isHidden(scalar) {
                    out += unicodeEscape(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
