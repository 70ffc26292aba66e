import ArgumentParser
import Metrics

/// The series selection shared by the per-series model verbs.
struct SeriesSelectionOptions: ParsableArguments {
    @Argument(help: "Input files (tidy, wide, EES, LAIT); - for standard input.")
    var files: [String]

    @Option(name: .long, parsing: .singleValue, help: "Only series of this indicator (repeatable).")
    var indicator: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "Only series of this area, by GSS code, old LA code or name (repeatable).")
    var area: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "Only the local authorities of this region, by code or name (repeatable); its own series too when --area names it.")
    var region: [String] = []

    @OptionGroup var rows: RowFilterOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func request() -> SeriesModelRequest {
        SeriesModelRequest(
            paths: files, read: input.readOptions, filter: SeriesFilter(indicators: indicator, areas: area, regions: region, conditions: rows.filters),
            format: output.resolvedFormat, output: output.output)
    }
}

struct InterventionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "its",
        abstract: "Interrupted time series: did an event change the level or the trend? (segmented regression)",
        discussion: """
            One row per series and event: the level change at the event and the change in slope per year, with confidence intervals and p-values, the slope after the event, and warnings when a segment is too short or the residuals are autocorrelated. Time since an event counts from zero at the event. With --control, the same indicator for another area (England, say) is fitted alongside and the changes reported are the area's beyond the control's.

            Example (Middlesbrough: the inadequate judgement, the commissioner, the direction revoked):
              metrics its datasets/middlesbrough/children_looked_after.csv --indicator children_looked_after_31_march \\
                --event "2019-11=Ofsted inadequate" --event "2024-09=direction revoked"
              metrics its datasets/middlesbrough/children_looked_after.csv --indicator children_looked_after_31_march \\
                --events datasets/middlesbrough/events.csv --event-category statutory_direction
            """,
        aliases: ["interrupted"]
    )

    @OptionGroup var selection: SeriesSelectionOptions

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("An event: its period and an optional label (repeatable).", valueName: "PERIOD[=LABEL]"))
    var event: [String] = []

    @Option(name: .long, help: ArgumentHelp("A CSV file of events (date, label; optional category and area_code columns).", valueName: "FILE"))
    var events: String?

    @Option(name: .long, parsing: .singleValue, help: "With --events: only events of this category (repeatable).")
    var eventCategory: [String] = []

    @Option(name: .long, help: "A control area (code or name): the same indicator there is fitted alongside.")
    var control: String?

    @Option(name: .long, help: "Confidence level of the intervals.")
    var level: Double = 0.95

    func validate() throws {
        guard !event.isEmpty || events != nil else {
            throw ValidationError("give at least one --event PERIOD[=LABEL] (for example --event 2019-11=inadequate) or --events FILE")
        }
        guard eventCategory.isEmpty || events != nil else { throw ValidationError("--event-category needs --events FILE") }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1") }
        _ = try parsedEvents()
    }

    func parsedEvents() throws -> [InterventionRequest.EventPeriod] {
        var seen: Set<String> = []
        return try event.map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            let period: Period
            do throws(PeriodError) { period = try Period.parse(parts[0]) } catch { throw ValidationError("--event \(text): \(error.description)") }
            let label = parts.count > 1 ? parts[1] : period.label
            guard seen.insert(label).inserted else { throw ValidationError("two events are labelled '\(label)': give them different labels") }
            return InterventionRequest.EventPeriod(period: period, label: label)
        }
    }

    func run() throws {
        try reportingErrors {
            var all = try parsedEvents()
            if let events {
                let list = try EventList.read(path: events).keeping(categories: eventCategory)
                guard !list.events.isEmpty else {
                    throw DataError(SourceLocation(file: events), "no events\(eventCategory.isEmpty ? "" : " of the categories \(eventCategory.joined(separator: ", "))") in the file")
                }
                var labels = Set(all.map(\.label))
                for event in list.events {
                    // Two events can share a short label (two monitoring visits): the period tells them apart.
                    let label = labels.contains(event.label) ? "\(event.label) (\(event.period.label))" : event.label
                    labels.insert(label)
                    all.append(InterventionRequest.EventPeriod(period: event.period, label: label, area: event.area))
                }
            }
            try InterventionRequest(run: selection.request(), events: all, control: control, level: level).execute()
        }
    }
}
