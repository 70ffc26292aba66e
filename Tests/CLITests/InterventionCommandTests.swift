import Foundation
import Testing

/// `metrics its` end to end.
struct InterventionCommandTests {
    typealias CLI = CommandLineTests

    static let tidy = """
        area_code,indicator,period,value
        A,cla,2016,377
        A,cla,2017,444
        A,cla,2018,466
        A,cla,2019,518
        A,cla,2020,618
        A,cla,2021,570
        A,cla,2022,502
        A,cla,2023,509
        E,cla,2016,70
        E,cla,2017,72
        E,cla,2018,74
        E,cla,2019,75
        E,cla,2020,78
        E,cla,2021,79
        E,cla,2022,80
        E,cla,2023,81
        B,cla,2016,5

        """

    @Test("one row per series and event; a short series gets its reason, not an error")
    func rows() throws {
        let path = try CLI.file(Self.tidy)
        let run = try CLI.run(["its", path, "--event", "2019-11=inadequate", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["area_code"] as? String } == ["A", "E", "B"])
        #expect(rows[0]["points_before"] as? Int == 4 && rows[0]["points_after"] as? Int == 4)
        #expect(rows[0]["level_change"] is Double && rows[0]["slope_after"] is Double)
        #expect((rows[2]["reason"] as? String)?.isEmpty == false)
        #expect(rows[2]["level_change"] is NSNull)
    }

    @Test("a control area is fitted alongside and named; events must be valid periods with distinct labels")
    func control() throws {
        let path = try CLI.file(Self.tidy)
        let run = try CLI.run(["its", path, "--area", "A", "--event", "2019-11", "--control", "E", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("A,cla,2019-11,2019-11,4,4,"))
        #expect(lines[1].contains(",E,"))
        #expect(try CLI.run(["its", path, "--event", "2019-13"]).status == 64)
        #expect(try CLI.run(["its", path, "--event", "2019=x", "--event", "2020=x"]).status == 64)
        #expect(try CLI.run(["its", path]).status == 64)
    }

    @Test("--events FILE with --event-category: the file's events, labelled, each its own row")
    func eventsFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = root.appendingPathComponent("datasets/middlesbrough/children_looked_after.csv").path
        let events = root.appendingPathComponent("datasets/middlesbrough/events.csv").path
        let run = try CommandLineTests.run([
            "its", data, "--indicator", "children_looked_after_31_march", "--area", "E06000002",
            "--events", events, "--event-category", "statutory_direction", "--format", "csv",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 2, "\(run.stdout)")
        #expect(rows.first?.contains(",Revised statutory direction,2022,") == true)
        #expect(rows.last?.contains(",Direction revoked,2024-09-06,") == true)
        let none = try CommandLineTests.run(["its", data, "--events", events, "--event-category", "no_such_category"])
        #expect(none.status == 65 && none.stderr.contains("no events"), "\(none.stderr)")
        let neither = try CommandLineTests.run(["its", data])
        #expect(neither.status == 64)
    }
}
