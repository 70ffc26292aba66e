/// The text encoding of `metrics stream`'s tab-separated rows: the Hadoop Streaming contract that Spark SQL's
/// `TRANSFORM … ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'` speaks.
///
/// - Fields are separated by one TAB (0x09), records end with LF (0x0A); a CR before the LF is dropped.
/// - A field that is exactly `\N` (backslash, capital N) is NULL: Spark writes NULL so and reads it back as
///   NULL. An empty field is empty text, not NULL.
/// - Written text escapes backslash as `\\`, TAB as `\t`, LF as `\n`, CR as `\r` (Spark's reader splits
///   lines at CR too), and every other hidden character (`ControlCharacters.isHidden`: the C0 controls, DEL,
///   the C1 controls, the bidirectional formatting characters, U+2028, U+2029) as `\uXXXX` (four lowercase
///   hexadecimal digits: `\u001b`, `\u202e`), so no raw control character reaches the job's output or a
///   terminal. Everything else, commas and quotes included, is written as it is, so ordinary text comes
///   back from Spark unchanged. The encoding is that of Java string literals restricted to these escapes:
///   in Spark SQL, `java_method('org.apache.commons.text.StringEscapeUtils', 'unescapeJava', col)` decodes
///   it exactly.
/// - Spark does not escape what it sends: input text is read as it is unless the producer escaped it in the
///   same way (`escaped`), when `\\`, `\t`, `\n`, `\r` and `\uXXXX` are decoded and any other backslash
///   sequence is an error.
public enum StreamingText {
    /// The NULL marker (`\N`).
    public static let null = "\\N"

    /// `text` with backslash, TAB, LF and CR escaped, and every other hidden character as `\uXXXX`; other
    /// characters as they are.
    public static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if ControlCharacters.isHidden(scalar) {
                    out += JSONValue.unicodeEscape(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether `text` holds a backslash or a hidden character (decided on the UTF-8 bytes).
    static func needsEscaping(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ needsEscaping(utf8: UnsafeRawBufferPointer($0)) }) { return found }
        return text.unicodeScalars.contains { $0 == "\\" || ControlCharacters.isHidden($0) }
    }

    static func needsEscaping(utf8 bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.contains(0x5C) || ControlCharacters.containsHidden(utf8: bytes)
    }

    /// A text field: escaped text, or `\N` for `nil`.
    public static func field(_ text: String?) -> String {
        text.map(escape) ?? null
    }

    /// A number field: the shortest text that reads back as the same double (as CSV and JSON write it), or
    /// `\N` when there is none.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return null }
        return JSONValue.numberText(value)
    }

    /// Decodes an escaped field: the inverse of `escape`. Returns the offset of the first backslash that
    /// starts no known escape (`nil` when the whole field decoded).
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Int? {
        output.removeAll(keepingCapacity: true)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == 0x5C else {
                output.append(byte)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { return i }
            switch bytes[i + 1] {
            case 0x5C: output.append(0x5C)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "u"):
                // Four hexadecimal digits naming a scalar (not a surrogate half).
                guard i + 6 <= bytes.count else { return i }
                var value: UInt32 = 0
                for k in 2..<6 {
                    let b = bytes[i + k]
                    let digit: UInt8
                    switch b {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
                    default: return i
                    }
                    value = value << 4 | UInt32(digit)
                }
                guard let scalar = Unicode.Scalar(value) else { return i }
                output.append(contentsOf: String(scalar).utf8)
                i += 6
                continue
            default: return i
            }
            i += 2
        }
        return nil
    }

    /// Whether `bytes` is the NULL marker.
    @inline(__always)
    static func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 2 && bytes[0] == 0x5C && bytes[1] == UInt8(ascii: "N")
    }
}
