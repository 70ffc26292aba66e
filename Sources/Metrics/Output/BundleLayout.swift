#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// What metrics writes into an output folder, by name: the test that tells the entries of a previous bundle
/// that are metrics' own (replaced by the next run's) from those of the user's own (kept, moved into the
/// next bundle), and the marker that proves a folder is a metrics bundle at all.
///
/// A report bundle's own entries are `summary.csv`, `summary.json`, `summary.md`, `summary.xlsx`, `index.html`,
/// `report.ipynb`, the folders `data` and `charts`, and in them the files named like the report's own
/// (`NNN-….csv`, `NNN-….svg`, `NNN-….vl.json`). A batch bundle's are `summary.csv`, `summary.json`,
/// `summary.ndjson`, `errors.csv`, `manifest.json`, `models/MODEL.csv` for the four models, `report/` (a
/// report bundle's own entries inside it) and `.work/` (the chunk folder of versions before the run folder;
/// its `state.json` and `.chunk` files). In both, the marker `.metrics-bundle` and temporaries of an
/// interrupted write (`.metrics-tmp-…`) are metrics' own. Anything else is the user's.
enum BundleLayout: String, Sendable {
    case report, batch

    /// The marker file at the top of every bundle.
    static let markerName = ".metrics-bundle"

    /// The marker's text: the same on every run, so that bundles stay byte-identical.
    var marker: String {
        """
        metrics-bundle: \(rawValue)

        This folder was written by `metrics \(rawValue)`. The next run into it builds a new bundle beside it
        and swaps the two; files of your own kept here (names metrics does not write) are moved into the new
        bundle. This file is what tells metrics that the folder is its own to replace.

        """
    }

    /// The kind of bundle `folder` holds: the one its marker names, or, for a bundle of an earlier version
    /// (which wrote no marker), the one its files show (`index.html` and `report.ipynb`: a report;
    /// `manifest.json` naming a `metrics_version`, or `.work/state.json`: a batch). `nil` when it holds no
    /// metrics bundle.
    static func kind(of folder: String) -> BundleLayout? {
        if isRegularFile(folder + "/" + markerName) {
            let first = start(of: folder + "/" + markerName).split(separator: "\n").first ?? ""
            guard first.hasPrefix("metrics-bundle: ") else { return nil }
            return BundleLayout(rawValue: String(first.dropFirst("metrics-bundle: ".count)))
        }
        if isRegularFile(folder + "/index.html"), isRegularFile(folder + "/report.ipynb") { return .report }
        if isRegularFile(folder + "/.work/state.json") { return .batch }
        if isRegularFile(folder + "/manifest.json"), start(of: folder + "/manifest.json").contains("\"metrics_version\"") { return .batch }
        return nil
    }

    /// Whether the entry at `path` (its components below the bundle's top) is one of metrics' own in a
    /// bundle of this kind.
    func isOwn(_ path: ArraySlice<String>) -> Bool {
        guard let first = path.first, let last = path.last else { return false }
        if last.hasPrefix(".metrics-tmp-") { return true }
        switch self {
        case .report:
            if path.count == 1 {
                return [Self.markerName, "summary.csv", "summary.json", "summary.md", "summary.xlsx", "index.html", "report.ipynb", "data", "charts"].contains(first)
            }
            return path.count == 2 && (first == "data" || first == "charts") && ReportFiles.isReportFile(last)
        case .batch:
            if path.count == 1 {
                return [Self.markerName, "summary.csv", "summary.json", "summary.ndjson", "errors.csv", "manifest.json", "models", "report", ".work"]
                    .contains(first)
            }
            switch first {
            case "models": return path.count == 2 && BatchConfiguration.Model.allCases.contains { last == $0.rawValue + ".csv" }
            case "report": return BundleLayout.report.isOwn(path.dropFirst())
            case ".work": return path.count == 2 && (last == "state.json" || last.hasSuffix(".chunk"))
            default: return false
            }
        }
    }

    /// The first 4 KiB of a file, as text (a planted marker of any size is never read whole).
    private static func start(of path: String) -> String {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        return n > 0 ? String(decoding: bytes[0..<n], as: UTF8.self) : ""
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
