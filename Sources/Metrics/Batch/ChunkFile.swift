internal import Foundation

/// The finished results of one chunk of a batch's series, kept on disk until the run merges every chunk
/// into its outputs: what lets a batch run over more series than fit in memory, and resume after an
/// interruption (a chunk file that exists is complete, because it is written atomically).
///
/// Format (little-endian): the magic `MTRC1\n`, the number of streams S, then per series a record — the
/// sort key's length and UTF-8 bytes, then S payloads, each its length and bytes — sorted by key. The sort key
/// is the series' key values joined by U+001F, compared as bytes: field by field, the same order in every
/// chunk, shard and run.
struct ChunkFile {
    static let magic = Array("MTRC1\n".utf8)

    struct Record: Sendable {
        var key: [UInt8]
        var payloads: [[UInt8]]
    }

    static func sortKey(_ key: SeriesKey) -> [UInt8] {
        Array(key.values.joined(separator: "\u{1F}").utf8)
    }

    /// Writes the records sorted by key (ties keep their order), atomically.
    static func write(_ records: [Record], streams: Int, to path: String) throws(OutputError) {
        let sorted = records.enumerated().sorted { a, b in
            a.element.key != b.element.key ? a.element.key.lexicographicallyPrecedes(b.element.key) : a.offset < b.offset
        }.map(\.element)
        var bytes = magic
        append(UInt32(streams), to: &bytes)
        for record in sorted {
            append(UInt32(record.key.count), to: &bytes)
            bytes += record.key
            for s in 0..<streams {
                let payload = s < record.payloads.count ? record.payloads[s] : []
                append(UInt32(payload.count), to: &bytes)
                bytes += payload
            }
        }
        let sink = try OutputSink(path: path)
        try sink.write(bytes: bytes)
        try sink.commit()
    }

    /// Writes records already in key order, as they come, atomically when committed.
    final class Writer {
        private let sink: OutputSink
        private let streams: Int

        init(path: String, streams: Int) throws(OutputError) {
            sink = try OutputSink(path: path)
            self.streams = streams
            var header = ChunkFile.magic
            ChunkFile.append(UInt32(streams), to: &header)
            try sink.write(bytes: header)
        }

        func append(_ record: Record) throws(OutputError) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(record.key.count + record.payloads.reduce(0) { $0 + $1.count } + 4 * (streams + 1))
            ChunkFile.append(UInt32(record.key.count), to: &bytes)
            bytes += record.key
            for s in 0..<streams {
                let payload = s < record.payloads.count ? record.payloads[s] : []
                ChunkFile.append(UInt32(payload.count), to: &bytes)
                bytes += payload
            }
            try sink.write(bytes: bytes)
        }

        func commit() throws(OutputError) { try sink.commit() }
    }

    /// Merges any number of chunk files with at most `fanIn` open at once: groups of `fanIn` are merged into
    /// files under `scratch` (`merge-ROUND-GROUP.chunk`) until few enough are left for the last merge, which
    /// hands the records to `body`. Memory stays at `fanIn` small read buffers however many chunks a run
    /// has; the order is the one-pass merge's (groups keep the files' order, so ties still come in file
    /// order). `merged()` is called for each record written by a round (not by the last merge).
    static func mergeAll(
        _ paths: [String], streams: Int, fanIn: Int = 64, scratch: String, merged: () -> Void = {}, _ body: (Record) throws -> Void
    ) throws {
        var level = paths
        var round = 0
        while level.count > fanIn {
            var next: [String] = []
            for (g, start) in stride(from: 0, to: level.count, by: fanIn).enumerated() {
                let group = Array(level[start..<min(start + fanIn, level.count)])
                let path = "\(scratch)/merge-\(round)-\(g).chunk"
                let writer = try Writer(path: path, streams: streams)
                try merge(group) { record in
                    try writer.append(record)
                    merged()
                }
                try writer.commit()
                next.append(path)
            }
            level = next
            round += 1
        }
        try merge(level, body)
    }

    fileprivate static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// Reads a chunk's records one at a time, through a small buffer (a merge keeps one reader per chunk).
    final class Reader {
        let path: String
        private let source: ByteSource
        private var buffer: [UInt8] = []
        private var offset = 0
        private var exhausted = false
        private(set) var streamCount = 0

        init(path: String) throws {
            self.path = path
            do {
                source = try ByteSource(path: path, decompress: false)
            } catch {
                throw InputUnavailableError(path: path, reason: "a chunk of the interrupted run cannot be read: \(error.reason)")
            }
            guard let magic = try take(ChunkFile.magic.count), magic == ChunkFile.magic, let count = try readUInt32() else {
                throw DataError(SourceLocation(file: path), "not a chunk file of this version of metrics")
            }
            streamCount = Int(count)
        }

        /// The next n bytes, `nil` at the end of the file; fewer than n before the end is a truncated file.
        private func take(_ n: Int) throws -> [UInt8]? {
            while buffer.count - offset < n, !exhausted {
                buffer.removeSubrange(0..<offset)
                offset = 0
                let start = buffer.count
                buffer += repeatElement(0, count: 1 << 14)
                let count = try buffer.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
                buffer.removeLast((1 << 14) - count)
                if count == 0 { exhausted = true }
            }
            if buffer.count - offset < n {
                if buffer.count == offset { return nil }
                throw DataError(SourceLocation(file: path), "a truncated chunk file")
            }
            defer { offset += n }
            return Array(buffer[offset..<(offset + n)])
        }

        private func readUInt32() throws -> UInt32? {
            guard let b = try take(4) else { return nil }
            return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
        }

        private func readBytes() throws -> [UInt8] {
            guard let n = try readUInt32() else { throw DataError(SourceLocation(file: path), "a truncated chunk file") }
            return n == 0 ? [] : try take(Int(n)) ?? { throw DataError(SourceLocation(file: path), "a truncated chunk file") }()
        }

        /// The next record, `nil` at the end; a truncated file is an error.
        func next() throws -> Record? {
            guard let n = try readUInt32() else { return nil }
            let key = n == 0 ? [] : try take(Int(n)) ?? []
            var payloads: [[UInt8]] = []
            payloads.reserveCapacity(streamCount)
            for _ in 0..<streamCount { payloads.append(try readBytes()) }
            return Record(key: key, payloads: payloads)
        }
    }

    /// Merges sorted chunk files in key order (ties in the files' order), handing each record to `body`:
    /// a binary heap of the files' next records, so O(records · log files).
    static func merge(_ paths: [String], _ body: (Record) throws -> Void) throws {
        let readers = try paths.map { try Reader(path: $0) }
        var heap: [(record: Record, file: Int)] = []
        func less(_ a: (record: Record, file: Int), _ b: (record: Record, file: Int)) -> Bool {
            a.record.key != b.record.key ? a.record.key.lexicographicallyPrecedes(b.record.key) : a.file < b.file
        }
        func push(_ item: (record: Record, file: Int)) {
            heap.append(item)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard less(heap[i], heap[parent]) else { break }
                heap.swapAt(i, parent)
                i = parent
            }
        }
        func pop() -> (record: Record, file: Int)? {
            guard !heap.isEmpty else { return nil }
            heap.swapAt(0, heap.count - 1)
            let top = heap.removeLast()
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count, less(heap[l], heap[m]) { m = l }
                if r < heap.count, less(heap[r], heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
            return top
        }
        for (i, reader) in readers.enumerated() {
            if let record = try reader.next() { push((record, i)) }
        }
        while let (record, file) = pop() {
            try body(record)
            if let next = try readers[file].next() { push((next, file)) }
        }
    }
}
