#if canImport(Glibc)
import Glibc
#endif

/// Standard output and error written with `write(2)` (Swift 6 rejects Glibc's `stdout`/`stderr` globals).
enum StandardStreams {
    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
