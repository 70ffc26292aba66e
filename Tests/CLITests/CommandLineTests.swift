import Foundation
import Testing

/// `metrics` end to end: the real executable run as a user runs it, from the argument string to what is
/// printed, the exit status and the files left behind.
struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let executable: URL = {
        // The test bundle and the `metrics` executable are built into the same products folder.
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug"),
        ]
        for directory in candidates {
            let url = directory.appendingPathComponent("metrics")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return candidates.last!.appendingPathComponent("metrics")
    }()

    static func run(_ arguments: [String], stdin: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    static func file(_ contents: String, name: String = "data.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    static let line = "year,value\n2016,377\n2017,444\n2018,466\n2019,518\n2020,618\n2021,570\n"

    // MARK: Results

    @Test("fit --format json has SPEC.md's fields, intercept first")
    func fitJSON() throws {
        let path = try Self.file(Self.line)
        let run = try Self.run(["fit", path, "--x", "year", "--y", "value", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in ["n", "dof", "residual_sd", "r_squared", "coefficients"] { #expect(object[key] != nil, "\(key)") }
        #expect(object["n"] as? Int == 6 && object["dof"] as? Int == 4)
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefficients.map { $0["term"] as? String } == ["intercept", "year"])
        for key in ["term", "estimate", "se", "low", "high", "p"] { #expect(coefficients[1][key] != nil, "\(key)") }
        // Slope by hand: Σ(x−x̄)y/Σ(x−x̄)² = (−942.5 − 666 − 233 + 259 + 927 + 1425)/17.5 = 769.5/17.5.
        #expect(abs((coefficients[1]["estimate"] as! Double) - 769.5 / 17.5) < 1e-12)
    }

    @Test("fit writes csv, table, markdown and ndjson")
    func fitFormats() throws {
        let path = try Self.file(Self.line)
        let csv = try Self.run(["fit", path, "--x", "year", "--y", "value", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("term,estimate,se,low,high,p,n,dof,residual_sd,r_squared\nintercept,"))
        let table = try Self.run(["fit", path, "--x", "year", "--y", "value", "--format", "table"])
        #expect(table.stdout.contains("year") && table.stdout.contains("43.97142857") && table.stdout.contains("95% intervals"))
        let markdown = try Self.run(["fit", path, "--x", "year", "--y", "value", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("| term | estimate |"))
        let ndjson = try Self.run(["fit", path, "--x", "year", "--y", "value", "--format", "ndjson"])
        #expect(ndjson.stdout.split(separator: "\n").count == 2)
    }

    @Test("describe --format json has SPEC.md's fields")
    func describeJSON() throws {
        let path = try Self.file(Self.line)
        let run = try Self.run(["describe", path, "--column", "value", "--format", "json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in ["n", "mean", "sd", "min", "max", "median", "lag1_autocorrelation"] { #expect(object[key] != nil, "\(key)") }
        #expect(object["mean"] as? Double == 498.8333333333333)
        #expect(object["median"] as? Double == 492)
    }

    @Test("missing-value symbols are left out and counted; standard input works")
    func missingValues() throws {
        let data = "x,y\n1,2\n2,c\n3,x\n4,8\n5,\n6,12.5\n"
        let run = try Self.run(["fit", "-", "--x", "x", "--y", "y", "--format", "json"], stdin: data)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["n"] as? Int == 3 && object["n_missing"] as? Int == 3)
    }

    @Test("period labels are an x axis in years: 702 in Aug 2020 to 539 in Jul 2021 is −163 over 11/12 year")
    func periodAxis() throws {
        let path = try Self.file("area,period,value\nMiddlesbrough,2020-08,702\nMiddlesbrough,2021-07,539\nElsewhere,2020-08,1\nElsewhere,2021-07,2\n")
        let run = try Self.run(["fit", path, "--x", "period", "--y", "value", "--where", "area=Middlesbrough", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let slope = try #require((object["coefficients"] as? [[String: Any]])?[1]["estimate"] as? Double)
        #expect(slope == -163.0 / (11.0 / 12.0))
        #expect(object["n"] as? Int == 2)
    }

    @Test("financial and academic years: --year-type moves the axis, not the slope")
    func yearType() throws {
        let path = try Self.file("period,value\n2018-19,10\n2019-20,12\n2020-21,15\n")
        let financial = try Self.run(["fit", path, "--x", "period", "--y", "value", "--format", "json"])
        let academic = try Self.run(["fit", path, "--x", "period", "--y", "value", "--year-type", "academic", "--format", "json"])
        let f = try #require(try JSONSerialization.jsonObject(with: Data(financial.stdout.utf8)) as? [String: Any])
        let a = try #require(try JSONSerialization.jsonObject(with: Data(academic.stdout.utf8)) as? [String: Any])
        let fc = try #require(f["coefficients"] as? [[String: Any]])
        let ac = try #require(a["coefficients"] as? [[String: Any]])
        #expect(fc[1]["estimate"] as? Double == 2.5 && ac[1]["estimate"] as? Double == 2.5)
        // The intercept is the value at year 0: moving the axis by 5/12 year moves it by 2.5 × 5/12.
        let shift = (fc[0]["estimate"] as! Double) - (ac[0]["estimate"] as! Double)
        #expect(abs(shift - 2.5 * 5 / 12) < 1e-9)
    }

    @Test("-o writes the file atomically and leaves no temporary files")
    func outputFile() throws {
        let path = try Self.file(Self.line)
        let directory = (path as NSString).deletingLastPathComponent
        let output = directory + "/fit.json"
        let run = try Self.run(["fit", path, "--x", "year", "--y", "value", "-o", output])
        #expect(run.status == 0 && run.stdout.isEmpty)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.hasPrefix("{"), "the format follows the .json extension")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["data.csv", "fit.json"])
    }

    @Test("the same input gives byte-identical output")
    func deterministic() throws {
        let path = try Self.file(Self.line)
        let first = try Self.run(["fit", path, "--x", "year", "--y", "value", "--model", "poly:2", "--format", "json"])
        let second = try Self.run(["fit", path, "--x", "year", "--y", "value", "--model", "poly:2", "--format", "json"])
        #expect(first.stdout == second.stdout && !first.stdout.isEmpty)
    }

    // MARK: Bad input: exit status, FILE:LINE:COLUMN, and no output written

    struct BadInput: Sendable, CustomTestStringConvertible {
        let label: String
        let contents: String
        let arguments: [String]
        let status: Int32
        /// What the message must start with after "metrics: error: FILE".
        let location: String
        let words: String
        var testDescription: String { label }
    }

    static let badInputs: [BadInput] = [
        BadInput(label: "fewer points than parameters", contents: "x,y\n1,2\n2,3\n", arguments: ["--model", "poly:2"], status: 65, location: ":1:1:", words: "needs at least 3 rows"),
        BadInput(label: "constant x", contents: "y,x\n1,5\n2,5\n3,5\n", arguments: [], status: 65, location: ":1:3:", words: "same value in every row"),
        BadInput(label: "NaN", contents: "x,y\n1,2\n2,NaN\n3,4\n", arguments: [], status: 65, location: ":3:3:", words: "not a finite number"),
        BadInput(label: "infinity", contents: "x,y\n1,2\n-Infinity,3\n3,4\n", arguments: [], status: 65, location: ":3:1:", words: "not a finite number"),
        BadInput(label: "non-numeric cell", contents: "x,y\n1,2\n2,three\n3,4\n", arguments: [], status: 65, location: ":3:3:", words: "'three' in column 'y' is not a number"),
        BadInput(label: "empty file", contents: "", arguments: [], status: 65, location: ":1:1:", words: "empty"),
        BadInput(label: "missing column", contents: "a,b\n1,2\n", arguments: [], status: 65, location: ":1:1:", words: "no column named 'x'"),
        BadInput(label: "ragged row", contents: "x,y\n1,2\n2,3,4\n", arguments: [], status: 65, location: ":3:1:", words: "3 field(s) but the header has 2"),
        BadInput(label: "negative weight", contents: "x,y,w\n1,2,1\n2,3,-1\n3,5,1\n", arguments: ["--weights", "w"], status: 65, location: ":3:5:", words: "must not be negative"),
        BadInput(label: "log of zero", contents: "x,y\n1,2\n2,0\n3,5\n", arguments: ["--model", "loglinear"], status: 65, location: ":3:3:", words: "must be positive"),
        BadInput(label: "unterminated quote", contents: "x,y\n1,2\n2,\"3\n", arguments: [], status: 65, location: ":3:3:", words: "unterminated"),
        BadInput(label: "mixed period types", contents: "x,y\n2016,1\n2017,2\n2018-19,3\n", arguments: [], status: 65, location: ":4:1:", words: "mixed period types"),
        BadInput(label: "a date that does not exist", contents: "x,y\n2021-02-28,1\n2021-02-29,2\n2021-03-01,3\n", arguments: [], status: 65, location: ":3:1:", words: "February 2021 has no day 29"),
        BadInput(label: "filter on a missing column (a usage error, as every selection)", contents: "x,y\n1,2\n", arguments: ["--where", "area=E1"], status: 64, location: "", words: "--where 'area=E1': no column 'area' in the input"),
    ]

    @Test("bad input: exit 65 with FILE:LINE:COLUMN, and no output file", arguments: badInputs)
    func badInput(_ bad: BadInput) throws {
        let path = try Self.file(bad.contents)
        let output = (path as NSString).deletingLastPathComponent + "/out.json"
        let run = try Self.run(["fit", path, "--x", "x", "--y", "y", "-o", output] + bad.arguments)
        #expect(run.status == bad.status, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("metrics: error: \(path)\(bad.location)"), "\(run.stderr)")
        #expect(run.stderr.contains(bad.words), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("a failed run leaves the previous output intact")
    func previousOutputKept() throws {
        let path = try Self.file("x,y\n1,2\n2,oops\n")
        let output = (path as NSString).deletingLastPathComponent + "/out.csv"
        try Data("previous\n".utf8).write(to: URL(fileURLWithPath: output))
        let run = try Self.run(["fit", path, "--x", "x", "--y", "y", "-o", output])
        #expect(run.status == 65)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous\n")
    }

    @Test("a missing input file is exit 66; usage errors are exit 64")
    func statuses() throws {
        let missing = try Self.run(["fit", "/nonexistent/data.csv", "--x", "x", "--y", "y"])
        #expect(missing.status == 66)
        #expect(missing.stderr.hasPrefix("metrics: error: /nonexistent/data.csv: no such file"))
        let path = try Self.file(Self.line)
        #expect(try Self.run(["fit", path, "--x", "year", "--y", "value", "--model", "spline"]).status == 64)
        #expect(try Self.run(["fit", path, "--y", "value"]).status == 64)
        #expect(try Self.run(["fit", path, "--x", "year", "--y", "value", "--level", "1.5"]).status == 64)
        #expect(try Self.run(["describe", path, "--column", "value", "--quantile-type", "11"]).status == 64)
        #expect(try Self.run(["frobnicate"]).status == 64)
        let unwritable = try Self.run(["fit", path, "--x", "year", "--y", "value", "-o", "/nonexistent/dir/out.csv"])
        #expect(unwritable.status == 73)
    }
}
