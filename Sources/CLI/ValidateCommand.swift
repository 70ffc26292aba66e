import ArgumentParser
import Metrics

#if canImport(Glibc)
import Glibc
#endif

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check input files: what they hold and every problem, with FILE:LINE:COLUMN.",
        discussion: """
            Reads each file as the other verbs would (tidy, wide, EES with its .meta.csv, LAIT with its data dictionary; gzip and standard input too) and reports the format, series, periods, indicators, geographies and missing values by symbol, then every problem found. Exit status 65 when any file has problems, 66 when a file cannot be opened.
            """
    )

    @Argument(help: "Input files; - for standard input.")
    var files: [String]

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let result = try ValidateRequest(paths: files, options: input.readOptions).run()
            let format = output.format ?? (output.output == nil && isatty(STDOUT_FILENO) == 1 ? .table : (output.output.map(OutputOptions.formatFromExtension) ?? .table))
            try output.emit(result.rendered(as: format))
            if result.problemCount > 0 {
                // The first problem at FILE:LINE:COLUMN on standard error too, as every verb reports one, for
                // scripts that read only standard error; the report has them all.
                if let first = result.reports.lazy.flatMap(\.problems).first {
                    StandardStreams.message("metrics: error: \(first.location): \(first.message)")
                }
                StandardStreams.message("metrics: error: \(result.problemCount) problem(s) found")
                throw ExitCode(65)
            }
        }
    }
}
