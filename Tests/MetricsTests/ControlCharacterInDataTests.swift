import Foundation
@testable import Metrics
import Testing

/// Control characters in the data are a data error at FILE:LINE:COLUMN in every reader (issue 17,
/// `ControlCharacterInData`): C0 but tab (and line breaks inside quotes), DEL and C1. Every file here is
/// synthetic, shaped like the real ones.
struct ControlCharacterInDataTests {
    static func file(_ text: String, _ name: String = "data.csv") throws -> String {
        let dir = try ReaderTests.directory()
        return try ReaderTests.write(text, name, in: dir)
    }

    /// The message of the `DataError` that `body` throws (nil when it throws none or another error).
    static func failure(_ body: () throws -> Void) -> DataError? {
        do { try body() } catch let error as DataError { return error } catch { return nil }
        return nil
    }

    static func records(_ path: String, blockSize: Int = CSVReader.blockSize) throws -> [[String]] {
        let reader = try CSVReader(path: path, blockSize: blockSize)
        var result: [[String]] = []
        while try reader.nextRecord() { result.append(try reader.strings()) }
        return result
    }

    @Test("CSV: each control character refused where it is, on the one-pass path and the general one", arguments: [1 << 20, 5, 16])
    func csvRefuses(blockSize: Int) throws {
        for (text, line, column, named) in [
            ("a,b,c\nE1,A\u{0},x\n", 2, 5, "U+0000 (NUL)"),
            ("a,b,c\nE1,\"A\u{0}\",x\n", 2, 6, "U+0000 (NUL)"),
            ("a,b,c\nE1,\"A, \"\"q\"\"\u{1B}[2J\",x\n", 2, 13, "U+001B (ESC)"),
            ("a,b,c\nE1,A,x\u{7F}\n", 2, 7, "U+007F (DEL)"),
            ("a,b,c\nE1,é\u{85}x,x\n", 2, 5, "U+0085 (NEL)"),
            ("a,b,c\nE1,A\rB,x\n", 2, 5, "U+000D (carriage return)"),
            ("a\u{1},b,c\n", 1, 2, "U+0001"),
            ("a,b,c\n1,2,3\n4,5,\u{1A}", 3, 5, "U+001A (SUB, end of file)"),
            ("a,b,c\nE1,abcdefghijklmnop\u{0}qrstuvwxyz,x\n", 2, 20, "U+0000 (NUL)"),
        ] {
            let path = try Self.file(text)
            let error = Self.failure { _ = try Self.records(path, blockSize: blockSize) }
            #expect(error?.location == SourceLocation(file: path, line: line, column: column), "\(text.debugDescription): \(String(describing: error))")
            #expect(error?.message == "a control character, \(named), in the data: fields hold no control characters but tab (and line breaks inside quotes); remove it from the file", "\(text.debugDescription)")
        }
    }

    @Test("CSV: tab, CRLF, line breaks inside quotes, £, NBSP and other text beyond ASCII are data", arguments: [1 << 20, 5, 16])
    func csvKeeps(blockSize: Int) throws {
        let path = try Self.file("a,b,c\r\nE1,\"two\r\nlines\",£5\r\nE2,tab\there,\u{A0}é–\u{202E}\u{2028}x\r\nE3,C2 at end é,\u{A3}\n")
        #expect(try Self.records(path, blockSize: blockSize) == [
            ["a", "b", "c"], ["E1", "two\r\nlines", "£5"], ["E2", "tab\there", "\u{A0}é–\u{202E}\u{2028}x"], ["E3", "C2 at end é", "£"],
        ])
    }

    @Test("tidy, wide, EES and its metadata, LAIT and its dictionary: refused at the character")
    func seriesReaders() throws {
        let cases: [(String, String, Int, Int)] = [
            ("area,period,value\nE1,2019,1\nE1\u{0},2020,2\n", "tidy.csv", 3, 3),
            ("area,2019,2020\nE1,1,2\nE2\u{1B},3,4\n", "wide.csv", 3, 3),
            ("time_period,time_identifier,geographic_level,country_code,country_name,la_name,rate\n202021,Financial year,Local authority,E92000001,England,Dar\u{7}lington,5\n", "ees.csv", 2, 60),
            ("measure_code,measure,period,area,old_la_code,region,value\nM1,Rate\u{0},2019,Darlington,841,North East,5\n", "lait.csv", 2, 8),
        ]
        for (text, name, line, column) in cases {
            let path = try Self.file(text, name)
            let error = Self.failure { _ = try ReaderTests.read(path) }
            #expect(error?.location == SourceLocation(file: path, line: line, column: column), "\(name): \(String(describing: error))")
            #expect(error?.message.hasPrefix("a control character") == true, "\(name)")
        }
        let dir = try ReaderTests.directory()
        let data = try ReaderTests.write(
            "time_period,time_identifier,geographic_level,country_code,country_name,rate\n202021,Financial year,National,E92000001,England,5\n", "x.csv", in: dir)
        _ = try ReaderTests.write("col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\nrate,Indicator,Rate\u{1B}[31m,,%,1,,\n", "x.meta.csv", in: dir)
        let error = Self.failure { _ = try ReaderTests.read(data) }
        #expect(error?.location.line == 2 && error?.location.file.hasSuffix("x.meta.csv") == true, "\(String(describing: error))")
    }

    @Test("events, price indexes and fit/describe columns: refused at the character")
    func otherReaders() throws {
        let events = try Self.file("date,label\n2020-03-01,Lock\u{0}down\n")
        #expect(Self.failure { _ = try EventList.read(path: events) }?.location == SourceLocation(file: events, line: 2, column: 16))
        let index = try Self.file("period,value,source\n2019,100,ONS\u{85}\n2020,102,ONS\n")
        #expect(Self.failure { _ = try PriceIndex.read(path: index) }?.location == SourceLocation(file: index, line: 2, column: 13))
        let xy = try Self.file("x,y\u{7F}\n1,2\n2,4\n3,7\n")
        #expect(Self.failure { _ = try DescribeRequest(path: xy, columns: ["x"]).run() }?.location == SourceLocation(file: xy, line: 1, column: 4))
    }

    @Test("stream's TSV: a raw control character refused; escaped input spells one, as the stream writes it")
    func streamTSV() throws {
        let raw = try StreamingSummaryTests.file("E1\u{0}\t2019\t1\nE1\t2020\t2\n")
        let request = StreamingSummary(input: raw, columns: ["area", "period", "value"])
        let error = Self.failure { _ = try request.run { _ in } }
        #expect(error?.location == SourceLocation(file: raw, line: 1, column: 3), "\(String(describing: error))")
        let escaped = try StreamingSummaryTests.file("E1\\u0000\t2019\t1\nE1\\u0000\t2020\t2\nE1\\u0000\t2021\t4\n")
        var out = ""
        _ = try StreamingSummary(input: escaped, columns: ["area", "period", "value"], escapedInput: true).run { out += $0 }
        #expect(out.hasPrefix("E1\\u0000\t"), "the escape round-trips: \(out.debugDescription)")
    }
}
