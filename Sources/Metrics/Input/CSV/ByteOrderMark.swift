#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// U+FEFF, the byte-order mark (bytes EF BB BF in UTF-8), where it does not belong.
///
/// Excel and Notepad start a "CSV UTF-8" file with one; the readers skip it there (`CSVReader`). Anywhere else
/// it is an invisible character that makes `﻿E06000002` a different area from `E06000002` and `﻿2021` not a
/// year; it gets there when files saved with a mark are joined (`cat a.csv b.csv`), or when a file is saved
/// twice (a doubled mark at the start). It is never taken as text: the readers report it at its line and
/// column, as they report text that is not UTF-8.
enum ByteOrderMark {
    /// What the readers say, after the location.
    static let message =
        "an invisible byte-order mark (U+FEFF) inside the data; it belongs only at the very start of a file "
        + "(was this file joined from files that each began with one, or saved twice?); remove it"

    /// The offset of the first byte-order mark in `bytes`, if any.
    @inline(__always)
    static func offset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, bytes.count >= 3 else { return nil }
        var cursor = 0
        while cursor <= bytes.count - 3, let found = memchr(base + cursor, 0xEF, bytes.count - 2 - cursor) {
            let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return i }
            cursor = i + 1
        }
        return nil
    }

    /// Whether `text` holds a byte-order mark.
    static func isIn(_ text: String) -> Bool {
        text.unicodeScalars.contains("\u{FEFF}")
    }
}
