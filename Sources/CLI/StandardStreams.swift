import Metrics

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

    /// One message line on standard error (`metrics: error: …`, `metrics: note: …`), through `TerminalText`:
    /// file names, keys, values and messages quoted from the data cannot drive the terminal, and a line
    /// break inside them cannot start a line that looks like another message.
    static func message(_ text: String) {
        write(TerminalText.escape(text) + "\n", to: STDERR_FILENO)
    }
}
