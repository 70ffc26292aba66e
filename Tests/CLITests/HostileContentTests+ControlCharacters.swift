import Foundation
import FoundationXML
import Testing

/// Hostile text, part two: tab (the one control character the readers keep), bidirectional overrides,
/// isolates and marks, and the line and paragraph separators in the data, through every verb and every
/// output (issue 16); terminal escape sequences, NUL and the other control characters where they can still
/// come from (an argument, a file name, `stream --escaped`), and refused with FILE:LINE:COLUMN in the data
/// (issue 17, `ControlCharacterInData`). The rule each output follows:
/// - terminal text (`--format table`, the sentences printed with it, every message on standard error) and
///   Markdown: no control character, DEL, C1 control, bidirectional formatting character, U+2028 or U+2029
///   at all, only line feeds between lines; each is shown as `\u{1B}`.
/// - CSV: no control character but tab, line feed and carriage return (RFC 4180 quotes those).
/// - JSON, NDJSON, Vega-Lite, the notebook and the stream's TSV: nothing raw, and the exact text comes back
///   when the format is decoded.
/// - SVG and HTML: well-formed XML with no control character; every text node and attribute holding a
///   bidirectional override closes it (and is isolated), so it cannot reorder the text around it.
extension HostileContentTests {
    /// Key values as a hostile producer writes them and the readers accept: a tab, a right-to-left override,
    /// the line and paragraph separators, a right-to-left isolate, the Arabic letter mark and a right-to-left
    /// mark.
    static let controlNames = [
        "tab\tx", "rlo\u{202E}reversed", "lsep\u{2028}x", "psep\u{2029}y", "rli\u{2067}iso", "alm\u{61C}x",
        "rlm\u{200F}x",
    ]
    /// What the data may no longer hold (issue 17): an OSC sequence that sets the terminal's title, a clear
    /// screen, NUL, SOH, DEL and NEL (U+0085, a C1 control); each is refused where it is.
    static let refusedNames = [
        "osc\u{1B}]0;pwned\u{7}title", "clear\u{1B}[2Jscreen", "nul\u{0}byte", "soh\u{1}x", "del\u{7F}x", "nel\u{85}x",
    ]
    static let controlGroups = ["g\t1bold", "g\u{2066}2J", "g\u{202E}rtl"]
    /// A key column of `data.csv` with a hostile name and one hostile value (validate prints key columns).
    static let controlColumn = "src\t\u{202D}t"
    static let controlSource = "x\u{202E}\ty"
    /// The fit's and describe's input, named like an escape sequence (its name is printed), and its columns.
    static let controlXY = "xy\u{1B}[2J.csv"
    static let controlX = "=x\t\u{202E}"
    static let controlY = "@y\u{2028}\u{202E}z"

    /// The inputs of `inputs()` with control characters in every text: `data.csv` (the same columns, the
    /// control names as areas and groups, and a key column `controlColumn`), `events.csv` (labels and
    /// categories), `dsr.csv`, `index.csv` (its `source` is printed in every row) and `xy\u{1B}[2J.csv`
    /// (its y column `controlY`).
    static func controlInputs() throws -> URL {
        let folder = try BadInputTests.folder()
        var data = record(["@group", "area_code", "area_name", "indicator", controlColumn, "period", "value", "numerator", "denominator"])
        for (i, name) in controlNames.enumerated() {
            for k in 0..<10 {
                let value = i % 2 == 0 ? 50 + Double(k) * 2.5 + Double(k * 7 % 5) : 5 - Double(k) * 1.5 - Double(k * 3 % 4)
                data += record([
                    controlGroups[i % 3], "E0600000\(i)", name, "-rate", controlSource, String(2015 + k), String(value), String(5 + k + i), String(1000 + 10 * i),
                ])
            }
        }
        try Data(data.utf8).write(to: folder.appendingPathComponent("data.csv"))
        let events = record(["date", "label", "category"]) + record(["2019-06-01", "evt\t\u{202E}x", "c\u{2029}at"])
            + record(["2021-01-01", "\u{202E}launch", "cat\u{2066}"])
        try Data(events.utf8).write(to: folder.appendingPathComponent("events.csv"))
        var dsr = record(["@group", "area_name", "age", "deaths", "pop"])
        for (i, name) in controlNames.prefix(4).enumerated() {
            for (band, scale) in [("0-4", 1), ("5-9", 2), ("10-14", 3)] {
                dsr += record([controlGroups[i % 3], name, band, String(10 * scale + i), String(1000 * scale)])
            }
        }
        try Data(dsr.utf8).write(to: folder.appendingPathComponent("dsr.csv"))
        var index = record(["period", "value", "source"])
        for year in 2015...2024 { index += record([String(year), String(100 + 2 * (year - 2015)), "ONS\t\u{202E}"]) }
        try Data(index.utf8).write(to: folder.appendingPathComponent("index.csv"))
        var xy = record([controlX, controlY])
        for x in 0..<10 { xy += record([String(x), String(3 * x + x % 3)]) }
        try Data(xy.utf8).write(to: folder.appendingPathComponent(controlXY))
        return folder
    }

    // MARK: What each output may hold

    /// Control characters (C0, DEL, C1), bidirectional formatting characters and U+2028 / U+2029, as
    /// issue 16 lists them; the test's own definition, independent of the library's.
    static func isHidden(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Terminal text and Markdown: the hidden characters found, other than the line feeds between lines.
    static func terminalProblems(_ text: String, source: String) -> [String] {
        let found = text.unicodeScalars.filter { isHidden($0) && $0 != "\n" }
        return found.isEmpty ? [] : ["\(source): raw \(Set(found.map { "U+" + String($0.value, radix: 16, uppercase: true) }).sorted())"]
    }

    /// CSV: the control characters found other than tab, line feed and carriage return, and whether it parses.
    static func csvControlProblems(_ text: String, source: String) -> [String] {
        guard ParsedCSV(text) != nil else { return ["\(source): not well-formed CSV"] }
        let found = text.unicodeScalars.filter { ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) && !"\t\n\r".unicodeScalars.contains($0) }
        return found.isEmpty ? [] : ["\(source): raw \(Set(found.map { "U+" + String($0.value, radix: 16, uppercase: true) }).sorted())"]
    }

    /// The bidirectional problems of one text (a text node or an attribute value): a PDF or PDI that closes
    /// nothing opened in it, or an embedding, override or isolate still open at its end (UAX #9, X1–X8).
    static func bidiLeaks(_ text: String) -> Bool {
        var open: [Bool] = []  // true: isolate
        for s in text.unicodeScalars {
            switch s.value {
            case 0x202A, 0x202B, 0x202D, 0x202E: open.append(false)
            case 0x2066, 0x2067, 0x2068: open.append(true)
            case 0x202C:
                guard open.last == false else { return true }
                open.removeLast()
            case 0x2069:
                guard let i = open.lastIndex(of: true) else { return true }
                open.removeSubrange(i...)
            default: break
            }
        }
        return !open.isEmpty
    }

    /// Reads an XML document and checks that every text node and attribute value is bidi-balanced, and
    /// that every override sits inside an isolate (FSI…PDI or an HTML `<bdi>`).
    final class BidiChecker: NSObject, XMLParserDelegate {
        var problems: [String] = []
        private var text = ""
        private var bdiDepth = 0

        private func flush() {
            defer { text = "" }
            guard text.unicodeScalars.contains(where: { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }) else { return }
            if HostileContentTests.bidiLeaks(text) { problems.append("unbalanced: \(text.debugDescription)") }
            let isolated = bdiDepth > 0 || (text.unicodeScalars.first == "\u{2068}" && text.unicodeScalars.last == "\u{2069}")
            if !isolated && text.unicodeScalars.contains("\u{202E}") {
                // The override must be inside an FSI…PDI of the text itself.
                var depth = 0
                for s in text.unicodeScalars {
                    if s == "\u{2068}" || s == "\u{2066}" || s == "\u{2067}" { depth += 1 }
                    if s == "\u{2069}" { depth -= 1 }
                    if s == "\u{202E}" && depth == 0 { problems.append("not isolated: \(text.debugDescription)"); break }
                }
            }
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            flush()
            if name == "bdi" { bdiDepth += 1 }
            for (_, value) in attributes {
                text = value
                flush()
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            flush()
            if name == "bdi" { bdiDepth -= 1 }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        static func problems(in document: String) -> [String] {
            let parser = XMLParser(data: Data(document.utf8))
            let checker = BidiChecker()
            parser.delegate = checker
            guard parser.parse() else { return ["not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")"] }
            return checker.problems
        }
    }

    /// Decodes one field of `metrics stream`'s TSV: `\N` is NULL; `\\`, `\t`, `\n`, `\r` and `\uXXXX` as
    /// Java's `StringEscapeUtils.unescapeJava` reads them.
    static func decodeTSV(_ field: Substring) -> String? {
        if field == "\\N" { return nil }
        var out = String.UnicodeScalarView()
        var scalars = Array(field.unicodeScalars)[...]
        while let s = scalars.popFirst() {
            guard s == "\\", let e = scalars.popFirst() else { out.append(s); continue }
            switch e {
            case "t": out.append("\t")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "u":
                let hex = String(String.UnicodeScalarView(scalars.prefix(4)))
                scalars = scalars.dropFirst(4)
                out.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
            default: out.append(e)
            }
        }
        return String(out)
    }

    // MARK: Every verb, every format

    /// The verbs of `verbs`, on the control inputs (the fit's and describe's file and y column renamed).
    static var controlVerbs: [Verb] {
        verbs.map { verb in
            let arguments = verb.arguments.map { argument in
                argument == "@y" ? controlY : argument == "=x" ? controlX : argument.replacingOccurrences(of: "{}/xy.csv", with: "{}/" + controlXY)
            }
            return Verb(label: verb.label, arguments: arguments, echoesText: verb.echoesText)
        }
    }

    /// Text of the inputs that the JSON of `verb` must give back exactly.
    static func echoedExactly(by verb: Verb) -> [String] {
        switch verb.label {
        case "describe": [controlY]
        case "fit": [controlX]
        case "validate": [controlColumn]
        case "dsr": Array(controlNames.prefix(4))
        default: controlNames
        }
    }

    @Test("control characters and overrides: every verb's table, Markdown, CSV, JSON and NDJSON; JSON gives the names back", arguments: controlVerbs)
    func controlCharactersInEveryFormat(_ verb: Verb) throws {
        let folder = try Self.controlInputs()
        let arguments = verb.arguments.map { $0.replacingOccurrences(of: "{}", with: folder.path) }
        let formats: [[String]] = verb.label == "stream"
            ? [["--format", "csv"], ["--format", "tsv"]]
            : ["table", "markdown", "csv", "json", "ndjson"].map { ["--format", $0] }
        for format in formats {
            // stream's arguments already name csv; the last --format given wins.
            let run = try CLI.run(arguments + format)
            let name = "\(verb.label) \(format[1])"
            #expect(run.status == 0, "\(name): \(run.stderr)")
            #expect(Self.terminalProblems(run.stderr, source: name + " (stderr)") == [])
            switch format[1] {
            case "table", "markdown":
                #expect(Self.terminalProblems(run.stdout, source: name) == [])
                if verb.label != "validate" || format[1] == "table" {
                    #expect(run.stdout.contains("\\u{9}") || run.stdout.contains("\\u{202E}"), "\(name): the tab or the override is shown, escaped")
                }
            case "csv":
                #expect(Self.csvControlProblems(run.stdout, source: name) == [])
                if verb.echoesText { #expect(run.stdout.contains("\u{202E}") || run.stdout.contains("\t"), "\(name): CSV keeps tab and bidirectional text") }
            case "json", "ndjson":
                #expect(Self.terminalProblems(run.stdout, source: name) == [])
                let documents = format[1] == "json" ? [Substring(run.stdout)] : run.stdout.split(separator: "\n")
                var strings: [String] = []
                for document in documents {
                    let value = try JSONSerialization.jsonObject(with: Data(document.utf8), options: [.fragmentsAllowed])
                    strings += Self.strings(in: value)
                }
                let expected = Self.echoedExactly(by: verb)
                #expect(expected.contains(where: strings.contains), "\(name): the exact text comes back from the JSON")
            default:  // tsv
                #expect(Self.terminalProblems(run.stdout.replacingOccurrences(of: "\t", with: " "), source: name) == [])
                let keys = run.stdout.split(separator: "\n").map { line in
                    line.split(separator: "\t", omittingEmptySubsequences: false).prefix(5).map(Self.decodeTSV)
                }
                #expect(keys.compactMap { $0.count > 2 ? $0[2] : nil } == Self.controlNames, "the TSV decodes to the exact names")
                #expect(keys.compactMap { $0.first ?? nil }.count == Self.controlNames.count)
            }
        }
    }

    @Test("summarize: JSON and NDJSON give every control name back exactly; table rows stay one line each and aligned")
    func controlNamesRoundTrip() throws {
        let folder = try Self.controlInputs()
        let json = try CLI.run(["summarize", folder.path + "/data.csv", "--format", "json"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(records.compactMap { $0["area_name"] as? String } == Self.controlNames)
        #expect(records.compactMap { $0["@group"] as? String } == Self.controlNames.indices.map { Self.controlGroups[$0 % 3] })

        let table = try CLI.run(["summarize", folder.path + "/data.csv", "--format", "table"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 2 + Self.controlNames.count, "a header, a rule and one line per series: \(table.stdout)")
        // The column after the area name starts at the same character on every line.
        let starts = lines.dropFirst(2).compactMap { line in line.range(of: "-rate").map { line.distance(from: line.startIndex, to: $0.lowerBound) } }
        #expect(Set(starts).count == 1, "\(table.stdout)")
        #expect(table.stdout.contains(#"tab\u{9}x"#) && table.stdout.contains(#"rlo\u{202E}reversed"#) && table.stdout.contains(#"lsep\u{2028}x"#))

        let markdown = try CLI.run(["summarize", folder.path + "/data.csv", "--format", "markdown"])
        #expect(Self.markdownTableIsWhole(markdown.stdout, rows: Self.controlNames.count), "\(markdown.stdout)")
        #expect(markdown.stdout.contains(#"tab\\u{9}x"#), "the escape's backslash escaped, so Markdown shows \\u{9}")
    }

    // MARK: Report and batch

    @Test("report: no raw control character in any file; SVG and HTML well-formed XML with every override closed and isolated; the notebook's Markdown escaped")
    func controlCharactersInReport() throws {
        let folder = try Self.controlInputs()
        let bundle = folder.appendingPathComponent("bundle").path
        let run = try CLI.run([
            "report", folder.path + "/data.csv", "--events", folder.path + "/events.csv", "--title", "T\u{1B}]0;x\u{7}\u{202E}itle", "-o", bundle,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.terminalProblems(run.stderr, source: "stderr") == [])
        let files = try Self.files(in: bundle)
        #expect(files.contains { $0.name.hasSuffix(".svg") } && files.contains { $0.name == "index.html" })
        for file in files {
            switch file.name {
            case let name where name.hasSuffix(".csv"):
                #expect(Self.csvControlProblems(file.text, source: name) == [])
            case let name where name.hasSuffix(".md"):
                #expect(Self.terminalProblems(file.text, source: name) == [])
            case let name where name.hasSuffix(".svg") || name.hasSuffix(".html"):
                #expect(!file.text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }, "\(name): a raw control character")
                #expect(BidiChecker.problems(in: file.text) == [], "\(name)")
            case let name where name.hasSuffix(".xlsx"):  // the workbook's XML parts
                #expect(!file.text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }, "\(name): a raw control character")
                #expect(file.text.contains("rlo\u{202E}reversed"), "\(name): the names are in the workbook as text")
            case let name where name.hasSuffix(".json") || name.hasSuffix(".ipynb"):  // Vega-Lite, summary.json, the notebook
                #expect(Self.terminalProblems(file.text, source: file.name) == [])
                _ = try JSONSerialization.jsonObject(with: Data(file.text.utf8))
            default:  // the bundle's marker (.metrics-bundle): metrics' own text
                #expect(Self.terminalProblems(file.text, source: file.name) == [])
            }
        }
        let html = try #require(files.first { $0.name == "index.html" }?.text)
        #expect(html.contains("<bdi>") && html.contains(#"T\u{1B}]0;x\u{7}"#), "the title shown escaped, names isolated")

        let summary = try #require(files.first { $0.name == "summary.json" })
        let records = try #require(try JSONSerialization.jsonObject(with: Data(summary.text.utf8)) as? [[String: Any]])
        #expect(records.compactMap { $0["area_name"] as? String } == Self.controlNames, "summary.json gives the names back")

        let notebook = try #require(files.first { $0.name == "report.ipynb" })
        let cells = try #require((try JSONSerialization.jsonObject(with: Data(notebook.text.utf8)) as? [String: Any])?["cells"] as? [[String: Any]])
        for cell in cells where cell["cell_type"] as? String == "markdown" {
            let source = (cell["source"] as? [String] ?? []).joined()
            #expect(Self.terminalProblems(source, source: "a Markdown cell") == [])
        }
    }

    @Test("batch: summary.csv, errors.csv (a file named with ESC), models/*.csv and the report follow the CSV rule; the messages are escaped")
    func controlCharactersInBatch() throws {
        let folder = try Self.controlInputs()
        let badName = "bad\u{1B}]0;t\u{7}.csv"
        try Data("area,period,value\nx\u{1B}[2J,2019,oops\u{1B}[5m\n".utf8).write(to: folder.appendingPathComponent(badName))
        let config = """
            inputs: [data.csv, "bad*.csv"]
            measures: [pettitt]
            models: [forecast, changepoints, spc, its]
            events: events.csv
            outputs: {report: true}

            """
        try Data(config.utf8).write(to: folder.appendingPathComponent("run.yaml"))
        let run = try Self.run(["batch", "run.yaml", "-o", "out"], in: folder)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(Self.terminalProblems(run.stderr, source: "stderr") == [])
        let out = folder.appendingPathComponent("out").path
        let files = try Self.files(in: out)
        let csvs = files.filter { $0.name.hasSuffix(".csv") }
        #expect(Set(csvs.map(\.name)).isSuperset(of: ["summary.csv", "errors.csv", "models/forecast.csv", "models/changepoints.csv", "models/spc.csv", "models/its.csv", "report/summary.csv"]))
        for file in csvs { #expect(Self.csvControlProblems(file.text, source: file.name) == []) }
        let errors = try #require(ParsedCSV(try String(contentsOfFile: out + "/errors.csv", encoding: .utf8)))
        #expect(errors.column("file") == [#"bad\u{1B}]0;t\u{7}.csv"#], "\(errors.rows)")
        for file in files where file.name.hasSuffix(".svg") || file.name.hasSuffix(".html") {
            #expect(BidiChecker.problems(in: file.text) == [], "\(file.name)")
        }
    }

    @Test("control characters in the data: refused at FILE:LINE:COLUMN by every verb's reader, the message escaped, exit 65", arguments: refusedNames)
    func controlCharactersRefused(_ name: String) throws {
        let folder = try BadInputTests.folder()
        var data = Self.record(["area_name", "period", "value"])
        for k in 0..<5 { data += Self.record([k == 3 ? name : "plain", String(2015 + k), String(k)]) }
        try Data(data.utf8).write(to: folder.appendingPathComponent("data.csv"))
        let path = folder.path + "/data.csv"
        let column = name.unicodeScalars.prefix { !Self.isHidden($0) }.count + 1
        for arguments in [["summarize", path], ["validate", path], ["report", path, "-o", folder.path + "/r"], ["forecast", path]] {
            let run = try CLI.run(arguments)
            #expect(run.status == 65, "\(arguments[0]) \(name.debugDescription): \(run.stderr)")
            #expect(run.stderr.hasPrefix("metrics: error: \(path):5:\(column): a control character, U+"), "\(arguments[0]): \(run.stderr)")
            #expect(Self.terminalProblems(run.stderr, source: "stderr") == [])
        }
        let stream = try CLI.run(["stream", "--columns", "area,period,value"], stdin: name + "\t2019\t1\n")
        #expect(stream.status == 65 && stream.stderr.contains("<stdin>:1:\(column): a control character"), "\(stream.stderr)")
    }

    // MARK: Messages

    @Test("messages: a value, a period, a file name and an argument with escape sequences are shown escaped; exit statuses unchanged")
    func controlCharactersInMessages() throws {
        let value = try CLI.file("area,period,value\nx,2019,abc\u{202E}]0;t\n")
        let badValue = try CLI.run(["summarize", value])
        #expect(badValue.status == 65)
        #expect(badValue.stderr == "metrics: error: \(value):2:8: the value 'abc\\u{202E}]0;t' cannot be read: it is not a number\n")

        let period = try CLI.file("area,period,value\nx,20\t19\u{202E},1\n")
        let badPeriod = try CLI.run(["summarize", period])
        #expect(badPeriod.status == 65)
        #expect(badPeriod.stderr.hasPrefix("metrics: error: \(period):2:3: '20\\u{9}19\\u{202E}' is not a period"), "\(badPeriod.stderr)")

        let missing = try CLI.run(["summarize", "/nonexistent/no\u{1B}[2Jsuch\u{85}.csv"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "metrics: error: /nonexistent/no\\u{1B}[2Jsuch\\u{85}.csv: no such file\n", "\(missing.stderr)")

        let usage = try CLI.run(["summarize", value, "--format", "x\u{1B}[2J\n\u{202E}"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains(#"'x\u{1B}[2J"#), "\(usage.stderr)")
        for run in [badValue, badPeriod, missing, usage] { #expect(Self.terminalProblems(run.stderr, source: "stderr") == []) }
    }

    @Test("messages are valid UTF-8 even for a file name that is not")
    func invalidUTF8InMessages() throws {
        let folder = try BadInputTests.folder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The name's bytes (0xFF, ESC) reach metrics as they are, as a shell passes them.
        process.arguments = ["-c", "exec \"$0\" summarize \"$(printf 'bad\\377\\033[2J.csv')\"", CLI.executable.path]
        process.currentDirectoryURL = folder
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let bytes = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 66)
        let text = try #require(String(bytes: bytes, encoding: .utf8), "standard error is valid UTF-8")
        #expect(text == "metrics: error: bad\u{FFFD}\\u{1B}[2J.csv: no such file\n", "\(text.debugDescription)")
    }
}
