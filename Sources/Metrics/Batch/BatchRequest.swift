internal import Dispatch
internal import Foundation
internal import Synchronization

/// `metrics batch`: one configured analysis (`BatchConfiguration`) over every series of its inputs, on every
/// core, in bounded memory, resumable, and splittable across machines.
///
/// What it writes into `directory` (each file atomically):
/// - `summary.csv`: one summary record per series (`summarize`'s CSV: key fields, SPEC.md's fields, the
///   configured `--measures` fields, unit, polarity, reasons), rows sorted by series key;
/// - `errors.csv`: `file,line,series,analysis,message` — series or analyses that failed, and input files
///   that could not be read (from the bad row on) or hold no series, each such file in one row; empty but
///   for its header when nothing failed;
/// - `models/MODEL.csv` for each configured model (`forecast`, `changepoints`, `spc`, `its`): the model
///   verb's rows for every series, sorted by series key;
/// - `summary.json` / `summary.ndjson` when configured; `report/` (the `metrics report` bundle of the inputs
///   read without a problem) when configured and the run is not sharded;
/// - `manifest.json`: the version, the configuration and every input with its SHA-256, the shard, counts,
///   the outputs with their SHA-256, and timings (the one file that differs between two identical runs).
///
/// Inputs may name their series differently (EES files of different breakdowns): each keeps its own key,
/// and the outputs' key columns are all of theirs (`KeyLayout`), empty where an input has no such field.
/// Rows are sorted by each series' own key values.
///
/// How: series are read in input order (streamed when a series' rows are adjacent, so a file far larger
/// than memory is fine), kept when the configuration's selection and the shard (`Shard`) keep them, and
/// gathered into chunks of `chunkSize`; each chunk is computed on every core and written to the work folder
/// (`ChunkFile`, sorted by key). At the end the chunks are merged in key order into the outputs. One series
/// failing never stops the others.
///
/// The directory is replaced as a whole (`OutputBundle`): one run at a time (another fails with exit 73, or
/// waits with `waitForOtherRun`), the outputs built in a staging folder beside it and swapped in at the end,
/// so a failed or killed run leaves the previous bundle whole; files of the user's own in it are kept.
/// The work folder is `work/` in the run folder beside the directory (`.NAME.metrics-run/work/`): an
/// interrupted run (even `kill -9`) leaves complete chunk files there only; `resume` keeps those whose
/// inputs, configuration, version and shard are unchanged (a fingerprint in `work/state.json`) and computes
/// the rest. Every start removes the interrupted run's temporaries (merge files, half-written files) and
/// staging folder; a finished run removes the work folder.
public struct BatchRequest: Sendable {
    public var configuration: BatchConfiguration
    public var directory: String
    public var jobs: Int
    public var shard: Shard?
    public var resume: Bool
    public var version: String
    public var chunkSize: Int
    /// When another run is writing `directory`: wait for it to finish (true) or fail (false, the default).
    public var waitForOtherRun = false

    public init(
        configuration: BatchConfiguration, directory: String, jobs: Int? = nil, shard: Shard? = nil, resume: Bool = false,
        version: String, chunkSize: Int = 2048
    ) {
        self.configuration = configuration
        self.directory = directory
        self.jobs = max(1, jobs ?? ProcessorCount.active)
        self.shard = shard
        self.resume = resume
        self.version = version
        self.chunkSize = max(1, chunkSize)
    }

    public struct Outcome: Sendable {
        public var series = 0
        public var errors = 0
        public var chunksComputed = 0
        public var chunksReused = 0
        /// True when `resume` found the same run already complete and did nothing.
        public var alreadyComplete = false
        public var files: [String] = []
    }

    /// Runs the batch; `progress(series)` is called on the calling thread as chunks finish, and
    /// `merged(records)` after each record of the merge (its rounds, then the last merge into the outputs).
    public func run(progress: (Int) -> Void = { _ in }, merged: (Int) -> Void = { _ in }) throws -> Outcome {
        let bundle = try OutputBundle(destination: directory, layout: .batch, wait: waitForOtherRun)
        defer { bundle.finish() }
        return try bundle.namingDestination { try run(in: bundle, progress: progress, merged: merged) }
    }

    private func run(in bundle: OutputBundle, progress: (Int) -> Void, merged: (Int) -> Void) throws -> Outcome {
        let started = Date()
        let work = bundle.work
        let out = bundle.staging
        try ReportFiles.prepare(out, subfolders: configuration.models.isEmpty ? [] : ["models"])
        let inputs = try configuration.inputs.map { path in (path: path, digest: try Self.digest(of: path)) }
        let fingerprint = Self.fingerprint(
            version: version, configuration: SHA256.hex(configuration.text.utf8), inputs: inputs.map(\.digest.sha256), shard: shard)
        var outcome = Outcome()

        if resume, !FileManager.default.fileExists(atPath: work),
           let manifest = FileManager.default.contents(atPath: directory + "/manifest.json"),
           String(decoding: manifest, as: UTF8.self).contains("\"fingerprint\": \"\(fingerprint)\"") {
            outcome.alreadyComplete = true
            return outcome
        }
        let state = work + "/state.json"
        try ReportFiles.removeLink(work)  // the work folder is never followed out of the run folder
        let keep = resume && (FileManager.default.contents(atPath: state).map { String(decoding: $0, as: UTF8.self) } == fingerprint + "\n")
        Self.clearWork(work, keepingChunks: keep)
        try ReportFiles.prepare(work, subfolders: [])
        if !keep {
            let sink = try OutputSink(path: state)
            try sink.write(fingerprint + "\n")
            try sink.commit()
        }

        let streams = StreamLayout(configuration: configuration)
        // Each input's key names (from its first selected series, before the shard: every shard agrees).
        var fileKeyNames = [[String]?](repeating: nil, count: inputs.count)
        var fileSeries = [Int](repeating: 0, count: inputs.count)
        var fileErrors: [[String]] = []
        var chunks: [String] = []
        var seriesCount = 0
        let readOptions = configuration.read
        var selection = SelectionCheck(filter: configuration.filter)

        for (f, input) in inputs.enumerated() {
            var buffer: [Series] = []
            var chunkIndex = 0
            var fileChunks: [String] = []
            var reusedInFile = 0
            let startCount = seriesCount
            func flush() throws {
                guard !buffer.isEmpty else { return }
                let name = "\(work)/f\(Self.padded(f, 4))-c\(Self.padded(chunkIndex, 6)).chunk"
                chunkIndex += 1
                fileChunks.append(name)
                if keep, FileManager.default.fileExists(atPath: name) {
                    outcome.chunksReused += 1
                    reusedInFile += 1
                } else {
                    try ChunkFile.write(compute(buffer, file: input.path, input: f, streams: streams), streams: streams.count, to: name)
                    outcome.chunksComputed += 1
                }
                seriesCount += buffer.count
                buffer.removeAll(keepingCapacity: true)
                progress(seriesCount)
            }
            do {
                _ = try SeriesSource.read(
                    path: input.path, options: readOptions,
                    restart: {
                        // The file is read again, its series gathered in memory: forget what it gave so far.
                        for name in fileChunks { try? FileManager.default.removeItem(atPath: name) }
                        outcome.chunksComputed -= fileChunks.count - reusedInFile
                        outcome.chunksReused -= reusedInFile
                        reusedInFile = 0
                        fileChunks = []
                        chunkIndex = 0
                        buffer = []
                        seriesCount = startCount
                        fileSeries[f] = 0
                    }
                ) { series in
                    fileSeries[f] += 1
                    guard selection.observe(series) else { return }
                    if fileKeyNames[f] == nil { fileKeyNames[f] = series.key.names }
                    guard shard?.contains(series.key) ?? true else { return }
                    buffer.append(series)
                    if buffer.count >= chunkSize { try flush() }
                }
                try flush()
                if fileSeries[f] == 0 {
                    fileErrors.append([input.path, "", "", "read", "the file holds no series: no row has a period and a value to summarise"])
                }
            } catch let error as DataError {
                try flush()
                fileErrors.append([input.path, error.location.line.map(String.init) ?? "", "", "read", error.message])
            } catch let error as InputUnavailableError {
                fileErrors.append([input.path, "", "", "read", error.reason])
            }
            chunks += fileChunks
        }
        // A `select` that names what no input holds is listed in errors.csv (analysis `select`, exit status 1):
        // the inputs that were read are still summarised, as with a malformed input.
        do throws(UsageError) {
            try selection.verify(inputs: inputs.map(\.path).joined(separator: ", "))
        } catch {
            fileErrors.append([inputs.map(\.path).joined(separator: ", "), "", "", "select", "select: " + error.message])
        }
        let computed = Date()

        // Merge the chunks into the outputs, each record's key laid out in the outputs' key columns.
        let layout = KeyLayout(inputs: fileKeyNames)
        let names = layout.names
        var written: [String] = []
        let summaryFormat = SummaryFormat(format: .csv, keyNames: names, additionalNames: streams.additionalNames)
        let summary = try OutputSink(path: out + "/summary.csv")
        try summary.write(summaryFormat.header())
        let errors = try OutputSink(path: out + "/errors.csv")
        try errors.write(CSVText.record(["file", "line", "series", "analysis", "message"].map(CSVText.text)))
        var models: [OutputSink] = []
        for model in configuration.models {
            let sink = try OutputSink(path: out + "/models/\(model.rawValue).csv")
            try sink.write(CSVText.record((names + Self.columns(of: model)).map(CSVText.text)))
            models.append(sink)
        }
        var extra: [(format: OutputFormat, sink: OutputSink)] = []
        for format in configuration.formats where format == .json || format == .ndjson {
            let sink = try OutputSink(path: out + "/summary.\(format.rawValue)")
            if format == .json { try sink.write("[") }
            extra.append((format, sink))
        }
        var records = 0
        var errorCount = 0
        var mergedRecords = 0
        func count() {
            mergedRecords += 1
            merged(mergedRecords)
        }
        try ChunkFile.mergeAll(chunks, streams: streams.count, scratch: work, merged: count) { record in
            count()
            let input = Int(String(decoding: record.payloads[streams.input], as: UTF8.self)) ?? 0
            try summary.write(bytes: layout.relaid(record.payloads[streams.summary], input: input))
            let errorRows = record.payloads[streams.errors]
            if !errorRows.isEmpty {
                try errors.write(bytes: errorRows)
                errorCount += Self.recordCount(errorRows)
            }
            for (i, sink) in models.enumerated() { try sink.write(bytes: layout.relaid(record.payloads[streams.models + i], input: input)) }
            for (i, output) in extra.enumerated() {
                let json = record.payloads[streams.json + i]
                if output.format == .json {
                    try output.sink.write(records == 0 ? "\n  " : ",\n  ")
                    try output.sink.write(bytes: json)
                } else {
                    try output.sink.write(bytes: json)
                    try output.sink.write("\n")
                }
            }
            records += 1
        }
        for row in fileErrors { try errors.write(CSVText.record(row.map(CSVText.text))) }
        errorCount += fileErrors.count

        // The report (when configured) is made before errors.csv is complete, so that a failure of its own is
        // listed there. It reads the inputs that were read without a problem: a malformed input is already in
        // errors.csv, and must not stop the report of the others.
        var reportFiles: [String] = []
        if configuration.report, shard == nil || shard?.count == 1 {
            let unreadable = Set(fileErrors.filter { $0[3] == "read" }.map { $0[0] })
            let report = ReportRequest(
                paths: configuration.inputs.filter { !unreadable.contains($0) }, read: configuration.read, filter: configuration.filter,
                directory: out + "/report", title: "Batch report: \(configuration.name)",
                summarizer: Summarizer(
                    alpha: configuration.alpha, minimumPoints: configuration.minimumPoints, polarity: configuration.polarity,
                    additional: AdditionalMeasures(configuration.measures, horizon: configuration.horizon)),
                builder: PlotBuilder(level: configuration.level, horizon: configuration.horizon),
                events: configuration.events, jobs: jobs)
            do {
                reportFiles = try report.build(into: out + "/report").files.map { "report/" + $0 }
            } catch let error as DataError {
                try errors.write(CSVText.record([error.location.file, error.location.line.map(String.init) ?? "", "", "report", error.message].map(CSVText.text)))
                errorCount += 1
            } catch let error as UsageError {
                // The selection names what the inputs do not hold (also listed under `select`): no report.
                try errors.write(CSVText.record(["", "", "", "report", "no report: " + error.message].map(CSVText.text)))
                errorCount += 1
            }
        }

        try summary.commit()
        try errors.commit()
        written += ["summary.csv", "errors.csv"]
        for (model, sink) in zip(configuration.models, models) {
            try sink.commit()
            written.append("models/\(model.rawValue).csv")
        }
        for output in extra {
            if output.format == .json { try output.sink.write(records == 0 ? "]\n" : "\n]\n") }
            try output.sink.commit()
            written.append("summary.\(output.format.rawValue)")
        }
        written += reportFiles
        let mergedAt = Date()

        outcome.series = records
        outcome.errors = errorCount
        outcome.files = written
        try writeManifest(
            into: out, inputs: inputs, series: fileSeries, fingerprint: fingerprint, outcome: outcome, written: written,
            timings: [("read_and_compute_seconds", computed.timeIntervalSince(started)), ("merge_seconds", mergedAt.timeIntervalSince(computed)),
                      ("total_seconds", Date().timeIntervalSince(started))],
            started: started)
        try bundle.publish()
        Self.clearWork(work, keepingChunks: false)
        rmdir(work)
        return outcome
    }

    /// Where each output's bytes sit among a chunk record's payloads; the last is the index of the record's
    /// input (which key its CSV rows start with).
    struct StreamLayout {
        let summary = 0
        let errors = 1
        let models = 2
        let json: Int
        let input: Int
        let count: Int
        let additionalNames: [String]
        let jsonFormats: Int

        init(configuration: BatchConfiguration) {
            json = 2 + configuration.models.count
            jsonFormats = configuration.formats.filter { $0 == .json || $0 == .ndjson }.count
            input = json + jsonFormats
            count = input + 1
            additionalNames = AdditionalMeasures(configuration.measures, horizon: configuration.horizon).fieldNames
        }
    }

    static func columns(of model: BatchConfiguration.Model) -> [String] {
        switch model {
        case .forecast: ForecastRequest.columns
        case .changepoints: ChangePointRequest.columns
        case .spc: ProcessControlRequest.columns
        case .its: InterventionRequest.columns
        }
    }

    /// One chunk's records: every series summarised and modelled on every core.
    func compute(_ chunk: [Series], file: String, input: Int = 0, streams: StreamLayout) -> [ChunkFile.Record] {
        let configuration = self.configuration
        let summarizerBase = Summarizer(
            alpha: configuration.alpha, minimumPoints: configuration.minimumPoints,
            additional: AdditionalMeasures(configuration.measures, horizon: configuration.horizon))
        let names = chunk.first?.key.names ?? []
        let csv = SummaryFormat(format: .csv, keyNames: names, additionalNames: streams.additionalNames)
        let json = SummaryFormat(format: .ndjson, keyNames: names, additionalNames: streams.additionalNames)
        let jsonFormats = configuration.formats.filter { $0 == .json || $0 == .ndjson }
        let results = ResultSlots<ChunkFile.Record>(count: chunk.count)
        DispatchQueue.concurrentPerform(iterations: min(jobs, chunk.count)) { worker in
            var i = worker
            while i < chunk.count {
                var series = chunk[i]
                var summarizer = summarizerBase
                summarizer.polarity = configuration.polarity(for: series.key)
                if let p = summarizer.polarity { series.metadata.polarity = p }
                var payloads = [[UInt8]](repeating: [], count: streams.count)
                var errorRows = ""
                func failure(_ analysis: String, _ message: String) {
                    errorRows += CSVText.record([file, series.observations.first.map { String($0.line) } ?? "", series.key.description, analysis, message].map(CSVText.text))
                }
                do throws(GSLError) {
                    let s = try summarizer.summarize(series)
                    payloads[streams.summary] = csv.recordBytes(s)
                    for f in s.failures { failure(f.analysis, f.message) }
                    for (k, _) in jsonFormats.enumerated() { payloads[streams.json + k] = Array(json.json(s).rendered(indent: 0).utf8) }
                } catch {
                    failure("summary", error.description)
                }
                let keyCells: [ResultTable.Cell] = series.key.values.map { .text($0) }
                for (m, model) in configuration.models.enumerated() {
                    let rows: [[ResultTable.Cell]]
                    switch model {
                    case .forecast:
                        let forecast = ForecastRequest(run: SeriesModelRequest(paths: []), method: configuration.forecastMethod, horizon: configuration.horizon, level: configuration.level)
                            .rowsAndFailure(for: series)
                        rows = forecast.rows
                        if let message = forecast.failure { failure("forecast", message) }
                    case .changepoints:
                        rows = ChangePointRequest(run: SeriesModelRequest(paths: [])).rows(for: series)
                    case .spc:
                        var options = XmRChart.Options()
                        options.polarity = series.metadata.polarity
                        rows = ProcessControlRequest(run: SeriesModelRequest(paths: []), options: options).rows(for: series)
                    case .its:
                        let events = Self.interventionEvents(configuration.events(for: series.key))
                        if events.isEmpty {
                            rows = []
                        } else {
                            do {
                                rows = try InterventionRequest(run: SeriesModelRequest(paths: []), events: events, level: configuration.level).rows(for: series, among: [series])
                            } catch {
                                rows = []
                                failure("its", "\(error)")
                            }
                        }
                    }
                    let table = ResultTable(columns: names + Self.columns(of: model), rows: rows.map { keyCells + $0 })
                    payloads[streams.models + m] = Array(table.csvRows().utf8)
                }
                payloads[streams.errors] = Array(errorRows.utf8)
                payloads[streams.input] = Array(String(input).utf8)
                results.set(i, ChunkFile.Record(key: ChunkFile.sortKey(series.key), payloads: payloads))
                i += jobs
            }
        }
        return results.values
    }

    /// The number of CSV records in `bytes` (line feeds outside quotes).
    static func recordCount(_ bytes: [UInt8]) -> Int {
        var quoted = false
        var count = 0
        for byte in bytes {
            if byte == 0x22 { quoted.toggle() } else if byte == 0x0A, !quoted { count += 1 }
        }
        return count
    }

    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Events as `its` takes them, labels made unique by their period.
    static func interventionEvents(_ events: [EventList.Event]) -> [InterventionRequest.EventPeriod] {
        var labels = Set<String>()
        return events.map { event in
            let label = labels.contains(event.label) ? "\(event.label) (\(event.period.label))" : event.label
            labels.insert(label)
            return InterventionRequest.EventPeriod(period: event.period, label: label, area: event.area)
        }
    }

    /// A file's size and SHA-256, read in 1 MiB blocks as it is (a gzip file is hashed compressed). A
    /// directory, a device or a pipe is an `InputUnavailableError` (exit status 66, as `summarize` gives for a
    /// directory): a batch reads each input more than once (its checksum, its rows, and again to regroup
    /// or resume), which only a regular file allows, and hashing `/dev/zero` would never end.
    static func digest(of path: String) throws -> (bytes: Int, sha256: String) {
        let source = try ByteSource(path: path, decompress: false)
        guard source.isRegularFile else {
            throw InputUnavailableError(path: path, reason: "is not a regular file (a batch reads each input more than once: give a file, not a device or a pipe)")
        }
        var hash = SHA256()
        var total = 0
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { block.deallocate() }
        while true {
            let count = try source.read(into: block)
            if count == 0 { break }
            total += count
            hash.update(UnsafeRawBufferPointer(rebasing: block[0..<count]))
        }
        return (total, hash.hexDigest())
    }

    static func fingerprint(version: String, configuration: String, inputs: [String], shard: Shard?) -> String {
        SHA256.hex(([version, configuration, shard?.description ?? "1/1"] + inputs).joined(separator: "\n").utf8)
    }

    /// Removes from the work folder what only a finished merge needs or an interrupted write left (merge
    /// rounds' files, `.metrics-tmp-…`), and with `keepingChunks` false the chunks and `state.json` too.
    /// Nothing else is touched: files of other names stay (the folder is then not removed).
    static func clearWork(_ work: String, keepingChunks: Bool) {
        guard OutputBundle.isFolder(work) else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: work)) ?? [] {
            let temporary = name.hasPrefix(".metrics-tmp-") || (name.hasPrefix("merge-") && name.hasSuffix(".chunk"))
            let chunk = name == "state.json" || name.hasSuffix(".chunk")
            if temporary || (chunk && !keepingChunks), !OutputBundle.isFolder(work + "/" + name) { unlink(work + "/" + name) }
        }
    }

    private func writeManifest(
        into out: String, inputs: [(path: String, digest: (bytes: Int, sha256: String))], series: [Int], fingerprint: String, outcome: Outcome,
        written: [String], timings: [(String, Double)], started: Date
    ) throws {
        var outputs: [JSONValue] = []
        for name in written {
            let digest = try Self.digest(of: out + "/" + name)
            outputs.append(.object([("file", .string(name)), ("bytes", .integer(digest.bytes)), ("sha256", .string(digest.sha256))]))
        }
        let formatter = ISO8601DateFormatter()
        let manifest = JSONValue.object([
            ("metrics_version", .string(version)),
            ("name", .string(configuration.name)),
            ("started", .string(formatter.string(from: started))),
            ("configuration", .object([
                ("file", .string(configuration.file)), ("sha256", .string(SHA256.hex(configuration.text.utf8))),
                ("text", .string(configuration.text)),
            ])),
            ("inputs", .array(zip(inputs, series).map { input, series in
                .object([
                    ("path", .string(input.path)), ("bytes", .integer(input.digest.bytes)), ("sha256", .string(input.digest.sha256)),
                    ("series", .integer(series)),
                ])
            })),
            ("shard", .string(shard?.description ?? "1/1")),
            ("jobs", .integer(jobs)),
            ("fingerprint", .string(fingerprint)),
            ("counts", .object([
                ("series", .integer(outcome.series)), ("errors", .integer(outcome.errors)),
                ("chunks_computed", .integer(outcome.chunksComputed)), ("chunks_reused", .integer(outcome.chunksReused)),
            ])),
            ("outputs", .array(outputs)),
            ("timings", .object(timings.map { ($0.0, .number($0.1)) })),
        ])
        let sink = try OutputSink(path: out + "/manifest.json")
        try sink.write(manifest.rendered(indent: 2) + "\n")
        try sink.commit()
    }
}

/// Results written by index from worker threads, read once they have all finished.
final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Value) {
        slots.withLock { $0[index] = value }
    }

    var values: [Value] { slots.withLock { $0.compactMap { $0 } } }
}
