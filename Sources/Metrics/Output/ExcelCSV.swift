/// CSV written for Excel (`--excel`).
///
/// Excel for Windows opens a `.csv` file by double-click in the system's ANSI code page (Windows-1252 in
/// the UK) unless the file begins with the UTF-8 byte order mark EF BB BF: without it "£" shows as "Â£" and
/// "–" as "â€“". With it, Excel 2007 and later read the file as UTF-8 (Microsoft's "CSV UTF-8 (Comma
/// delimited)" format writes the same mark). Records end with CR LF, as RFC 4180 §2 has it and Excel
/// writes; line breaks inside quoted fields are kept as they are. Everything else is the ordinary CSV:
/// full precision unless `--decimals`, formulas neutralised (`CSVText`).
public enum ExcelCSV {
    /// U+FEFF, written as EF BB BF.
    public static let byteOrderMark = "\u{FEFF}"

    /// `record` (ending in a line feed) ending in CR LF instead.
    public static func crlf(_ record: String) -> String {
        guard record.hasSuffix("\n") else { return record }
        return String(record.dropLast()) + "\r\n"
    }
}
