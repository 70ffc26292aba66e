/// What identifies a series: its text dimensions, in the file's column order (for example
/// `area_code=E06000002, area_name=Middlesbrough, indicator=children_looked_after`).
///
/// Keys order lexicographically by their values, dimension by dimension, which is the order of sorted
/// outputs. All series of one file share one `names` array.
///
/// Key text is compared as Unicode text, whatever the row order: "Café" written with a precomposed é (NFC)
/// and with an e and a combining accent (NFD) is one area. Values are kept in Normalization Form C
/// (`SeriesKey.normalized`), so every comparison of a key — Swift's `==` and hashing, the readers' byte
/// comparisons of adjacent rows, the fingerprints of finished keys, a batch's sort keys and shard hashes —
/// sees the same bytes, and outputs write the NFC spelling.
///
/// A value may be NULL (`\N` in `metrics stream`'s tab-separated input, the only input with a NULL): its
/// text in `values` is empty, but it is a key value of its own, never equal to the empty text. It sorts
/// before every text (as Spark SQL's `SORT BY` puts NULLs first), is written back as `\N`, and shows as
/// `\N` in messages. Only the first `nullablePositions` (64) values can be NULL: the NULLs are one word of
/// bits, so a key costs no more to copy than before NULLs were kept.
public struct SeriesKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let names: [String]
    public let values: [String]
    /// Bit i set when value i is NULL (0 for a key without NULLs, which is every key but some of the stream's).
    let nullMask: UInt64

    /// How many leading values of a key can be NULL.
    public static let nullablePositions = 64

    /// A key of `values` (normalised to NFC) for the dimensions `names`, one value per name.
    public init(names: [String], values: [String]) {
        self.init(names: names, normalizedValues: values.map(SeriesKey.normalized))
    }

    /// A key whose values at the positions `nulls` (each below `nullablePositions`) are NULL; `values`
    /// holds empty text there.
    init(names: [String], values: [String], nulls: [Int]) {
        precondition(nulls.allSatisfy { $0 < SeriesKey.nullablePositions && values.indices.contains($0) && values[$0].isEmpty }, "a NULL value has no text")
        self.init(names: names, normalizedValues: values.map(SeriesKey.normalized), nullMask: nulls.reduce(0) { $0 | 1 << UInt64($1) })
    }

    /// A key of values already in NFC (a reader's interned texts, normalised once per distinct text).
    init(names: [String], normalizedValues values: [String], nullMask: UInt64 = 0) {
        precondition(names.count == values.count, "a key needs one value per dimension")
        self.names = names
        self.values = values
        self.nullMask = nullMask
    }

    /// Whether the value at `index` is NULL.
    @inline(__always)
    public func isNull(_ index: Int) -> Bool {
        nullMask != 0 && index < SeriesKey.nullablePositions && nullMask & (1 << UInt64(index)) != 0
    }

    /// The value of dimension `name`, if the key has it.
    public subscript(name: String) -> String? {
        names.firstIndex(of: name).map { values[$0] }
    }

    public var description: String {
        zip(names, values).enumerated().map { i, pair in "\(pair.0)=\(isNull(i) ? StreamingText.null : pair.1)" }.joined(separator: ", ")
    }

    /// Value by value: NULL first, then text by its UTF-8 bytes (NFC, so Unicode code point order).
    public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
        if a.nullMask == 0, b.nullMask == 0 {
            for (x, y) in zip(a.values, b.values) where x != y {
                return x.utf8.lexicographicallyPrecedes(y.utf8)
            }
            return a.values.count < b.values.count
        }
        for i in 0..<min(a.values.count, b.values.count) {
            let (aNull, bNull) = (a.isNull(i), b.isNull(i))
            if aNull != bNull { return aNull }
            if !aNull, a.values[i] != b.values[i] { return a.values[i].utf8.lexicographicallyPrecedes(b.values[i].utf8) }
        }
        return a.values.count < b.values.count
    }
}
