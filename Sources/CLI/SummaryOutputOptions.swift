import ArgumentParser
import Metrics

#if canImport(Glibc)
import Glibc
#endif

/// `summarize`'s output options: `OutputOptions`' `--format` and `-o` with the spreadsheet forms added,
/// `--format xlsx` (an Excel workbook), `--excel` (CSV that Excel opens as UTF-8) and `--decimals`.
struct SummaryOutputOptions: ParsableArguments {
    /// The formats `summarize` writes: the library's, and an Excel workbook.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, csv, json, ndjson, markdown, xlsx
    }

    @Option(name: .long, help: "Output format: table, csv, json, ndjson, markdown or xlsx (an Excel workbook); without it, table on a terminal, else from the -o file's extension (.xlsx, .json, .md…), else csv.")
    var format: Format?

    @Option(name: [.short, .long], help: "Write the result to this file (atomically) instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "CSV for Excel: a UTF-8 byte order mark first (so Excel shows £ and – as they are) and CR LF line ends.")
    var excel = false

    @Option(name: .long, help: ArgumentHelp("Round CSV and xlsx numbers in the data's scale (values, changes, slopes, percentages) to N decimals, half away from zero as Excel's ROUND; source takes each series' published decimal places (.meta.csv, LAIT dps). p-values and test statistics keep full precision.", valueName: "N|source"))
    var decimals: String?

    /// `--decimals` read (valid once `validate` has passed).
    var rounding: SummaryDecimals? {
        guard let decimals else { return nil }
        if decimals.lowercased() == "source" { return .source }
        return Int(decimals).map { .fixed($0) }
    }

    var resolvedFormat: Format {
        if let format { return format }
        if output == nil, isatty(STDOUT_FILENO) == 1 { return .table }
        if let output, output.lowercased().hasSuffix(".xlsx") { return .xlsx }
        return output.map { Format(rawValue: OutputOptions.formatFromExtension($0).rawValue) ?? .csv } ?? .csv
    }

    func validate() throws {
        if let decimals {
            guard decimals.lowercased() == "source" || (Int(decimals).map { (0...DecimalRounding.maximumPlaces).contains($0) } ?? false) else {
                throw ValidationError("--decimals takes a whole number of places from 0 to \(DecimalRounding.maximumPlaces), or source (the data's own); got '\(decimals)'")
            }
        }
        let format = resolvedFormat
        if excel, format != .csv { throw ValidationError("--excel is for CSV output (--format csv); an xlsx workbook needs no byte order mark") }
        if decimals != nil, format != .csv, format != .xlsx {
            throw ValidationError("--decimals is for csv and xlsx output: the table already rounds to the data's decimal places, and JSON keeps full precision")
        }
        if format == .xlsx, output == nil, isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("an xlsx workbook is binary: write it to a file with -o FILE.xlsx")
        }
    }

    /// The library's format (a workbook is gathered as the table is).
    var libraryFormat: OutputFormat {
        OutputFormat(rawValue: resolvedFormat.rawValue) ?? .table
    }
}
