import Metrics
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A progress bar on standard error for long runs: drawn only when standard error is a terminal (quiet when
/// piped or redirected, so logs and CI output stay clean), redrawn at most once per percent, and erased
/// when the run ends. Safe to update from any thread. The label goes through `TerminalText` (the bar's own
/// carriage return and erase sequence are the only control characters it writes).
final class ProgressBar: Sendable {
    private let label: String
    private let enabled: Bool
    /// Where the bar is drawn: standard error.
    private let descriptor: Int32
    private let state = Mutex((shown: -1, active: false))

    init(label: String, enabled: Bool = isatty(STDERR_FILENO) == 1, descriptor: Int32 = STDERR_FILENO) {
        self.label = TerminalText.escape(label)
        self.enabled = enabled
        self.descriptor = descriptor
    }

    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        state.withLock { s in
            guard percent != s.shown else { return }
            s.shown = percent
            s.active = true
            let width = 30
            let filled = percent * width / 100
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            StandardStreams.write("\r\(label) \(bar) \(done)/\(total)", to: descriptor)
        }
    }

    /// A count without a known total (series read so far), redrawn at most every 1% of growth.
    func update(series done: Int) {
        guard enabled else { return }
        state.withLock { s in
            guard done > s.shown + max(1, s.shown / 100) || s.shown < 0 else { return }
            s.shown = done
            s.active = true
            StandardStreams.write("\r\(label): \(done) series", to: descriptor)
        }
    }

    /// Erases the bar.
    func finish() {
        guard enabled else { return }
        state.withLock { s in
            guard s.active else { return }
            s.active = false
            StandardStreams.write("\r\u{1B}[2K", to: descriptor)
        }
    }
}
