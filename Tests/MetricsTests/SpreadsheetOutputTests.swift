import Foundation
import Metrics
import Testing

/// The writers behind `--decimals`, `--excel` and `--format xlsx`: decimal rounding, CRC-32, the stored ZIP
/// archive and the SpreadsheetML workbook.
struct SpreadsheetOutputTests {
    @Test("rounding is half away from zero on the number as written, as Excel's ROUND (ECMA-376 examples) and dfeR's round_five_up")
    func decimalRounding() {
        // ECMA-376 Part 1 §18.17.7.260's examples.
        #expect(DecimalRounding.rounded(2.15, places: 1) == 2.2)
        #expect(DecimalRounding.rounded(2.149, places: 1) == 2.1)
        #expect(DecimalRounding.rounded(-1.475, places: 2) == -1.48)
        // The double nearest 1.475 is below it (1.47499999999999997779…), yet the number written is 1.475.
        #expect(DecimalRounding.rounded(1.475, places: 2) == 1.48)
        // dfeR's example: round_five_up(2485.85, 1) is 2485.9 (R's round gives 2485.8 or 2485.9 by binary).
        #expect(DecimalRounding.rounded(2485.85, places: 1) == 2485.9)
        #expect(DecimalRounding.rounded(2485.85, places: 0) == 2486)
        #expect(DecimalRounding.rounded(0.5, places: 0) == 1 && DecimalRounding.rounded(-0.5, places: 0) == -1)
        #expect(DecimalRounding.rounded(2.5, places: 0) == 3, "not half to even")
        #expect(DecimalRounding.rounded(9.995, places: 2) == 10)
        #expect(DecimalRounding.rounded(0.0004, places: 3) == 0 && DecimalRounding.rounded(-0.0004, places: 3).sign == .plus)
        #expect(DecimalRounding.rounded(1.5e-7, places: 6) == 0 && DecimalRounding.rounded(5e-7, places: 6) == 1e-6)
        #expect(DecimalRounding.rounded(1e300, places: 2) == 1e300)
        #expect(DecimalRounding.rounded(123.4, places: 5) == 123.4)
        #expect(DecimalRounding.rounded(-163.0 / 702.0 * 100, places: 1) == -23.2)
        #expect(DecimalRounding.rounded(.infinity, places: 1) == .infinity)
    }

    @Test("CRC-32 gives the standard check value 0xCBF43926 for \"123456789\"")
    func crc() {
        #expect(CRC32(Array("123456789".utf8)).value == 0xCBF4_3926)
        #expect(CRC32([]).value == 0)
        var split = CRC32(Array("1234".utf8))
        split.update(Array("56789".utf8))
        #expect(split.value == 0xCBF4_3926)
    }

    @Test("a stored ZIP archive: local headers, central directory, end record, fixed date; the same bytes every time")
    func zip() throws {
        let archive = ZIPArchive(entries: [.init(name: "a.txt", bytes: Array("hello".utf8)), .init(name: "b/c.xml", bytes: [])])
        let bytes = try archive.bytes()
        #expect(bytes == (try archive.bytes()))
        #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
        // The end record: signature, two entries, at the end.
        let end = Array(bytes.suffix(22))
        #expect(Array(end.prefix(4)) == [0x50, 0x4B, 0x05, 0x06])
        #expect(end[10] == 2 && end[8] == 2)
        // The first entry's CRC (offset 14) is CRC-32 of "hello", 0x3610A686, little-endian.
        #expect(Array(bytes[14..<18]) == [0x86, 0xA6, 0x10, 0x36])
        // Stored: the content is there as it is, after the 30-byte header and the name.
        #expect(Array(bytes[35..<40]) == Array("hello".utf8))
    }

    @Test("sheet text: XML escaped, forbidden characters visible, Excel's own _xHHHH_ escape protected, never a formula")
    func workbookText() throws {
        let sheet = Workbook.Sheet(name: "a/b:c*d?e[f]g\\h and more than thirty-one characters", columns: ["name", "value"], rows: [
            [.text("=HYPERLINK(\"http://x\",\"y\")"), .number(1.5)],
            [.text("<b>&amp;</b> _x0041_ \u{1B}"), .number(nil)],
            [.text("  spaced  "), .number(-163)],
        ])
        let bytes = try Workbook(sheets: [sheet, Workbook.Sheet(name: "A/B:C*D?E[F]G\\H AND MORE THAN THIRTY-ONE CHARACTERS", columns: [])]).bytes()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK("http://x","y")</t></is></c><c r="B2"><v>1.5</v></c>"#))
        #expect(!text.contains("<f>"))
        #expect(text.contains("&lt;b&gt;&amp;amp;&lt;/b&gt; _x005F_x0041_ \\u{1B}"))
        #expect(text.contains(#"<row r="3"><c r="A3" t="inlineStr">"#) && !text.contains(#"<c r="B3""#))
        #expect(text.contains(#"<v>-163</v>"#))
        #expect(text.contains(#"<sheet name="a_b_c_d_e_f_g_h and more than t" sheetId="1""#))
        #expect(text.contains(#"<sheet name="A_B_C_D_E_F_G_H AND MORE TH (2)" sheetId="2""#))
        #expect(bytes == (try Workbook(sheets: [sheet, Workbook.Sheet(name: "A/B:C*D?E[F]G\\H AND MORE THAN THIRTY-ONE CHARACTERS", columns: [])]).bytes()))
    }

    @Test("--excel CSV: a byte order mark and CR LF line ends")
    func excelCSV() {
        #expect(Array(ExcelCSV.byteOrderMark.utf8) == [0xEF, 0xBB, 0xBF])
        #expect(Array(ExcelCSV.crlf("a,b\n").utf8) == Array("a,b".utf8) + [0x0D, 0x0A])
    }
}
