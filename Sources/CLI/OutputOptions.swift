import ArgumentParser
import Metrics

#if canImport(Glibc)
import Glibc
#endif

extension OutputFormat: ExpressibleByArgument {}

/// `--format` and `-o/--output`, shared by every verb.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv, json, ndjson or markdown (default: table on a terminal, csv otherwise).")
    var format: OutputFormat?

    @Option(name: [.short, .long], help: "Write the result to this file (atomically) instead of standard output.")
    var output: String?

    /// The format asked for, or the default for where the output goes.
    var resolvedFormat: OutputFormat {
        if let format { return format }
        if output == nil, isatty(STDOUT_FILENO) == 1 { return .table }
        return output.map(Self.formatFromExtension) ?? .csv
    }

    static func formatFromExtension(_ path: String) -> OutputFormat {
        if path.hasSuffix(".json") { return .json }
        if path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl") { return .ndjson }
        if path.hasSuffix(".md") { return .markdown }
        if path.hasSuffix(".txt") { return .table }
        return .csv
    }

    /// Writes `text` to the output file (atomically) or to standard output.
    func emit(_ text: String) throws {
        let sink = try OutputSink(path: output)
        try sink.write(text)
        try sink.commit()
    }
}
