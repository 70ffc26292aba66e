import Foundation
import Testing

/// `metrics report` end to end: the bundle's files, their agreement with `summarize`, determinism, escaping
/// of hostile text, and the main job on the shipped data.
struct ReportCommandTests {
    typealias CLI = CommandLineTests

    static let hostile = #"""
        area_code,area_name,indicator,period,value,unit
        E06000002,"<script>alert(1)</script> & ""Co""",=HYPERLINK(1),2016,10,percent
        E06000002,"<script>alert(1)</script> & ""Co""",=HYPERLINK(1),2017,12,percent
        E06000002,"<script>alert(1)</script> & ""Co""",=HYPERLINK(1),2018,x,percent
        E06000002,"<script>alert(1)</script> & ""Co""",=HYPERLINK(1),2019,15,percent
        E06000002,"<script>alert(1)</script> & ""Co""",=HYPERLINK(1),2020,17,percent
        E92000001,England,=HYPERLINK(1),2016,11,percent
        E92000001,England,=HYPERLINK(1),2017,11.5,percent
        E92000001,England,=HYPERLINK(1),2018,12,percent
        E92000001,England,=HYPERLINK(1),2019,12.2,percent
        E92000001,England,=HYPERLINK(1),2020,12.9,percent

        """#

    static func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("metrics-report-\(UUID().uuidString)").path
    }

    static func files(in directory: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue { out[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)) }
        }
        return out
    }

    @Test("the bundle: summary like summarize's, per-series data, SVG and Vega-Lite, HTML and notebook; hostile text escaped")
    func bundle() throws {
        let input = try CLI.file(Self.hostile)
        let events = try CLI.file("date,label,category\n2018-06,<b>\"inspection\"</b>,ofsted\n", name: "events.csv")
        let out = Self.directory()
        let run = try CLI.run(["report", input, "--events", events, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        // Standard error is a pipe here: no progress bar, only the closing line.
        #expect(!run.stderr.contains("\r") && !run.stderr.contains("█"), "\(run.stderr)")
        let files = try Self.files(in: out)
        let names = Set(files.keys)
        for name in ["summary.csv", "summary.json", "summary.md", "index.html", "report.ipynb"] { #expect(names.contains(name), "\(name)") }
        let charts = names.filter { $0.hasPrefix("charts/") && $0.hasSuffix(".svg") }.sorted()
        #expect(charts.count == 2, "\(names.sorted())")
        #expect(names.filter { $0.hasPrefix("data/") }.count == 2 && names.filter { $0.hasSuffix(".vl.json") }.count == 2)

        // The summary is summarize's own CSV.
        let summarize = try CLI.run(["summarize", input, "--format", "csv"])
        #expect(String(decoding: files["summary.csv"]!, as: UTF8.self) == summarize.stdout)

        let html = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(!html.contains("<script>alert(1)"), "an area name reached the page as markup")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"))
        #expect(!html.contains("<b>\"inspection\"</b>") && html.contains("inspection"))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 2)
        for chart in charts {
            let svg = String(decoding: files[chart]!, as: UTF8.self)
            #expect(!svg.contains("<script") && !svg.contains("<b>") && !svg.lowercased().contains("nan"))
        }
        // Spreadsheet formulas are neutralised in every CSV written.
        for (name, data) in files where name.hasSuffix(".csv") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(",=HYPERLINK") && text.contains("'=HYPERLINK"), "\(name)")
        }
        // The notebook and the specs are JSON.
        #expect(try JSONSerialization.jsonObject(with: files["report.ipynb"]!) is [String: Any])
        for (name, data) in files where name.hasSuffix(".vl.json") { #expect(try JSONSerialization.jsonObject(with: data) is [String: Any], "\(name)") }
        // Middlesbrough's chart has England as a benchmark (a percentage), England's has none.
        let middlesbrough = try #require(files.first { $0.key.hasPrefix("data/001-") }?.value)
        #expect(String(decoding: middlesbrough, as: UTF8.self).contains("benchmark,England,"))
        let england = try #require(files.first { $0.key.hasPrefix("data/002-england") }?.value)
        #expect(!String(decoding: england, as: UTF8.self).contains("benchmark,"))
    }

    @Test("byte-identical bundles from two runs, whatever the threads; stale charts of an earlier run removed, other files kept")
    func deterministic() throws {
        let input = try CLI.file(Self.hostile)
        let a = Self.directory()
        let b = Self.directory()
        #expect(try CLI.run(["report", input, "-o", a]).status == 0)
        #expect(try CLI.run(["report", input, "-o", b, "--jobs", "1"]).status == 0)
        #expect(try Self.files(in: a) == Self.files(in: b))

        try Data("mine".utf8).write(to: URL(fileURLWithPath: a + "/notes.txt"))
        try Data("old".utf8).write(to: URL(fileURLWithPath: a + "/charts/009-old.svg"))
        #expect(try CLI.run(["report", input, "-o", a, "--area", "England"]).status == 0)
        let after = try Self.files(in: a)
        #expect(after["notes.txt"] != nil && after["charts/009-old.svg"] == nil)
        #expect(after.keys.filter { $0.hasPrefix("charts/") && $0.hasSuffix(".svg") }.count == 1)
    }

    @Test("no arguments: the shipped Middlesbrough data, with its events marked")
    func mainJob() throws {
        let out = Self.directory()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["report", "-o", out]
        process.currentDirectoryURL = root
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
        #expect(message.contains("26 series"), "\(message)")
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(html.contains("Ofsted: inadequate") && html.contains("Direction revoked") && html.contains("Commissioner appointed"))
        let cla = try String(contentsOfFile: out + "/data/002-middlesbrough-children-looked-after-31-march.csv", encoding: .utf8)
        #expect(cla.contains("observed,Observed,2016-03-31,") && cla.contains("event,Ofsted: inadequate,2019-11,"))
    }

    @Test("usage errors: a bad --forecast, --event-category without --events")
    func usage() throws {
        let input = try CLI.file(Self.hostile)
        #expect(try CLI.run(["report", input, "--forecast", "arima"]).status == 64)
        #expect(try CLI.run(["report", input, "--event-category", "x"]).status == 64)
    }
}
