import Foundation
import Metrics
import Testing

/// The streaming CSV reader: RFC 4180 quoting, the variants real files have, exact error locations, and
/// records that straddle the reader's blocks (tested with blocks as small as 4 bytes).
struct CSVReaderTests {
    func temporaryFile(_ contents: String) throws -> String {
        try temporaryFile(bytes: Array(contents.utf8))
    }

    func temporaryFile(bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url.path
    }

    func records(_ path: String, blockSize: Int = CSVReader.blockSize) throws -> [[String]] {
        let reader = try CSVReader(path: path, blockSize: blockSize)
        var result: [[String]] = []
        while try reader.nextRecord() { result.append(try reader.strings()) }
        return result
    }

    static let tricky = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"two\nlines\",£5\n3,,\n4,\"\",last"

    @Test("quotes, doubled quotes, CRLF, BOM, blank lines and quoted line breaks", arguments: [1 << 20, 4, 5, 7, 13])
    func trickyFile(blockSize: Int) throws {
        let path = try temporaryFile(Self.tricky)
        #expect(try records(path, blockSize: blockSize) == [
            ["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", "£5"], ["3", "", ""], ["4", "", "last"],
        ])
    }

    /// Every record, its line and its fields' locations, or the error that stopped reading.
    func transcript(_ path: String, blockSize: Int) -> [String] {
        var out: [String] = []
        do {
            let reader = try CSVReader(path: path, blockSize: blockSize)
            while try reader.nextRecord() {
                let columns = (0..<reader.fieldCount).map { "\(reader.location(ofField: $0))" }
                out.append("\(reader.line) \(try reader.strings()) \(columns.joined(separator: " "))")
            }
        } catch {
            out.append("error: \(error)")
        }
        return out
    }

    @Test("the one-pass path for plain records reads exactly what the general path reads: random files of commas, quotes, CR, LF, blank lines and long fields")
    func plainPathEqualsGeneralPath() throws {
        // With 4-byte blocks a record almost never fits in the block, so nearly every record takes the
        // general path; with the default block nearly every plain record takes the one-pass path.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["a", "bc", "12.5", ",", ",", ",", "\n", "\n", "\r\n", "\r", "\"", "\"\"", "£", " ", "abcdefghijklmnop", ""]
        for round in 0..<300 {
            var text = round % 3 == 0 ? "\u{FEFF}" : ""
            // Mostly quote-free files, so that most records are plain; every fourth file has quotes.
            let allowed = round % 4 == 0 ? pieces : pieces.filter { !$0.contains("\"") }
            for _ in 0..<next(120) { text += allowed[next(allowed.count)] }
            let path = try temporaryFile(text)
            #expect(transcript(path, blockSize: CSVReader.blockSize) == transcript(path, blockSize: 4), "file \(round): \(text.debugDescription)")
        }
    }

    @Test("line numbers count the lines a record spans")
    func lineNumbers() throws {
        let path = try temporaryFile(Self.tricky)
        let reader = try CSVReader(path: path)
        var lines: [Int] = []
        while try reader.nextRecord() { lines.append(reader.line) }
        #expect(lines == [1, 2, 4, 6, 7])
    }

    @Test("an unterminated quote is an error at the opening quote")
    func unterminatedQuote() throws {
        let path = try temporaryFile("a,b\n1,2\n3,\"open\n4,5\n")
        let reader = try CSVReader(path: path, blockSize: 8)
        #expect(try reader.nextRecord())
        #expect(try reader.nextRecord())
        #expect {
            _ = try reader.nextRecord()
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.location.line == 3 && error.location.column == 3 && error.message.contains("unterminated")
        }
    }

    @Test("text after a closing quote is an error at that character")
    func textAfterQuote() throws {
        let path = try temporaryFile("a,b\n\"x\"y,2\n")
        let reader = try CSVReader(path: path)
        #expect(try reader.nextRecord())
        #expect {
            _ = try reader.nextRecord()
        } throws: { error in
            (error as? DataError)?.location == SourceLocation(file: path, line: 2, column: 4)
        }
    }

    @Test("columns are counted in characters, not bytes")
    func characterColumns() throws {
        let path = try temporaryFile("name,value\n£££,42\n")
        let reader = try CSVReader(path: path)
        _ = try reader.nextRecord()
        _ = try reader.nextRecord()
        #expect(reader.location(ofField: 1) == SourceLocation(file: path, line: 2, column: 5))
    }

    @Test("invalid UTF-8 is reported where it is")
    func invalidUTF8() throws {
        let path = try temporaryFile(bytes: Array("a,b\nok,".utf8) + [0xFF, 0xFE, 0x41] + [0x0A])
        let reader = try CSVReader(path: path)
        _ = try reader.nextRecord()
        _ = try reader.nextRecord()
        #expect(throws: DataError.self) { _ = try reader.string(1) }
        #expect(try reader.string(0) == "ok")
    }

    @Test("UTF-16 files are refused with advice")
    func utf16() throws {
        let path = try temporaryFile(bytes: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00])
        let reader = try CSVReader(path: path)
        #expect {
            _ = try reader.nextRecord()
        } throws: { error in
            (error as? DataError)?.message.contains("UTF-16") == true
        }
    }

    @Test("a missing file or a directory is unavailable, not malformed")
    func unavailable() {
        #expect(throws: InputUnavailableError.self) { _ = try CSVReader(path: "/nonexistent/file.csv") }
        #expect(throws: InputUnavailableError.self) { _ = try CSVReader(path: FileManager.default.temporaryDirectory.path) }
    }

    @Test("an empty file has no records; a file without a final newline keeps its last record")
    func ends() throws {
        #expect(try records(try temporaryFile("")) == [])
        #expect(try records(try temporaryFile("a\n1")) == [["a"], ["1"]])
        #expect(try records(try temporaryFile("a\r\n1\r\n")) == [["a"], ["1"]])
    }

    @Test("a record longer than the block grows the block instead of failing")
    func longRecord() throws {
        let long = String(repeating: "z", count: 10_000)
        let path = try temporaryFile("a,b\n\(long),\"\(long)\"\n1,2\n")
        #expect(try records(path, blockSize: 64) == [["a", "b"], [long, long], ["1", "2"]])
    }
}
