#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Writing a file so that readers see either the previous file or the complete new one, never a part:
/// the bytes go to a temporary file in the same directory, are flushed to disk (`fsync`), and the temporary
/// file is renamed over the target (an atomic step on POSIX file systems). On any failure the temporary file
/// is removed and the target is untouched.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(OutputError) {
        let bytes = Array(text.utf8)
        var failure: OutputError? = nil
        bytes.withUnsafeBytes { buffer in
            do throws(OutputError) { try write(bytes: buffer, to: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    public static func write(bytes: UnsafeRawBufferPointer, to path: String) throws(OutputError) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var template = Array("\(directory.isEmpty ? "/" : directory)/.metrics-tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw OutputError(path: path, kind: .cannotCreate, reason: "cannot create a file in '\(directory)': \(describe(errno))")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var failure: OutputError? = nil
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = OutputError(path: path, kind: .writeFailed, reason: "write failed: \(describe(errno))")
                break
            }
            offset += written
        }
        if failure == nil, fsync(fd) != 0, errno != EINVAL {
            failure = OutputError(path: path, kind: .writeFailed, reason: "flush to disk failed: \(describe(errno))")
        }
        // Match the permissions a plain create would give (mkstemp makes 0600).
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        if close(fd) != 0, failure == nil {
            failure = OutputError(path: path, kind: .writeFailed, reason: "close failed: \(describe(errno))")
        }
        if failure == nil, rename(temporary, path) != 0 {
            failure = OutputError(path: path, kind: .cannotCreate, reason: "cannot replace the file: \(describe(errno))")
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    private static func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, pointer, count)
        #else
        Darwin.write(fd, pointer, count)
        #endif
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such directory"
        case EACCES, EPERM: "permission denied"
        case ENOSPC: "no space left on the device"
        case EROFS: "read-only file system"
        case EISDIR: "is a directory"
        default: String(cString: strerror(code))
        }
    }
}
