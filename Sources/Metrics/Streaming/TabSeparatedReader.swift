#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Records of delimited fields handed out one at a time as byte slices: what `StreamingSeriesReader` reads
/// rows from. `CSVReader` (RFC 4180) and `TabSeparatedReader` (Hadoop Streaming text) both are.
protocol FieldRecords: AnyObject {
    /// The input's name in messages (`<stdin>` for standard input).
    var displayName: String { get }
    /// The number of fields of the current record.
    var fieldCount: Int { get }
    /// The line on which the current record starts (1-based).
    var line: Int { get }
    var recordLocation: SourceLocation { get }
    /// Advances to the next non-blank record; `false` at the end of the input.
    func nextRecord() throws -> Bool
    /// The bytes of field `index` (decoded); valid only inside `body`.
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R
    /// Whether field `index` is NULL (`\N` in tab-separated text; CSV has no NULL).
    func isNull(_ index: Int) -> Bool
    func location(ofField index: Int) -> SourceLocation
}

extension CSVReader: FieldRecords {
    func isNull(_ index: Int) -> Bool { false }
}

/// A streaming reader of headerless tab-separated text as Spark SQL's `TRANSFORM` and Hadoop Streaming send
/// it to a script's standard input (`StreamingText` has the conventions): one record per line, fields
/// split at every TAB, `\N` for NULL, no quoting.
///
/// - Records end at LF; a CR just before it is dropped, so CRLF files read too. Blank lines are skipped, as
///   `CSVReader` skips them. A UTF-8 byte-order mark at the start is skipped.
/// - Text is read as it is (Spark escapes nothing), unless `escaped`: then `\\`, `\t`, `\n` and `\r` are
///   decoded and another backslash sequence is a `DataError` at its column.
/// - A raw control character other than the tabs between fields is a `DataError` at its column
///   (`ControlCharacterInData`); escaped input may spell one (`\u001b`), as the stream writes it.
/// - Memory is one block plus the longest line; fields are byte slices of it (no allocation per field). A
///   line takes at most 64 MiB, a field at most 16 MiB, and a line has at most 2²⁰ fields (`RecordLimits`):
///   beyond them the reader stops with a `DataError` where the limit is crossed.
/// - Problems are `DataError`s at `FILE:LINE:COLUMN` (columns in characters, counted from 1).
final class TabSeparatedReader: FieldRecords {
    let displayName: String
    private let source: ByteSource
    private let escaped: Bool
    private let limits: RecordLimits
    private var buffer: UnsafeMutableRawBufferPointer
    private var filled = 0
    private var position = 0
    private var atEnd = false
    private var started = false

    private var recordStart = 0
    private var recordEnd = 0
    /// Field `i` is `[starts[i], ends[i])` in `buffer`; `hasBackslash[i]` when it may need decoding.
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var hasBackslash: [Bool] = []
    private var scratch: [UInt8] = []
    private(set) var fieldCount = 0
    private(set) var line = 0
    private var nextLine = 1

    static let separator: UInt8 = 0x09

    /// Opens `path` (`-` for standard input; gzip is inflated on the fly), reading `blockSize` bytes at a time.
    init(
        path: String, escaped: Bool = false, blockSize: Int = CSVReader.blockSize, limits: RecordLimits = .standard
    ) throws(InputUnavailableError) {
        source = try ByteSource(path: path)
        displayName = source.displayName
        self.escaped = escaped
        self.limits = limits
        buffer = .allocate(byteCount: max(min(blockSize, limits.recordBytes), 4), alignment: 16)
    }

    deinit { buffer.deallocate() }

    var recordLocation: SourceLocation { SourceLocation(file: displayName, line: line, column: 1) }

    func nextRecord() throws -> Bool {
        if !started {
            started = true
            try fill()
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            if filled >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { position = 3 }
        }
        while true {
            // Find the end of the line at `position`, reading more as needed.
            var scan = position
            var lineEnd: Int? = nil
            while true {
                let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                if scan < filled, let newline = memchr(base + scan, 0x0A, filled - scan) {
                    lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                    break
                }
                if atEnd { break }
                scan = filled
                let shift = position
                try fill()
                scan -= shift - position
            }
            if lineEnd == nil, position >= filled { return false }
            let end = lineEnd ?? filled
            line = nextLine
            nextLine += 1
            recordStart = position
            recordEnd = end
            position = lineEnd.map { $0 + 1 } ?? filled
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            if recordEnd > recordStart, base[recordEnd - 1] == 0x0D { recordEnd -= 1 }
            if recordEnd == recordStart { continue }
            try split()
            return true
        }
    }

    private func split() throws {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        hasBackslash.removeAll(keepingCapacity: true)
        fieldCount = 0
        // No control character but the tabs between fields (`ControlCharacterInData`; escapes are decoded
        // later and may spell one).
        // A line of fields separated by \001 (Spark's default, no tab at all) is left to the count of fields,
        // whose message says how to ask Spark for tabs.
        if let offset = ControlCharacterInData.first(in: base, from: recordStart, to: recordEnd, lineBreaks: false),
            base[offset] != 0x01 || memchr(base + recordStart, Int32(Self.separator), recordEnd - recordStart) != nil
        {
            throw DataError(location(ofOffset: offset), ControlCharacterInData.message(base, at: offset, end: recordEnd))
        }
        let checkLengths = recordEnd - recordStart > limits.fieldBytes
        var cursor = recordStart
        while true {
            let remaining = recordEnd - cursor
            let tab = remaining > 0 ? memchr(base + cursor, Int32(Self.separator), remaining) : nil
            let end = tab.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? recordEnd
            if starts.count == limits.fields { throw DataError(location(ofOffset: cursor), limits.fieldCountMessage) }
            if checkLengths, end - cursor > limits.fieldBytes { throw DataError(location(ofOffset: cursor), limits.fieldMessage) }
            starts.append(cursor)
            ends.append(end)
            hasBackslash.append(escaped && end > cursor && memchr(base + cursor, 0x5C, end - cursor) != nil)
            if tab == nil { break }
            cursor = end + 1
        }
        fieldCount = starts.count
    }

    func isNull(_ index: Int) -> Bool {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return StreamingText.isNull(UnsafeBufferPointer(start: base + starts[index], count: ends[index] - starts[index]))
    }

    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let raw = UnsafeBufferPointer(start: base + starts[index], count: ends[index] - starts[index])
        guard hasBackslash[index], !StreamingText.isNull(raw) else { return try body(raw) }
        if let bad = StreamingText.unescape(raw, into: &scratch) {
            let sequence = String(decoding: raw[bad..<min(bad + 2, raw.count)], as: UTF8.self)
            throw DataError(
                location(ofOffset: starts[index] + bad),
                "'\(sequence)' is not an escape sequence here (escaped input knows \\\\, \\t, \\n, \\r and \\uXXXX; a field that is just \\N is NULL)")
        }
        return try scratch.withUnsafeBufferPointer { try body($0) }
    }

    func location(ofField index: Int) -> SourceLocation {
        location(ofOffset: index < fieldCount ? starts[index] : recordEnd)
    }

    /// The character column of byte `offset` of the current line.
    private func location(ofOffset offset: Int) -> SourceLocation {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return SourceLocation(file: displayName, after: UnsafeBufferPointer(start: base + recordStart, count: max(0, min(offset, recordEnd) - recordStart)), fromLine: line)
    }

    /// Moves the unread bytes to the front (growing the block when one line fills it) and reads more. A
    /// line that outgrows `RecordLimits.recordBytes`, and a problem of the byte stream itself (a truncated
    /// or corrupt gzip file), are errors where the data read so far ends (the unread bytes hold no line feed
    /// when this is called).
    private func fill() throws {
        do {
            try source.refill(&buffer, filled: &filled, position: &position, atEnd: &atEnd, maximum: limits.recordBytes)
        } catch let error as DataError where error.location.line == nil {
            throw DataError(endOfDataLocation(), error.message)
        } catch is RecordTooLong {
            throw DataError(endOfDataLocation(), limits.recordMessage)
        }
    }

    private func endOfDataLocation() -> SourceLocation {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return SourceLocation(file: displayName, after: UnsafeBufferPointer(start: base + position, count: filled - position), fromLine: nextLine)
    }
}
