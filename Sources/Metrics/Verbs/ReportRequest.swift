internal import Dispatch
internal import Foundation
internal import Synchronization

/// `metrics report`: a self-contained bundle for every chosen series — the summary (CSV, JSON, Markdown), per
/// series the plot data (`PlotDataTable`), an SVG chart (`SVGChart`) and a Vega-Lite specification
/// (`VegaLiteChart`), an offline HTML report (`HTMLReport`) and a Jupyter notebook (`ReportNotebook`).
///
/// Layout of `directory`:
///
///     summary.csv  summary.json  summary.md  summary.xlsx  index.html  report.ipynb
///     data/ID.csv  charts/ID.svg  charts/ID.vl.json      (ID = 001-middlesbrough-children-looked-after…)
///
/// Conventions: series are numbered in input order; benchmarks are the same indicator for England and the
/// area's region found in the inputs (or the areas named in `benchmarks`), drawn only for rates,
/// percentages and other size-free units, never for counts, money or FTE (`BenchmarkComparability`, which
/// says in the chart's description what was withheld and which rate compares instead); events come from an events file,
/// each series getting those of its area and those without one. The bundle holds nothing that changes between
/// runs (no dates, no timings), so the same input gives byte-identical files.
///
/// The bundle is replaced as a whole (`OutputBundle`): it is built beside `directory` and swapped in when
/// every file is written, so a failed or killed run leaves the previous bundle as it was. Files of the
/// previous bundle that this run does not write again (charts of series no longer chosen) go with it;
/// files of the user's own in it (names a report does not use, `BundleLayout`) are moved into the new one.
/// One run at a time writes a directory: another run into it fails (exit 73), or waits with `waitForOtherRun`.
public struct ReportRequest: Sendable {
    public var paths: [String]
    public var read: ReadOptions
    public var filter: SeriesFilter
    public var directory: String
    public var title: String
    public var summarizer: Summarizer
    public var builder: PlotBuilder
    public var events: EventList?
    /// Comparator areas (codes or names); `nil` for England and the area's region, when the inputs hold them.
    public var benchmarks: [String]?
    public var jobs: Int
    /// When another run is writing `directory`: wait for it to finish (true) or fail (false, the default).
    public var waitForOtherRun = false
    /// Also draw each series' XmR chart (`charts/ID-spc.svg`, in the HTML report under its line chart).
    public var processControl = false

    public init(
        paths: [String], read: ReadOptions = ReadOptions(), filter: SeriesFilter = SeriesFilter(), directory: String,
        title: String, summarizer: Summarizer = Summarizer(), builder: PlotBuilder = PlotBuilder(), events: EventList? = nil,
        benchmarks: [String]? = nil, jobs: Int? = nil
    ) {
        self.paths = paths
        self.read = read
        self.filter = filter
        self.directory = directory
        self.title = title
        self.summarizer = summarizer
        self.builder = builder
        self.events = events
        self.benchmarks = benchmarks
        self.jobs = max(1, jobs ?? ProcessorCount.active)
    }

    public struct Outcome: Sendable {
        /// Series in the report.
        public var series = 0
        /// The files written, relative to the directory, in order.
        public var files: [String] = []
        /// Series that could not be summarised (a GSL failure), with the message; the others were written.
        /// Also analyses that failed for a series that is in the report (`SeriesSummary.failures`).
        public var failures: [(key: SeriesKey, message: String)] = []
    }

    /// One series' finished pieces.
    private struct Piece: Sendable {
        let summary: SeriesSummary
        let plot: SeriesPlot
        let svg: String
        /// The chart for the HTML page, without the heading the page's section already has.
        let inlineSVG: String
        let data: String
        let spec: String
        /// The XmR chart, with `processControl`.
        let controlChart: XmRChartSVG?
    }

    /// Builds the bundle and puts it in place; `progress(done, total)` is called as series are finished (from
    /// any thread).
    public func run(progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Outcome {
        let bundle = try OutputBundle(destination: directory, layout: .report, wait: waitForOtherRun)
        defer { bundle.finish() }
        return try bundle.namingDestination {
            let outcome = try build(into: bundle.staging, progress: progress)
            try bundle.publish()
            return outcome
        }
    }

    /// Writes the bundle's files into `folder`, a new folder that no other run writes (a staging folder).
    func build(into folder: String, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Outcome {
        let reader = SeriesModelRequest(paths: paths, read: read, filter: filter)
        let (all, chosen, keyColumns) = try reader.seriesAndKeyColumns()
        if let benchmarks { try BenchmarkAreas.verify(benchmarks, among: all, inputs: paths.joined(separator: ", ")) }
        // Inputs with a header only give a report of no series (thin data is not an error); a selection
        // that names what the inputs do not hold is one (`SelectionCheck`, thrown by the reader).
        let keyNames = chosen.first?.key.names ?? keyColumns
        if let other = chosen.first(where: { $0.key.names != keyNames }) {
            throw DataError(
                SourceLocation(file: paths.joined(separator: ", ")),
                "the inputs name their series differently (\(keyNames.joined(separator: ", ")) and \(other.key.names.joined(separator: ", "))): report on them separately")
        }

        let total = chosen.count
        let results = Mutex([Result<Piece, SummaryFailure>?](repeating: nil, count: total))
        let done = Atomic(0)
        let work = self
        DispatchQueue.concurrentPerform(iterations: min(jobs, total)) { worker in
            var i = worker
            while i < total {
                let outcome = work.piece(chosen[i], index: i, all: all)
                results.withLock { $0[i] = outcome }
                progress(done.add(1, ordering: .relaxed).newValue, total)
                i += work.jobs
            }
        }
        var pieces: [Piece] = []
        var outcome = Outcome()
        for result in results.withLock({ $0 }) {
            switch result {
            case .success(let piece)?:
                pieces.append(piece)
                for failure in piece.summary.failures { outcome.failures.append((piece.summary.key, "\(failure.analysis): \(failure.message)")) }
            case .failure(let failure)?: outcome.failures.append((failure.key, failure.message))
            case nil: break
            }
        }

        try ReportFiles.prepare(folder)
        var written: [String] = []
        func write(_ name: String, _ text: String) throws {
            let sink = try OutputSink(path: folder + "/" + name)
            try sink.write(text)
            try sink.commit()
            written.append(name)
        }
        let summaries = pieces.map(\.summary)
        let additional = summarizer.additional.fieldNames
        for (name, format) in [("summary.csv", OutputFormat.csv), ("summary.json", .json), ("summary.md", .markdown)] {
            let f = SummaryFormat(format: format, keyNames: keyNames, additionalNames: additional)
            if format == .markdown {
                try write(name, f.readable(summaries))
            } else {
                var text = f.header()
                for (i, s) in summaries.enumerated() { text += f.record(s, index: i) }
                try write(name, text + f.footer(count: summaries.count))
            }
        }
        for piece in pieces {
            try write("data/\(piece.plot.id).csv", piece.data)
            try write("charts/\(piece.plot.id).svg", piece.svg)
            try write("charts/\(piece.plot.id).vl.json", piece.spec)
            if let control = piece.controlChart { try write("charts/\(control.id).svg", control.render()) }
        }
        let plots = pieces.map(\.plot)
        let introduction = introductionText(seriesCount: pieces.count)
        let table = SummaryFormat(format: .table, keyNames: keyNames).readableTable(summaries)
        let html = HTMLReport(
            title: title, introduction: introduction,
            summaryColumns: table.columns, summaryRows: table.rows.map { $0.map { $0.display(significantDigits: 4) } },
            charts: pieces.map { piece in
                var chart = HTMLReport.Chart(plot: piece.plot, svg: piece.inlineSVG)
                if let control = piece.controlChart {
                    chart.controlChartSVG = control.render()
                    chart.controlChartPath = "charts/\(control.id).svg"
                }
                return chart
            })
        try write("index.html", html.render())
        let notebook = ReportNotebook(
            title: title, introduction: ReportNotebook.markdownEscaped(introduction), plots: plots,
            provenance: [ReportNotebook.ProvenanceItem(label: "Inputs", value: paths.joined(separator: ", "))]
                + (events.map { list in [ReportNotebook.ProvenanceItem(label: "Events", value: "\(list.events.count) dated events")] } ?? []))
        try write("report.ipynb", notebook.json.rendered(indent: 1) + "\n")
        try writeWorkbook(summaries: summaries, plots: plots, keyNames: keyNames, additional: additional, into: folder)
        written.append("summary.xlsx")
        outcome.series = pieces.count
        outcome.files = written
        return outcome
    }

    /// `summary.xlsx`: the summary (as `summarize --format xlsx` writes it) and every series' plot data
    /// (`data/ID.csv`'s rows, after a `series` column with the file's ID), for the analysts who chart in Excel.
    private func writeWorkbook(summaries: [SeriesSummary], plots: [SeriesPlot], keyNames: [String], additional: [String], into folder: String) throws {
        var book = SummaryWorkbook.workbook(summaries: summaries, series: [], keyNames: keyNames, additionalNames: additional, decimals: nil)
        var plotData = Workbook.Sheet(name: "plot data", columns: ["series"] + keyNames + PlotDataTable.columns)
        for plot in plots {
            let table = PlotDataTable(plot: plot)
            let key: [Workbook.Cell] = [.text(plot.id)] + keyNames.map { name in .text(table.keyColumns.firstIndex(of: name).map { table.keyValues[$0] } ?? "") }
            for row in table.rows {
                plotData.rows.append(key + [
                    .text(row.layer.rawValue), .text(row.name), row.period.map { .text($0) } ?? .number(nil), .number(row.time),
                    .number(row.value), .number(row.lower), .number(row.upper), row.note.map { .text($0) } ?? .number(nil),
                ])
            }
        }
        book.sheets[1] = plotData
        let path = folder + "/summary.xlsx"
        let bytes: [UInt8]
        do throws(ZIPArchive.TooLarge) { bytes = try book.bytes() } catch { throw OutputError(path: path, kind: .writeFailed, reason: error.description) }
        let sink = try OutputSink(path: path)
        try sink.write(bytes: bytes)
        try sink.commit()
    }

    private func piece(_ series: Series, index: Int, all: [Series]) -> Result<Piece, SummaryFailure> {
        let summary: SeriesSummary
        do throws(GSLError) {
            summary = try summarizer.summarize(series)
        } catch {
            return .failure(SummaryFailure(key: series.key, message: error.description))
        }
        // Drawn with the unit the summary used (declared, or inferred: `UnitInference`), and only with the
        // benchmarks that compare with it (`BenchmarkComparability`: none for counts, money, FTE).
        var shown = series
        shown.metadata.unit = summary.metadata.unit
        let admitted = BenchmarkComparability.admit(
            comparators(of: series, in: all), for: series, unit: summary.unitInference ?? UnitInference(series), among: all)
        let plot = builder.plot(
            shown, summary: summary, index: index, events: events?.events(for: series.key) ?? [],
            benchmarks: admitted.kept, notes: admitted.note.map { [$0] } ?? [])
        return .success(Piece(
            summary: summary, plot: plot, svg: SVGChart(plot: plot).render(),
            inlineSVG: SVGChart(plot: plot, showsHeading: false).render(), data: PlotDataTable(plot: plot).csv,
            spec: VegaLiteChart(plot: plot).json.rendered(indent: 2) + "\n",
            controlChart: processControl ? controlChart(series, index: index) : nil))
    }

    /// The series' XmR chart, its polarity the series' own (what `metrics spc` draws with its defaults).
    private func controlChart(_ series: Series, index: Int) -> XmRChartSVG? {
        guard let chart = XmRChart(observations: series.observations, options: XmRChart.Options(polarity: series.metadata.polarity)) else { return nil }
        return XmRChartSVG(series: series, chart: chart, index: index)
    }

    /// England's and the region's series of the same indicator (or those of `benchmarks`), never the series
    /// itself, each named by its area (`BenchmarkAreas`).
    func comparators(of series: Series, in all: [Series]) -> [(name: String, series: Series)] {
        // Whether a benchmark compares at all (a count against a bigger area) is decided by the caller
        // (`BenchmarkComparability`).
        let chosen = BenchmarkAreas.comparators(of: series, among: all, named: benchmarks)
        return chosen.map { found in (found.area.map { $0.name.isEmpty ? $0.code : $0.name } ?? found.key.description, found) }
    }

    private func introductionText(seriesCount: Int) -> String {
        let files = paths.map { BidiIsolation.isolated($0.split(separator: "/").last.map(String.init) ?? $0) }.joined(separator: ", ")
        var text = "\(seriesCount) series from \(files). For each: the values with gaps where they are missing, "
        text += "the OLS trend per year with its \(Self.percent(builder.level))% confidence band, the Sen slope, "
        switch builder.forecast {
        case .none: break
        case .linear: text += "a linear forecast of \(builder.horizon) periods with \(Self.percent(builder.level))% prediction intervals, "
        case .holt: text += "Holt's forecast of \(builder.horizon) periods with \(Self.percent(builder.level))% prediction intervals, "
        case .damped: text += "a damped Holt forecast of \(builder.horizon) periods with \(Self.percent(builder.level))% prediction intervals, "
        }
        text += "England and regional benchmarks where the inputs hold them"
        if let events, !events.events.isEmpty { text += ", and \(events.events.count) dated events" }
        text += ". Direction: Mann–Kendall test at α = \(NumberText.significant(summarizer.alpha, digits: 3)); slopes are per year on the real time axis."
        return text
    }

    static func percent(_ level: Double) -> String { NumberText.significant(level * 100, digits: 4) }
}

/// The file housekeeping of a report directory.
enum ReportFiles {
    /// Creates the directory with its subfolders (a report's `data` and `charts`).
    ///
    /// The directory itself may be a symbolic link (the user's choice, followed). A subfolder that is one
    /// (`data -> /elsewhere`, planted or left over) is replaced by a real folder: the tool's own folders are
    /// never followed out of the directory, so no file outside it is written. (Bundles are built in a new
    /// staging folder, `OutputBundle`, so this matters for folders shared with a user: a batch's work folder.)
    static func prepare(_ directory: String, subfolders: [String] = ["data", "charts"]) throws(OutputError) {
        for folder in [directory] + subfolders.map({ directory + "/" + $0 }) {
            if folder != directory { try removeLink(folder) }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw OutputError(path: folder, kind: .cannotCreate, reason: "it exists and is not a directory")
                }
                continue
            }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: folder, kind: .cannotCreate, reason: "cannot create the directory")
            }
        }
    }

    /// Removes `path` when it is a symbolic link (the link only, never what it points to).
    static func removeLink(_ path: String) throws(OutputError) {
        guard (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw OutputError(path: path, kind: .cannotCreate, reason: "it is a symbolic link, and it cannot be replaced by a folder")
        }
    }

    /// Whether `name` is named like a report's chart or data file (`NNN-….svg`, `.vl.json`, `.csv`).
    static func isReportFile(_ name: String) -> Bool {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 3 else { return false }
        let rest = name.dropFirst(digits.count)
        guard rest.hasPrefix("-") || rest.hasPrefix(".") else { return false }
        return name.hasSuffix(".svg") || name.hasSuffix(".vl.json") || name.hasSuffix(".csv")
    }
}
