import Foundation
import Testing

/// `metrics validate` end to end.
struct ValidateCommandTests {
    typealias CLI = CommandLineTests

    @Test("a clean file: what was found, exit 0")
    func clean() throws {
        let path = try CLI.file("area_code,indicator,period,value\nE06000002,cla,2020,618\nE06000002,cla,2021,c\nE92000001,cla,2020,80080\nE92000001,cla,2021,80850\n")
        let run = try CLI.run(["validate", path, "--format", "table"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("tidy — 4 rows, 2 series, 4 observations (3 numbers)"))
        #expect(run.stdout.contains("missing values: c 1"))
        #expect(run.stdout.contains("problems: none"))
    }

    @Test("every problem listed with FILE:LINE:COLUMN, exit 65")
    func problems() throws {
        let path = try CLI.file("area,period,value\nA,2020,1\nA,2021,oops\nA,20x1,3\nC,2020,1,extra\nB,2020,1\nB,2020,2\n")
        let run = try CLI.run(["validate", path, "--format", "table"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("metrics: error: 4 problem(s) found"))
        for location in [":3:8:", ":4:3:", ":5:1:", ":7:"] { #expect(run.stdout.contains(path + location), "\(location)\n\(run.stdout)") }
        #expect(run.stdout.contains("duplicate period 2020"))
    }

    @Test("JSON report: format, series, periods, indicators, missing values by symbol")
    func json() throws {
        let path = try CLI.file("area_code,indicator,period,value\nE1,a,2020-21,1\nE1,a,2021-22,x\nE1,b,2020-21,z\n")
        let run = try CLI.run(["validate", path, "--format", "json"])
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let report = try #require(reports.first)
        #expect(report["format"] as? String == "tidy" && report["series"] as? Int == 2)
        #expect(report["periods"] as? [String] == ["2020-21", "2021-22"])
        #expect(report["period_kinds"] as? [String] == ["financial year"])
        #expect(report["indicators"] as? [String] == ["a", "b"])
        #expect((report["missing_values"] as? [String: Int]) == ["x": 1, "z": 1])
    }

    @Test("standard input whose series are split cannot be read twice: advice to sort, or --group")
    func splitStandardInput() throws {
        let data = "area,period,value\nA,2020,1\nB,2020,2\nA,2021,3\n"
        let run = try CLI.run(["validate", "-", "--format", "json"], stdin: data)
        #expect(run.status == 65)
        #expect(run.stdout.contains("not adjacent") && run.stdout.contains("sort"))
        let grouped = try CLI.run(["validate", "-", "--group", "--format", "json"], stdin: data)
        #expect(grouped.status == 0 && grouped.stdout.contains("\"series\": 2"))
    }

    @Test("gzip input and a missing file")
    func gzipAndMissing() throws {
        let path = try CLI.file("area,period,value\nA,2020,1\nA,2021,2\n")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [path]
        try gzip.run()
        gzip.waitUntilExit()
        let run = try CLI.run(["validate", path + ".gz", "--format", "json"])
        #expect(run.status == 0 && run.stdout.contains("\"observations\": 2"))
        #expect(try CLI.run(["validate", "/nonexistent.csv"]).status == 66)
    }
}
