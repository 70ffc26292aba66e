/// An Excel workbook (`.xlsx`, Office Open XML SpreadsheetML, ECMA-376), for the analysts who live in Excel:
/// `summarize --format xlsx`.
///
/// Each sheet is a header row (bold, frozen so it stays in view) and rows of cells. Conventions:
/// - numbers are numeric cells in full precision (the shortest text that reads back as the double), so Excel
///   sums and charts them; a missing number is an empty cell;
/// - text is always an inline string cell (`t="inlineStr"`), never a formula, however it begins (`=`, `+`,
///   `-`, `@`): the CSV formula guard's apostrophe is not needed and not added. No shared-strings table;
/// - characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF),
///   and DEL and the C1 controls, which it allows but which no file of this tool carries raw, are written as
///   their visible escape `\u{1B}` (`ControlCharacters`), as CSV writes them; a carriage return is `&#13;`; text that would read as Excel's
///   own escape `_xHHHH_` has its underscore escaped (`_x005F_`), so every text comes back as written;
/// - sheet names are made valid: `[ ] : * ? / \` become `_`, at most 31 characters, never empty, unique
///   without regard to case (a suffix ` (2)`);
/// - the bytes are the same on every run (`ZIPArchive`: stored entries, a fixed date).
public struct Workbook: Sendable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double?)
    }

    public struct Sheet: Sendable {
        public var name: String
        public var columns: [String]
        public var rows: [[Cell]]

        public init(name: String, columns: [String], rows: [[Cell]] = []) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// The `.xlsx` file's bytes.
    public func bytes() throws(ZIPArchive.TooLarge) -> [UInt8] {
        let names = Self.sheetNames(sheets.map(\.name))
        let count = max(sheets.count, 1)
        let all = sheets.isEmpty ? [Sheet(name: "Sheet1", columns: [])] : sheets
        var contentTypes = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        contentTypes += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        contentTypes += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        contentTypes += #"<Default Extension="xml" ContentType="application/xml"/>"#
        contentTypes += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for i in 1...count {
            contentTypes += #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        contentTypes += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        contentTypes += "</Types>"

        let packageRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"

        var workbook = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        workbook += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        var relationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        relationships += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 1...count {
            let name = sheets.isEmpty ? "Sheet1" : names[i - 1]
            workbook += #"<sheet name="\#(Self.escaped(name, attribute: true))" sheetId="\#(i)" r:id="rId\#(i)"/>"#
            relationships += #"<Relationship Id="rId\#(i)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i).xml"/>"#
        }
        workbook += "</sheets></workbook>"
        relationships += #"<Relationship Id="rId\#(count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        relationships += "</Relationships>"

        var entries = [
            ZIPArchive.Entry(name: "[Content_Types].xml", bytes: Array(contentTypes.utf8)),
            ZIPArchive.Entry(name: "_rels/.rels", bytes: Array(packageRelationships.utf8)),
            ZIPArchive.Entry(name: "xl/workbook.xml", bytes: Array(workbook.utf8)),
            ZIPArchive.Entry(name: "xl/_rels/workbook.xml.rels", bytes: Array(relationships.utf8)),
            ZIPArchive.Entry(name: "xl/styles.xml", bytes: Array(Self.styles.utf8)),
        ]
        for (i, sheet) in all.enumerated() {
            entries.append(ZIPArchive.Entry(name: "xl/worksheets/sheet\(i + 1).xml", bytes: Self.worksheet(sheet)))
        }
        return try ZIPArchive(entries: entries).bytes()
    }

    /// Two fonts (regular, bold) and two cell formats (0 plain, 1 bold for the header).
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func worksheet(_ sheet: Sheet) -> [UInt8] {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        xml += "<sheetData>"
        var out = Array(xml.utf8)
        func row(_ number: Int, _ cells: [Cell], style: Int?) {
            var text = #"<row r="\#(number)">"#
            for (j, cell) in cells.enumerated() {
                let reference = columnName(j) + String(number)
                let styled = style.map { #" s="\#($0)""# } ?? ""
                switch cell {
                case .text(let value):
                    text += #"<c r="\#(reference)"\#(styled) t="inlineStr"><is><t xml:space="preserve">"#
                    text += escaped(value, attribute: false)
                    text += "</t></is></c>"
                case .number(let value?) where value.isFinite:
                    text += #"<c r="\#(reference)"\#(styled)><v>\#(JSONValue.numberText(value))</v></c>"#
                case .number:
                    break
                }
            }
            text += "</row>"
            out += Array(text.utf8)
        }
        row(1, sheet.columns.map { .text($0) }, style: 1)
        for (i, cells) in sheet.rows.enumerated() { row(i + 2, cells, style: nil) }
        out += Array("</sheetData></worksheet>".utf8)
        return out
    }

    /// Spreadsheet column letters: 0 is A, 25 Z, 26 AA.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }

    /// Text as XML character data (or an attribute value): `&`, `<`, `>` (and `"` in attributes) as
    /// entities; characters XML 1.0 forbids as their visible escape; `_xHHHH_` with its underscore escaped.
    static func escaped(_ text: String, attribute: Bool) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\r": out += "&#13;"  // a raw CR would be read as a line feed
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "_" where isExcelEscape(scalars, at: i): out += "_x005F_"
            default:
                let v = scalar.value
                if (ControlCharacters.isControl(scalar) && scalar != "\t" && scalar != "\n") || v == 0xFFFE || v == 0xFFFF {
                    out += ControlCharacters.visible(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether `_xHHHH_` starts at `i` (ECMA-376 Part 1 §22.4.2.4, the `ST_Xstring` escape).
    static func isExcelEscape(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < scalars.count, scalars[i + 1] == "x" || scalars[i + 1] == "X", scalars[i + 6] == "_" else { return false }
        return scalars[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// Valid, distinct sheet names: no `[ ] : * ? / \`, not beginning or ending with an apostrophe, 1 to 31
    /// characters, unique ignoring case.
    static func sheetNames(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.map { name in
            var clean = String(name.map { "[]:*?/\\".contains($0) || $0.unicodeScalars.contains(where: ControlCharacters.isControl) ? "_" : $0 })
            while clean.hasPrefix("'") { clean.removeFirst() }
            while clean.hasSuffix("'") { clean.removeLast() }
            if clean.isEmpty { clean = "Sheet" }
            clean = String(clean.prefix(31))
            var candidate = clean
            var n = 2
            while seen.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = String(clean.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            seen.insert(candidate.lowercased())
            return candidate
        }
    }
}
