/// The text encoding of `metrics stream`'s tab-separated rows: the Hadoop Streaming contract that Spark SQL's
/// `TRANSFORM … ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'` speaks.
///
/// - Fields are separated by one TAB (0x09), records end with LF (0x0A); a CR before the LF is dropped.
/// - A field that is exactly `\N` (backslash, capital N) is NULL: Spark writes NULL so and reads it back as
///   NULL. An empty field is empty text, not NULL.
/// - Written text escapes exactly four bytes: backslash as `\\`, TAB as `\t`, LF as `\n`, CR as `\r`
///   (Spark's reader splits lines at CR too). Everything else, commas and quotes included, is written as
///   it is, so a text without those four bytes comes back from Spark unchanged. The encoding is that of
///   Java string literals restricted to these escapes: in Spark SQL,
///   `java_method('org.apache.commons.text.StringEscapeUtils', 'unescapeJava', col)` decodes it exactly.
/// - Spark does not escape what it sends: input text is read as it is unless the producer escaped it in the
///   same way (`escaped`), when `\\`, `\t`, `\n` and `\r` are decoded and any other backslash sequence is an
///   error.
public enum StreamingText {
    /// The NULL marker (`\N`).
    public static let null = "\\N"

    /// `text` with backslash, TAB, LF and CR escaped; other characters as they are.
    public static func escape(_ text: String) -> String {
        var needs = false
        for byte in text.utf8 where byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            needs = true
            break
        }
        guard needs else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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
