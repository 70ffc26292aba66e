/// Dated events read from a CSV file: Ofsted judgements, a commissioner's appointment, a direction revoked.
/// What `metrics report --events` marks on charts and `metrics its --events` models.
///
/// Columns (names matched without regard to case): the date in `date`, `period` or `event_date` (any period
/// `Period.parse` reads: `2019-11`, `2024-09-06`, `2020`); a short label in `label` (else `event`, else
/// `name`); optionally the longer text in `event` or `description`, a `category`, and an area in `area_code`,
/// `area`, `area_name` or `la_code`. Other columns (a `source`) are ignored. Conventions: rows keep the
/// file's order, sorted by date (stable); a row with an empty date is an error with its line, as is a
/// date that cannot be read; an event with an area applies only to series of that area (matched by code or
/// name, as `--area` matches), one without to every series.
public struct EventList: Sendable, Hashable {
    public struct Event: Sendable, Hashable {
        public let period: Period
        /// The short label for charts and result rows.
        public let label: String
        /// The longer description, when the file gives one besides the label.
        public let detail: String?
        public let category: String?
        /// The area code or name the event belongs to; `nil` for every area.
        public let area: String?

        public init(period: Period, label: String, detail: String? = nil, category: String? = nil, area: String? = nil) {
            self.period = period
            self.label = label
            self.detail = detail
            self.category = category
            self.area = area
        }
    }

    public let events: [Event]

    public init(events: [Event]) {
        self.events = events.enumerated().sorted { a, b in
            a.element.period != b.element.period ? a.element.period < b.element.period : a.offset < b.offset
        }.map(\.element)
    }

    /// The events that apply to a series with this key (those without an area, and those of its area).
    public func events(for key: SeriesKey) -> [Event] {
        events.filter { event in
            guard let area = event.area else { return true }
            return SeriesFilter(areas: [area]).matches(key)
        }
    }

    /// Only the events of these categories (all of them when `categories` is empty).
    public func keeping(categories: [String]) -> EventList {
        guard !categories.isEmpty else { return self }
        let wanted = Set(categories.map { $0.lowercased() })
        return EventList(events: events.filter { $0.category.map { wanted.contains($0.lowercased()) } ?? false })
    }

    public static func read(path: String) throws -> EventList {
        let csv = try CSVReader(path: path)
        guard try csv.nextRecord() else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "the events file is empty: a header row with date and label columns is expected")
        }
        let header = try csv.strings().map { $0.trimmingSpaces().lowercased() }
        func column(_ names: [String]) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
        guard let dateColumn = column(["date", "period", "event_date"]) else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "the events file needs a date (or period) column; its columns are \(header.joined(separator: ", "))")
        }
        guard let labelColumn = column(["label", "event", "name"]) else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "the events file needs a label (or event) column; its columns are \(header.joined(separator: ", "))")
        }
        let detailColumn = column(["event", "description"]).flatMap { $0 == labelColumn ? nil : $0 }
        let categoryColumn = column(["category", "type"])
        let areaColumn = column(["area_code", "area", "area_name", "la_code"])
        var events: [Event] = []
        while try csv.nextRecord() {
            guard csv.fieldCount == header.count else {
                throw DataError(csv.recordLocation, "this row has \(csv.fieldCount) field(s) but the header has \(header.count)")
            }
            let date = try csv.string(dateColumn).trimmingSpaces()
            guard !date.isEmpty else { throw DataError(csv.location(ofField: dateColumn), "the event has no date") }
            let period: Period
            do throws(PeriodError) {
                period = try Period.parse(date)
            } catch {
                throw DataError(csv.location(ofField: dateColumn), error.description)
            }
            let label = try csv.string(labelColumn).trimmingSpaces()
            func optional(_ column: Int?) throws -> String? {
                guard let column else { return nil }
                let text = try csv.string(column).trimmingSpaces()
                return text.isEmpty ? nil : text
            }
            events.append(Event(
                period: period, label: label.isEmpty ? period.label : label, detail: try optional(detailColumn),
                category: try optional(categoryColumn), area: try optional(areaColumn)))
        }
        return EventList(events: events)
    }
}
