import Foundation
import Testing

/// Units end to end, on files in the shape of DfE's EES CLA file without its `.meta.csv`
/// (`cla_number_and_rate_per_10k_children.csv`: `population_estimate`, `children_count`, `rate_per_10000`).
/// England's and Middlesbrough's figures are those of the real file for 2021–2025 (rounded where marked);
/// the North East rows are synthetic.
struct UnitCommandTests {
    typealias CLI = CommandLineTests

    static let ees = """
        time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,population_type,population_estimate,children_count,rate_per_10000,rereferral_percent
        2021,Reporting year,National,E92000001,England,,,,,,Children looked after on 31 March each year,12023568,80780,67,22.7
        2022,Reporting year,National,E92000001,England,,,,,,Children looked after on 31 March each year,12100000,82080,68,21.5
        2023,Reporting year,National,E92000001,England,,,,,,Children looked after on 31 March each year,12150000,83630,69,22.4
        2024,Reporting year,National,E92000001,England,,,,,,Children looked after on 31 March each year,12170000,83630,69,22.1
        2025,Reporting year,National,E92000001,England,,,,,,Children looked after on 31 March each year,12183016,81770,67,21.9
        2021,Reporting year,Local authority,E92000001,England,E12000001,North East,806,Middlesbrough,E06000002,Children looked after on 31 March each year,33800,702,208,24.1
        2022,Reporting year,Local authority,E92000001,England,E12000001,North East,806,Middlesbrough,E06000002,Children looked after on 31 March each year,33900,639,188,26.3
        2023,Reporting year,Local authority,E92000001,England,E12000001,North East,806,Middlesbrough,E06000002,Children looked after on 31 March each year,34000,600,176,23.0
        2024,Reporting year,Local authority,E92000001,England,E12000001,North East,806,Middlesbrough,E06000002,Children looked after on 31 March each year,34100,565,166,21.8
        2025,Reporting year,Local authority,E92000001,England,E12000001,North East,806,Middlesbrough,E06000002,Children looked after on 31 March each year,34200,543,159,20.4

        """

    @Test("summarize: pp_change for rereferral_percent without a .meta.csv, units in the record, one note on standard error")
    func summarize() throws {
        let path = try CLI.file(Self.ees, name: "cla.csv")
        let run = try CLI.run(["summarize", path, "--area", "E06000002", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let byIndicator = Dictionary(uniqueKeysWithValues: records.map { ($0["indicator"] as? String ?? "", $0) })
        let percent = try #require(byIndicator["rereferral_percent"])
        #expect((percent["pp_change"] as? Double).map { abs($0 - (20.4 - 24.1)) < 1e-9 } == true, "\(percent)")
        #expect(percent["unit"] as? String == "percent")
        #expect(byIndicator["children_count"]?["unit"] as? String == "count")
        #expect(byIndicator["rate_per_10000"]?["unit"] as? String == "rate per 10000")
        #expect(byIndicator["children_count"]?["pp_change"] is NSNull)
        let reasons = try #require(byIndicator["children_count"]?["reasons"] as? [String: String])
        #expect(reasons["unit"] == "count inferred from the indicator name 'children_count'; it depends on the size of the area")
        #expect(run.stderr.contains(
            "metrics: note: \(path): units inferred: population_estimate count, children_count count, rate_per_10000 rate per 10,000, rereferral_percent percentage; the summary's reasons say from what"),
            "\(run.stderr)")
    }

    @Test("report: no England line on the count's chart (the rate offered instead); England drawn on the rate's and the percentage's")
    func report() throws {
        let path = try CLI.file(Self.ees, name: "cla.csv")
        let out = ReportCommandTests.directory()
        let run = try CLI.run(["report", path, "--area", "E06000002", "-o", out, "--forecast", "none"])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try ReportCommandTests.files(in: out)
        func data(_ indicator: String) throws -> String {
            let name = try #require(files.keys.first { $0.hasPrefix("data/") && $0.hasSuffix(indicator.replacingOccurrences(of: "_", with: "-") + ".csv") }, "\(files.keys.sorted())")
            return String(decoding: files[name]!, as: UTF8.self)
        }
        #expect(!(try data("children_count")).contains(",benchmark,"))
        #expect(!(try data("population_estimate")).contains(",benchmark,"))
        #expect((try data("rate_per_10000")).contains(",benchmark,England,"))
        #expect((try data("rereferral_percent")).contains(",benchmark,England,"))
        let html = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(html.contains("England not drawn: a count depends on the size of the area; compare the rate per 10,000 instead: indicator rate_per_10000 of the same inputs."), "\(html)")
    }

    @Test("its --control England with a count: the control is indexed to the area and the warning says by how much")
    func control() throws {
        let path = try CLI.file(Self.ees, name: "cla.csv")
        let run = try CLI.run([
            "its", path, "--area", "E06000002", "--indicator", "children_count", "--event", "2023=direction", "--control", "E92000001", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let row = try #require(rows.first)
        let warnings = row["warnings"] as? String ?? ""
        // 702 + 639 over 80,780 + 82,080 (2021 and 2022, before the event).
        let factor = (702.0 + 639) / (80780 + 82080)
        #expect(warnings.hasPrefix("control England rescaled by \(String(format: "%.4g", factor))"), "\(warnings)")
        #expect(warnings.contains("compare the rate per 10,000 instead: indicator rate_per_10000"), "\(warnings)")
        // The change beyond England is in the area's own range (a few hundred at most), not England's thousands.
        let change = try #require(row["level_change"] as? Double)
        #expect(abs(change) < 702, "\(change)")
    }
}
