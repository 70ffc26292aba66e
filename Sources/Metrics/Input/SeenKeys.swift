/// Which series keys a streaming reader has finished, to catch a series whose rows are not adjacent.
///
/// Memory stays bounded whatever the number of series:
/// - While finished keys arrive in increasing order (a file sorted by its key columns), a new key above the
///   last one cannot have been seen, and nothing is kept for an input that can be read again (`rescan`, a
///   regular file). Standard input keeps 64-bit fingerprints of this sorted prefix (8 bytes per series).
/// - Once the order breaks, every finished key's fingerprint is kept — the keys finished before the break
///   are read again from the file for theirs (once per file, only for a file that is not sorted). The
///   first `memoryBudget` fingerprints go into an open-addressing set in memory (at most half full, so 4 MiB
///   for the default 2¹⁸), where a returning key is caught at its first row. Beyond the budget they are
///   appended to temporary files (`FingerprintSpill`), and `finish` checks them at the end of the input:
///   a split series found then makes the caller read the input again just as one found early does.
/// Two different keys share a fingerprint with probability about n²/2⁶⁵ (3·10⁻⁸ for a million series); that
/// would only make the caller read the input again in grouping mode, still correctly.
struct SeenKeys {
    /// Visits an input's series again from the start, in order: key and first line, until `visit` returns
    /// false.
    typealias Rescan = (_ visit: (SeriesKey, Int) throws -> Bool) throws -> Void

    var rescan: Rescan?
    let memoryBudget: Int
    private var last: SeriesKey?
    private var increasing = true
    private var finished = 0
    private var sortedPrefix: [UInt64] = []  // without `rescan`: fingerprints kept while sorted, in case the order breaks
    private var slots: [UInt64] = []
    private var count = 0
    private var spill: FingerprintSpill?

    init(memoryBudget: Int = 1 << 18) {
        self.memoryBudget = max(1, memoryBudget)
    }

    mutating func insert(_ key: SeriesKey) throws {
        if increasing {
            if let last, !(last < key) {
                try leaveOrder()
            } else if rescan == nil {
                sortedPrefix.append(SeenKeys.fingerprint(key))
            }
        }
        if !increasing { try keep(SeenKeys.fingerprint(key)) }
        last = key
        finished += 1
    }

    /// Whether `key` was finished before (as far as memory can tell: keys beyond the budget are checked by
    /// `finish`). A key at or below the last one ends the sorted phase.
    mutating func contains(_ key: SeriesKey) throws -> Bool {
        guard let last else { return false }
        if increasing {
            if last < key { return false }
            try leaveOrder()
        }
        return find(SeenKeys.fingerprint(key))
    }

    /// At the end of the input: a fingerprint kept twice means a split series. Names it by reading the input
    /// again when it can.
    mutating func finish(file: String) throws {
        guard let spill else { return }
        self.spill = nil
        guard let repeated = try spill.firstRepeat(alsoIn: { find($0) }) else { return }
        var key: SeriesKey? = nil
        var line: Int? = nil
        if let rescan {
            var sightings = 0
            try rescan { candidate, first in
                guard SeenKeys.fingerprint(candidate) == repeated else { return true }
                sightings += 1
                if sightings == 2 {
                    key = candidate
                    line = first
                    return false
                }
                return true
            }
        }
        throw SeriesNotAdjacent(key: key, line: line, file: file)
    }

    /// The order broke: every finished key goes into the set.
    private mutating func leaveOrder() throws {
        increasing = false
        if let rescan {
            var prefix: [UInt64] = []
            var remaining = finished
            if remaining > 0 {
                try rescan { key, _ in
                    prefix.append(SeenKeys.fingerprint(key))
                    remaining -= 1
                    return remaining > 0
                }
            }
            for f in prefix { try keep(f) }
        } else {
            for f in sortedPrefix { try keep(f) }
        }
        sortedPrefix = []
    }

    private mutating func keep(_ fingerprint: UInt64) throws {
        if count < memoryBudget || find(fingerprint) {
            add(fingerprint)
            return
        }
        if spill == nil { spill = try FingerprintSpill() }
        try spill!.append(fingerprint)
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

    /// FNV-1a over the key's values (NFC, as `SeriesKey` keeps them), each followed by U+001F, or a NULL
    /// value as U+001E alone; finished with MurmurHash3's mixer; never 0 (0 marks an empty slot).
    static func fingerprint(_ key: SeriesKey) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, value) in key.values.enumerated() {
            if key.isNull(i) {
                h = (h ^ 0x1E) &* 0x100_0000_01b3
                continue
            }
            var text = value
            text.withUTF8 { bytes in
                for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
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
