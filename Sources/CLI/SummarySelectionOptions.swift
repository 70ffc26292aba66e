import ArgumentParser
import Metrics

/// `--from`/`--to` (the periods summarised) and `--direction`, `--assessment`, `--sort`, `--top` (which
/// records are written, in what order): the options of `summarize` that answer "which authorities had a
/// significant rise" in one command.
struct SummarySelectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Summarise only periods that begin at or after this one (2018, 2018-19, 2018-Q2, 2018-04).", valueName: "PERIOD"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Summarise only periods that begin before this one ends.", valueName: "PERIOD"))
    var to: String?

    @Option(name: .long, parsing: .singleValue, help: "Only records with this direction (repeatable).")
    var direction: [TrendDirection] = []

    @Option(name: .long, parsing: .singleValue, help: "Only records with this assessment (repeatable).")
    var assessment: [TrendAssessment] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Sort the records by these fields, comma-separated: any key or summary field, a leading - for descending (-sen_slope); numbers numerically, empty values last, ties in input order.", valueName: "FIELD[,FIELD…]"))
    var sort: String?

    @Option(name: .long, help: ArgumentHelp("Only the first N records (after sorting).", valueName: "N"))
    var top: Int?

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be 1 or more") }
        if let sort {
            let keys = SummarySelection.sortKeys(sort)
            if keys.isEmpty || keys.contains(where: { $0.field.isEmpty }) {
                throw ValidationError("--sort takes field names, comma-separated, for example --sort -sen_slope,area_name; got '\(sort)'")
            }
        }
    }

    /// The window of periods; `yearType` reads two-year labels (2020-21).
    func window(yearType: YearType?) throws -> PeriodWindow {
        func period(_ text: String?, _ option: String) throws -> Period? {
            guard let text else { return nil }
            do throws(PeriodError) {
                return try Period.parse(text, yearType: yearType ?? .financial)
            } catch {
                throw UsageError("\(option) \(text): \(error.description)")
            }
        }
        let window = PeriodWindow(from: try period(from, "--from"), to: try period(to, "--to"))
        if let first = window.from, let last = window.to, first.years(to: last) + last.length <= 0 {
            throw UsageError("--from \(from!) is after --to \(to!)")
        }
        return window
    }

    var selection: SummarySelection {
        SummarySelection(
            directions: Set(direction), assessments: Set(assessment),
            sort: sort.map(SummarySelection.sortKeys) ?? [], top: top)
    }
}
