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
    private var ready: [Series] = []
    private var readyIndex = 0
    private var seen = SeenKeys()
    /// Where the last observation went, for the common case of a row continuing the previous row's series.
    private var lastIndex: Int?

    init(mode: Mode, file: String) {
        self.mode = mode
        self.file = file
    }

    /// Adds an observation to the series `key`; in streaming mode `group` says which rows belong together
    /// (a change of group completes every open series).
    func append(
        key: SeriesKey, metadata: @autoclosure () -> SeriesMetadata, observation: Series.Observation, newGroup: Bool
    ) throws {
        if mode == .streaming, newGroup, !building.isEmpty { try finishOpen() }
        if let index = openIndex(of: key) {
            building[index].observations.append(observation)
            lastIndex = index
            return
        }
        if mode == .streaming, seen.contains(key) {
            throw SeriesNotAdjacent(key: key, line: observation.line, file: file)
        }
        if building.count >= SeriesAssembler.linearSearchLimit { open[key] = building.count }
        lastIndex = building.count
        var observations: [Series.Observation] = []
        observations.reserveCapacity(16)
        observations.append(observation)
        building.append(Series(key: key, observations: observations, metadata: metadata()))
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
    func appendToLast(_ observation: Series.Observation) {
        guard let lastIndex else { preconditionFailure("appendToLast before any append") }
        building[lastIndex].observations.append(observation)
    }

    /// Updates the metadata of an open series (for metadata that arrives after the first row).
    func updateMetadata(of key: SeriesKey, _ body: (inout SeriesMetadata) -> Void) {
        if let index = openIndex(of: key) { body(&building[index].metadata) }
    }

    /// Completes every open series (at the end of the input, or in streaming mode at a change of group).
    func finishOpen() throws {
        for var series in building {
            try SeriesAssembler.finish(&series, file: file)
            if mode == .streaming { seen.insert(series.key) }
            ready.append(series)
        }
        building.removeAll(keepingCapacity: true)
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
                    SourceLocation(file: file, line: b.line),
                    "mixed period types in series \(series.key): '\(b.period)' is a \(b.period.kind.family), '\(a.period)' (line \(a.line)) a \(a.period.kind.family)")
            }
            if a.period.years(to: b.period) == 0, a.period.length == b.period.length {
                let (first, second) = a.line <= b.line ? (a, b) : (b, a)
                throw DataError(
                    SourceLocation(file: file, line: second.line),
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
    let key: SeriesKey
    let line: Int
    let file: String

    var advice: String {
        "rows of series \(key) are not adjacent (line \(line) continues a series that ended earlier); sort the file by its key columns to stream it, for example: (head -n 1 FILE; tail -n +2 FILE | sort -t, -k1,1 -k2,2 -s) > sorted.csv, or pass --group to gather series in memory"
    }
}

/// Which series keys a streaming reader has finished.
///
/// While finished keys arrive in increasing order (a file sorted by its key columns), a new key above the
/// last one cannot have been seen: nothing is stored. Once the order breaks, each finished key is kept as a
/// 64-bit fingerprint in an open-addressing set (16 bytes per series at most half full; the data itself is
/// hundreds of bytes per series). Two different keys share a fingerprint with probability about n²/2⁶⁵
/// (3·10⁻⁸ for a million series); that would only make the caller read the input again in grouping mode,
/// still correctly.
struct SeenKeys {
    private var last: SeriesKey?
    private var increasing = true
    private var sortedPrefix: [UInt64] = []  // fingerprints kept while sorted, in case the order breaks
    private var slots: [UInt64] = []
    private var count = 0

    mutating func insert(_ key: SeriesKey) {
        let fingerprint = SeenKeys.fingerprint(key)
        if increasing {
            if let last, !(last < key) {
                increasing = false
                for f in sortedPrefix { add(f) }
                sortedPrefix = []
            } else {
                sortedPrefix.append(fingerprint)
            }
        }
        if !increasing { add(fingerprint) }
        last = key
    }

    func contains(_ key: SeriesKey) -> Bool {
        guard let last else { return false }
        if increasing {
            if last < key { return false }
            return sortedPrefix.contains(SeenKeys.fingerprint(key))
        }
        return find(SeenKeys.fingerprint(key))
    }

    private mutating func add(_ fingerprint: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: fingerprint) & mask
        while slots[i] != 0 {
            if slots[i] == fingerprint { return }
            i = (i + 1) & mask
        }
        slots[i] = fingerprint
        count += 1
    }

    private func find(_ fingerprint: UInt64) -> Bool {
        guard !slots.isEmpty else { return false }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: fingerprint) & mask
        while slots[i] != 0 {
            if slots[i] == fingerprint { return true }
            i = (i + 1) & mask
        }
        return false
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: max(1024, old.count * 2))
        count = 0
        for f in old where f != 0 { add(f) }
    }

    /// FNV-1a over the key's values, finished with MurmurHash3's mixer; never 0 (0 marks an empty slot).
    static func fingerprint(_ key: SeriesKey) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in key.values {
            for byte in value.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            h = (h ^ 0x1F) &* 0x100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h == 0 ? 1 : h
    }
}
