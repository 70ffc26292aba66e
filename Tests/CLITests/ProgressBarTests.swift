import Foundation
import Testing

@testable import CLI

#if canImport(Glibc)
import Glibc
#endif

/// The progress bar draws only its own control characters (a carriage return before each redraw, `ESC [2K`
/// to erase it): a label is written through `TerminalText`.
struct ProgressBarTests {
    /// What a bar labelled `label` draws for one update and its end, read from a pipe.
    static func drawn(label: String) throws -> String {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let bar = ProgressBar(label: label, enabled: true, descriptor: ends[1])
        bar.update(1, of: 2)
        bar.update(series: 5)
        bar.finish()
        close(ends[1])
        let handle = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
        return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test("a label with escape sequences and an override is drawn escaped")
    func hostileLabel() throws {
        let text = try Self.drawn(label: "run \u{1B}]0;pwned\u{7}\u{202E}x\n")
        #expect(text.contains(#"run \u{1B}]0;pwned\u{7}\u{202E}x\u{A}"#), "\(text.debugDescription)")
        // Only the bar's own controls: CR before each redraw, and ESC [2K at the end.
        let own = text.replacingOccurrences(of: "\r\u{1B}[2K", with: "").replacingOccurrences(of: "\r", with: "")
        #expect(!own.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" }, "\(text.debugDescription)")
        #expect(text.hasSuffix("\r\u{1B}[2K"))
    }
}
