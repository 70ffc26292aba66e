/// A hash table keyed by byte strings, looked up without allocating: the readers' cache from a cell's bytes
/// to what they decoded it to (a `Period`, an interned `String`). Files repeat the same few periods and area
/// names millions of times; each distinct text is decoded once.
///
/// Method: open addressing with linear probing over a power-of-two table, FNV-1a hashes, at most half full.
/// Texts longer than `longestKey` bytes are neither kept nor looked up (their callers decode them each time):
/// with the readers' bounds on the number of entries, that bounds the memory a cache can take whatever the
/// file holds (65,536 key texts of a 16 MiB field would have been a terabyte).
struct InternTable<Value> {
    /// The longest byte string kept: longer than any period label or area name (DfE's longest is about 80).
    static var longestKey: Int { 256 }

    private struct Entry {
        var hash: UInt64
        var bytes: [UInt8]
        var value: Value
    }

    private var slots: [Entry?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        guard bytes.count <= Self.longestKey else { return nil }
        let h = InternTable.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while let entry = slots[i] {
            if entry.hash == h, entry.bytes.count == bytes.count,
                entry.bytes.withUnsafeBufferPointer({ $0.elementsEqual(bytes) })
            {
                return entry.value
            }
            i = (i + 1) & mask
        }
        return nil
    }

    mutating func insert(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= Self.longestKey else { return }
        if (count + 1) * 2 > slots.count { grow() }
        let h = InternTable.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != nil { i = (i + 1) & mask }
        slots[i] = Entry(hash: h, bytes: Array(bytes), value: value)
        count += 1
    }

    /// Forgets everything (a reader bounds its caches so memory cannot grow with the file).
    mutating func removeAll() {
        for i in slots.indices { slots[i] = nil }
        count = 0
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        mask = slots.count - 1
        for entry in old.compactMap({ $0 }) {
            var i = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[i] != nil { i = (i + 1) & mask }
            slots[i] = entry
        }
    }
}
