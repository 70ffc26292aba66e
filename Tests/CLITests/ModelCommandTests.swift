import Foundation
import Testing

/// `metrics forecast`, `metrics changepoints` and `metrics spc` end to end.
struct ModelCommandTests {
    typealias CLI = CommandLineTests

    static let annual = """
        area_code,indicator,period,value
        A,cla,2016-03-31,377
        A,cla,2017-03-31,444
        A,cla,2018-03-31,466
        A,cla,2019-03-31,518
        A,cla,2020-03-31,618
        A,cla,2021-03-31,570
        A,cla,2022-03-31,502
        A,cla,2023-03-31,509

        """

    @Test("forecast: annual 31 March snapshots continue on 31 March, leap years included; linear intervals widen")
    func forecast() throws {
        let path = try CLI.file(Self.annual)
        let run = try CLI.run(["forecast", path, "--method", "linear", "--horizon", "6", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["period"] as? String } == ["2024-03-31", "2025-03-31", "2026-03-31", "2027-03-31", "2028-03-31", "2029-03-31"])
        let widths = rows.map { ($0["upper"] as? Double ?? 0) - ($0["lower"] as? Double ?? 0) }
        #expect(zip(widths, widths.dropFirst()).allSatisfy { $0 < $1 })
        let holt = try CLI.run(["forecast", path, "--method", "holt", "--format", "csv"])
        #expect(holt.status == 0 && holt.stdout.split(separator: "\n").count == 4)
    }

    @Test("changepoints: three tests per series, reproducible p-values; spc: one row per period with limits")
    func changepointsAndSPC() throws {
        let path = try CLI.file(Self.annual)
        let first = try CLI.run(["changepoints", path, "--replicates", "2000", "--format", "csv"])
        let second = try CLI.run(["changepoints", path, "--replicates", "2000", "--format", "csv"])
        #expect(first.status == 0 && first.stdout == second.stdout)
        #expect(first.stdout.split(separator: "\n").map { $0.split(separator: ",").dropFirst(2).first.map(String.init) } == [
            "test", "pettitt", "buishand", "snht",
        ])
        let spc = try CLI.run(["spc", path, "--polarity", "lower", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(spc.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 8)
        #expect(rows.allSatisfy { ($0["upper_limit"] as? Double ?? 0) > ($0["lower_limit"] as? Double ?? 0) })
        #expect(try CLI.run(["spc", path, "--trend", "5"]).status == 64)
    }
}
