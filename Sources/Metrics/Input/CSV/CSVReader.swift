#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A streaming reader of comma-separated values (RFC 4180 and the variants real files have): one record at a
/// time, fields handed out as byte slices of one reused buffer, so reading allocates nothing per field.
///
/// - Records end at LF or CRLF; a field in double quotes may hold commas, quotes (doubled) and line breaks.
/// - A UTF-8 byte-order mark at the start is skipped; a UTF-16 one is an error (save the file as UTF-8).
/// - Blank lines are skipped. A quote inside an unquoted field is kept as a literal character.
/// - Memory is one block plus the longest record; it does not grow with the file. A record takes at most
///   64 MiB, a field at most 16 MiB, and a record has at most 2²⁰ fields (`RecordLimits`): beyond them the
///   reader stops with a `DataError` where the limit is crossed, never taking memory without bound.
/// - Problems are `DataError`s at `FILE:LINE:COLUMN` (columns in characters, counted from 1).
public final class CSVReader {
    public let displayName: String
    private let source: ByteSource
    private let limits: RecordLimits
    private var buffer: UnsafeMutableRawBufferPointer
    private var filled = 0
    private var position = 0
    private var atEnd = false
    private var startedFile = false

    // The current record: [recordStart, recordEnd) in `buffer`, fields as content ranges.
    private var recordStart = 0
    private var recordEnd = 0
    /// Per field: content start, content end, raw start (its opening quote), and 1 when it holds doubled
    /// quotes; in one manually managed block, so the hot loop has no array uniqueness or bounds checks.
    private struct FieldSpan {
        var start: Int
        var end: Int
        var rawStart: Int
        var escaped: Bool
    }

    private var spans: UnsafeMutablePointer<FieldSpan>
    private var spanCapacity: Int
    private var scratch: [UInt8] = []
    /// True when the input is a regular file, which can be read again from the start.
    public var isRegularFile: Bool { source.isRegularFile }
    /// The number of fields in the current record.
    public private(set) var fieldCount = 0
    /// The line on which the current record starts (1-based).
    public private(set) var line = 0
    private var nextLine = 1

    public static let blockSize = 1 << 20

    /// Opens `path` (`-` for standard input), reading it `blockSize` bytes at a time.
    public convenience init(path: String, blockSize: Int = CSVReader.blockSize) throws(InputUnavailableError) {
        try self.init(path: path, blockSize: blockSize, limits: .standard)
    }

    /// Opens `path` with other limits than the standard ones (tests reach them with small inputs).
    init(path: String, blockSize: Int = CSVReader.blockSize, limits: RecordLimits) throws(InputUnavailableError) {
        source = try ByteSource(path: path)
        displayName = source.displayName
        self.limits = limits
        buffer = .allocate(byteCount: max(min(blockSize, limits.recordBytes), 4), alignment: 16)
        spanCapacity = max(1, min(64, limits.fields))
        spans = .allocate(capacity: spanCapacity)
    }

    /// Reads CSV text held in memory (a dataset compiled into the library), called `name` in messages.
    init(bytes: [UInt8], name: String) {
        source = ByteSource(bytes: bytes, name: name)
        displayName = name
        limits = .standard
        buffer = .allocate(byteCount: max(min(CSVReader.blockSize, bytes.count + 1), 4), alignment: 16)
        spanCapacity = max(1, min(64, limits.fields))
        spans = .allocate(capacity: spanCapacity)
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
    }

    /// Advances to the next non-blank record; `false` at the end of the input.
    public func nextRecord() throws -> Bool {
        // The common record takes one pass and nothing else; the rest is kept out of line, so that this
        // stays small enough to be inlined into the readers' loops. A block no larger than a field may be
        // cannot hold a field over the limit, so the one pass checks no lengths (a check in its loop cost
        // 21 instructions a row, measured); a block grows past that only for a record longer than a field,
        // and records then take the general path, which checks.
        let plain = startedFile && buffer.count <= limits.fieldBytes ? scanPlainRecord() : nil
        if plain == true { return true }
        // After a blank line the next record may be plain again; after a failed scan it is not.
        return try nextRecordInGeneral(scanFirst: plain == false)
    }

    /// Everything but the common record: blank lines, quotes, a record not yet whole in the block, the start
    /// of the input, its end. `scanFirst` says whether to try the one-pass scan before the general path.
    private func nextRecordInGeneral(scanFirst: Bool) throws -> Bool {
        var tryPlain = scanFirst
        while true {
            if tryPlain, startedFile, buffer.count <= limits.fieldBytes, let plain = scanPlainRecord() {
                if plain { return true }
                continue  // a blank line
            }
            tryPlain = true
            guard let end = try findRecordEnd() else { return false }
            line = nextLine
            let newlines = countNewlines(from: position, to: end.contentEnd)
            nextLine += newlines + (end.hasTerminator ? 1 : 0)
            recordStart = position
            recordEnd = end.contentEnd
            position = end.next
            if recordEnd == recordStart { continue }  // a blank line
            try splitFields()
            if recordEnd - recordStart > limits.fieldBytes { try checkFieldLengths() }
            try checkControlCharacters()
            return true
        }
    }

    /// The common record in one pass: no quote before its line feed, and the line feed already in the block.
    /// Finds the field boundaries and the end together, eight bytes per step (a word compared with commas,
    /// quotes and line feeds at once, Mycroft's has-zero-byte test), so a plain record costs no `memchr`
    /// calls. Returns true for a record, false for a blank line, and nil (nothing changed but the spans) when
    /// the record must take the general path: it holds a quote, or its line feed is not in the block yet.
    private func scanPlainRecord() -> Bool? {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let start = position
        let end = filled
        var fieldStart = start
        var count = 0
        var i = start
        while true {
            // The next comma, quote, line feed or other byte below 0x20 or from 0x7F (where a control character
            // may start: `ControlCharacterInData`) at or after i.
            var found = false
            while i &+ 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let mask = Self.zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | Self.zeroBytes(word ^ 0x2222_2222_2222_2222)
                    | ControlCharacterInData.specialBytes(word)
                if mask != 0 {
                    // The lowest flagged byte is exact (only bytes above a match can be flagged wrongly).
                    i &+= mask.trailingZeroBitCount >> 3
                    found = true
                    break
                }
                i &+= 8
            }
            if !found {
                while i < end, base[i] != 0x2C, base[i] != 0x22, !ControlCharacterInData.isSpecial(base[i]) { i &+= 1 }
                if i == end { return nil }
            }
            let byte = base[i]
            if byte == 0x22 { return nil }
            if byte != 0x2C, byte != 0x0A {
                // Tab, the CR of a CRLF and text beyond ASCII are data; a control character is reported by the
                // general path, which says where.
                if byte == 0x0D ? i &+ 1 < end && base[i &+ 1] == 0x0A : !ControlCharacterInData.isRefused(base, at: i, end: end, lineBreaks: false) {
                    i &+= 1
                    continue
                }
                return nil
            }
            // Beyond the most fields a record may have, the general path says where.
            if count == spanCapacity, !growSpans() { return nil }
            var fieldEnd = i
            if byte == 0x0A, fieldEnd > fieldStart, base[fieldEnd &- 1] == 0x0D { fieldEnd &-= 1 }
            (spans + count).initialize(to: FieldSpan(start: fieldStart, end: fieldEnd, rawStart: fieldStart, escaped: false))
            count &+= 1
            if byte == 0x2C {
                i &+= 1
                fieldStart = i
                continue
            }
            line = nextLine
            nextLine &+= 1
            recordStart = start
            recordEnd = fieldEnd
            position = i &+ 1
            fieldCount = count
            return recordEnd != recordStart
        }
    }

    /// Doubles the spans' block (up to `RecordLimits.fields`); false when it holds that many already. Out of
    /// line: the one-pass scan's loop then keeps no limit in its registers.
    @inline(never)
    private func growSpans() -> Bool {
        guard spanCapacity < limits.fields else { return false }
        let larger = min(spanCapacity * 2, limits.fields)
        spans = Self.grown(spans, capacity: spanCapacity, to: larger)
        spanCapacity = larger
        return true
    }

    /// The spans moved into a larger block of `larger` spans (the old one is freed).
    private static func grown(_ spans: UnsafeMutablePointer<FieldSpan>, capacity: Int, to larger: Int) -> UnsafeMutablePointer<FieldSpan> {
        let moved = UnsafeMutablePointer<FieldSpan>.allocate(capacity: larger)
        moved.moveInitialize(from: spans, count: capacity)
        spans.deallocate()
        return moved
    }

    /// The current record is longer than a field may be: is one of its fields?
    private func checkFieldLengths() throws {
        for i in 0..<fieldCount {
            let span = spans[i]
            let rawEnd = span.end + (span.rawStart == span.start ? 0 : 1)
            if rawEnd - span.rawStart > limits.fieldBytes {
                throw DataError(location(ofOffset: span.rawStart), limits.fieldMessage)
            }
        }
    }

    /// The current record's fields hold no control character but tab, and line breaks inside quotes
    /// (`ControlCharacterInData`).
    private func checkControlCharacters() throws {
        let base = UnsafePointer(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
        for index in 0..<fieldCount {
            let span = spans[index]
            if let offset = ControlCharacterInData.first(in: base, from: span.start, to: span.end, lineBreaks: span.rawStart != span.start) {
                throw DataError(location(ofOffset: offset), ControlCharacterInData.message(base, at: offset, end: span.end))
            }
        }
    }

    /// High bit set in each byte of `word` that is zero (and possibly in bytes above one that is). Also used by
    /// the CSV writer (`CSVFields`).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// Calls `body` with the bytes of field `index` of the current record (quotes removed, doubled quotes
    /// undoubled). The pointer is valid only inside `body`.
    @inline(__always)
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let span = spans[index]
        if span.escaped { return try withUnescapedField(index, body) }
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return try body(UnsafeBufferPointer(start: base + span.start, count: span.end - span.start))
    }

    /// Calls `body` with the record's raw bytes from the start of field `first` to the end of field `last`
    /// (quotes and separators included, as they are in the file). The pointer is valid only inside `body`.
    @inline(__always)
    func withRawBytes<R>(fromField first: Int, throughField last: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let start = spans[first].rawStart
        let end = spans[last].end + (spans[last].rawStart == spans[last].start ? 0 : 1)
        return try body(UnsafeBufferPointer(start: base + start, count: end - start))
    }

    /// Field `index` as text; a `DataError` if it is not valid UTF-8 or holds a byte-order mark
    /// (`ByteOrderMark`).
    public func string(_ index: Int) throws(DataError) -> String {
        let (text, mark) = withField(index) { (String(validating: $0, as: UTF8.self), ByteOrderMark.offset(in: $0)) }
        guard let text else { throw DataError(location(ofField: index), "text is not valid UTF-8 (save the file as UTF-8)") }
        if let mark { throw DataError(location(ofField: index, byteOffset: mark), ByteOrderMark.message) }
        return text
    }

    /// All fields of the current record as text.
    public func strings() throws(DataError) -> [String] {
        var result: [String] = []
        result.reserveCapacity(fieldCount)
        for i in 0..<fieldCount { result.append(try string(i)) }
        return result
    }

    /// Where field `index` of the current record starts (its opening quote, when quoted).
    public func location(ofField index: Int) -> SourceLocation {
        let start = index < fieldCount ? spans[index].rawStart : recordEnd
        return location(ofOffset: start)
    }

    /// Where byte `byteOffset` of field `index`'s content is (the field's start when the field holds doubled
    /// quotes, whose content is not a slice of the line).
    func location(ofField index: Int, byteOffset: Int) -> SourceLocation {
        guard index < fieldCount, !spans[index].escaped else { return location(ofField: index) }
        return location(ofOffset: spans[index].start + byteOffset)
    }

    /// Where the current record starts.
    public var recordLocation: SourceLocation { SourceLocation(file: displayName, line: line, column: 1) }

    // MARK: Finding records

    private struct RecordEnd {
        var contentEnd: Int  // before the line terminator
        var next: Int  // after it
        var hasTerminator: Bool
    }

    /// Finds the end of the record at `position`, reading more input as needed.
    private func findRecordEnd() throws -> RecordEnd? {
        if !startedFile {
            try fill()
            startedFile = true
            try skipByteOrderMark()
        }
        var scan = position
        var inQuotes = false
        while true {
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            while scan < filled {
                let remaining = filled - scan
                if inQuotes {
                    guard let quote = memchr(base + scan, 0x22, remaining) else {
                        scan = filled
                        break
                    }
                    scan = base.distance(to: quote.assumingMemoryBound(to: UInt8.self)) + 1
                    inQuotes = false
                    continue
                }
                guard let newline = memchr(base + scan, 0x0A, remaining) else {
                    // Quotes before the end of the data may open a quoted line break.
                    inQuotes = quoteParity(base, from: scan, to: filled)
                    scan = filled
                    break
                }
                let lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                if quoteParity(base, from: scan, to: lineEnd) {
                    inQuotes = true
                    scan = lineEnd + 1
                    // Back inside quotes: the newline belongs to the field. Find the closing quote next.
                    continue
                }
                var contentEnd = lineEnd
                if contentEnd > position, base[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                return RecordEnd(contentEnd: contentEnd, next: lineEnd + 1, hasTerminator: true)
            }
            if atEnd {
                if position >= filled { return nil }
                if inQuotes {
                    throw DataError(unterminatedQuoteLocation(), "unterminated quoted field: the closing \" is missing")
                }
                var contentEnd = filled
                if contentEnd > position, base[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                return RecordEnd(contentEnd: contentEnd, next: filled, hasTerminator: false)
            }
            let shift = position
            try fill()
            scan -= shift - position
        }
    }

    /// Whether [from, to) holds an odd number of quote characters.
    private func quoteParity(_ base: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Bool {
        var odd = false
        var cursor = from
        while cursor < to, let quote = memchr(base + cursor, 0x22, to - cursor) {
            odd.toggle()
            cursor = base.distance(to: quote.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return odd
    }

    /// Moves the unread bytes to the front (growing the block if one record fills it) and reads more.
    /// A problem of the byte stream itself (a truncated or corrupt gzip file), and a record that outgrows
    /// `RecordLimits.recordBytes`, are placed where the data read so far ends.
    private func fill() throws {
        do {
            try source.refill(&buffer, filled: &filled, position: &position, atEnd: &atEnd, maximum: limits.recordBytes)
        } catch let error as DataError where error.location.line == nil {
            throw DataError(endOfDataLocation(), error.message)
        } catch is RecordTooLong {
            throw DataError(endOfDataLocation(), limits.recordMessage)
        }
    }

    /// The line and column just after the last byte read: where a stream that breaks off broke off.
    private func endOfDataLocation() -> SourceLocation {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return SourceLocation(file: displayName, after: UnsafeBufferPointer(start: base + position, count: filled - position), fromLine: nextLine)
    }

    private func skipByteOrderMark() throws {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        if filled >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            position = 3
        } else if filled >= 2, (base[0] == 0xFF && base[1] == 0xFE) || (base[0] == 0xFE && base[1] == 0xFF) {
            throw DataError(
                SourceLocation(file: displayName, line: 1, column: 1),
                "the file is UTF-16 encoded; save it as UTF-8 (CSV UTF-8 in Excel)")
        } else if filled >= 4, (base[0] != 0 && base[1] == 0 && base[2] != 0 && base[3] == 0)
            || (base[0] == 0 && base[1] != 0 && base[2] == 0 && base[3] != 0)
        {
            // No mark, but every other byte zero: ASCII text in UTF-16 (a CSV header never holds NUL).
            throw DataError(
                SourceLocation(file: displayName, line: 1, column: 1),
                "the file looks UTF-16 encoded (every other byte is zero); save it as UTF-8 (CSV UTF-8 in Excel)")
        }
    }

    // MARK: Splitting fields

    private func splitFields() throws {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let recordEnd = self.recordEnd
        var spans = self.spans
        var capacity = spanCapacity
        var count = 0
        var cursor = recordStart
        defer {
            self.spans = spans
            spanCapacity = capacity
            fieldCount = count
        }
        while true {
            if count == capacity {
                guard capacity < limits.fields else {
                    fieldCount = count
                    throw DataError(location(ofOffset: cursor), limits.fieldCountMessage)
                }
                spans = Self.grown(spans, capacity: capacity, to: min(capacity * 2, limits.fields))
                capacity = min(capacity * 2, limits.fields)
            }
            if cursor < recordEnd, base[cursor] == 0x22 {
                // Quoted: content runs to the quote not followed by another quote.
                var scan = cursor + 1
                var hasEscapes = false
                while true {
                    guard scan < recordEnd, let quote = memchr(base + scan, 0x22, recordEnd - scan) else {
                        fieldCount = count
                        throw DataError(location(ofOffset: cursor), "unterminated quoted field: the closing \" is missing")
                    }
                    let q = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
                    if q + 1 < recordEnd, base[q + 1] == 0x22 {
                        hasEscapes = true
                        scan = q + 2
                        continue
                    }
                    (spans + count).initialize(to: FieldSpan(start: cursor + 1, end: q, rawStart: cursor, escaped: hasEscapes))
                    cursor = q + 1
                    break
                }
                count += 1
                if cursor == recordEnd { break }
                guard base[cursor] == 0x2C else {
                    throw DataError(location(ofOffset: cursor), "unexpected text after a closing quote (a quote inside a quoted field must be doubled)")
                }
                cursor += 1
            } else {
                let remaining = recordEnd - cursor
                let comma = remaining > 0 ? memchr(base + cursor, 0x2C, remaining) : nil
                let end = comma.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? recordEnd
                (spans + count).initialize(to: FieldSpan(start: cursor, end: end, rawStart: cursor, escaped: false))
                count += 1
                if comma == nil { break }
                cursor = end + 1
            }
        }
    }

    private func withUnescapedField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        scratch.removeAll(keepingCapacity: true)
        let span = spans[index]
        var i = span.start
        while i < span.end {
            scratch.append(base[i])
            i += base[i] == 0x22 ? 2 : 1
        }
        return try scratch.withUnsafeBufferPointer { try body($0) }
    }

    // MARK: Locations

    private func countNewlines(from: Int, to: Int) -> Int {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var count = 0
        var cursor = from
        while cursor < to, let newline = memchr(base + cursor, 0x0A, to - cursor) {
            count += 1
            cursor = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }

    /// The line and character column of byte `offset` of the current record.
    private func location(ofOffset offset: Int) -> SourceLocation {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return SourceLocation(file: displayName, after: UnsafeBufferPointer(start: base + recordStart, count: max(0, min(offset, filled) - recordStart)), fromLine: line)
    }

    private func unterminatedQuoteLocation() -> SourceLocation {
        // The record at `position` opened a quote that never closed; point at the record's first line.
        recordStart = position
        line = nextLine
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var offset = position
        var inQuotes = false
        var opening = position
        while offset < filled {
            if base[offset] == 0x22 {
                if !inQuotes { opening = offset }
                inQuotes.toggle()
            }
            offset += 1
        }
        return location(ofOffset: opening)
    }
}
