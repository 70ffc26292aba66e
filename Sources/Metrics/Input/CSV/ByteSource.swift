#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Where a reader's bytes come from: a file or standard input (`-`), read in large blocks.
final class ByteSource {
    let displayName: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` for reading; `-` is standard input.
    init(path: String) throws(InputUnavailableError) {
        if path == "-" {
            displayName = "<stdin>"
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            return
        }
        displayName = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw InputUnavailableError(path: path, reason: ByteSource.describe(errno: errno))
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputUnavailableError(path: path, reason: "is a directory, not a file")
        }
        descriptor = fd
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Reads up to `buffer.count` bytes; 0 at the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputUnavailableError) -> Int {
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

    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory, not a file"
        default: String(cString: strerror(code))
        }
    }
}
