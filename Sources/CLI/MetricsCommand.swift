import ArgumentParser
import Metrics

#if canImport(Glibc)
import Glibc
#endif

@main
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Trend analysis for public-service indicators.",
        discussion: """
            Exit status: 0 success, 1 some series or analyses failed, 64 usage error, 65 malformed input data,
            66 input not found or unreadable, 73 output cannot be created, 74 I/O error.
            """,
        version: MetricsVersion.text,
        subcommands: [SummarizeCommand.self, ChangeCommand.self, RateCommand.self, ProportionCommand.self, CompareCommand.self, InterventionCommand.self, SmoothCommand.self, StandardisedRateCommand.self, RecentTrendCommand.self, ForecastCommand.self, ChangePointCommand.self, ProcessControlCommand.self, ReportCommand.self, BatchCommand.self, ShareCommand.self, BandCommand.self, DeflateCommand.self, FitCommand.self, DescribeCommand.self, ValidateCommand.self, StreamCommand.self]
    )

    /// Sets up the process, then parses the arguments and runs the verb.
    ///
    /// A file-size limit (`ulimit -f`) is to end a run as any other failed write does, with exit status 74 and
    /// the file named: SIGXFSZ, which would kill the process (status 153) and leave no message, is ignored, so
    /// that `write` fails with EFBIG.
    ///
    /// ArgumentParser's error messages are written through `TerminalText` line by line (its own line breaks
    /// kept): a usage error quotes the argument it could not use, which may be text from the data passed on
    /// by a script (`--area "$name"`). Help, version and completion scripts (the program's own text) go to
    /// standard output as ArgumentParser writes them; errors to standard error, with ArgumentParser's exit
    /// statuses (64 for a usage error).
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let status = exitCode(for: error)
            let text = fullMessage(for: error)
            if status == .success {
                if !text.isEmpty { StandardStreams.write(text + "\n", to: STDOUT_FILENO) }
            } else if !text.isEmpty {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                StandardStreams.write(TerminalText.lines(lines), to: STDERR_FILENO)
            }
            Glibc.exit(status.rawValue)
        }
    }
}
