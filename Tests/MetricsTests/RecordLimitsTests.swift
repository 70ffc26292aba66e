import Foundation
@testable import Metrics
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `RecordLimits`: a record, a field and the fields of a record are bounded in both line readers, at the
/// exact byte where the bound is crossed, with the line and column of that byte, from pipes and endless
/// devices as well as files. The limits are lowered here so that the inputs stay a few KB; the real ones are
/// checked through the executable in `InputLimitTests`.
struct RecordLimitsTests {
    static let small = RecordLimits(recordBytes: 4096, fieldBytes: 1024, fields: 16)

    /// A pipe holding `bytes` (at most the 64 KiB a pipe buffers), already closed for writing: its read end
    /// as a path, and a closure that closes it.
    static func pipe(_ bytes: [UInt8]) throws -> (path: String, close: () -> Void) {
        var ends: [Int32] = [0, 0]
        try #require(Glibc.pipe(&ends) == 0)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(ends[1], $0.baseAddress, $0.count) }
            try #require(n > 0)
            written += n
        }
        Glibc.close(ends[1])
        let reader = ends[0]
        return ("/dev/fd/\(reader)", { _ = Glibc.close(reader) })
    }

    static func csvRecords(_ path: String, limits: RecordLimits = small, blockSize: Int = 64) throws -> [[String]] {
        let reader = try CSVReader(path: path, blockSize: blockSize, limits: limits)
        var result: [[String]] = []
        while try reader.nextRecord() { result.append(try reader.strings()) }
        return result
    }

    static func tsvRecords(_ path: String, limits: RecordLimits = small, blockSize: Int = 64) throws -> [[String]] {
        let reader = try TabSeparatedReader(path: path, blockSize: blockSize, limits: limits)
        var result: [[String]] = []
        while try reader.nextRecord() {
            result.append(try (0..<reader.fieldCount).map { i in try reader.withField(i) { String(decoding: $0, as: UTF8.self) } })
        }
        return result
    }

    /// The `DataError` that `body` throws (a failed expectation when it throws none).
    static func error(_ body: () throws -> Void) -> DataError? {
        do {
            try body()
            Issue.record("no error")
            return nil
        } catch let error as DataError {
            return error
        } catch {
            Issue.record("not a DataError: \(error)")
            return nil
        }
    }

    @Test("a record of exactly the limit, line feed included, is read; one byte more is an error where it crosses it")
    func recordBoundary() throws {
        let head = "a,b\n"
        // Line 2 takes 4096 bytes with its line feed: the block holds it whole.
        let fits = head + "x," + String(repeating: "y", count: 1000) + "," + String(repeating: "z", count: 4096 - 1 - 1003) + "\n" + "1,2\n"
        let (path, close) = try Self.pipe(Array(fits.utf8))
        defer { close() }
        let limits = RecordLimits(recordBytes: 4096, fieldBytes: 4096, fields: 16)
        let records = try Self.csvRecords(path, limits: limits)
        #expect(records.count == 3 && records[1].map(\.count) == [1, 1000, 3092] && records[2] == ["1", "2"])

        let over = head + String(repeating: "é", count: 2048) + "\n1,2\n"  // 4096 bytes and a line feed: 4097
        let (overPath, closeOver) = try Self.pipe(Array(over.utf8))
        defer { closeOver() }
        let error = Self.error { _ = try Self.csvRecords(overPath, limits: limits) }
        // The block is full at the 4096th byte of line 2: the 2049th character, where the limit is crossed.
        #expect(error?.location == SourceLocation(file: overPath, line: 2, column: 2049))
        #expect(error?.message.contains("longer than 4096 bytes") == true)
    }

    @Test("an endless input without line breaks (/dev/zero) stops at the limit, in both readers")
    func endlessDevice() throws {
        let csv = Self.error { _ = try Self.csvRecords("/dev/zero") }
        #expect(csv?.location == SourceLocation(file: "/dev/zero", line: 1, column: 4097))
        #expect(csv?.message == Self.small.recordMessage)
        let tsv = Self.error { _ = try Self.tsvRecords("/dev/zero") }
        #expect(tsv?.location == SourceLocation(file: "/dev/zero", line: 1, column: 4097))
    }

    @Test("a quoted field's line breaks count: the error names the line where the limit is crossed")
    func quotedLineBreaks() throws {
        // Line 2 opens a quote that runs on over 100 lines of 50 bytes: the limit falls inside line 83.
        var text = "a,b\n1,\""
        for _ in 0..<100 { text += String(repeating: "q", count: 49) + "\n" }
        text += "\"\n"
        let (path, close) = try Self.pipe(Array(text.utf8))
        defer { close() }
        let error = Self.error { _ = try Self.csvRecords(path) }
        // The record is `1,"` and then lines of 50 bytes: its 4097th byte, where the limit is crossed, comes
        // after 81 line feeds (line 2 + 81) and 43 bytes of line 83.
        #expect(error?.location == SourceLocation(file: path, line: 83, column: 44))
    }

    @Test("a field over the field limit is an error at its column; one of exactly the limit is read", arguments: [false, true])
    func fieldLength(tabs: Bool) throws {
        let separator = tabs ? "\t" : ","
        let exact = "a\(separator)b\n1\(separator)" + String(repeating: "f", count: 1024) + "\n"
        let (path, close) = try Self.pipe(Array(exact.utf8))
        defer { close() }
        let records = tabs ? try Self.tsvRecords(path) : try Self.csvRecords(path)
        #expect(records.count == 2 && records[1][1].count == 1024)

        let long = "a\(separator)b\n1\(separator)" + String(repeating: "f", count: 1025) + "\n"
        let (longPath, closeLong) = try Self.pipe(Array(long.utf8))
        defer { closeLong() }
        let error = Self.error { _ = tabs ? try Self.tsvRecords(longPath) : try Self.csvRecords(longPath) }
        #expect(error?.location == SourceLocation(file: longPath, line: 2, column: 3))
        #expect(error?.message == Self.small.fieldMessage)
    }

    @Test("a quoted field counts its quotes; a record of long fields that are each short enough is read")
    func quotedFieldLength() throws {
        let quoted = "a,b\n\"" + String(repeating: "f", count: 1023) + "\",1\n"  // 1025 bytes with its quotes
        let path = try Self.pipe(Array(quoted.utf8))
        defer { path.close() }
        let error = Self.error { _ = try Self.csvRecords(path.path) }
        #expect(error?.location == SourceLocation(file: path.path, line: 2, column: 1))

        let several = "a,b,c\n" + [String](repeating: String(repeating: "g", count: 1024), count: 3).joined(separator: ",") + "\n"
        let ok = try Self.pipe(Array(several.utf8))
        defer { ok.close() }
        #expect(try Self.csvRecords(ok.path).last?.map(\.count) == [1024, 1024, 1024])
    }

    @Test("a record with more fields than the limit is an error at the first field too many", arguments: [false, true])
    func fieldCount(tabs: Bool) throws {
        let separator = tabs ? "\t" : ","
        let sixteen = (1...16).map(String.init).joined(separator: separator)
        let seventeen = sixteen + separator + "17"
        for quoted in tabs ? [false] : [false, true] {
            // A record that starts with a quote takes the CSV reader's general splitter; the others the
            // one-pass splitter, which hands a record with too many fields to the general one.
            let text = sixteen + "\n" + (quoted ? "\"1\"" + seventeen.dropFirst() : seventeen) + "\n"
            let (path, close) = try Self.pipe(Array(text.utf8))
            defer { close() }
            let error = Self.error { _ = tabs ? try Self.tsvRecords(path) : try Self.csvRecords(path) }
            // Field 17 starts after sixteen fields of 1 or 2 digits and their separators: column 40 (42
            // with the quotes).
            #expect(error?.location == SourceLocation(file: path, line: 2, column: quoted ? 42 : 40), "quoted: \(quoted)")
            #expect(error?.message == Self.small.fieldCountMessage)
        }
        let (path, close) = try Self.pipe(Array((sixteen + "\n" + sixteen + "\n").utf8))
        defer { close() }
        #expect(try (tabs ? Self.tsvRecords(path) : Self.csvRecords(path)).map(\.count) == [16, 16])
    }

    @Test("a gzip stream that inflates past the limit stops there too")
    func gzipPastTheLimit() throws {
        // A gzip member (RFC 1952) of 64 KiB of `0` digits in stored deflate blocks (RFC 1951 §3.2.4).
        var member: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        let total = 1 << 16
        var left = total
        while left > 0 {
            let n = min(left, 65_535)
            left -= n
            member += [left == 0 ? 1 : 0, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            member += [UInt8](repeating: 0x30, count: n)
        }
        member += [0, 0, 0, 0, 0, 0, 0, 0]  // the CRC is not checked before the limit is reached
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-limits-\(UUID().uuidString).csv.gz")
        try Data(member).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = Self.error { _ = try Self.csvRecords(url.path) }
        #expect(error?.location == SourceLocation(file: url.path, line: 1, column: 4097))
        #expect(error?.message == Self.small.recordMessage)
    }
}
