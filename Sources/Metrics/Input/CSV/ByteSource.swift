#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import CZlib

/// Where a reader's bytes come from: a file or standard input (`-`), read in large blocks, and inflated on
/// the fly when it is gzip-compressed (recognised by its magic bytes 1f 8b, whatever its name; concatenated
/// gzip members, as `cat a.gz b.gz` makes, are read one after another), unless opened with `decompress`
/// false (checksums, configurations, chunk files). Reads go through POSIX `read`: a read error is an
/// `InputUnavailableError`, never a trap (Foundation's `FileHandle.readData(ofLength:)` traps on one).
final class ByteSource {
    let displayName: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// True when the input is a regular file (it can be read again from the start).
    let isRegularFile: Bool
    private var gzip: GzipStream?
    private var sniffed = false
    private var pending: [UInt8] = []

    /// Opens `path` for reading; `-` is standard input. A directory is an `InputUnavailableError`.
    init(path: String, decompress: Bool = true) throws(InputUnavailableError) {
        sniffed = !decompress
        var info = stat()
        if path == "-" {
            displayName = "<stdin>"
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            isRegularFile = fstat(STDIN_FILENO, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            return
        }
        displayName = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw InputUnavailableError(path: path, reason: ByteSource.describe(errno: errno))
        }
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputUnavailableError(path: path, reason: "is a directory, not a file")
        }
        descriptor = fd
        ownsDescriptor = true
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
    }

    /// An input held in memory (a dataset compiled into the library), called `name` in messages. It reads as
    /// the bytes are, never inflated, and is not a regular file (it cannot be opened again by name).
    init(bytes: [UInt8], name: String) {
        displayName = name
        descriptor = -1
        ownsDescriptor = false
        isRegularFile = false
        sniffed = true
        pending = bytes
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Reads up to `buffer.count` bytes of (decompressed) input; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !sniffed {
            sniffed = true
            var head = [UInt8](repeating: 0, count: 2)
            var got = 0
            while got < 2 {
                let n = try head.withUnsafeMutableBytes { try readRaw(into: UnsafeMutableRawBufferPointer(rebasing: $0[got...])) }
                if n == 0 { break }
                got += n
            }
            pending = Array(head[0..<got])
            if got == 2, head[0] == 0x1F, head[1] == 0x8B {
                gzip = try GzipStream(name: displayName)
            }
        }
        if let gzip {
            return try gzip.inflate(into: buffer) { raw throws in
                if !pending.isEmpty {
                    let n = min(raw.count, pending.count)
                    raw.copyBytes(from: pending[0..<n])
                    pending.removeFirst(n)
                    return n
                }
                return try readRaw(into: raw)
            }
        }
        if !pending.isEmpty {
            // The sniffed bytes, then as much more as fits, so the first block is a full one.
            let n = min(buffer.count, pending.count)
            buffer.copyBytes(from: pending[0..<n])
            pending.removeFirst(n)
            guard n < buffer.count else { return n }
            return n + (try readRaw(into: UnsafeMutableRawBufferPointer(rebasing: buffer[n...])))
        }
        return try readRaw(into: buffer)
    }

    private func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws(InputUnavailableError) -> Int {
        guard descriptor >= 0 else { return 0 }  // in memory: `pending` was all of it
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw InputUnavailableError(path: displayName, reason: "read failed: \(ByteSource.describe(errno: errno))")
        }
    }

    /// The whole input as it is (not inflated) when it holds at most `limit` bytes (`complete`); else its
    /// first `limit` bytes (only `limit + 1` are read to tell).
    func whole(upTo limit: Int) throws(InputUnavailableError) -> (bytes: [UInt8], complete: Bool) {
        var bytes = [UInt8](repeating: 0, count: min(limit + 1, 1 << 16))
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= limit else { return (Array(bytes[0..<limit]), false) }
                bytes += [UInt8](repeating: 0, count: min(bytes.count, limit + 1 - bytes.count))
            }
            let read = bytes.withUnsafeMutableBytes { raw in
                Result { () throws(InputUnavailableError) in try readRaw(into: UnsafeMutableRawBufferPointer(rebasing: raw[count...])) }
            }
            let n = try read.get()
            if n == 0 { break }
            count += n
        }
        return (Array(bytes[0..<count]), true)
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory, not a file"
        default: String(cString: strerror(code))
        }
    }
}

/// zlib's inflate over a gzip stream, fed from a raw byte source.
private final class GzipStream {
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var finished = false
    private let name: String

    init(name: String) throws(DataError) {
        self.name = name
        input = .allocate(byteCount: 1 << 18, alignment: 16)
        guard metrics_inflate_init_gzip(&stream) == Z_OK else {
            input.deallocate()
            throw DataError(SourceLocation(file: name), "cannot start gzip decompression")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    /// Inflates into `output` (at most 4 GiB − 1 of it at a time: zlib counts in 32 bits), reading the
    /// compressed bytes through `refill`; 0 at the end of the last member.
    func inflate(into output: UnsafeMutableRawBufferPointer, refill: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> Int {
        if finished || output.isEmpty { return 0 }
        let room = uInt(clamping: output.count)
        stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = room
        while stream.avail_out == room {
            if stream.avail_in == 0 {
                let n = try refill(input)
                if n == 0 {
                    finished = true
                    throw DataError(SourceLocation(file: name), "the gzip file is truncated (it ends before its compressed data does)")
                }
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(clamping: n)
            }
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                // Another member may follow (concatenated .gz files).
                if stream.avail_in == 0 {
                    let n = try refill(input)
                    if n == 0 {
                        finished = true
                        break
                    }
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = uInt(clamping: n)
                }
                inflateReset(&stream)
                continue
            }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                finished = true
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw DataError(SourceLocation(file: name), "the gzip data is corrupt (\(message))")
            }
        }
        return Int(room - stream.avail_out)
    }
}

extension ByteSource {
    /// The block refill both line readers share (`CSVReader`, `TabSeparatedReader`): moves the unread bytes
    /// `position..<filled` to the front, doubles the block when one record fills it (up to `maximum` bytes),
    /// and reads more after them; `atEnd` becomes true when the source has nothing more. Throws
    /// `RecordTooLong` when one record already fills a block of `maximum` bytes: it is longer than that.
    func refill(
        _ buffer: inout UnsafeMutableRawBufferPointer, filled: inout Int, position: inout Int, atEnd: inout Bool, maximum: Int
    ) throws {
        if position > 0 {
            let unread = filled - position
            if unread > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + position, byteCount: unread) }
            filled = unread
            position = 0
        }
        if filled == buffer.count {
            guard buffer.count < maximum else { throw RecordTooLong() }
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: min(buffer.count * 2, maximum), alignment: 16)
            larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: filled)
            buffer.deallocate()
            buffer = larger
        }
        let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
        if count == 0 { atEnd = true }
        filled += count
    }
}
