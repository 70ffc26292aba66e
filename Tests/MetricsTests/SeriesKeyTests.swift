import Foundation
@testable import Metrics
import Testing

/// `SeriesKey`: one spelling of each key text (NFC), and NULL as a value of its own.
struct SeriesKeyTests {
    static let names = ["area", "indicator"]

    @Test("values are kept in NFC: canonically equivalent spellings give one key, byte for byte")
    func normalization() {
        let nfc = SeriesKey(names: Self.names, values: ["Caf\u{E9}", "rate"])
        let nfd = SeriesKey(names: Self.names, values: ["Cafe\u{301}", "rate"])
        #expect(nfd == nfc && nfd.hashValue == nfc.hashValue)
        #expect(Array(nfd.values[0].utf8) == [0x43, 0x61, 0x66, 0xC3, 0xA9])
        #expect(SeenKeys.fingerprint(nfd) == SeenKeys.fingerprint(nfc))
        #expect(!(nfd < nfc) && !(nfc < nfd))
        // Hangul syllables compose (U+1100 U+1161 is U+AC00); compatibility characters stay as they are.
        #expect(SeriesKey.normalized("\u{1100}\u{1161}").unicodeScalars.map(\.value) == [0xAC00])
        #expect(SeriesKey.normalized("\u{FB01}").unicodeScalars.map(\.value) == [0xFB01])
        // A canonical reordering of combining marks: dot below (ccc 220) before dot above (ccc 230).
        #expect(SeriesKey.normalized("q\u{307}\u{323}").unicodeScalars.map(\.value) == [0x71, 0x323, 0x307])
        #expect(SeriesKey.normalized("plain ASCII") == "plain ASCII")
    }

    @Test("a NULL value is not the empty text: another key, another fingerprint, sorted first, shown as \\N")
    func nulls() {
        let null = SeriesKey(names: Self.names, values: ["", "rate"], nulls: [0])
        let empty = SeriesKey(names: Self.names, values: ["", "rate"])
        let text = SeriesKey(names: Self.names, values: ["A", "rate"])
        #expect(null != empty && null.isNull(0) && !null.isNull(1) && !empty.isNull(0))
        #expect(Set([null, empty, text]).count == 3)
        #expect(SeenKeys.fingerprint(null) != SeenKeys.fingerprint(empty))
        #expect([text, empty, null].sorted() == [null, empty, text])
        #expect(null.description == "area=\\N, indicator=rate" && empty.description == "area=, indicator=rate")
    }
}
