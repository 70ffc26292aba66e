/// `metrics validate FILE…`: reads each file as the other verbs would and reports what it found — format,
/// series, periods, indicators, geographies, missing values by symbol — and every problem at
/// `FILE:LINE:COLUMN` (reading goes on past a bad row, up to `ReadOptions.problemLimit` problems).
public struct ValidateRequest: Sendable {
    public var paths: [String]
    public var options: ReadOptions

    public init(paths: [String], options: ReadOptions = ReadOptions()) {
        self.paths = paths
        self.options = options
        self.options.collectProblems = true
    }

    /// Reads every file; a file that cannot be opened at all stops the run (exit 66 in the CLI).
    public func run() throws -> ValidateResult {
        var reports: [ReadReport] = []
        for path in paths {
            do {
                reports.append(try SeriesSource.read(path: path, options: options) { _ in })
            } catch let error as DataError {
                // A problem that stops reading (a bad header, an unreadable gzip stream) is still a finding.
                var report = ReadReport(file: path, format: options.format)
                report.problems.append(error)
                report.notes.append("reading stopped here")
                reports.append(report)
            }
        }
        return ValidateResult(reports: reports)
    }
}

public struct ValidateResult: Sendable {
    public let reports: [ReadReport]

    public var problemCount: Int { reports.reduce(0) { $0 + $1.problems.count } }

    /// The dimension that names indicators, and the one that names places, in a report's key.
    static func dimension(_ report: ReadReport, _ candidates: [String]) -> String? {
        candidates.first { report.keyColumns.contains($0) }
    }

    static let indicatorDimensions = ["indicator", "measure_code", "measure", "indicator_name", "metric"]
    static let geographyDimensions = ["area_code", "area", "la_code", "new_la_code", "geography_code", "area_name", "la_name", "region"]

    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json: return JSONValue.array(reports.map(json)).rendered() + "\n"
        case .ndjson: return reports.map { json($0).rendered(indent: 0) + "\n" }.joined()
        case .csv: return table().csv()
        case .markdown: return table().markdown()
        case .table: return reports.map(text).joined(separator: "\n")
        }
    }

    func json(_ r: ReadReport) -> JSONValue {
        let periods = r.periods.values.sorted()
        let indicator = Self.dimension(r, Self.indicatorDimensions)
        let geography = Self.dimension(r, Self.geographyDimensions)
        return .object([
            ("file", .string(r.file)), ("format", r.format.map { .string($0.rawValue) } ?? .null), ("rows", .integer(r.rows)),
            ("series", .integer(r.series)), ("observations", .integer(r.observations)),
            ("numeric_values", .integer(r.numericValues)),
            ("missing_values", .object(MissingValue.allCases.compactMap { s in r.missingBySymbol[s].map { (s.symbol.isEmpty ? "blank" : s.symbol, .integer($0)) } })),
            ("key_columns", .array(r.keyColumns.map { .string($0) })),
            ("periods", .array(periods.map { .string($0.description) })),
            ("period_kinds", .array(Array(Set(periods.map(\.kind.family))).sorted().map { .string($0) })),
            ("indicators", .array((indicator.flatMap { r.distinctValues[$0] } ?? []).sorted().map { .string($0) })),
            ("geographies", .integer((geography.flatMap { r.distinctValues[$0] }?.count) ?? 0)),
            ("notes", .array((r.notes + (r.regrouped.map { [$0] } ?? [])).map { .string($0) })),
            ("problems", .array(r.problems.map { p in
                .object([("location", .string(p.location.description)), ("message", .string(p.message))])
            })),
        ])
    }

    /// One file's report for a terminal: lines of our own around names, values, notes and messages from the
    /// file, each line written through `TerminalText`.
    func text(_ r: ReadReport) -> String {
        var out: [String] = []
        out.append("\(r.file): \(r.format?.rawValue ?? "format not recognised") — \(r.rows) rows, \(r.series) series, \(r.observations) observations (\(r.numericValues) numbers)")
        if !r.keyColumns.isEmpty { out.append("  key: \(r.keyColumns.joined(separator: ", "))") }
        let periods = r.periods.values.sorted()
        if let first = periods.first, let last = periods.last {
            out.append("  periods: \(periods.count) (\(Set(periods.map(\.kind.family)).sorted().joined(separator: ", "))), \(first) to \(last)")
        }
        if let indicator = Self.dimension(r, Self.indicatorDimensions), let values = r.distinctValues[indicator] {
            let shown = values.sorted().prefix(12).joined(separator: ", ")
            out.append("  indicators: \(values.count) (\(shown)\(values.count > 12 ? ", …" : ""))")
        }
        if let geography = Self.dimension(r, Self.geographyDimensions), let values = r.distinctValues[geography] {
            out.append("  geographies: \(values.count)\(r.truncatedDimensions.contains(geography) ? "+" : "")")
        }
        let missing = MissingValue.allCases.compactMap { s in r.missingBySymbol[s].map { "\(s.symbol.isEmpty ? "blank" : s.symbol) \($0)" } }
        out.append("  missing values: \(missing.isEmpty ? "none" : missing.joined(separator: ", "))")
        for note in r.notes + (r.regrouped.map { [$0] } ?? []) { out.append("  note: \(note)") }
        if r.problems.isEmpty {
            out.append("  problems: none")
        } else {
            out.append("  problems: \(r.problems.count)")
            for p in r.problems { out.append("    \(p.location): \(p.message)") }
        }
        return TerminalText.lines(out)
    }

    public func table() -> ResultTable {
        ResultTable(
            columns: ["file", "format", "rows", "series", "observations", "numeric_values", "missing_values", "periods", "problems"],
            rows: reports.map { r in
                [
                    .text(r.file), .text(r.format?.rawValue ?? ""), .integer(r.rows), .integer(r.series), .integer(r.observations),
                    .integer(r.numericValues), .integer(r.missingBySymbol.values.reduce(0, +)), .integer(r.periods.count),
                    .integer(r.problems.count),
                ]
            })
    }
}
