import ArgumentParser
import Foundation
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
            Exit status: 0 success, 1 some series or analyses failed, 64 usage error, 65 malformed input data, 66 input not found or unreadable, 73 output cannot be created, 74 I/O error.
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
    /// A usage error reads as every other error does, `metrics: error: MESSAGE` (exit status 64), followed by
    /// ArgumentParser's hint lines (`Help:` for the option concerned, `See 'metrics VERB --help'`); a first
    /// argument that is not a verb gets the nearest verb (`VerbSuggestion`). Messages are written through
    /// `TerminalText` line by line: a usage error quotes the argument it could not use, which may be text from
    /// the data passed on by a script (`--area "$name"`). Help, version and completion scripts (the program's
    /// own text) go to standard output as ArgumentParser writes them.
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let problem = VerbSuggestion.problem(in: arguments) {
            usageError(problem, hints: ["  See 'metrics --help' for the verbs and what each does."])
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let status = exitCode(for: error)
            if status == .validationFailure {
                let full = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                let hints = full.filter { $0.hasPrefix("Help:") || $0.trimmingCharacters(in: .whitespaces).hasPrefix("See '") }
                usageError(message(for: error), hints: hints.map { "  " + $0.trimmingCharacters(in: .whitespaces) })
            }
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

    /// `metrics: error: message` (its first letter lower-case, as the tool's own messages are) and the hint
    /// lines on standard error, then exit status 64.
    static func usageError(_ message: String, hints: [String]) -> Never {
        var text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? true {
            text = first.lowercased() + text.dropFirst()
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        StandardStreams.message("metrics: error: " + (lines.first ?? "usage error"))
        for line in lines.dropFirst() + hints { StandardStreams.message(line) }
        Glibc.exit(ExitCode.validationFailure.rawValue)
    }
}
