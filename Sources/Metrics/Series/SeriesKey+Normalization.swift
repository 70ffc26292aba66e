internal import Foundation

extension SeriesKey {
    /// `text` in Unicode Normalization Form C (canonical decomposition, then canonical composition; Unicode
    /// Standard Annex #15): the one spelling of canonically equivalent texts. "Cafe\u{301}" (NFD, as macOS
    /// file names and some exports write it) becomes "Caf\u{E9}". Compatibility characters are kept as they
    /// are (the ligature "ﬁ" is not "fi"), as are case and spaces.
    ///
    /// ASCII text is its own NFC and is returned at the cost of a scan of its bytes; other text goes through
    /// Foundation's `precomposedStringWithCanonicalMapping` (about 2 µs for a short name, measured; the
    /// readers normalise each distinct text once).
    static func normalized(_ text: String) -> String {
        var ascii = true
        for byte in text.utf8 where byte >= 0x80 {
            ascii = false
            break
        }
        return ascii ? text : text.precomposedStringWithCanonicalMapping
    }
}
