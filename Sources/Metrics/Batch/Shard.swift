/// One part of a batch split across machines: `--shard I/N` keeps the series whose key hashes to I.
///
/// The hash is FNV-1a (64-bit) over the key's field names and values in UTF-8, each followed by a unit
/// separator (0x1F), so it depends only on the series key — not on the input file, the row order, the
/// machine or the run — and every series falls in exactly one of the N shards. The union of the shards'
/// `summary.csv` rows is therefore the unsharded run's (each shard sorts its rows by key the same way).
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1…count.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1, (1...count).contains(index) else { throw ShardError(text: "\(index)/\(count)") }
        self.index = index
        self.count = count
    }

    /// Reads `I/N` (1 ≤ I ≤ N).
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { throw ShardError(text: text) }
        try self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    public func contains(_ key: SeriesKey) -> Bool {
        count == 1 || Int(Self.hash(key) % UInt64(count)) == index - 1
    }

    static func hash(_ key: SeriesKey) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01b3
            }
            h ^= 0x1F
            h = h &* 0x0000_0100_0000_01b3
        }
        for (name, value) in zip(key.names, key.values) {
            add(name)
            add(value)
        }
        return h
    }
}

public struct ShardError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public var description: String { "'\(text)' is not a shard: write I/N with 1 ≤ I ≤ N, for example 2/8" }
}
