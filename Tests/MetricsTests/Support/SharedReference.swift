import Foundation

/// The project's shared reference data (`../shared` beside the checkout, or `$METRICS_SHARED`).
/// Tests that read it are disabled, with this message, when it is absent (a user's fresh clone has none).
enum SharedReference {
    static let missingMessage = "../shared (reference data) is absent: set METRICS_SHARED or run beside the project's shared/ folder"

    static let root: URL? = {
        if let path = ProcessInfo.processInfo.environment["METRICS_SHARED"], !path.isEmpty {
            let url = URL(fileURLWithPath: path)
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
        // Tests/MetricsTests/Support/SharedReference.swift → package root → ../shared
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: shared.appendingPathComponent("reference").path) ? shared : nil
    }()

    static var isAvailable: Bool { root != nil }

    static func url(_ relative: String) -> URL? { root?.appendingPathComponent(relative) }

    /// Every file in a folder of the shared reference data with the given extension, sorted by name.
    static func files(in folder: String, withExtension ext: String) -> [URL] {
        guard let directory = url(folder),
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".\(ext)") }.sorted().map { directory.appendingPathComponent($0) }
    }
}

/// The package's own fixtures under Tests/MetricsTests/Fixtures.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
