import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Faults around the run, through the real executable: a full disk (exit 74, nothing half-written), output
/// directories that cannot be created (exit 73), special files as outputs, `kill -9` during a batch (every
/// file left is whole), and a series that makes GSL fail (exit 1, the failure listed, everything else written).
///
/// Root ignores permission bits, so "a folder that is not writable" is tested with `chmod` only when not root;
/// the other cases (a file where a folder is expected, a folder under `/proc`, `/dev/full`) work for anyone.
struct FaultTests {
    typealias CLI = CommandLineTests

    static let data = "area,period,value\nA,2016,377\nA,2017,444\nA,2018,466\nA,2019,518\nA,2020,618\nB,2016,1\nB,2017,2\nB,2018,4\nB,2019,3\nB,2020,5\n"

    /// Runs `metrics` with its standard output going to `stdout` (a file handle of the test's choosing).
    static func run(_ arguments: [String], stdout: FileHandle) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        let err = Pipe()
        process.standardOutput = stdout
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    static func folder() throws -> URL { try BadInputTests.folder() }

    static func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR
    }

    // MARK: Disk full

    @Test("standard output on a full disk (/dev/full): exit 74 with the reason, for every kind of writer", .enabled(if: isCharacterDevice("/dev/full")))
    func stdoutDiskFull() throws {
        let path = try CLI.file(Self.data)
        let counts = try CLI.file("area,count,pop\nA,5,1000\nB,30,2000\n")
        for arguments in [
            ["summarize", path, "--format", "csv"], ["summarize", path, "--format", "json"], ["forecast", path],
            ["validate", path, "--format", "json"], ["rate", counts, "--count", "count", "--denominator", "pop"],
            ["fit", path, "--x", "period", "--y", "value", "--format", "json"],
        ] {
            let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let run = try Self.run(arguments, stdout: full)
            try full.close()
            #expect(run.status == 74, "\(arguments[0]): \(run.stderr)")
            #expect(run.stderr.contains("metrics: error: <stdout>: write failed: no space left on the device"), "\(arguments[0]): \(run.stderr)")
        }
    }

    /// Whether `-o` writes into a named pipe that is already there rather than replacing it with a regular
    /// file: the behaviour that makes `-o /dev/full` and `-o /dev/stdout` safe to try (replacing those, as
    /// root, would break them for the whole machine).
    static func writesIntoNamedPipe() throws -> (ok: Bool, received: String, status: Int32) {
        let folder = try Self.folder()
        let pipe = folder.appendingPathComponent("pipe.csv").path
        guard mkfifo(pipe, 0o600) == 0 else { return (false, "mkfifo failed", -1) }
        // A reader first, so the writer's open does not wait for one.
        let reader = open(pipe, O_RDONLY | O_NONBLOCK)
        guard reader >= 0 else { return (false, "cannot open the pipe", -1) }
        defer { close(reader) }
        let input = try CLI.file(Self.data)
        let run = try CLI.run(["summarize", input, "-o", pipe, "--format", "csv"])
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(reader, &buffer, buffer.count)
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
        }
        var info = stat()
        let stillPipe = lstat(pipe, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
        return (stillPipe && run.status == 0, String(decoding: received, as: UTF8.self), run.status)
    }

    @Test("-o a named pipe: the output goes into the pipe, and the pipe stays a pipe")
    func namedPipe() throws {
        let result = try Self.writesIntoNamedPipe()
        #expect(result.ok, "status \(result.status)")
        #expect(ParsedCSV(result.received)?.column("area") == ["A", "B"], "\(result.received)")
    }

    @Test("-o /dev/full: exit 74, and /dev/full is still the device", .enabled(if: isCharacterDevice("/dev/full")))
    func outputDiskFull() throws {
        try #require(try Self.writesIntoNamedPipe().ok, "this build replaces special files given to -o: not trying /dev/full")
        let path = try CLI.file(Self.data)
        for arguments in [["summarize", path, "--format", "csv"], ["forecast", path], ["validate", path]] {
            let run = try CLI.run(arguments + ["-o", "/dev/full"])
            #expect(run.status == 74, "\(arguments[0]): \(run.stderr)")
            #expect(run.stderr.hasPrefix("metrics: error: /dev/full: write failed: no space left on the device"), "\(run.stderr)")
            #expect(Self.isCharacterDevice("/dev/full"))
        }
    }

    @Test("-o /dev/stdout writes to standard output and leaves the link alone", .enabled(if: FileManager.default.fileExists(atPath: "/dev/stdout")))
    func outputDevStdout() throws {
        try #require(try Self.writesIntoNamedPipe().ok, "this build replaces special files given to -o: not trying /dev/stdout")
        let before = try FileManager.default.attributesOfItem(atPath: "/dev/stdout")[.type] as? FileAttributeType
        let run = try CLI.run(["summarize", try CLI.file(Self.data), "-o", "/dev/stdout", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(ParsedCSV(run.stdout)?.column("area") == ["A", "B"])
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/stdout")[.type] as? FileAttributeType == before)
    }

    // MARK: Outputs that cannot be created

    /// Places where no folder or file can be made, for anyone: under a regular file, and under `/proc`.
    static func impossiblePlaces(in folder: URL) throws -> [String] {
        let file = folder.appendingPathComponent("a-file").path
        try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: file))
        var places = [file + "/sub"]
        if FileManager.default.fileExists(atPath: "/proc/self") { places.append("/proc/metrics-test-\(UUID().uuidString)") }
        return places
    }

    @Test("-o FILE in a folder that cannot exist, or a folder as FILE: exit 73, nothing written")
    func outputFileCannotBeCreated() throws {
        let folder = try Self.folder()
        let path = try CLI.file(Self.data)
        for place in try Self.impossiblePlaces(in: folder) {
            let run = try CLI.run(["summarize", path, "-o", place + "/summary.csv"])
            #expect(run.status == 73, "\(place): \(run.stderr)")
            #expect(run.stderr.hasPrefix("metrics: error: \(place)/summary.csv: cannot create a file in"), "\(run.stderr)")
        }
        let directory = folder.appendingPathComponent("a-folder").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let run = try CLI.run(["summarize", path, "-o", directory])
        #expect(run.status == 73 && run.stderr.contains("it is a directory"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a-file", "a-folder"], "no temporary file left")
    }

    @Test("report -o DIR and batch -o DIR when DIR cannot be created, or is a file: exit 73")
    func directoryCannotBeCreated() throws {
        let folder = try Self.folder()
        let path = try CLI.file(Self.data)
        let config = (path as NSString).deletingLastPathComponent + "/run.yaml"
        try Data("inputs: [data.csv]\nmodels: [forecast]\n".utf8).write(to: URL(fileURLWithPath: config))
        let file = folder.appendingPathComponent("a-file").path
        for place in try Self.impossiblePlaces(in: folder) + [file] {
            let report = try CLI.run(["report", path, "-o", place])
            #expect(report.status == 73, "report \(place): \(report.stderr)")
            #expect(report.stderr.hasPrefix("metrics: error: \(place)"), "\(report.stderr)")
            let batch = try CLI.run(["batch", config, "-o", place])
            #expect(batch.status == 73, "batch \(place): \(batch.stderr)")
            #expect(batch.stderr.hasPrefix("metrics: error: \(place)"), "\(batch.stderr)")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "not a folder\n")
    }

    @Test(
        "a folder without write permission: exit 73 for -o FILE, report and batch",
        .enabled(if: geteuid() != 0, "running as root: permission bits do not stop root (the other tests use a file where a folder is expected, and /proc)"))
    func readOnlyFolder() throws {
        let folder = try Self.folder()
        let locked = folder.appendingPathComponent("locked").path
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        chmod(locked, 0o555)
        defer { chmod(locked, 0o755) }
        let path = try CLI.file(Self.data)
        let config = (path as NSString).deletingLastPathComponent + "/run.yaml"
        try Data("inputs: [data.csv]\n".utf8).write(to: URL(fileURLWithPath: config))
        #expect(try CLI.run(["summarize", path, "-o", locked + "/summary.csv"]).status == 73)
        #expect(try CLI.run(["report", path, "-o", locked + "/bundle"]).status == 73)
        #expect(try CLI.run(["batch", config, "-o", locked + "/out"]).status == 73)
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty)
    }

    // MARK: kill -9 during a batch

    /// SHA-256 of a file, by the system's `sha256sum`.
    static func sha256(_ path: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: " ").first.map(String.init)
    }

    /// Every output file the manifest lists is present and has its checksum; every CSV in the folder parses
    /// whole; nothing but hidden temporary files is unaccounted for.
    static func checkWhole(_ out: String) throws {
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        #expect(!outputs.isEmpty)
        for output in outputs {
            let name = try #require(output["file"] as? String)
            let path = out + "/" + name
            #expect(FileManager.default.fileExists(atPath: path), "\(name) is listed but missing")
            if let digest = try sha256(path) { #expect(digest == output["sha256"] as? String, "\(name) differs from its checksum") }
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(size == output["bytes"] as? Int, "\(name)")
        }
        let walker = try #require(FileManager.default.enumerator(atPath: out))
        for case let name as String in walker where name.hasSuffix(".csv") && !name.hasPrefix(".work") {
            #expect(ParsedCSV(try String(contentsOfFile: out + "/" + name, encoding: .utf8)) != nil, "\(name) does not parse whole")
        }
    }

    @Test("kill -9 during a batch over a finished run: every file left is whole and matches the manifest")
    func killDuringBatch() throws {
        let (config, folder) = try BatchCommandTests.project()
        let out = folder.appendingPathComponent("out").path
        let first = try CLI.run(["batch", config, "-o", out, "--chunk-size", "1"])
        #expect(first.status == 1, "\(first.stderr)")
        try Self.checkWhole(out)
        let finished = try BadInputTests.snapshot(URL(fileURLWithPath: out))
        // A changed input, so that a completed second run would write different files.
        try Data("area_code,area_name,indicator,period,value,unit\nE2,Y,rate_a,2020,1,percent\nE2,Y,rate_a,2021,2,percent\n".utf8)
            .write(to: folder.appendingPathComponent("c_bad.csv"))
        for chunks in [2, 5] {
            let killed = try CLI.run(["batch", config, "-o", out, "--chunk-size", "1", "--kill-after-chunks", String(chunks)])
            #expect(killed.status == 9 || killed.status == 137, "killed by SIGKILL: \(killed.status)")
            try Self.checkWhole(out)
            let now = try BadInputTests.snapshot(URL(fileURLWithPath: out)).filter { !$0.key.hasPrefix(".work") }
            #expect(now == finished, "the previous run's files, byte for byte, after a kill after \(chunks) chunk(s)")
        }
        let resumed = try CLI.run(["batch", config, "-o", out, "--chunk-size", "1", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        try Self.checkWhole(out)
        #expect(!FileManager.default.fileExists(atPath: out + "/.work"))
    }

    // MARK: A series that used to make GSL fail

    /// Series A's values alternate at ±10³⁰⁸. Holt's sum of squared errors used to overflow there and GSL's
    /// Nelder–Mead (`gsl_multimin_fminimizer_set`) refused the non-finite value, so the series failed (exit 1).
    /// Every measure now runs on the values scaled by a power of two (`ValueScale`): the series is summarised
    /// and forecast like any other. Series B is ordinary.
    static let overflowing = "area,period,value\n" + (0..<6).map { "A,\(2000 + $0),\($0 % 2 == 0 ? "1e308" : "-1e308")\n" }.joined()
        + (0..<6).map { "B,\(2000 + $0),\(10 + $0 * 3 + $0 % 2)\n" }.joined()

    @Test("a series at ±1e308: summarised, forecast, batched and reported without a GSL failure")
    func formerGSLFailure() throws {
        let path = try CLI.file(Self.overflowing)
        let directory = (path as NSString).deletingLastPathComponent

        let summary = try CLI.run(["summarize", path, "--measures", "holt", "-o", directory + "/summary.csv"])
        #expect(summary.status == 0, "\(summary.stderr)")
        let table = try #require(ParsedCSV(try String(contentsOfFile: directory + "/summary.csv", encoding: .utf8)))
        #expect(table.column("area") == ["A", "B"])
        for field in ["holt_alpha", "holt_forecast_1", "sd", "mean", "ols_slope_se", "ols_p"] {
            #expect(table.column(field)?.allSatisfy { Double($0)?.isFinite == true } == true, "\(field): \(table.column(field) ?? [])")
        }

        let forecast = try CLI.run(["forecast", path, "--format", "csv"])
        #expect(forecast.status == 0, "\(forecast.stderr)")
        let rows = try #require(ParsedCSV(forecast.stdout))
        #expect(rows.column("area") == ["A", "A", "A", "B", "B", "B"])
        #expect(rows.column("forecast")?.allSatisfy { Double($0)?.isFinite == true } == true)

        let config = directory + "/run.yaml"
        try Data("inputs: [data.csv]\nmeasures: [holt]\nmodels: [forecast]\n".utf8).write(to: URL(fileURLWithPath: config))
        let batch = try CLI.run(["batch", config, "-o", directory + "/out"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let errors = try #require(ParsedCSV(try String(contentsOfFile: directory + "/out/errors.csv", encoding: .utf8)))
        #expect(errors.rows.isEmpty, "\(errors.rows)")

        let report = try CLI.run(["report", path, "--measures", "holt", "-o", directory + "/bundle"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory + "/bundle/index.html"))
    }
}
