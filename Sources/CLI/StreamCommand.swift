import ArgumentParser
import Metrics

#if canImport(Glibc)
import Glibc
#endif

extension StreamingSummary.Delimiter: ExpressibleByArgument {}
extension StreamingSummary.Format: ExpressibleByArgument {}

/// `metrics stream`: the summary as a streaming filter for distributed engines (Spark SQL's
/// `TRANSFORM … USING`, Hadoop Streaming). The library's `StreamingSummary` does the work.
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Summarise series streamed on standard input: tidy rows in, one summary row per series out (Spark TRANSFORM, Hadoop Streaming).",
        discussion: """
            Input: headerless rows on standard input, tab-separated (LF after each row, \\N for NULL), or RFC 4180 CSV with --delimiter csv. --columns names the fields in order: the period and value columns, optional unit, polarity and other tidy metadata columns; every other column is part of the series key. Each series' rows must be adjacent (Spark: DISTRIBUTE BY key SORT BY key, period); a series that comes back later is an error, never merged. Empty input writes nothing and succeeds.

            Output: one row per series, written as soon as the series ends: the key fields, SPEC.md's summary fields, the --measures fields, unit, polarity and reasons (the columns of summarize --format csv).

            tsv (default): TAB-separated, no header unless --print-header, \\N for a missing measure (Spark reads it as NULL); backslash, TAB, LF and CR in text are written as \\\\, \\t, \\n, \\r, other control and bidirectional formatting characters as \\uXXXX (Spark SQL decodes them with java_method('org.apache.commons.text.StringEscapeUtils', 'unescapeJava', col)); commas and quotes are written as they are.

            csv: exactly summarize --format csv, with its header.

            Exit status: 0 success; 1 some series could not be summarised (the others were written); 64 usage; 65 malformed input, reported as metrics: error: <stdin>:LINE:COLUMN: …; 74 output failed.

            Examples:
              metrics stream --columns code,name,indicator,period,value < rows.tsv
              metrics stream --delimiter csv --header --format csv < sorted.csv

              SELECT TRANSFORM(code, name, indicator, period, value)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
                USING './metrics stream --columns code,name,indicator,period,value'
                AS (code STRING, name STRING, indicator STRING, n INT, …)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
              FROM (SELECT * FROM rows DISTRIBUTE BY code, name, indicator
                    SORT BY code, name, indicator, period)
            """
    )

    @Option(name: .long, help: "The input's columns, in order, comma-separated (must include the period and value columns).")
    var columns: String?

    @Flag(name: .long, help: "The input's first line names its columns (instead of --columns).")
    var header = false

    @Option(name: .long, help: "Input fields: tab (Spark, Hadoop Streaming) or csv (RFC 4180).")
    var delimiter: StreamingSummary.Delimiter = .tab

    @Flag(name: .long, help: "Tab-separated input escapes backslash, TAB, LF and CR as \\\\, \\t, \\n, \\r, other characters as \\uXXXX (Spark itself sends text unescaped).")
    var escaped = false

    @Option(name: .long, help: "Output: tsv (Spark, Hadoop Streaming) or csv (as summarize --format csv).")
    var format: StreamingSummary.Format = .tsv

    @Flag(name: .long, inversion: .prefixedNo, help: "Write a header row before the first record (default: for csv only).")
    var printHeader: Bool?

    @Option(name: .long, help: "The input file; - is standard input.")
    var input: String = "-"

    @Option(name: .long, help: "The period column.")
    var periodColumn = "period"

    @Option(name: .long, help: "The value column.")
    var valueColumn = "value"

    @Option(name: .long, help: "What two-year labels (2020-21) mean: financial or academic.")
    var yearType: YearType?

    @Option(name: .long, help: "What kind of period every label is: year, financial, academic, month, quarter or date (default: decided by the labels).")
    var periodType: PeriodType?

    @OptionGroup var summary: SummaryOptions

    /// The names given to --columns.
    var columnNames: [String]? {
        columns.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) } }
    }

    func validate() throws {
        switch (columnNames, header) {
        case (nil, false):
            throw ValidationError("name the input's columns with --columns (Spark sends no header), or say that its first line names them with --header")
        case (_?, true):
            throw ValidationError("--columns and --header exclude each other")
        case (let names?, false):
            if names.contains(where: \.isEmpty) { throw ValidationError("--columns has an empty name") }
            if Set(names).count != names.count { throw ValidationError("--columns names a column twice") }
            for (role, name) in [("period", periodColumn), ("value", valueColumn)] where !names.contains(name) {
                throw ValidationError("--columns must include the \(role) column '\(name)'")
            }
        default: break
        }
        try PeriodType.check(periodType, against: yearType)
        if escaped, delimiter == .csv { throw ValidationError("--escaped is for tab-separated input; CSV quotes its fields instead") }
    }

    func run() throws {
        try reportingErrors {
            let request = StreamingSummary(
                input: input, columns: columnNames, delimiter: delimiter, escapedInput: escaped,
                read: ReadOptions(periodColumn: periodColumn, valueColumn: valueColumn, yearType: yearType, periodType: periodType),
                summarizer: summary.summarizer,
                format: format, header: printHeader ?? (format == .csv))
            let sink = try OutputSink(path: nil)
            let outcome = try request.run { try sink.write($0) }
            try sink.commit()
            if !outcome.failures.isEmpty {
                for failure in outcome.failures {
                    StandardStreams.message("metrics: error: series \(failure.key): \(failure.message)")
                }
                StandardStreams.message("metrics: error: \(outcome.failures.count) failure(s) listed above; everything else was written")
                throw ExitCode(1)
            }
        }
    }
}
