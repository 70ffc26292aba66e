// Shared pieces of the fuzz harnesses: a private scratch folder for the files the readers need, and the
// one way every harness consumes what a reader gives.
//
// Findings are crashes only: a thrown error (`DataError`, `InputUnavailableError`, `PeriodError`, `GSLError`,
// …) is the library refusing an input, which is what it must do.

#if canImport(Glibc)
import Glibc
#endif
public import Metrics

public enum Fuzz {
    /// A folder of this process's own, in memory (`/dev/shm`) when there is one, removed at exit. libFuzzer
    /// ends most runs with `_Exit`, which skips `atexit`, so the folders of processes that are gone are
    /// removed here too.
    public static let scratch: String = {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        removeStaleScratch(in: base)
        let path = "\(base)/\(prefix)\(getpid())"
        mkdir(path, 0o700)
        atexit { removeFolder(scratch) }
        return path
    }()

    private static let prefix = "metrics-fuzz-"

    /// The path of `name` inside the scratch folder.
    public static func path(_ name: String) -> String { scratch + "/" + name }

    /// Writes `bytes` to `path`, replacing what was there.
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { fatalError("fuzz harness: cannot write \(path): errno \(errno)") }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            guard n > 0 else { fatalError("fuzz harness: short write to \(path)") }
            offset += n
        }
        close(fd)
    }

    public static func write(_ bytes: ArraySlice<UInt8>, to path: String) {
        bytes.withUnsafeBufferPointer { write($0, to: path) }
    }

    public static func remove(_ path: String) { unlink(path) }

    /// The fuzz input as an array (libFuzzer passes a pointer and a size; the pointer may be null when the size
    /// is 0).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Splits `bytes` at the first NUL byte: the data file and, when there is a NUL, its companion file (EES
    /// `.meta.csv`, LAIT data dictionary).
    public static func splitAtNUL(_ bytes: [UInt8]) -> (first: ArraySlice<UInt8>, second: ArraySlice<UInt8>?) {
        guard let i = bytes.firstIndex(of: 0) else { return (bytes[...], nil) }
        return (bytes[..<i], bytes[(i + 1)...])
    }

    /// Reads every series of `path` as `metrics` does, twice: with `format` and the default options, each
    /// series summarized (the fixed measures); then with the format detected from the header, problems
    /// collected instead of thrown, series gathered in memory, and academic years.
    /// One summarizer for every run: making one tabulates critical values, which would be most of a run's time.
    private static let summarizer = Summarizer()

    public static func readAll(path: String, format: InputFormat, metadataPath: String? = nil) {
        var first = ReadOptions(format: format)
        first.metadataPath = metadataPath
        do {
            try SeriesSource.read(path: path, options: first) { series in
                _ = series.numericPoints
                for observation in series.observations { _ = observation.period.description }
                if let summary = try? summarizer.summarize(series) { write(summary) }
            }
        } catch {}

        var second = ReadOptions(yearType: .academic, grouping: .grouping, collectProblems: true, problemLimit: 5)
        second.metadataPath = metadataPath
        do {
            let report = try SeriesSource.read(path: path, options: second) { series in
                _ = series.key.description
            }
            _ = report.problems.count
        } catch {}
    }

    /// The summary in every output form, as `metrics summarize` writes it (the series' unit, decimal places
    /// and labels come from the file).
    private static func write(_ summary: SeriesSummary) {
        for format in OutputFormat.allCases {
            let writer = SummaryFormat(format: format, keyNames: summary.key.names)
            _ = writer.header()
            _ = writer.record(summary, index: 0)
            _ = writer.recordBytes(summary)
            _ = writer.readable([summary])
            _ = writer.footer(count: 1)
        }
    }

    /// Removes the scratch folders whose process no longer runs.
    private static func removeStaleScratch(in base: String) {
        for name in entries(of: base) where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            removeFolder(base + "/" + name)
        }
    }

    /// Removes a folder of plain files.
    private static func removeFolder(_ path: String) {
        for name in entries(of: path) { unlink(path + "/" + name) }
        rmdir(path)
    }

    private static func entries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}
