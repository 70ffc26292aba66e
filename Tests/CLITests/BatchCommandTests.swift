import Foundation
import Testing

/// `metrics batch` end to end: outputs, failures, determinism, shards, and resuming after `kill -9`.
struct BatchCommandTests {
    typealias CLI = CommandLineTests

    /// A folder with a configuration, two good inputs (rows of a series adjacent, not sorted by key) and a
    /// malformed third one.
    static func project(models: String = "[forecast, changepoints]") throws -> (config: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("batch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var a = "area_code,area_name,indicator,period,value,unit\n"
        for (code, name) in [("E06000009", "Blackpool"), ("E06000002", "Middlesbrough"), ("E06000001", "Hartlepool, \"the\" town")] {
            for indicator in ["rate_b", "rate_a"] {
                for year in 2015...2024 {
                    let value = Double(year - 2015) * (code == "E06000001" ? -1.5 : 2.25) + Double((year * 7 + code.count) % 5) + 50
                    a += "\(code),\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\",\(indicator),\(year),\(value),percent\n"
                }
            }
        }
        try Data(a.utf8).write(to: folder.appendingPathComponent("a.csv"))
        var b = "area_code,area_name,indicator,period,value,unit\n"
        for year in 2018...2024 { b += "E92000001,England,rate_a,\(year),\(year == 2020 ? "c" : String(40 + year - 2018)),percent\n" }
        try Data(b.utf8).write(to: folder.appendingPathComponent("b.csv"))
        let bad = "area_code,area_name,indicator,period,value,unit\nE1,X,rate_a,2020,1,percent\nE1,X,rate_a,2021-13,2,percent\n"
        try Data(bad.utf8).write(to: folder.appendingPathComponent("c_bad.csv"))
        let config = """
            name: test-run
            inputs: ["*.csv"]
            measures: [pettitt]
            indicators:
              rate_a: {polarity: lower}
            models: \(models)
            outputs: {formats: [json, ndjson]}

            """
        try Data(config.utf8).write(to: folder.appendingPathComponent("run.yaml"))
        return (folder.appendingPathComponent("run.yaml").path, folder)
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static func outputs(_ directory: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in ["summary.csv", "errors.csv", "summary.json", "summary.ndjson", "models/forecast.csv", "models/changepoints.csv"] {
            out[name] = try? read(directory + "/" + name)
        }
        return out
    }

    @Test("outputs sorted by key; a malformed input is listed in errors.csv (exit 1) and everything else written; the manifest")
    func run() throws {
        let (config, folder) = try Self.project()
        let out = folder.appendingPathComponent("out").path
        let run = try CLI.run(["batch", config, "-o", out])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("1 failure(s) listed in"))
        let summary = try Self.read(out + "/summary.csv").split(separator: "\n")
        // c_bad.csv's only series is cut by its bad row: it is not summarised from half its rows.
        #expect(summary.count == 1 + 7, "7 series from a.csv and b.csv")
        #expect(summary[1].hasPrefix("E06000001,\"Hartlepool, \"\"the\"\" town\",rate_a,"))
        #expect(summary[2].hasPrefix("E06000001,\"Hartlepool, \"\"the\"\" town\",rate_b,"))
        #expect(summary[3].hasPrefix("E06000002,Middlesbrough,rate_a,") && summary.last?.hasPrefix("E92000001,England,rate_a,") == true)
        let header = try #require(summary.first)
        #expect(header.hasSuffix(",direction,assessment,pettitt_period,pettitt_p,pettitt_mean_before,pettitt_mean_after,unit,polarity,reasons"))
        #expect(summary.filter { $0.contains(",rate_a,") }.allSatisfy { $0.contains(",lower_is_better,") })
        let errors = try Self.read(out + "/errors.csv").split(separator: "\n")
        #expect(errors.count == 2)
        #expect(errors[1].hasSuffix("c_bad.csv,3,,read,\"'2021-13' is not a period: month 13 does not exist\"") || errors[1].contains("c_bad.csv,3,,read,"), "\(errors)")
        let forecast = try Self.read(out + "/models/forecast.csv")
        #expect(forecast.hasPrefix("area_code,area_name,indicator,method,step,period,forecast"))
        let json = try JSONSerialization.jsonObject(with: Data(try Self.read(out + "/summary.json").utf8)) as? [[String: Any]]
        #expect(json?.count == 7)
        #expect(try Self.read(out + "/summary.ndjson").split(separator: "\n").count == 7)

        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(try Self.read(out + "/manifest.json").utf8)) as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.compactMap { ($0["path"] as? String)?.split(separator: "/").last.map(String.init) } == ["a.csv", "b.csv", "c_bad.csv"])
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        #expect((manifest["counts"] as? [String: Any])?["series"] as? Int == 7)
        #expect((manifest["outputs"] as? [[String: Any]])?.contains { $0["file"] as? String == "summary.csv" } == true)
        #expect(!FileManager.default.fileExists(atPath: out + "/.work"), "a finished run leaves no work files")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty, "nor a run folder")
    }

    @Test("the same run twice, with one thread, with chunks of one series: byte-identical outputs")
    func deterministic() throws {
        let (config, folder) = try Self.project()
        let first = folder.appendingPathComponent("one").path
        let second = folder.appendingPathComponent("two").path
        let third = folder.appendingPathComponent("three").path
        _ = try CLI.run(["batch", config, "-o", first])
        _ = try CLI.run(["batch", config, "-o", second, "--jobs", "1"])
        _ = try CLI.run(["batch", config, "-o", third, "--chunk-size", "1"])
        let a = try Self.outputs(first)
        #expect(a.values.count == 6)
        #expect(a == (try Self.outputs(second)))
        #expect(a == (try Self.outputs(third)))
    }

    @Test("shards: the rows of 1/3, 2/3 and 3/3 together are exactly the unsharded run's")
    func shards() throws {
        let (config, folder) = try Self.project()
        let whole = folder.appendingPathComponent("whole").path
        _ = try CLI.run(["batch", config, "-o", whole])
        let all = try Self.read(whole + "/summary.csv").split(separator: "\n")
        var union: [Substring] = []
        var sizes: [Int] = []
        for i in 1...3 {
            let part = folder.appendingPathComponent("part\(i)").path
            let run = try CLI.run(["batch", config, "-o", part, "--shard", "\(i)/3"])
            #expect(run.status <= 1, "\(run.stderr)")
            let rows = try Self.read(part + "/summary.csv").split(separator: "\n")
            #expect(rows.first == all.first)
            union += rows.dropFirst()
            sizes.append(rows.count - 1)
        }
        #expect(union.sorted() == all.dropFirst().sorted())
        #expect(sizes.filter { $0 > 0 }.count >= 2, "the series spread over the shards: \(sizes)")
        #expect(try CLI.run(["batch", config, "--shard", "4/3"]).status == 64)
    }

    @Test("kill -9 in the middle, then --resume: only the missing chunks computed, outputs equal a clean run's")
    func resume() throws {
        let (config, folder) = try Self.project()
        let clean = folder.appendingPathComponent("clean").path
        _ = try CLI.run(["batch", config, "-o", clean, "--chunk-size", "2"])
        let out = folder.appendingPathComponent("resumed").path
        let killed = try CLI.run(["batch", config, "-o", out, "--chunk-size", "2", "--kill-after-chunks", "2"])
        #expect(killed.status == 9 || killed.status == 137, "killed by SIGKILL: \(killed.status)")
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.csv"), "nothing half-written")
        // The chunks wait in the run folder beside the output folder.
        let work = folder.appendingPathComponent(".resumed.metrics-run/work").path
        let chunks = try FileManager.default.contentsOfDirectory(atPath: work).filter { $0.hasSuffix(".chunk") }
        #expect(chunks.count == 2)
        let resumed = try CLI.run(["batch", config, "-o", out, "--chunk-size", "2", "--resume"])
        #expect(resumed.status == 1 && resumed.stderr.contains("2 chunk(s) kept from the interrupted run"), "\(resumed.stderr)")
        #expect(try Self.outputs(out) == Self.outputs(clean))
        let again = try CLI.run(["batch", config, "-o", out, "--chunk-size", "2", "--resume"])
        #expect(again.status == 0 && again.stderr.contains("already complete"), "\(again.stderr)")
        // A changed input is not resumed over: the work starts again.
        _ = try CLI.run(["batch", config, "-o", out, "--chunk-size", "2", "--kill-after-chunks", "1"])
        try Data("area_code,area_name,indicator,period,value,unit\nE2,Y,rate_a,2020,1,percent\n".utf8).write(to: folder.appendingPathComponent("c_bad.csv"))
        let changed = try CLI.run(["batch", config, "-o", out, "--chunk-size", "2", "--resume"])
        #expect(changed.status == 0 && !changed.stderr.contains("kept"), "\(changed.stderr)")
    }

    // MARK: Inputs that are not files

    /// `/dev/zero` as an input and as the configuration are in `InputLimitTests`, held to bounded time and memory.
    @Test("an input that is a directory (named, or matched by a glob): exit 66 naming it, nothing written")
    func inputsThatAreNotFiles() throws {
        let (_, folder) = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub.csv"), withIntermediateDirectories: true)
        let cases: [(inputs: String, named: String, reason: String)] = [
            ("[sub.csv]", folder.appendingPathComponent("sub.csv").path, "is a directory, not a file"),
            ("[\"s*.csv\"]", folder.appendingPathComponent("sub.csv").path, "is a directory, not a file"),
        ]
        for (i, item) in cases.enumerated() {
            let config = folder.appendingPathComponent("odd\(i).yaml")
            try Data("inputs: \(item.inputs)\n".utf8).write(to: config)
            let out = folder.appendingPathComponent("out\(i)").path
            let run = try CLI.run(["batch", config.path, "-o", out])
            #expect(run.status == 66, "\(item.inputs): \(run.stderr.prefix(300))")
            #expect(run.stderr.hasPrefix("metrics: error: \(item.named): \(item.reason)"), "\(run.stderr.prefix(300))")
            #expect(!FileManager.default.fileExists(atPath: out + "/summary.csv"))
        }
    }

    @Test("a configuration that is a directory is exit 66; one over 1 MiB is exit 65 where 1 MiB ends")
    func configurationsThatAreNotConfigurations() throws {
        let (_, folder) = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = try CLI.run(["batch", folder.path])
        #expect(directory.status == 66 && directory.stderr.hasPrefix("metrics: error: \(folder.path): cannot read the configuration: is a directory"), "\(directory.stderr)")
        // 1 MiB of comment lines of 64 bytes: the limit falls at the end of line 16,384.
        let long = folder.appendingPathComponent("long.yaml")
        try Data(("inputs: [a.csv]\n" + String(repeating: "#" + String(repeating: "-", count: 62) + "\n", count: 16_384)).utf8).write(to: long)
        let run = try CLI.run(["batch", long.path])
        #expect(run.status == 65 && run.stderr.hasPrefix("metrics: error: \(long.path):16385:49: the configuration is longer than 1 MiB"), "\(run.stderr)")
    }

    @Test("--resume over a chunk that is now a directory: exit 66 naming it, never a trap")
    func resumeOverADirectoryChunk() throws {
        let (config, folder) = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("resumed").path
        _ = try CLI.run(["batch", config, "-o", out, "--chunk-size", "2", "--kill-after-chunks", "2"])
        let work = folder.appendingPathComponent(".resumed.metrics-run/work").path
        let chunks = try FileManager.default.contentsOfDirectory(atPath: work).filter { $0.hasSuffix(".chunk") }.sorted()
        let chunk = try #require(chunks.first.map { work + "/" + $0 })
        try FileManager.default.removeItem(atPath: chunk)
        try FileManager.default.createDirectory(atPath: chunk, withIntermediateDirectories: false)
        let resumed = try CLI.run(["batch", config, "-o", out, "--chunk-size", "2", "--resume"])
        #expect(resumed.status == 66, "\(resumed.stderr.prefix(300))")
        #expect(resumed.stderr.hasPrefix("metrics: error: \(chunk): a chunk of the interrupted run cannot be read: is a directory"), "\(resumed.stderr.prefix(300))")
    }
}
