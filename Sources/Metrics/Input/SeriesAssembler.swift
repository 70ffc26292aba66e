/// Turns a reader's rows into whole series.
///
/// - `.streaming`: a series is complete when a row with another key arrives, so memory holds only the
///   series in progress (several for EES files, one per indicator of the current row). If a finished
///   series' key comes back, the rows were not grouped: `SeriesNotAdjacent` is thrown, and the caller reads
///   again in `.grouping` mode (files) or tells the user how to sort (standard input).
/// - `.grouping`: every series is kept until the end of the input (memory proportional to the data) and
///   handed out in order of first appearance.
/// Finished series are sorted by period; two observations of one period, or two kinds of period (a year and
/// a financial year) in one series, are `DataError`s naming both lines.
final class SeriesAssembler {
    enum Mode: Sendable { case streaming, grouping }

    private let mode: Mode
    private let file: String
    private var open: [SeriesKey: Int] = [:]  // key → index in `building`
    private var building: [Series] = []
    /// Per series of `building`: how its labels that name a year and a month alike are read.
    private var verdicts: [AmbiguousLabels.Verdict] = []
    private var ambiguous = AmbiguousLabels()
    private var ready: [Series] = []
    private var readyIndex = 0
    private var seen = SeenKeys()
    /// Where the last observation went, for the common case of a row continuing the previous row's series.
    private var lastIndex: Int?

    /// For an input that can be read again: its series' keys and first lines, read afresh, in order, until
    /// the visitor returns false. With it, a file whose keys come in increasing order is streamed in
    /// constant memory, and a split series found at the end is named (see `SeenKeys`).
    /// Set before reading: see `SeenKeys.memoryBudget`.
    var keyMemoryBudget: Int {
        get { seen.memoryBudget }
        set {
            let rescan = seen.rescan
            seen = SeenKeys(memoryBudget: newValue)
            seen.rescan = rescan
        }
    }

    var rescan: SeenKeys.Rescan? {
        get { seen.rescan }
        set { seen.rescan = newValue }
    }

    /// At the end of the input: the check for split series that could not be made while reading (keys kept
    /// on disk beyond the memory budget). Throws `SeriesNotAdjacent`.
    func finishInput() throws {
        if mode == .streaming { try seen.finish(file: file) }
    }

    init(mode: Mode, file: String) {
        self.mode = mode
        self.file = file
    }

    /// Adds an observation to the series `key`; in streaming mode `group` says which rows belong together
    /// (a change of group completes every open series). `couldBeMonth`: its label names a year and a month
    /// alike (`PeriodLabel`), and the series and column decide which.
    func append(
        key: SeriesKey, metadata: @autoclosure () -> SeriesMetadata, observation: Series.Observation, newGroup: Bool,
        couldBeMonth: Bool = false
    ) throws {
        if mode == .streaming, newGroup, !building.isEmpty { try finishOpen() }
        var observation = observation
        if let index = openIndex(of: key) {
            add(&observation, couldBeMonth: couldBeMonth, to: index)
            lastIndex = index
            return
        }
        if mode == .streaming, try seen.contains(key) {
            throw SeriesNotAdjacent(key: key, line: observation.line, file: file)
        }
        if building.count >= SeriesAssembler.linearSearchLimit { open[key] = building.count }
        lastIndex = building.count
        var observations: [Series.Observation] = []
        observations.reserveCapacity(16)
        var verdict = AmbiguousLabels.Verdict.undecided
        _ = ambiguous.admit(&observation, couldBeMonth: couldBeMonth, verdict: &verdict)
        observations.append(observation)
        building.append(Series(key: key, observations: observations, metadata: metadata()))
        verdicts.append(verdict)
    }

    @inline(__always)
    private func add(_ observation: inout Series.Observation, couldBeMonth: Bool, to index: Int) {
        if ambiguous.admit(&observation, couldBeMonth: couldBeMonth, verdict: &verdicts[index]) {
            AmbiguousLabels.readAsMonths(&building[index].observations)
        }
        building[index].observations.append(observation)
    }

    /// Few series are open at once while streaming (one, or one per EES indicator): a linear search beats
    /// hashing the key; the dictionary takes over beyond that.
    private static let linearSearchLimit = 16

    private func openIndex(of key: SeriesKey) -> Int? {
        if building.count <= SeriesAssembler.linearSearchLimit {
            return building.firstIndex { $0.key == key }
        }
        if open.count < SeriesAssembler.linearSearchLimit {
            for (i, series) in building.enumerated() { open[series.key] = i }
        }
        return open[key]
    }

    /// Adds an observation to the series that received the previous one (the caller knows the key is the
    /// same): no key hashing, no copies of the key or metadata.
    func appendToLast(_ observation: Series.Observation, couldBeMonth: Bool = false) {
        guard let lastIndex else { preconditionFailure("appendToLast before any append") }
        var observation = observation
        add(&observation, couldBeMonth: couldBeMonth, to: lastIndex)
    }

    /// Updates the metadata of an open series (for metadata that arrives after the first row).
    func updateMetadata(of key: SeriesKey, _ body: (inout SeriesMetadata) -> Void) {
        if let index = openIndex(of: key) { body(&building[index].metadata) }
    }

    /// Completes every open series (at the end of the input, or in streaming mode at a change of group).
    func finishOpen() throws {
        for (index, var series) in building.enumerated() {
            if verdicts[index] == .undecided, ambiguous.columnVerdict == .months { AmbiguousLabels.readAsMonths(&series.observations) }
            try SeriesAssembler.finish(&series, file: file)
            if mode == .streaming { try seen.insert(series.key) }
            ready.append(series)
        }
        building.removeAll(keepingCapacity: true)
        verdicts.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
        lastIndex = nil
    }

    /// The next completed series, if any is waiting.
    func nextReady() -> Series? {
        guard readyIndex < ready.count else {
            if readyIndex > 0 {
                ready.removeAll(keepingCapacity: true)
                readyIndex = 0
            }
            return nil
        }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    /// Sorts by period and refuses duplicate periods and mixed kinds of period.
    static func finish(_ series: inout Series, file: String) throws {
        // One pass for the usual case: in order, one kind of period, no duplicates.
        let observations = series.observations
        var ordinary = true
        for i in observations.indices.dropFirst() {
            let a = observations[i - 1].period
            let b = observations[i].period
            if a.kind != b.kind || !(a.years(to: b) > 0) {
                ordinary = false
                break
            }
        }
        if ordinary { return }
        try finishSlowly(&series, file: file)
    }

    private static func finishSlowly(_ series: inout Series, file: String) throws {
        var observations = series.observations
        if !isSorted(observations) {
            observations.sort { a, b in
                a.period < b.period || (!(b.period < a.period) && a.line < b.line)
            }
        }
        for i in observations.indices.dropFirst() {
            let a = observations[i - 1]
            let b = observations[i]
            if a.period.kind != b.period.kind, a.period.kind.family != b.period.kind.family {
                throw DataError(
                    SourceLocation(file: file, line: b.line, column: 1),
                    "mixed period types in series \(series.key): '\(b.period)' is a \(b.period.kind.family), '\(a.period)' (line \(a.line)) a \(a.period.kind.family)")
            }
            if a.period.years(to: b.period) == 0, a.period.length == b.period.length {
                let (first, second) = a.line <= b.line ? (a, b) : (b, a)
                throw DataError(
                    SourceLocation(file: file, line: second.line, column: 1),
                    "duplicate period \(b.period) in series \(series.key): line \(first.line) already gives it")
            }
        }
        series.observations = observations
    }

    private static func isSorted(_ observations: [Series.Observation]) -> Bool {
        for i in observations.indices.dropFirst() where observations[i].period < observations[i - 1].period {
            return false
        }
        return true
    }
}

/// Rows of a series that are not adjacent, found while streaming.
struct SeriesNotAdjacent: Error, Sendable {
    /// The series and the line where it starts again; `nil` when the split was found at the end of an input
    /// that cannot be read again to name it.
    let key: SeriesKey?
    let line: Int?
    let file: String

    var advice: String {
        let what = key.map { "rows of series \($0) are not adjacent (line \(line ?? 0) continues a series that ended earlier)" }
            ?? "the rows of some series are not adjacent (found at the end of the input)"
        return what + "; sort the file by its key columns to stream it, for example: (head -n 1 FILE; tail -n +2 FILE | sort -t, -k1,1 -k2,2 -s) > sorted.csv, or pass --group to gather series in memory"
    }
}
