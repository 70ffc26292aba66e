import Foundation
import Testing

/// One series of 100,000 points among ordinary ones: `batch` and `stream` write every series and exit 0, with
/// the measures too long to simulate empty and their reasons given (the series once made them abort,
/// asking for 40 GB).
struct LongSeriesCommandTests {
    typealias CLI = CommandLineTests

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `count` monthly rows of one area from January 1000, `separator`-separated: area, period, value.
    static func longRows(count: Int, separator: String) -> String {
        var state: UInt64 = 5
        var rows = ""
        rows.reserveCapacity(count * 24)
        for i in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(state >> 40) / Double(1 << 24) * 10
            rows += "E1\(separator)\(months[i % 12]) \(1000 + i / 12)\(separator)\(100 + 0.001 * Double(i) + noise)\n"
        }
        return rows
    }

    static func shortRows(separator: String) -> String {
        var rows = ""
        for area in ["E2", "E3", "E4"] {
            for year in 2013...2024 { rows += "\(area)\(separator)\(year)\(separator)\(Double(year - 2013) * 1.5 + Double(year % 3))\n" }
        }
        return rows
    }

    @Test("batch: a 100,000-point series among ordinary ones; every series written, exit 0, SNHT's p empty with the reason")
    func batch() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("long-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(("area,period,value\n" + Self.shortRows(separator: ",")).utf8).write(to: folder.appendingPathComponent("a_short.csv"))
        try Data(("area,period,value\n" + Self.longRows(count: 100_000, separator: ",")).utf8).write(to: folder.appendingPathComponent("b_long.csv"))
        let config = "name: long\ninputs: [\"*.csv\"]\nmeasures: [buishand, snht]\nmodels: [changepoints]\n"
        try Data(config.utf8).write(to: folder.appendingPathComponent("run.yaml"))
        let out = folder.appendingPathComponent("out").path
        let run = try CLI.run(["batch", folder.appendingPathComponent("run.yaml").path, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8).split(separator: "\n")
        #expect(summary.count == 1 + 4)
        let long = try #require(summary.first { $0.hasPrefix("E1,") })
        #expect(long.hasPrefix("E1,100000,0,Jan 1000,9333-04,"))
        #expect(long.contains("snht_p: not simulated: 100000 replicates of 100000 values"))
        #expect(!long.contains("sen_slope:"), "Sen's slope and its interval are computed")
        let errors = try String(contentsOfFile: out + "/errors.csv", encoding: .utf8)
        #expect(errors == "file,line,series,analysis,message\n")
        let changepoints = try String(contentsOfFile: out + "/models/changepoints.csv", encoding: .utf8).split(separator: "\n")
        #expect(changepoints.count == 1 + 4 * 3)
        #expect(changepoints.contains { $0.hasPrefix("E1,buishand,100000,") && $0.contains("asymptotic") })
    }

    @Test("stream: a 100,000-point series among ordinary ones gives one row per series, exit 0")
    func stream() throws {
        let input = Self.shortRows(separator: "\t") + Self.longRows(count: 100_000, separator: "\t")
        let run = try CLI.run(["stream", "--columns", "area,period,value"], stdin: input)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n")
        #expect(rows.count == 4)
        #expect(rows.last?.hasPrefix("E1\t100000\t0\tJan 1000\t9333-04\t") == true)
    }
}
