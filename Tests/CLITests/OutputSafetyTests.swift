import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Output safety through the real executable (issue 16, "Data loss and silent mixing"): a batch `name` that
/// is not a plain folder name is refused before any file is touched; one run at a time writes an output
/// folder; a bundle that fails midway leaves the previous one whole; `kill -9` during the merge leaves no
/// temporary behind a resumed run; `-o` keeps a replaced file's mode and owner; `ulimit -f` is exit 74.
struct OutputSafetyTests {
    typealias CLI = CommandLineTests

    /// `count` series of 12 years each, rows of a series adjacent.
    static func series(_ count: Int, offset: Double = 0) -> String {
        var text = "area,period,value\n"
        for i in 0..<count {
            for year in 2010...2021 {
                text += "Area \(i),\(year),\(offset + 50 + Double(i) + Double(year - 2010) * 1.5 + Double((year * 7 + i) % 5))\n"
            }
        }
        return text
    }

    static func folder() throws -> URL { try BadInputTests.folder() }

    static func save(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

    /// Runs `metrics` with `directory` as the working directory.
    static func run(_ arguments: [String], in directory: URL) throws -> CommandLineTests.Run {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `metrics` under a file-size limit of `blocks` × 512 bytes (`ulimit -f` in the POSIX shell).
    static func runLimited(_ arguments: [String], blocks: Int, stdout: String? = nil) throws -> CommandLineTests.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let redirect = stdout.map { " > '\($0)'" } ?? ""
        process.arguments = ["-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"\(redirect)", CLI.executable.path] + arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Every file and folder under `url`, hidden ones included (names relative to it).
    static func tree(_ url: URL) -> [String] {
        (FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String] ?? []).sorted()
    }

    // MARK: Names

    @Test("batch: a name with a NUL, a control character or a slash, or empty, ., .., too long: exit 65 at its line and column, nothing removed")
    func unsafeNames() throws {
        let folder = try Self.folder()
        try Self.save(Self.series(2), to: folder.appendingPathComponent("data.csv"))
        // Other runs' folders under notebooks-out/, which the old code removed ("\0" cut the path to
        // notebooks-out/, "x\0y" to notebooks-out/x).
        for (path, text) in [("notebooks-out/x/mine.txt", "mine\n"), ("notebooks-out/other/summary.csv", "other\n"), ("notebooks-out/x/.work/state.json", "x\n")] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.save(text, to: url)
        }
        let before = try BadInputTests.snapshot(folder)
        let long = String(repeating: "n", count: 201)
        for (name, words) in [
            (#"\0"#, "character 1 is U+0000"), (#"x\0y"#, "character 2 is U+0000"), (#"x\ty"#, "character 2 is U+0009"),
            (#"x\u001B[31m"#, "character 2 is U+001B"), (#"x\u0085"#, "character 2 is U+0085"), ("a/b", "no '/'"), ("", "not ''"),
            (".", "not '.'"), ("..", "not '..'"), (long, "at most 200 bytes"),
        ] {
            let config = folder.appendingPathComponent("run.yaml")
            try Self.save("name: \"\(name)\"\ninputs: [data.csv]\n", to: config)
            let run = try Self.run(["batch", "run.yaml"], in: folder)
            #expect(run.status == 65, "\(name): \(run.stderr)")
            #expect(run.stderr.hasPrefix("metrics: error: run.yaml:1:7: name must be a plain folder name"), "\(name): \(run.stderr)")
            #expect(run.stderr.contains(words), "\(name): \(run.stderr)")
            #expect(try BadInputTests.snapshot(folder).filter { $0.key != "run.yaml" } == before, "\(name): files were touched")
        }
        // A NUL in an input path is refused too (it would read another file).
        try Self.save("inputs: [\"data.csv\\0.gz\"]\n", to: folder.appendingPathComponent("run.yaml"))
        let input = try Self.run(["batch", "run.yaml"], in: folder)
        #expect(input.status == 65 && input.stderr.hasPrefix("metrics: error: run.yaml:1:10: a path cannot hold a NUL character"), "\(input.stderr)")
    }

    // MARK: One run at a time

    /// Holds the lock of the output folder `out` as a run would, from this process.
    static func holdLock(of out: URL) throws -> Int32 {
        let runFolder = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).metrics-run")
        try FileManager.default.createDirectory(at: runFolder, withIntermediateDirectories: true)
        let fd = open(runFolder.appendingPathComponent("lock").path, O_RDWR | O_CREAT, 0o644)
        try #require(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        let pid = "4242\n"
        _ = pid.withCString { Glibc.write(fd, $0, strlen($0)) }
        return fd
    }

    @Test("batch and report into a folder another run holds: exit 73 naming the holder's pid, the folder untouched")
    func lockedFolder() throws {
        let (config, folder) = try BatchCommandTests.project(models: "[]")
        let out = folder.appendingPathComponent("out")
        #expect(try CLI.run(["batch", config, "-o", out.path]).status == 1)
        let before = try BadInputTests.snapshot(out)
        let fd = try Self.holdLock(of: out)
        defer { close(fd) }
        let batch = try CLI.run(["batch", config, "-o", out.path])
        #expect(batch.status == 73, "\(batch.stderr)")
        #expect(batch.stderr.hasPrefix("metrics: error: \(out.path): it is in use by another metrics run (pid 4242)"), "\(batch.stderr)")
        let report = try CLI.run(["report", folder.appendingPathComponent("a.csv").path, "-o", out.path])
        #expect(report.status == 73 && report.stderr.contains("in use by another metrics run (pid 4242)"), "\(report.stderr)")
        #expect(try BadInputTests.snapshot(out) == before)
    }

    /// Starts `metrics ARGUMENTS` and stops it (SIGSTOP) as soon as it holds the lock of `out` (the lock file
    /// names its pid): a run that holds the folder for as long as the test needs. `SIGCONT` lets it finish.
    static func startAndStopHolding(_ arguments: [String], out: URL) throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let lock = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).metrics-run/lock").path
        while process.isRunning {
            if let text = try? String(contentsOfFile: lock, encoding: .utf8), text == "\(process.processIdentifier)\n" {
                kill(process.processIdentifier, SIGSTOP)
                return process
            }
            usleep(1000)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the first run ended before it was seen holding the lock"])
    }

    @Test("two metrics runs into one folder: the second fails with 73 naming the first's pid (or waits with --wait); the bundle is one run's, whole")
    func concurrentRuns() throws {
        let folder = try Self.folder()
        let out = folder.appendingPathComponent("same")
        // A batch that runs for a while after it takes the lock (60 series in chunks of one), stopped there.
        try Self.save(Self.series(60), to: folder.appendingPathComponent("a.csv"))
        try Self.save("inputs: [a.csv]\nmodels: [forecast]\n", to: folder.appendingPathComponent("ca.yaml"))
        try Self.save(Self.series(3, offset: 1000), to: folder.appendingPathComponent("b.csv"))
        try Self.save("inputs: [b.csv]\noutputs: {report: true}\n", to: folder.appendingPathComponent("cb.yaml"))
        let slow = ["batch", folder.path + "/ca.yaml", "-o", out.path, "--chunk-size", "1"]

        let first = try Self.startAndStopHolding(slow, out: out)
        let batch = try CLI.run(["batch", folder.path + "/cb.yaml", "-o", out.path])
        #expect(batch.status == 73, "\(batch.stderr)")
        #expect(batch.stderr.hasPrefix("metrics: error: \(out.path): it is in use by another metrics run (pid \(first.processIdentifier))"), "\(batch.stderr)")
        let report = try CLI.run(["report", folder.path + "/b.csv", "-o", out.path])
        #expect(report.status == 73 && report.stderr.contains("(pid \(first.processIdentifier))"), "\(report.stderr)")
        kill(first.processIdentifier, SIGCONT)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let summary = try #require(ParsedCSV(try String(contentsOfFile: out.path + "/summary.csv", encoding: .utf8)))
        #expect(summary.rows.count == 60, "the first run's data only")
        try FaultTests.checkWhole(out.path)
        let manifest = try String(contentsOfFile: out.path + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("a.csv") && !manifest.contains("b.csv"))

        // --wait: the second run waits for the first, then replaces its bundle with its own, whole.
        let again = try Self.startAndStopHolding(slow, out: out)
        let waiting = Process()
        waiting.executableURL = CLI.executable
        waiting.arguments = ["batch", folder.path + "/cb.yaml", "-o", out.path, "--wait"]
        waiting.standardError = FileHandle.nullDevice
        try waiting.run()
        usleep(500_000)
        #expect(waiting.isRunning, "it waits for the lock")
        kill(again.processIdentifier, SIGCONT)
        again.waitUntilExit()
        waiting.waitUntilExit()
        #expect(again.terminationStatus == 0 && waiting.terminationStatus == 0)
        let last = try #require(ParsedCSV(try String(contentsOfFile: out.path + "/summary.csv", encoding: .utf8)))
        #expect(last.rows.count == 3, "the waiting run's data")
        try FaultTests.checkWhole(out.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path + "/report/charts").count == 6)
        #expect(!FileManager.default.fileExists(atPath: out.path + "/models"), "nothing of the first run's bundle is left")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty, "no run folder left")
    }

    // MARK: Bundles replaced whole

    @Test("report and batch whose writing fails midway (ulimit -f): exit 74, the previous bundle byte-identical, nothing left beside it")
    func failedWriteKeepsPreviousBundle() throws {
        let folder = try Self.folder()
        try Self.save(Self.series(2), to: folder.appendingPathComponent("small.csv"))
        // 40 series: every summary, data and chart file is under 64 KiB, index.html is about 450 KB.
        try Self.save(Self.series(40), to: folder.appendingPathComponent("big.csv"))
        let bundle = folder.appendingPathComponent("bundle")
        #expect(try CLI.run(["report", folder.path + "/small.csv", "-o", bundle.path]).status == 0)
        let before = try BadInputTests.snapshot(bundle)
        let report = try Self.runLimited(["report", folder.path + "/big.csv", "-o", bundle.path], blocks: 128)
        #expect(report.status == 74, "\(report.stderr)")
        #expect(report.stderr.contains("index.html: write failed: file size limit exceeded"), "\(report.stderr)")
        #expect(try BadInputTests.snapshot(bundle) == before, "the previous bundle, whole")

        try Self.save("inputs: [big.csv]\nmodels: [spc]\noutputs: {report: true}\n", to: folder.appendingPathComponent("big.yaml"))
        try Self.save("inputs: [small.csv]\nmodels: [spc]\noutputs: {report: true}\n", to: folder.appendingPathComponent("small.yaml"))
        let out = folder.appendingPathComponent("out")
        #expect(try CLI.run(["batch", folder.path + "/small.yaml", "-o", out.path]).status == 0)
        let previous = try BadInputTests.snapshot(out)
        // Chunks of 10 series, the summary and the models stay under the limit; the report's index.html does not.
        let batch = try Self.runLimited(["batch", folder.path + "/big.yaml", "-o", out.path, "--chunk-size", "10"], blocks: 128)
        #expect(batch.status == 74 && batch.stderr.contains("\(out.path)/report/index.html: write failed: file size limit exceeded"), "\(batch.stderr)")
        #expect(try BadInputTests.snapshot(out) == previous, "the previous batch bundle, whole")
        try FaultTests.checkWhole(out.path)
        // No temporary anywhere; beside the folder only the batch's chunks, kept for --resume.
        #expect(!Self.tree(folder).contains { $0.contains(".metrics-tmp-") }, "\(Self.tree(folder))")
        let kept = Self.tree(folder).filter { $0.hasPrefix(".") }
        #expect(kept.allSatisfy { [".out.metrics-run", ".out.metrics-run/work", ".out.metrics-run/work/state.json"].contains($0) || $0.hasSuffix(".chunk") }, "\(kept)")
        let resumed = try CLI.run(["batch", folder.path + "/big.yaml", "-o", out.path, "--chunk-size", "10", "--resume"])
        #expect(resumed.status == 0 && resumed.stderr.contains("4 chunk(s) kept from the interrupted run"), "\(resumed.stderr)")
        #expect(Self.tree(folder).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test("a folder of the user's own is never replaced (73, untouched); an empty one is; files of one's own in a bundle are kept")
    func foreignFolders() throws {
        let folder = try Self.folder()
        let input = folder.appendingPathComponent("data.csv").path
        try Self.save(Self.series(2), to: URL(fileURLWithPath: input))
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("Documents"), withIntermediateDirectories: true)
        try Self.save("thesis\n", to: home.appendingPathComponent("Documents/thesis.txt"))
        try Self.save("mine\n", to: home.appendingPathComponent("summary.csv"))
        let before = try BadInputTests.snapshot(home)
        let config = folder.appendingPathComponent("run.yaml").path
        try Self.save("inputs: [data.csv]\n", to: URL(fileURLWithPath: config))
        for arguments in [["report", input], ["batch", config]] {
            let run = try CLI.run(arguments + ["-o", home.path])
            #expect(run.status == 73, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("metrics: error: \(home.path): it holds files that metrics did not write"), "\(run.stderr)")
            #expect(try BadInputTests.snapshot(home) == before)
        }
        // The working directory (or a folder holding it) is refused even when empty.
        let here = folder.appendingPathComponent("here")
        try FileManager.default.createDirectory(at: here, withIntermediateDirectories: true)
        #expect(try Self.run(["report", input, "-o", "."], in: here).stderr.contains("it is the working directory"))

        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try CLI.run(["report", input, "-o", empty.path]).status == 0)
        // Files, folders and links of the user's own in a bundle, also inside its own folders, stay.
        try Self.save("notes\n", to: empty.appendingPathComponent("notes.txt"))
        try FileManager.default.createDirectory(at: empty.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        try Self.save("draft\n", to: empty.appendingPathComponent("drafts/a.md"))
        try Self.save("mine\n", to: empty.appendingPathComponent("charts/logo.png"))
        try FileManager.default.createSymbolicLink(atPath: empty.path + "/latest", withDestinationPath: "charts")
        try Self.save("old\n", to: empty.appendingPathComponent("charts/009-old.svg"))
        #expect(try CLI.run(["report", input, "-o", empty.path, "--area", "Area 1"]).status == 0)
        let after = try BadInputTests.snapshot(empty)
        #expect(after["notes.txt"] == Data("notes\n".utf8) && after["drafts/a.md"] == Data("draft\n".utf8) && after["charts/logo.png"] == Data("mine\n".utf8))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: empty.path + "/latest")) == "charts")
        #expect(after["charts/009-old.svg"] == nil && after.keys.filter { $0.hasPrefix("data/") }.count == 1, "\(after.keys.sorted())")

        // A bundle of an earlier version (no marker) is recognised by its files and replaced.
        try FileManager.default.removeItem(atPath: empty.path + "/.metrics-bundle")
        #expect(try CLI.run(["report", input, "-o", empty.path]).status == 0)
        #expect(try BadInputTests.snapshot(empty).keys.filter { $0.hasPrefix("data/") }.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    // MARK: Temporaries

    @Test("kill -9 during the merge, then --resume: no .metrics-tmp-* or merge file left, outputs equal a clean run's")
    func killDuringMerge() throws {
        let folder = try Self.folder()
        // 150 series in chunks of one: 150 chunks, more than the 64 merged at once, so a merge round writes
        // files of its own before the last merge into the outputs (150 records each).
        try Self.save(Self.series(150), to: folder.appendingPathComponent("data.csv"))
        let config = folder.appendingPathComponent("run.yaml").path
        try Self.save("inputs: [data.csv]\nmodels: [spc]\noutputs: {formats: [json]}\n", to: URL(fileURLWithPath: config))
        let clean = folder.appendingPathComponent("clean").path
        #expect(try CLI.run(["batch", config, "-o", clean, "--chunk-size", "1"]).status == 0)
        let out = folder.appendingPathComponent("out").path
        for merged in [100, 220] {
            let killed = try CLI.run(["batch", config, "-o", out, "--chunk-size", "1", "--kill-after-merged", String(merged)])
            #expect(killed.status == 9 || killed.status == 137, "killed by SIGKILL after \(merged) merged records: \(killed.status) \(killed.stderr)")
            #expect(Self.tree(folder).contains { $0.contains(".metrics-tmp-") }, "the kill leaves a half-written file: \(Self.tree(folder))")
            let resumed = try CLI.run(["batch", config, "-o", out, "--chunk-size", "1", "--resume"])
            #expect(resumed.status == 0 && resumed.stderr.contains("150 chunk(s) kept"), "\(resumed.stderr)")
            let left = Self.tree(folder).filter { $0.contains(".metrics-tmp-") || $0.contains("merge-") || $0.hasPrefix(".") }
            #expect(left.isEmpty, "\(left)")
            #expect(try BatchCommandTests.outputs(out) == BatchCommandTests.outputs(clean))
            #expect(try BatchCommandTests.read(out + "/models/spc.csv") == BatchCommandTests.read(clean + "/models/spc.csv"))
        }
    }

    // MARK: -o over an existing file

    @Test("-o over an existing file keeps its mode (and its owner, as root); other hard links keep the old content")
    func replacedFileKeepsModeAndOwner() throws {
        let input = try CLI.file(Self.series(2))
        let output = (input as NSString).deletingLastPathComponent + "/out.csv"
        try Self.save("old\n", to: URL(fileURLWithPath: output))
        let link = output + ".link"
        try #require(Glibc.link(output, link) == 0)
        chmod(output, 0o640)
        let owner: uid_t = geteuid() == 0 ? 65534 : geteuid()
        if geteuid() == 0 { try #require(chown(output, 65534, 65534) == 0) }
        for arguments in [["summarize", input], ["forecast", input], ["validate", input]] {
            let run = try CLI.run(arguments + ["-o", output])
            #expect(run.status == 0, "\(run.stderr)")
            var info = stat()
            try #require(stat(output, &info) == 0)
            #expect(info.st_mode & 0o7777 == 0o640, "\(arguments[0]): mode \(String(info.st_mode & 0o7777, radix: 8))")
            #expect(info.st_uid == owner, "\(arguments[0]): owner \(info.st_uid)")
            #expect(info.st_nlink == 1, "the new file is a new inode")
        }
        #expect(try String(contentsOfFile: link, encoding: .utf8) == "old\n", "the other link keeps the old content")
        let fresh = (input as NSString).deletingLastPathComponent + "/fresh.csv"
        #expect(try CLI.run(["summarize", input, "-o", fresh]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: (input as NSString).deletingLastPathComponent).filter { $0.hasPrefix(".metrics-tmp-") }.isEmpty)
    }

    // MARK: File-size limit

    @Test("ulimit -f: exit 74 with 'file size limit exceeded', for -o FILE and for standard output, no temporary left")
    func fileSizeLimit() throws {
        let input = try CLI.file(Self.series(40))
        let directory = (input as NSString).deletingLastPathComponent
        let file = try Self.runLimited(["summarize", input, "--format", "csv", "-o", directory + "/out.csv"], blocks: 8)
        #expect(file.status == 74, "\(file.stderr)")
        #expect(file.stderr.hasPrefix("metrics: error: \(directory)/out.csv: write failed: file size limit exceeded"), "\(file.stderr)")
        let stdout = try Self.runLimited(["summarize", input, "--format", "csv"], blocks: 8, stdout: directory + "/piped.csv")
        #expect(stdout.status == 74, "\(stdout.stderr)")
        #expect(stdout.stderr.hasPrefix("metrics: error: <stdout>: write failed: file size limit exceeded"), "\(stdout.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["data.csv", "piped.csv"])
    }
}
