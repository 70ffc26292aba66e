import ArgumentParser
import Metrics

/// How to read input files: shared by every verb that reads series.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("input-format"), help: "tidy, wide, ees or lait (default: detected from the header).")
    var inputFormat: InputFormat?

    @Flag(name: .long, help: "The input is wide: one row per series, one column per period.")
    var wide = false

    @Option(name: .long, help: "Tidy input: the period column.")
    var periodColumn = "period"

    @Option(name: .long, help: "Tidy input: the value column.")
    var valueColumn = "value"

    @Option(name: .long, parsing: .singleValue, help: "The key columns (default: every column with no other role); repeat or separate with commas.")
    var key: [String] = []

    @Option(name: .long, help: "What two-year labels (2020-21) mean when the file does not say: financial or academic.")
    var yearType: YearType?

    @Option(name: .long, help: "What kind of period every label is: year, financial, academic, month, quarter or date (default: decided by the labels; 2009-10 is a year unless the others are months).")
    var periodType: PeriodType?

    @Option(name: .long, help: "EES metadata (.meta.csv) or LAIT data dictionary, when not beside the data.")
    var meta: String?

    @Flag(name: .long, help: "Gather series in memory (for files whose series' rows are not adjacent, on standard input).")
    var group = false

    @Flag(name: .long, help: "Stream only: a series whose rows are not adjacent is an error.")
    var stream = false

    func validate() throws {
        if group && stream { throw ValidationError("--group and --stream exclude each other") }
        if wide, let inputFormat, inputFormat != .wide { throw ValidationError("--wide contradicts --input-format \(inputFormat.rawValue)") }
        try PeriodType.check(periodType, against: yearType)
    }

    var readOptions: ReadOptions {
        let keys = key.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        return ReadOptions(
            format: wide ? .wide : inputFormat, periodColumn: periodColumn, valueColumn: valueColumn,
            keyColumns: keys.isEmpty ? nil : keys, yearType: yearType, periodType: periodType,
            grouping: group ? .grouping : (stream ? .streaming : .automatic), metadataPath: meta)
    }
}

extension InputFormat: ExpressibleByArgument {}
extension PeriodType: ExpressibleByArgument {}

extension PeriodType {
    /// `--period-type financial` and `academic` say what `--year-type` says; the two must agree.
    static func check(_ periodType: PeriodType?, against yearType: YearType?) throws {
        guard let periodType, let yearType else { return }
        if let implied = periodType.yearType, implied != yearType {
            throw ValidationError("--period-type \(periodType.rawValue) contradicts --year-type \(yearType.rawValue)")
        }
    }
}
