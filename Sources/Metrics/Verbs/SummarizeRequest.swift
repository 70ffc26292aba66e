internal import Dispatch
internal import Synchronization

/// `metrics summarize`: every series of every input summarised (`Summarizer`), written as it is computed.
///
/// The reader streams series on the calling thread; chunks of series are summarised on all cores; records
/// are written in input order, so the same input gives byte-identical output whatever the timing. Output goes
/// to a file atomically (complete or not at all) or to standard output. A series whose summary fails (a GSL
/// error) does not stop the others: it is listed in `failures` (exit status 1 in the CLI); so is an analysis
/// that failed for a series whose record is still written (`SeriesSummary.failures`).
public struct SummarizeRequest: Sendable {
    public var paths: [String]
    public var read: ReadOptions
    public var summarizer: Summarizer
    public var filter: SeriesFilter
    public var format: OutputFormat
    public var output: String?
    public var jobs: Int
    /// The periods of each series to summarise (`--from`, `--to`); every period when empty.
    public var window = PeriodWindow()
    /// Which records to write and in what order (`--direction`, `--sort`, `--top`); with a selection the
    /// records are gathered, then written in its order.
    public var selection = SummarySelection()
    /// An Excel workbook instead of `format` (`SummaryWorkbook`): the records are gathered, with the series.
    public var workbook = false
    /// CSV and workbook numbers rounded (`--decimals`); full precision when `nil`.
    public var decimals: SummaryDecimals?
    /// CSV for Excel (`ExcelCSV`: a byte order mark, CR LF).
    public var excel = false

    public init(
        paths: [String], read: ReadOptions = ReadOptions(), summarizer: Summarizer = Summarizer(),
        filter: SeriesFilter = SeriesFilter(), format: OutputFormat = .csv, output: String? = nil, jobs: Int? = nil
    ) {
        self.paths = paths
        self.read = read
        self.summarizer = summarizer
        self.filter = filter
        self.format = format
        self.output = output
        self.jobs = max(1, jobs ?? ProcessorCount.active)
    }

    public struct Failure: Sendable {
        public let file: String
        public let key: SeriesKey
        public let message: String
    }

    public struct Outcome: Sendable {
        public var series = 0
        public var failures: [Failure] = []
        public var reports: [ReadReport] = []
        /// Per input file, the units inferred for its indicators (`UnitInference`), in order of first
        /// appearance: what the CLI notes on standard error.
        public var inferredUnits: [InferredUnits] = []
    }

    public func run() throws -> Outcome {
        let sink = try OutputSink(path: output)
        var outcome = Outcome()
        var keyNames: [String]? = nil
        var written = 0
        var collected: [SeriesSummary] = []  // table and Markdown need every row for their widths
        let streaming = format != .table && format != .markdown && selection.isEmpty && !workbook
        let additionalNames = summarizer.additional.fieldNames
        var keptSeries: [Series] = []  // the workbook's data sheet
        func formatting(_ names: [String]) -> SummaryFormat {
            var f = SummaryFormat(format: format, keyNames: names, additionalNames: additionalNames)
            f.decimals = decimals
            f.excel = excel
            return f
        }

        let recordFormat = formatting([])
        var checkedFile = false
        func emit(_ rendered: SummaryPool.Rendered) throws {
            let names = rendered.key.names
            if keyNames == nil {
                keyNames = names
                if streaming { try sink.write(formatting(names).header()) }
            } else if !checkedFile, keyNames != names {
                // One file names all its series alike: checking its first record is enough.
                throw DataError(
                    SourceLocation(file: paths.joined(separator: ", ")),
                    "the inputs name their series differently (\(keyNames!.joined(separator: ", ")) and \(names.joined(separator: ", "))): summarise them separately")
            }
            checkedFile = true
            if let unit = rendered.inferredUnit { inferred.add(indicator: unit.indicator, kind: unit.kind) }
            if streaming {
                try sink.write(recordFormat.separator(index: written))
                try sink.write(bytes: rendered.bytes)
            } else if let summary = rendered.summary {
                collected.append(summary)
            }
            written += 1
        }

        var inferred = InferredUnits(file: "")
        var selectionCheck = SelectionCheck(filter: filter)
        for path in paths {
            checkedFile = false
            inferred = InferredUnits(file: path)
            let pool = SummaryPool(summarizer: summarizer, jobs: jobs, format: streaming ? recordFormat : nil)
            var fileFailures: [Failure] = []
            let startWritten = written
            let startCount = collected.count
            let startKept = keptSeries.count
            let report = try SeriesSource.read(
                path: path, options: read,
                restart: {
                    pool.discard()
                    written = startWritten
                    collected.removeSubrange(startCount...)
                    keptSeries.removeSubrange(startKept...)
                    fileFailures = []
                    if startWritten == 0 { keyNames = nil }
                    try sink.restart()
                    if startWritten > 0, streaming {
                        throw DataError(SourceLocation(file: path), "this file's series are not adjacent and earlier files were already written; sort it by its key columns")
                    }
                }
            ) { series in
                guard selectionCheck.observe(series) else { return }
                let series = window.trimmed(series)
                if workbook { keptSeries.append(series) }
                try pool.submit(series) { result in
                    switch result {
                    case .success(let rendered):
                        try emit(rendered)
                        for message in rendered.failures { fileFailures.append(Failure(file: path, key: rendered.key, message: message)) }
                    case .failure(let error): fileFailures.append(Failure(file: path, key: error.key, message: error.message))
                    }
                }
            }
            try pool.finish { result in
                switch result {
                case .success(let rendered):
                    try emit(rendered)
                    for message in rendered.failures { fileFailures.append(Failure(file: path, key: rendered.key, message: message)) }
                case .failure(let error): fileFailures.append(Failure(file: path, key: error.key, message: error.message))
                }
            }
            outcome.failures += fileFailures
            outcome.reports.append(report)
            if !inferred.units.isEmpty { outcome.inferredUnits.append(inferred) }
        }
        // No series at all (a file with a header only) is an empty result, not an error: the header, or `[]`,
        // still says what the records would be. A selection naming what the inputs do not hold is an error
        // (`SelectionCheck`), found before the output is committed.
        try selectionCheck.verify(inputs: paths.joined(separator: ", "))
        let names = keyNames ?? outcome.reports.first?.keyColumns ?? []
        if streaming {
            if keyNames == nil { try sink.write(formatting(names).header()) }
            try sink.write(formatting(names).footer(count: written))
        } else {
            let all = formatting(names)
            let chosen: [SeriesSummary]
            do throws(SummarySelection.UnknownField) {
                chosen = try selection.apply(to: collected, keyNames: names, additionalNames: additionalNames)
            } catch {
                throw UsageError(error.description)
            }
            if workbook {
                let book = SummaryWorkbook.workbook(
                    summaries: chosen, series: keptSeries, keyNames: names, additionalNames: additionalNames, decimals: decimals)
                let bytes: [UInt8]
                do throws(ZIPArchive.TooLarge) {
                    bytes = try book.bytes()
                } catch {
                    throw OutputError(path: output ?? "-", kind: .writeFailed, reason: error.description)
                }
                try sink.write(bytes: bytes)
            } else if format == .table || format == .markdown {
                try sink.write(all.readable(chosen))
            } else {
                try sink.write(all.header())
                for (i, summary) in chosen.enumerated() { try sink.write(all.record(summary, index: i)) }
                try sink.write(all.footer(count: chosen.count))
            }
            written = chosen.count
        }
        try sink.commit()
        outcome.series = written
        return outcome
    }
}

/// The number of cores to use.
enum ProcessorCount {
    static var active: Int {
        #if canImport(Glibc) || canImport(Darwin)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A series that could not be summarised.
struct SummaryFailure: Error, Sendable {
    let key: SeriesKey
    let message: String
}

/// Summarises chunks of series on a fixed number of worker threads and hands the results back in
/// submission order, on the submitting thread. At most `2 × jobs` chunks are in flight, so memory stays
/// bounded however fast the reader is.
final class SummaryPool: Sendable {
    /// A summary formatted by the worker (streaming formats), or kept whole (table and Markdown), with the
    /// analyses that failed for it ("holt: …").
    struct Rendered: Sendable {
        let key: SeriesKey
        let bytes: [UInt8]
        let summary: SeriesSummary?
        var failures: [String] = []
        /// The indicator and what its unit was inferred to be, when it was inferred.
        var inferredUnit: (indicator: String, kind: String)? = nil
    }

    typealias Outcome = Result<Rendered, SummaryFailure>

    private let summarizer: Summarizer
    private let format: SummaryFormat?
    private let jobs: Int
    private let chunkSize = 256
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "metrics.summarize", attributes: .concurrent)
    private struct State {
        var chunk: [Series] = []
        var submitted = 0
        var nextToDeliver = 0
        var done: [Int: [Outcome]] = [:]
        var generation = 0
    }
    private let state = Mutex(State())

    init(summarizer: Summarizer, jobs: Int, format: SummaryFormat?) {
        self.summarizer = summarizer
        self.format = format
        self.jobs = jobs
        slots = DispatchSemaphore(value: 2 * jobs)
    }

    func submit(_ series: Series, deliver: (Outcome) throws -> Void) throws {
        let full: [Series]? = state.withLock { s in
            s.chunk.append(series)
            guard s.chunk.count >= chunkSize else { return nil }
            defer { s.chunk = [] }
            return s.chunk
        }
        if let full { dispatch(full) }
        try deliverReady(deliver)
    }

    func finish(deliver: (Outcome) throws -> Void) throws {
        let rest: [Series] = state.withLock { s in
            defer { s.chunk = [] }
            return s.chunk
        }
        if !rest.isEmpty { dispatch(rest) }
        group.wait()
        try deliverReady(deliver)
    }

    /// Waits for the work in flight and forgets every result (the input is being read again).
    func discard() {
        group.wait()
        state.withLock { s in
            s = State(generation: s.generation + 1)
        }
    }

    private func dispatch(_ chunk: [Series]) {
        slots.wait()
        let (index, generation) = state.withLock { s in
            defer { s.submitted += 1 }
            return (s.submitted, s.generation)
        }
        let summarizer = self.summarizer
        let format = self.format
        queue.async(group: group) { [self] in
            let results: [Outcome] = chunk.map { series in
                do throws(GSLError) {
                    let summary = try summarizer.summarize(series)
                    let failures = summary.failures.map { "\($0.analysis): \($0.message)" }
                    let unit = InferredUnits.entry(summary)
                    if let format {
                        return .success(Rendered(key: summary.key, bytes: format.recordBytes(summary), summary: nil, failures: failures, inferredUnit: unit))
                    }
                    return .success(Rendered(key: summary.key, bytes: [], summary: summary, failures: failures, inferredUnit: unit))
                } catch {
                    return .failure(SummaryFailure(key: series.key, message: error.description))
                }
            }
            state.withLock { s in
                if s.generation == generation { s.done[index] = results }
            }
            slots.signal()
        }
    }

    private func deliverReady(_ deliver: (Outcome) throws -> Void) throws {
        while true {
            let ready: [Outcome]? = state.withLock { s in
                guard let results = s.done.removeValue(forKey: s.nextToDeliver) else { return nil }
                s.nextToDeliver += 1
                return results
            }
            guard let ready else { return }
            for outcome in ready { try deliver(outcome) }
        }
    }
}
