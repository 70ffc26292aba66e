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

    init(mode: Mode, file: String) {
        self.mode = mode
        self.file = file
    }

    /// Adds an observation to the series `key`; in streaming mode `group` says which rows belong together
    /// (a change of group completes every open series).
    func append(key: SeriesKey, metadata: @autoclosure () -> SeriesMetadata, observation: Series.Observation, newGroup: Bool) throws {
        if mode == .streaming, newGroup, !building.isEmpty { try finishOpen() }
        if let index = open[key] {
            building[index].observations.append(observation)
            return
        }
        if mode == .streaming, seen.contains(key) {
            throw SeriesNotAdjacent(key: key, line: observation.line, file: file)
        }
        open[key] = building.count
        building.append(Series(key: key, observations: [observation], metadata: metadata()))
    }

    /// Updates the metadata of an open series (for metadata that arrives after the first row).
    func updateMetadata(of key: SeriesKey, _ body: (inout SeriesMetadata) -> Void) {
        if let index = open[key] { body(&building[index].metadata) }
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
        var observations = series.observations
        if !isSorted(observations) {
            observations.sort { a, b in
                a.period < b.period || (!(b.period < a.period) && a.line < b.line)
            }
        }
        for i in observations.indices.dropFirst() {
            let a = observations[i - 1]
            let b = observations[i]
            if a.period.kind.family != b.period.kind.family {
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

/// Which series keys a streaming reader has finished, in bounded memory.
///
/// While finished keys arrive in increasing order (a file sorted by key), a new key above the last one
/// cannot have been seen, and no lookup is needed. Otherwise a Bloom filter of 2²⁶ bits (8 MiB, 7 hashes)
/// answers: for a million keys about one lookup in 10⁷ is a false positive, which only makes the caller
/// read the input again in grouping mode, still correctly.
struct SeenKeys {
    private var last: SeriesKey?
    private var increasing = true
    private var bits: [UInt64] = []
    private static let bitCount = 1 << 26
    private static let hashes = 7

    mutating func insert(_ key: SeriesKey) {
        if let last, !(last < key) { increasing = false }
        addToFilter(key)
        last = key
    }

    func contains(_ key: SeriesKey) -> Bool {
        guard let last else { return false }
        if increasing, last < key { return false }
        return bloomMaybeContains(key)
    }

    private mutating func addToFilter(_ key: SeriesKey) {
        if bits.isEmpty { bits = Array(repeating: 0, count: SeenKeys.bitCount / 64) }
        let (h1, h2) = SeenKeys.hashPair(key)
        for i in 0..<SeenKeys.hashes {
            let bit = Int(truncatingIfNeeded: (h1 &+ UInt64(i) &* h2) % UInt64(SeenKeys.bitCount))
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    private func bloomMaybeContains(_ key: SeriesKey) -> Bool {
        guard !bits.isEmpty else { return false }
        let (h1, h2) = SeenKeys.hashPair(key)
        for i in 0..<SeenKeys.hashes {
            let bit = Int(truncatingIfNeeded: (h1 &+ UInt64(i) &* h2) % UInt64(SeenKeys.bitCount))
            if bits[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    /// Two independent 64-bit FNV-1a hashes of the key's values (deterministic across runs, unlike Hasher).
    private static func hashPair(_ key: SeriesKey) -> (UInt64, UInt64) {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x84222325_cbf29ce4
        for value in key.values {
            for byte in value.utf8 {
                a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
                b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9E37_79B9_7F4A_7C15
            }
            a = (a ^ 0x1F) &* 0x100_0000_01b3
            b = (b ^ 0x1F) &* 0x0000_0100_0000_01b3 &+ 0x9E37_79B9_7F4A_7C15
        }
        return (a, b | 1)
    }
}
