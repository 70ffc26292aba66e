#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Where a verb's streamed output goes: a file written atomically (a temporary file beside it, renamed over
/// it only when the whole output is complete) or standard output (buffered). Either can start again from
/// nothing while no byte has left the process, which the readers need when they re-read a file whose
/// series turned out not to be adjacent.
public final class OutputSink {
    private let path: String?
    private var descriptor: Int32
    private var temporaryPath: String?
    private var buffer: [UInt8] = []
    private var flushedAny = false
    private var committed = false
    static let flushThreshold = 1 << 20

    /// `nil` path means standard output.
    public init(path: String?) throws(OutputError) {
        self.path = path
        guard let path else {
            descriptor = STDOUT_FILENO
            return
        }
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var template = Array("\(directory.isEmpty ? "/" : directory)/.metrics-tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw OutputError(path: path, kind: .cannotCreate, reason: "cannot create a file in '\(directory)': \(OutputSink.describe(errno))")
        }
        descriptor = fd
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit {
        if !committed, let temporaryPath {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    public func write(_ text: String) throws(OutputError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= OutputSink.flushThreshold { try flush() }
    }

    public func write(bytes: [UInt8]) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= OutputSink.flushThreshold { try flush() }
    }

    /// Forgets everything written so far; possible for a file, or for standard output before its first flush.
    public func restart() throws(OutputError) {
        buffer.removeAll(keepingCapacity: true)
        if path != nil {
            if ftruncate(descriptor, 0) != 0 || lseek(descriptor, 0, SEEK_SET) < 0 {
                throw OutputError(path: path!, kind: .writeFailed, reason: "cannot start the output again: \(OutputSink.describe(errno))")
            }
        } else if flushedAny {
            throw OutputError(path: "<stdout>", kind: .writeFailed, reason: "the input had to be read again but output had already been written; write to a file with -o, or sort the input by its key columns")
        }
    }

    /// Writes what is buffered and, for a file, makes it durable and puts it in place.
    public func commit() throws(OutputError) {
        try flush()
        guard let path, let temporaryPath else { return }
        if fsync(descriptor) != 0, errno != EINVAL {
            throw OutputError(path: path, kind: .writeFailed, reason: "flush to disk failed: \(OutputSink.describe(errno))")
        }
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        close(descriptor)
        committed = true
        if rename(temporaryPath, path) != 0 {
            let reason = OutputSink.describe(errno)
            unlink(temporaryPath)
            throw OutputError(path: path, kind: .cannotCreate, reason: "cannot replace the file: \(reason)")
        }
    }

    private func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        flushedAny = true
        var offset = 0
        let failure: Int32? = buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                #if canImport(Glibc)
                let n = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #else
                let n = Darwin.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure {
            throw OutputError(path: path ?? "<stdout>", kind: .writeFailed, reason: "write failed: \(OutputSink.describe(failure))")
        }
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such directory"
        case EACCES, EPERM: "permission denied"
        case ENOSPC: "no space left on the device"
        case EROFS: "read-only file system"
        case EPIPE: "the reader closed the pipe"
        default: String(cString: strerror(code))
        }
    }
}
