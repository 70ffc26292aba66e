import Foundation
import FoundationXML
import Testing

/// Hostile content through the real executable: area names, keys, column names, event labels and file names
/// that start a spreadsheet formula, break a Markdown table, close an HTML element or hide a control
/// character must come out inert in every output (CSV, JSON, Markdown, HTML, SVG, notebook); a batch's
/// outputs stay inside its output directory; and the program never starts another program or opens a
/// network connection.
struct HostileContentTests {
    typealias CLI = CommandLineTests

    /// Area names as an attacker (or a careless spreadsheet) writes them.
    static let names = [
        "=HYPERLINK(\"http://example.com/x\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+2",
        "\r=cmd|' /C calc'!A0", "a|b\nc \"quoted\", back\\slash", "ctl\tx\u{2028}y", "<script>alert(\"x\")</script>&amp;",
    ]
    /// The names as the readers keep them (surrounding spaces and tabs trimmed).
    static let keptNames = names.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t")) }
    static let groups = ["=grp", "+grp", "-grp"]

    /// RFC 4180 text of one record.
    static func record(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }

    /// A folder with the hostile inputs: `data.csv` (a key column named `@group`, hostile area names, the
    /// indicator `-rate`, values going negative for half the areas, numerators and denominators), `events.csv`,
    /// `dsr.csv`, `index.csv` and `xy.csv` (columns named `=x` and `@y`).
    static func inputs() throws -> URL {
        let folder = try BadInputTests.folder()
        var data = record(["@group", "area_code", "area_name", "indicator", "period", "value", "numerator", "denominator"])
        for (i, name) in names.enumerated() {
            for k in 0..<10 {
                let value = i % 2 == 0 ? 50 + Double(k) * 2.5 + Double(k * 7 % 5) : 5 - Double(k) * 1.5 - Double(k * 3 % 4)
                data += record([groups[i % 3], "E0600000\(i)", name, "-rate", String(2015 + k), String(value), String(5 + k + i), String(1000 + 10 * i)])
            }
        }
        try Data(data.utf8).write(to: folder.appendingPathComponent("data.csv"))
        let events = record(["date", "label", "category"]) + record(["2019-06-01", "=EVENT()+1", "@cat"]) + record(["2021-01-01", "-launch", "=cat"])
        try Data(events.utf8).write(to: folder.appendingPathComponent("events.csv"))
        var dsr = record(["@group", "area_name", "age", "deaths", "pop"])
        for (i, name) in names.prefix(4).enumerated() {
            for (band, scale) in [("0-4", 1), ("5-9", 2), ("10-14", 3)] {
                dsr += record([groups[i % 3], name, band, String(10 * scale + i), String(1000 * scale)])
            }
        }
        try Data(dsr.utf8).write(to: folder.appendingPathComponent("dsr.csv"))
        var index = record(["period", "value"])
        for year in 2015...2024 { index += record([String(year), String(100 + 2 * (year - 2015))]) }
        try Data(index.utf8).write(to: folder.appendingPathComponent("index.csv"))
        var xy = record(["=x", "@y"])
        for x in 0..<10 { xy += record([String(x), String(3 * x + x % 3)]) }
        try Data(xy.utf8).write(to: folder.appendingPathComponent("xy.csv"))
        return folder
    }

    /// The CSV problems of `text`: not well-formed, or a cell that a spreadsheet would run as a formula (a
    /// first character `=`, `+`, `@`, tab or carriage return, or `-` in a cell that is not a number).
    static func formulaProblems(_ text: String, source: String) -> [String] {
        guard let table = ParsedCSV(text) else { return ["\(source): not well-formed CSV"] }
        var problems: [String] = []
        for cell in table.cells {
            guard let first = cell.unicodeScalars.first else { continue }
            switch first {
            case "=", "+", "@", "\t", "\r": problems.append("\(source): \(cell.debugDescription)")
            case "-" where Double(cell) == nil: problems.append("\(source): \(cell.debugDescription)")
            default: break
            }
            if cell.hasPrefix("'"), Double(cell.dropFirst()) != nil { problems.append("\(source): a number made text, \(cell)") }
        }
        return problems
    }

    /// Whether some cell of `text` is guarded hostile text (an apostrophe before a formula character).
    static func hasGuardedText(_ text: String) -> Bool {
        ParsedCSV(text)?.cells.contains { cell in
            cell.hasPrefix("'") && cell.unicodeScalars.dropFirst().first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true
        } ?? false
    }

    struct Verb: Sendable, CustomTestStringConvertible {
        let label: String
        /// Arguments; `{}` stands for the inputs' folder.
        let arguments: [String]
        /// Whether the output holds the inputs' text (validate's does not).
        var echoesText = true
        var testDescription: String { label }
    }

    static let verbs: [Verb] = [
        Verb(label: "summarize", arguments: ["summarize", "{}/data.csv", "--measures", "pettitt,holt"]),
        Verb(label: "smooth", arguments: ["smooth", "{}/data.csv", "--window", "3"]),
        Verb(label: "forecast", arguments: ["forecast", "{}/data.csv"]),
        Verb(label: "changepoints", arguments: ["changepoints", "{}/data.csv"]),
        Verb(label: "spc", arguments: ["spc", "{}/data.csv"]),
        Verb(label: "its with --event", arguments: ["its", "{}/data.csv", "--event", "2019=@evt(1)", "--event", "2021=-drop"]),
        Verb(label: "its with --events", arguments: ["its", "{}/data.csv", "--events", "{}/events.csv"]),
        Verb(label: "rate", arguments: ["rate", "{}/data.csv", "--count", "numerator", "--denominator", "denominator"]),
        Verb(label: "proportion", arguments: ["proportion", "{}/data.csv", "--count", "numerator", "--denominator", "denominator"]),
        Verb(label: "dsr", arguments: ["dsr", "{}/dsr.csv", "--count", "deaths", "--population", "pop", "--band", "age", "--esp2013", "--by", "@group", "--by", "area_name"]),
        Verb(label: "recent-trend", arguments: ["recent-trend", "{}/data.csv", "--count", "numerator", "--denominator", "denominator", "--by", "area_name"]),
        Verb(label: "compare", arguments: ["compare", "{}/data.csv", "--area", "E06000001", "--indicator=-rate"]),
        Verb(label: "deflate", arguments: ["deflate", "{}/data.csv", "--index", "{}/index.csv", "--base", "2020"]),
        Verb(label: "describe", arguments: ["describe", "{}/xy.csv", "--column", "@y"]),
        Verb(label: "fit", arguments: ["fit", "{}/xy.csv", "--x", "=x", "--y", "@y"]),
        Verb(label: "validate", arguments: ["validate", "{}/data.csv"], echoesText: false),
        Verb(label: "stream", arguments: ["stream", "--header", "--delimiter", "csv", "--format", "csv", "--input", "{}/data.csv"]),
    ]

    @Test("formula injection is neutralised in the CSV of every verb; negative numbers stay numbers", arguments: verbs)
    func csvOfEveryVerb(_ verb: Verb) throws {
        let folder = try Self.inputs()
        let arguments = verb.arguments.map { $0.replacingOccurrences(of: "{}", with: folder.path) }
        let format = verb.label == "stream" ? [] : ["--format", "csv"]
        let run = try CLI.run(arguments + format)
        #expect(run.status == 0, "\(verb.label): \(run.stderr)")
        #expect(Self.formulaProblems(run.stdout, source: verb.label) == [])
        if verb.echoesText { #expect(Self.hasGuardedText(run.stdout), "\(verb.label): the hostile text reached the output, guarded") }
        // The same through -o: the file is what standard output was.
        if verb.label != "stream" {
            let output = folder.appendingPathComponent("out.csv").path
            let written = try CLI.run(arguments + format + ["-o", output])
            #expect(written.status == 0)
            #expect(try String(contentsOfFile: output, encoding: .utf8) == run.stdout)
        }
    }

    @Test("negative numbers copied through as text stay numbers; numbers-as-text keys are not formulas")
    func negativeNumbersStayNumbers() throws {
        let path = try CLI.file("area,change,count,pop\n-5,-3.5,5,1000\nB,+2,30,2000\nC,-1e-3,1,10\n")
        let run = try CLI.run(["rate", path, "--count", "count", "--denominator", "pop", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let table = try #require(ParsedCSV(run.stdout))
        #expect(table.column("area") == ["-5", "B", "C"] && table.column("change") == ["-3.5", "+2", "-1e-3"])
    }

    /// Every file below `directory` with its text.
    static func files(in directory: String) throws -> [(name: String, text: String)] {
        let walker = try #require(FileManager.default.enumerator(atPath: directory))
        var out: [(String, String)] = []
        for case let name as String in walker {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if name.hasSuffix(".xlsx") {
                out.append((name, try Self.workbookText(Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))))
            } else {
                out.append((name, try String(contentsOfFile: directory + "/" + name, encoding: .utf8)))
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// The XML parts of a workbook that metrics wrote (a ZIP of stored entries), one after another: the
    /// text the data reaches in it.
    static func workbookText(_ data: Data) throws -> String {
        let bytes = [UInt8](data)
        func integer(_ at: Int, _ width: Int) -> Int { (0..<width).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        var text = ""
        var at = 0
        while at + 30 <= bytes.count, integer(at, 4) == 0x0403_4B50 {
            #expect(integer(at + 8, 2) == 0, "stored entries only")
            let size = integer(at + 18, 4)
            let start = at + 30 + integer(at + 26, 2) + integer(at + 28, 2)
            text += try #require(String(bytes: bytes[start..<(start + size)], encoding: .utf8))
            at = start + size
        }
        return text
    }

    /// Strings anywhere inside a JSON value.
    static func strings(in json: Any) -> [String] {
        switch json {
        case let s as String: return [s]
        case let a as [Any]: return a.flatMap(strings)
        case let o as [String: Any]: return o.keys.sorted() + o.values.flatMap(strings)
        default: return []
        }
    }

    @Test("report: every CSV guarded; HTML and SVG escaped (the SVG is XML); every JSON file parses, summary.json round-trips the names")
    func reportBundle() throws {
        let folder = try Self.inputs()
        let bundle = folder.appendingPathComponent("bundle").path
        let run = try CLI.run(["report", folder.path + "/data.csv", "--events", folder.path + "/events.csv", "--title", "<b>=Title</b> & \"more\"", "-o", bundle])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try Self.files(in: bundle)
        let csvs = files.filter { $0.name.hasSuffix(".csv") }
        #expect(csvs.count == 1 + Self.names.count, "summary.csv and one data file per series")
        for file in csvs { #expect(Self.formulaProblems(file.text, source: file.name) == []) }
        #expect(csvs.allSatisfy { Self.hasGuardedText($0.text) })

        for file in files where file.name.hasSuffix(".html") || file.name.hasSuffix(".svg") {
            #expect(!file.text.contains("<script>alert") && !file.text.contains("<b>=Title"), "\(file.name): raw markup from the data")
            #expect(!file.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }, "\(file.name): a raw control character")
        }
        let html = try #require(files.first { $0.name == "index.html" }?.text)
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;") || html.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;&amp;amp;"))
        for svg in files where svg.name.hasSuffix(".svg") {
            do { _ = try XMLDocument(data: Data(svg.text.utf8)) } catch { Issue.record("\(svg.name) is not well-formed XML: \(error)") }
        }
        for file in files where file.name.hasSuffix(".json") || file.name.hasSuffix(".ipynb") {
            let json = try JSONSerialization.jsonObject(with: Data(file.text.utf8))
            #expect(!file.text.contains("<script>") && !file.text.contains("\u{2028}"), "\(file.name): unescaped in the raw JSON")
            if file.name == "summary.json" {
                let texts = Set(Self.strings(in: json))
                #expect(Self.keptNames.contains(where: texts.contains), "\(file.name): the names round-trip")
            }
        }
        let markdown = try #require(files.first { $0.name == "summary.md" }?.text)
        #expect(Self.markdownTableIsWhole(markdown, rows: Self.names.count), "\(markdown)")
    }

    /// Whether `text` is one GitHub Markdown table of `rows` rows: every line a row, every row as many
    /// unescaped `|` as the header.
    static func markdownTableIsWhole(_ text: String, rows: Int) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        func pipes(_ line: Substring) -> Int {
            var count = 0
            var escaped = false
            for c in line {
                if escaped { escaped = false; continue }
                if c == "\\" { escaped = true } else if c == "|" { count += 1 }
            }
            return count
        }
        guard lines.count == 2 + rows, let header = lines.first else { return false }
        return lines.allSatisfy { $0.hasPrefix("|") && pipes($0) == pipes(header) }
    }

    @Test("summarize --format markdown: a | or a line break in a key does not break the table")
    func markdownTable() throws {
        let folder = try Self.inputs()
        let run = try CLI.run(["summarize", folder.path + "/data.csv", "--format", "markdown"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.markdownTableIsWhole(run.stdout, rows: Self.names.count), "\(run.stdout)")
        #expect(!run.stdout.contains("<script>") && !run.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("JSON and NDJSON: quotes, backslashes, control characters and U+2028 escaped; every name round-trips")
    func json() throws {
        let folder = try Self.inputs()
        let json = try CLI.run(["summarize", folder.path + "/data.csv", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(records.compactMap { $0["area_name"] as? String } == Self.keptNames)
        #expect(records.compactMap { $0["@group"] as? String }.count == Self.names.count)
        #expect(!json.stdout.contains("\u{2028}") && !json.stdout.contains("<script>"))
        #expect(!json.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no raw control character in the JSON text")

        let ndjson = try CLI.run(["summarize", folder.path + "/data.csv", "--format", "ndjson"])
        let lines = ndjson.stdout.split(separator: "\n")
        #expect(lines.count == Self.names.count, "one record per line: no line break inside a string")
        let names = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["area_name"] as? String
        }
        #expect(names == Self.keptNames)
    }

    /// Runs `metrics` in `directory` (so that file names in outputs are relative, as a user's are).
    static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    @Test("batch: summary.csv, errors.csv (hostile file names and keys), models/*.csv and the report's CSVs all guarded")
    func batch() throws {
        let folder = try Self.inputs()
        try FileManager.default.copyItem(atPath: folder.path + "/data.csv", toPath: folder.path + "/=evil.csv")
        try Data("@group,period,value\n=x,2019,oops\n".utf8).write(to: folder.appendingPathComponent("@bad.csv"))
        try Data("@group,period,value\n-x,2019,1\n-x,2020,2\n".utf8).write(to: folder.appendingPathComponent("+other.csv"))
        let config = """
            inputs: ["=evil.csv", "@bad.csv", "+other.csv"]
            measures: [pettitt]
            models: [forecast, changepoints, spc, its]
            events: events.csv
            outputs: {report: true}

            """
        try Data(config.utf8).write(to: folder.appendingPathComponent("run.yaml"))
        let out = folder.appendingPathComponent("out").path
        let run = try Self.run(["batch", "run.yaml", "-o", "out"], in: folder)
        #expect(run.status == 1, "\(run.stderr)")
        let files = try Self.files(in: out).filter { $0.name.hasSuffix(".csv") }
        #expect(Set(files.map(\.name)).isSuperset(of: ["summary.csv", "errors.csv", "models/forecast.csv", "models/changepoints.csv", "models/spc.csv", "models/its.csv"]))
        for file in files {
            #expect(Self.formulaProblems(file.text, source: file.name) == [])
            #expect(Self.hasGuardedText(file.text), "\(file.name)")
        }
        // +other.csv names its series by @group alone: it keeps its key (its row in summary.csv has the other
        // key columns empty), and the report, which needs one key, is the failure listed, naming the files.
        let errors = try #require(ParsedCSV(try String(contentsOfFile: out + "/errors.csv", encoding: .utf8)))
        #expect(errors.column("file") == ["'@bad.csv", "'=evil.csv, +other.csv"], "\(errors.rows)")
        #expect(errors.column("analysis") == ["read", "report"], "\(errors.rows)")
        let summary = try #require(ParsedCSV(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)))
        #expect(summary.rows.contains { $0.prefix(4) == ["'-x", "", "", ""] }, "\(summary.rows.map { $0.prefix(4) })")
        #expect(FileManager.default.fileExists(atPath: out + "/manifest.json"), "a malformed input does not stop the report or the manifest")
        // The report's CSVs, from inputs of one key.
        try Data(config.replacingOccurrences(of: ", \"+other.csv\"", with: "").utf8).write(to: folder.appendingPathComponent("one.yaml"))
        let reported = folder.appendingPathComponent("reported").path
        let second = try Self.run(["batch", "one.yaml", "-o", "reported"], in: folder)
        #expect(second.status == 1, "\(second.stderr)")
        let reportFiles = try Self.files(in: reported).filter { $0.name.hasPrefix("report/") && $0.name.hasSuffix(".csv") }
        #expect(reportFiles.contains { $0.name == "report/summary.csv" })
        for file in reportFiles {
            #expect(Self.formulaProblems(file.text, source: file.name) == [])
            #expect(Self.hasGuardedText(file.text), "\(file.name)")
        }
        let onlyBad = try #require(ParsedCSV(try String(contentsOfFile: reported + "/errors.csv", encoding: .utf8)))
        #expect(onlyBad.column("file") == ["'@bad.csv"], "\(onlyBad.rows)")
    }

    // MARK: Output paths

    @Test("batch: a name that is a path (../x, /abs, .hidden) is refused at its line in the configuration")
    func batchNameIsNotAPath() throws {
        let folder = try Self.inputs()
        for name in ["../x", "/tmp/x", ".hidden", "a/../../b", ".."] {
            let config = folder.appendingPathComponent("run.yaml").path
            try Data("name: \"\(name)\"\ninputs: [data.csv]\n".utf8).write(to: URL(fileURLWithPath: config))
            let run = try CLI.run(["batch", config])
            #expect(run.status == 65, "\(name): \(run.stderr)")
            #expect(run.stderr.hasPrefix("metrics: error: \(config):1:7: name must be a plain folder name"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().appendingPathComponent("x").path))
    }

    @Test("symbolic links already in the output directory are replaced, never followed out of it")
    func symlinksInOutputDirectory() throws {
        let folder = try Self.inputs()
        let outside = folder.appendingPathComponent("outside").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: outside + "/secret.csv"))
        // Named like a report's own data file, so that a followed link would see it overwritten or removed as stale.
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: outside + "/001-hyperlink-http-example-com-x-click-rate.csv"))
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: outside + "/999-old-chart.svg"))
        let before = try BadInputTests.snapshot(URL(fileURLWithPath: outside))
        /// Replaces entries of a bundle (or of its run folder) with symbolic links.
        func plant(_ out: String, _ links: [String: String]) throws {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (name, target) in links {
                try? FileManager.default.removeItem(atPath: out + "/" + name)
                try FileManager.default.createSymbolicLink(atPath: out + "/" + name, withDestinationPath: target)
            }
        }
        func isLink(_ path: String) -> Bool {
            (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
        }

        let bundle = folder.appendingPathComponent("bundle").path
        #expect(try CLI.run(["report", folder.path + "/data.csv", "-o", bundle]).status == 0)
        try plant(bundle, ["data": outside, "charts": outside, "summary.csv": outside + "/secret.csv"])
        let report = try CLI.run(["report", folder.path + "/data.csv", "-o", bundle])
        #expect(report.status == 0, "\(report.stderr)")
        for name in ["data", "charts", "summary.csv"] { #expect(!isLink(bundle + "/" + name), "\(name) was replaced") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: bundle + "/data").count == Self.names.count)

        let config = folder.appendingPathComponent("run.yaml").path
        try Data("inputs: [data.csv]\nmodels: [forecast]\noutputs: {report: true}\n".utf8).write(to: URL(fileURLWithPath: config))
        let out = folder.appendingPathComponent("out").path
        #expect(try CLI.run(["batch", config, "-o", out]).status == 0)
        try plant(out, ["models": outside, "report": outside, ".work": outside, "errors.csv": outside + "/secret.csv"])
        // The run folder beside it, as a killed run leaves it, with its work folder a link out.
        try plant(folder.appendingPathComponent(".out.metrics-run").path, ["work": outside])
        let batch = try CLI.run(["batch", config, "-o", out])
        #expect(batch.status == 0, "\(batch.stderr)")
        for name in ["models", "report", "errors.csv", ".work"] { #expect(!isLink(out + "/" + name), "\(name) was replaced") }
        #expect(FileManager.default.fileExists(atPath: out + "/models/forecast.csv") && FileManager.default.fileExists(atPath: out + "/report/index.html"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".out.metrics-run").path))

        let file = folder.appendingPathComponent("linked.csv").path
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: outside + "/secret.csv")
        let summary = try CLI.run(["summarize", folder.path + "/data.csv", "-o", file])
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(summary.status == 0 && !isLink(file) && ParsedCSV(written) != nil)

        #expect(try BadInputTests.snapshot(URL(fileURLWithPath: outside)) == before, "nothing outside the output directories was written or removed")
    }

    // MARK: No other programs, no network

    /// The library and the executable never start a program (so user text never reaches a shell) and never
    /// open a network connection: no such call appears in their sources.
    @Test("no shell-outs and no network calls in Sources/")
    func noShellOrNetwork() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources").path
        let forbidden = [
            "Process(", "NSTask", "posix_spawn", "popen(", " system(", "fork()", "execv", "execl", "URLSession", "URLRequest",
            "socket(", "getaddrinfo", "dlopen(",
        ]
        let walker = try #require(FileManager.default.enumerator(atPath: sources))
        var checked = 0
        for case let name as String in walker where name.hasSuffix(".swift") || name.hasSuffix(".c") || name.hasSuffix(".h") {
            let text = try String(contentsOfFile: sources + "/" + name, encoding: .utf8)
            checked += 1
            for call in forbidden { #expect(!text.contains(call), "\(name) uses \(call)") }
        }
        #expect(checked > 100)
    }
}
