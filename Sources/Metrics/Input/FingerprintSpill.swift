#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// 64-bit fingerprints kept on disk, to be checked for repeats at the end: the part of `SeenKeys` beyond its
/// memory budget.
///
/// Fingerprints are split by their top 6 bits into 64 unlinked temporary files (in `TMPDIR`, else `/tmp`;
/// removed by the system however the process ends), each written through a 4 KiB buffer. The check reads
/// one file at a time, sorts it and compares neighbours, so memory is 1/64 of the spilled fingerprints:
/// 12 MiB for a hundred million series.
final class FingerprintSpill {
    private static let partitions = 64
    private static let bufferCapacity = 512
    private var descriptors: [Int32]
    private var buffers: [[UInt64]]

    init() throws(OutputError) {
        descriptors = Array(repeating: -1, count: Self.partitions)
        buffers = Array(repeating: [], count: Self.partitions)
    }

    deinit {
        for fd in descriptors where fd >= 0 { close(fd) }
    }

    func append(_ fingerprint: UInt64) throws(OutputError) {
        let p = Int(fingerprint >> 58)
        buffers[p].append(fingerprint)
        if buffers[p].count >= Self.bufferCapacity { try flush(p) }
    }

    /// A fingerprint that occurs twice among those spilled, or once here and once where `alsoIn` says; nil
    /// when there is none.
    func firstRepeat(alsoIn: (UInt64) -> Bool) throws(OutputError) -> UInt64? {
        for p in 0..<Self.partitions {
            var values = buffers[p]
            buffers[p] = []
            if descriptors[p] >= 0 {
                try readAll(p, into: &values)
            }
            values.sort()
            for (i, f) in values.enumerated() {
                if i > 0, values[i - 1] == f { return f }
                if alsoIn(f) { return f }
            }
        }
        return nil
    }

    private func flush(_ p: Int) throws(OutputError) {
        if descriptors[p] < 0 { descriptors[p] = try Self.temporaryFile() }
        let ok = buffers[p].withUnsafeBytes { bytes in Self.writeAll(descriptors[p], bytes) }
        guard ok else {
            throw OutputError(path: Self.directory, kind: .writeFailed, reason: "cannot keep the series keys' fingerprints on disk: \(ByteSource.describe(errno: errno))")
        }
        buffers[p].removeAll(keepingCapacity: true)
    }

    private func readAll(_ p: Int, into values: inout [UInt64]) throws(OutputError) {
        let fd = descriptors[p]
        let size = lseek(fd, 0, SEEK_END)
        guard size >= 0, lseek(fd, 0, SEEK_SET) == 0 else {
            throw OutputError(path: Self.directory, kind: .writeFailed, reason: "cannot read the series keys' fingerprints back: \(ByteSource.describe(errno: errno))")
        }
        let stored = Int(size) / 8
        let start = values.count
        values.append(contentsOf: repeatElement(0, count: stored))
        let complete = values.withUnsafeMutableBytes { bytes in
            let target = UnsafeMutableRawBufferPointer(rebasing: bytes[(start * 8)...])
            var done = 0
            while done < target.count {
                let n = read(fd, target.baseAddress! + done, target.count - done)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        guard complete else {
            throw OutputError(path: Self.directory, kind: .writeFailed, reason: "cannot read the series keys' fingerprints back: \(ByteSource.describe(errno: errno))")
        }
    }

    private static var directory: String {
        if let value = getenv("TMPDIR"), value.pointee != 0 { return String(cString: value) }
        return "/tmp"
    }

    /// A new temporary file, already unlinked.
    private static func temporaryFile() throws(OutputError) -> Int32 {
        var template = Array("\(directory)/.metrics-keys-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw OutputError(path: directory, kind: .cannotCreate, reason: "cannot create a temporary file for the series keys' fingerprints: \(ByteSource.describe(errno: errno))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}
