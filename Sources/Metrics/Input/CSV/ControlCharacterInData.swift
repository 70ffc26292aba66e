/// A control character in the data: what every reader refuses, at its line and column.
///
/// The rule (issue 17): a field of an input file holds no C0 control (U+0000–U+001F), no DEL (U+007F) and no
/// C1 control (U+0080–U+009F, bytes C2 80–C2 9F), except
/// - tab, which is kept as text (real files carry it: a cell pasted from a spreadsheet or a web page), and
/// - line feed and carriage return inside a quoted CSV field (RFC 4180's line breaks within a field).
/// A carriage return elsewhere is refused too, except the one before a line's line feed (CRLF files).
/// Anything else (`E1,A\0,x`, an escape sequence, NEL) is a `DataError` at `FILE:LINE:COLUMN`: a NUL would
/// otherwise split a series in two (`A` and `A\0` are different keys) and be written to the output; no
/// producer means one. Every reader meets it in its own pass over the bytes (`CSVReader` as it finds the
/// commas, eight bytes at a time; `TabSeparatedReader` once per line), so the check allocates nothing.
///
/// `metrics stream`'s escaped TSV (`--escaped`) is the one documented way to carry a control character:
/// `\u001b` decodes to ESC, as the stream's own output writes it, so its values round-trip. A raw control
/// byte there is refused like anywhere else.
enum ControlCharacterInData {
    /// High bit set in each byte of `word` that is below 0x20 or at or above 0x7F: every byte a control
    /// character may start with (and every other non-ASCII byte). The lowest flagged byte is exact: a borrow
    /// or carry reaches only bytes above one that is itself flagged.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        ((word &- 0x2020_2020_2020_2020) | (word &+ 0x0101_0101_0101_0101) | word) & 0x8080_8080_8080_8080
    }

    /// Whether `byte` is one `specialBytes` flags.
    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool { byte < 0x20 || byte >= 0x7F }

    /// The offset in `[from, to)` of the first control character that the rule refuses, or nil.
    /// `lineBreaks` allows line feed and carriage return (a quoted CSV field's content).
    static func first(in base: UnsafePointer<UInt8>, from: Int, to: Int, lineBreaks: Bool) -> Int? {
        var i = from
        while true {
            while i &+ 8 <= to {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let mask = specialBytes(word)
                if mask != 0 {
                    i &+= mask.trailingZeroBitCount >> 3
                    break
                }
                i &+= 8
            }
            while i < to, !isSpecial(base[i]) { i &+= 1 }
            if i >= to { return nil }
            if isRefused(base, at: i, end: to, lineBreaks: lineBreaks) { return i }
            i &+= 1
        }
    }

    /// Whether the special byte at `i` (below 0x20 or at or above 0x7F) starts a refused control character.
    @inline(__always)
    static func isRefused(_ base: UnsafePointer<UInt8>, at i: Int, end: Int, lineBreaks: Bool) -> Bool {
        let byte = base[i]
        switch byte {
        case 0x09: return false
        case 0x0A, 0x0D: return !lineBreaks
        case 0xC2: return i &+ 1 < end && base[i &+ 1] >= 0x80 && base[i &+ 1] <= 0x9F
        case 0x7F: return true
        default: return byte < 0x20
        }
    }

    /// The character at `i` as `U+XXXX` with its name where it has a common one.
    static func named(_ base: UnsafePointer<UInt8>, at i: Int, end: Int) -> String {
        let value: UInt32 = base[i] == 0xC2 && i + 1 < end ? UInt32(base[i + 1]) : UInt32(base[i])
        let hex = String(value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let names: [UInt32: String] = [
            0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x0A: "line feed", 0x0B: "vertical tab", 0x0C: "form feed",
            0x0D: "carriage return", 0x1A: "SUB, end of file", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL",
        ]
        return names[value].map { "\(code) (\($0))" } ?? code
    }

    /// What the readers say, after the location.
    static func message(_ base: UnsafePointer<UInt8>, at i: Int, end: Int) -> String {
        "a control character, \(named(base, at: i, end: end)), in the data: fields hold no control characters "
            + "but tab (and line breaks inside quotes); remove it from the file"
    }
}
