#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Where a verb's streamed output goes: a file written atomically (a temporary file beside it, renamed over
/// it only when the whole output is complete) or standard output (buffered). Either can start again from
/// nothing while no byte has left the process, which the readers need when they re-read a file whose
/// series turned out not to be adjacent.
///
/// A path that already names something other than a regular file or a directory (a device such as
/// `/dev/null` or `/dev/full`, a named pipe, a socket, also through a symbolic link), or a system link to
/// standard output (`/dev/stdout`, `/proc/self/fd/1`), is written in place, as standard output is: renaming
/// a temporary file over it would replace the device, pipe or link with a regular file (and, run as root,
/// break `/dev/null` for the whole machine). Such output is not atomic and cannot be restarted once flushed.
/// A symbolic link of the user's own to a regular file is not followed: the link itself is replaced by the
/// new file, so an output never lands outside the directory its path names.
///
/// The temporary file is `.metrics-tmp-PID-XXXXXX` (this process's id, then `mkstemp`'s letters), readable by
/// its owner only while it is written, and removed when the output is abandoned. A new file gets the mode
/// that the umask gives (0666 less the umask); a file that replaces an existing regular file gets that
/// file's permission bits (`st_mode & 0777`) and, when the run may set them (as root, or as the file's
/// owner), its owner and group. Other hard links to the old file keep the old content: the rename replaces
/// the name, not the file it named.
public final class OutputSink {
    private let path: String?
    private var descriptor: Int32
    private var temporaryPath: String?
    /// True for standard output and for a device or pipe opened directly: bytes that have left cannot be
    /// taken back.
    private let isStream: Bool
    private var buffer: [UInt8] = []
    private var flushedAny = false
    private var committed = false
    static let flushThreshold = 1 << 20

    /// `nil` path means standard output.
    public init(path: String?) throws(OutputError) {
        self.path = path
        guard let path else {
            descriptor = STDOUT_FILENO
            isStream = true
            return
        }
        guard !path.utf8.contains(0) else {
            throw OutputError(path: path, kind: .cannotCreate, reason: "the file name holds a NUL character")
        }
        if let fd = try OutputSink.openExisting(path) {
            descriptor = fd
            isStream = true
            return
        }
        isStream = false
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var template = Array("\(directory.isEmpty ? "/" : directory)/.metrics-tmp-\(getpid())-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw OutputError(path: path, kind: .cannotCreate, reason: "cannot create a file in '\(directory)': \(OutputSink.describe(errno))")
        }
        descriptor = fd
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// A descriptor for `path` when it must be written in place (a device, a pipe, a socket, or a system
    /// link such as `/dev/stdout` or `/proc/self/fd/1` to whatever standard output is); `nil` when it is to be
    /// written atomically (it does not exist, is a regular file, or is a link of the user's own to one).
    private static func openExisting(_ path: String) throws(OutputError) -> Int32? {
        var link = stat()
        var target = stat()
        guard lstat(path, &link) == 0, stat(path, &target) == 0 else { return nil }
        let type = target.st_mode & S_IFMT
        if type == S_IFDIR {
            throw OutputError(path: path, kind: .cannotCreate, reason: "it is a directory, not a file")
        }
        let systemLink = (link.st_mode & S_IFMT) == S_IFLNK && (path.hasPrefix("/dev/") || path.hasPrefix("/proc/"))
        guard type != S_IFREG || systemLink else { return nil }
        // O_APPEND: a regular file behind /dev/stdout was already truncated (or is appended to) by the shell.
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw OutputError(path: path, kind: .cannotCreate, reason: "cannot open it for writing: \(describe(errno))")
        }
        return fd
    }

    deinit {
        if !committed, let temporaryPath {
            close(descriptor)
            unlink(temporaryPath)
        } else if !committed, path != nil, isStream {
            close(descriptor)
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
        if path != nil, !isStream {
            if ftruncate(descriptor, 0) != 0 || lseek(descriptor, 0, SEEK_SET) < 0 {
                throw OutputError(path: path!, kind: .writeFailed, reason: "cannot start the output again: \(OutputSink.describe(errno))")
            }
        } else if flushedAny {
            throw OutputError(path: path ?? "<stdout>", kind: .writeFailed, reason: "the input had to be read again but output had already been written; write to a file with -o, or sort the input by its key columns")
        }
    }

    /// Writes what is buffered and, for a file, makes it durable and puts it in place.
    public func commit() throws(OutputError) {
        try flush()
        if let path, isStream {
            committed = true
            if close(descriptor) != 0, errno != EINTR {
                throw OutputError(path: path, kind: .writeFailed, reason: "closing it failed: \(OutputSink.describe(errno))")
            }
            return
        }
        guard let path, let temporaryPath else { return }
        if fsync(descriptor) != 0, errno != EINVAL {
            throw OutputError(path: path, kind: .writeFailed, reason: "flush to disk failed: \(OutputSink.describe(errno))")
        }
        var existing = stat()
        if lstat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG {
            if geteuid() == 0 || existing.st_uid == geteuid() { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
            fchmod(descriptor, existing.st_mode & 0o777)
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
        }
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
        case EFBIG: "file size limit exceeded (ulimit -f)"
        default: String(cString: strerror(code))
        }
    }
}
