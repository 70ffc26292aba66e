import ArgumentParser
import Metrics

struct ChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "The two-point numbers a journalist quotes: change, percent change, percentage points, annual rate.",
        discussion: """
            Examples:
              metrics change 702 539 --from 2020-08 --to 2021-07
              metrics change 13 35 --from 2010 --to 2020 --unit percent
            """
    )

    @Argument(help: "The first value.")
    var first: Double

    @Argument(help: "The last value.")
    var last: Double

    @Option(name: .long, help: "The first value's period (2020, 2020-21, 2020-08, 2020-08-31, …).")
    var from: String?

    @Option(name: .long, help: "The last value's period.")
    var to: String?

    @Option(name: .long, help: "What the values are: a count, a percent (changes in percentage points too) or currency (GBP).")
    var unit: ChangeUnit = .count

    @Option(name: .long, help: "What two-year labels mean: financial or academic.")
    var yearType: YearType = .financial

    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let result = try ChangeRequest(from: first, to: last, fromPeriod: from, toPeriod: to, unit: unit.unit, yearType: yearType).run()
            try output.emit(result.rendered(as: output.format ?? (output.output.map(OutputOptions.formatFromExtension) ?? .table)))
        }
    }
}
