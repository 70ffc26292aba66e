import Foundation
import Testing

/// Inputs that would exhaust the process, through the real executable at the real limits (`RecordLimits`:
/// a record takes at most 64 MiB, a field at most 16 MiB): `/dev/zero` given to every verb and to every
/// side input (events, neighbours, price index), a generated pipe of 70 MB without a line break, the same
/// gzip-compressed, and a field one byte over 16 MiB. Each is exit 65 at the line and column where the limit
/// is crossed. A batch given `/dev/zero` as an input is exit 66 (it would be hashed for ever), and as its
/// configuration exit 65 past 1 MiB. Each run is held to 1 GiB of address space (`ulimit -v`, not under a
/// sanitizer, which reserves terabytes of shadow memory) and 60 s of CPU (`ulimit -t`): a reader that grew
/// its block without bound, or never stopped, fails at once rather than taking the machine.
struct InputLimitTests {
    typealias CLI = CommandLineTests

    /// Column 67,108,865: the first byte past 64 MiB on a line that starts at the start of the block.
    static let past64MiB = ":1:67108865: this record is longer than 64 MiB"

    static let sanitized = ProcessInfo.processInfo.environment["ASAN_OPTIONS"] != nil
        || ProcessInfo.processInfo.environment["TSAN_OPTIONS"] != nil

    /// Runs `shell` (POSIX sh; `METRICS` names the executable) with at most 1 GiB of address space and 60 s
    /// of CPU time.
    static func shell(_ script: String, in directory: URL? = nil) throws -> CLI.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -t 60 || exit 99; " + (sanitized ? "" : "ulimit -v 1048576 || exit 99; ") + script]
        var environment = ProcessInfo.processInfo.environment
        environment["METRICS"] = CLI.executable.path
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let good = "area,period,value\nA,2019,1\nA,2020,2\nA,2021,3\n"

    /// Every reader of delimited text, as the verbs reach it, given `/dev/zero` (`GOOD` is a small tidy file).
    static let verbs: [String] = [
        "summarize /dev/zero", "validate /dev/zero", "report /dev/zero -o out", "compare /dev/zero",
        "fit /dev/zero --x a --y b", "describe /dev/zero --column a",
        "rate /dev/zero --count c --denominator d", "proportion /dev/zero --count c --denominator d",
        "dsr /dev/zero --count c --population p --esp2013 --band b", "recent-trend /dev/zero --value v --lower l --upper u",
        "its /dev/zero --event 2020", "smooth /dev/zero --window 3", "forecast /dev/zero", "spc /dev/zero",
        "changepoints /dev/zero",
        "compare GOOD --area A --neighbours /dev/zero", "report GOOD --events /dev/zero -o out",
        "deflate GOOD --index /dev/zero --base 2019",
    ]

    @Test("/dev/zero, as the input of every verb and as every side input: exit 65 past 64 MiB", .enabled(if: FileManager.default.fileExists(atPath: "/dev/zero")), arguments: verbs)
    func endlessZeros(verb: String) throws {
        let good = try CLI.file(Self.good)
        let folder = URL(fileURLWithPath: good).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.shell("exec \"$METRICS\" " + verb.replacingOccurrences(of: "GOOD", with: good), in: folder)
        #expect(run.status == 65, "\(run.stderr.prefix(300))")
        #expect(run.stderr.hasPrefix("metrics: error: /dev/zero" + Self.past64MiB), "\(run.stderr.prefix(300))")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path + "/index.html"))
    }

    @Test("a generated pipe of 70 MB without a line break: exit 65 past 64 MiB, for summarize and stream (tab and csv)")
    func longPipe() throws {
        let produce = "head -c 70000000 /dev/zero | tr '\\0' x | "
        for consumer in ["\"$METRICS\" summarize -", "\"$METRICS\" stream --columns area,period,value",
                         "\"$METRICS\" stream --columns area,period,value --delimiter csv"] {
            let run = try Self.shell(produce + consumer)
            #expect(run.status == 65, "\(consumer): \(run.stderr.prefix(300))")
            #expect(run.stderr.hasPrefix("metrics: error: <stdin>" + Self.past64MiB), "\(consumer): \(run.stderr.prefix(300))")
        }
    }

    @Test("a gzip member that inflates to one line of 70 MB: exit 65 past 64 MiB", .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/gzip") || FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip")))
    func gzipOfOneLongLine() throws {
        let run = try Self.shell("(printf 'area,period,value\\nA,2019,'; head -c 70000000 /dev/zero | tr '\\0' 7) | gzip -1 | \"$METRICS\" summarize -")
        #expect(run.status == 65, "\(run.stderr.prefix(300))")
        // Line 2 starts where line 1 ended, and is moved to the start of the block: `A,2019,` and then the
        // digits, up to byte 64 MiB of the line.
        #expect(run.stderr.hasPrefix("metrics: error: <stdin>:2:67108865: this record is longer than 64 MiB"), "\(run.stderr.prefix(300))")
    }

    @Test("a field of 16 MiB is read; one byte more is exit 65 at its column")
    func fieldAtTheLimit() throws {
        let folder = try BadInputTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (size, status) in [(16 << 20, Int32(0)), ((16 << 20) + 1, Int32(65))] {
            // The key is quoted: its field takes the key's bytes and two quotes.
            let path = try BadInputTests.generated("key-\(size).csv", [
                ("area,period,value\nB,2019,1\n\"", 1), ("k", size - 2), ("\",2019,1\n", 1),
            ])
            let run = try Self.shell("exec \"$METRICS\" summarize \"\(path)\" --format csv -o \"\(folder.path)/out-\(size).csv\"")
            #expect(run.status == status, "\(size): \(run.stderr.prefix(300))")
            if status == 65 {
                #expect(run.stderr.hasPrefix("metrics: error: \(path):3:1: this field is longer than 16 MiB"), "\(run.stderr.prefix(300))")
            }
            try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
        }
    }

    @Test("batch: /dev/zero as an input is exit 66 (it cannot be read twice), as the configuration exit 65 past 1 MiB", .enabled(if: FileManager.default.fileExists(atPath: "/dev/zero")))
    func batchOfZeros() throws {
        let folder = try BadInputTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("inputs: [/dev/zero]\n".utf8).write(to: folder.appendingPathComponent("zeros.yaml"))
        let input = try Self.shell("exec \"$METRICS\" batch zeros.yaml -o out", in: folder)
        #expect(input.status == 66, "\(input.stderr.prefix(300))")
        #expect(input.stderr.hasPrefix("metrics: error: /dev/zero: is not a regular file"), "\(input.stderr.prefix(300))")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/summary.csv").path))
        let configuration = try Self.shell("exec \"$METRICS\" batch /dev/zero -o out", in: folder)
        #expect(configuration.status == 65, "\(configuration.stderr.prefix(300))")
        #expect(configuration.stderr.hasPrefix("metrics: error: /dev/zero:1:1048577: the configuration is longer than 1 MiB"), "\(configuration.stderr.prefix(300))")
    }

    @Test("batch: a configuration of 1,500 aliases of a 500 KB name in select.areas is exit 65 at the alias that passes 16 MiB")
    func aliasAmplification() throws {
        let folder = try BadInputTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.good.utf8).write(to: folder.appendingPathComponent("a.csv"))
        // The scalars before the aliases take 500,032 bytes (`inputs`, `a.csv`, `select`, `indicators`, the
        // name, `areas`); alias k brings the text to 500,032 + 500,000 · k, past 16 MiB (16,777,216) at
        // k = 33, on line 4 + 33.
        let config = "inputs: [a.csv]\nselect:\n  indicators: &big " + String(repeating: "x", count: 500_000) + "\n  areas:\n"
            + String(repeating: "    - *big\n", count: 1_500)
        try Data(config.utf8).write(to: folder.appendingPathComponent("amplified.yaml"))
        let started = ContinuousClock.now
        let run = try Self.shell("exec \"$METRICS\" batch amplified.yaml -o out", in: folder)
        let took = ContinuousClock.now - started
        #expect(run.status == 65, "\(run.stderr.prefix(300))")
        #expect(run.stderr.hasPrefix("metrics: error: amplified.yaml:37:7: the alias *big makes the configuration's text longer than 16 MiB"), "\(run.stderr.prefix(300))")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        #expect(took < .seconds(10), "took \(took) (the issue's case took 68 s)")
    }

    @Test("--replicates beyond 10⁶ is a usage error (exit 64), not a request for 80 GB")
    func replicates() throws {
        let good = try CLI.file(Self.good)
        defer { try? FileManager.default.removeItem(atPath: (good as NSString).deletingLastPathComponent) }
        for command in ["changepoints \"\(good)\"", "summarize \"\(good)\" --measures buishand"] {
            for replicates in ["1000001", "10000000000"] {
                let run = try Self.shell("exec \"$METRICS\" \(command) --replicates \(replicates)")
                #expect(run.status == 64, "\(command) \(replicates): \(run.stderr.prefix(300))")
                #expect(run.stderr.contains("--replicates must be between"), "\(run.stderr.prefix(300))")
            }
        }
    }
}
