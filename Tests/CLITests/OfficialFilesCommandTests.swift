import Foundation
import Testing

/// DfE's files as published, end to end: statistical neighbours in every layout and built in (`compare`),
/// rates from the count and total rows of a breakdown file (`rate`, `proportion`, `compare`), and a batch over
/// EES files of different breakdowns (`batch`).
struct OfficialFilesCommandTests {
    typealias CLI = CommandLineTests

    /// The synthetic placement-stability file in the shape of the EES publication (its README says which rows
    /// are which).
    static let placements = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MetricsTests/Fixtures/placement_stability/la_cla_placement_stability.csv").path
    static let breakdown = [
        "--count", "children_count",
        "--numerator-where", "placement_stability=With 3 or more placements during the year",
        "--denominator-where", "placement_stability=Total children",
    ]

    /// Synthetic values; the areas are real: Middlesbrough and two of its DfE 2025 neighbours.
    static let tidy = """
        area_code,old_la_code,area_name,period,value
        E92000001,970,England,2025,70
        E06000002,806,Middlesbrough,2025,140
        E06000001,805,Hartlepool,2025,120
        E06000009,890,Blackpool,2025,200

        """

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("compare --area with no file: DfE's 2025 neighbours, built in, said in the output; --no-neighbours leaves them out")
    func builtInNeighbours() throws {
        let path = try CLI.file(Self.tidy)
        let run = try CLI.run(["compare", path, "--area", "Middlesbrough", "--polarity", "lower", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try Self.json(run.stdout)
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.filter { $0["role"] as? String == "neighbour" }.map { $0["area_name"] as? String } == ["Blackpool", "Hartlepool"])
        #expect(rows.first { $0["area_name"] as? String == "Blackpool" }?["closeness"] as? String == "Very close")
        #expect(object["neighbour_mean"] as? Double == 160)
        #expect((object["neighbour_groupings"] as? String)?.contains("2025 statistical neighbour model") == true)
        let table = try CLI.run(["compare", path, "--area", "806", "--format", "table"])
        #expect(table.stdout.contains("Statistical neighbours: DfE's 2025 statistical neighbour model (built in"), "\(table.stdout)")
        #expect(table.stdout.contains("Without a value in the file: Stoke-on-Trent, Rochdale, Newcastle upon Tyne,"), "\(table.stdout)")
        let without = try CLI.run(["compare", path, "--area", "806", "--no-neighbours", "--format", "json"])
        let plain = try #require(try Self.json(without.stdout)["rows"] as? [[String: Any]])
        #expect(plain.map { $0["role"] as? String } == ["area", "england"])
        #expect(try CLI.run(["compare", path, "--area", "806", "--no-neighbours", "--neighbours", path]).status == 64)
    }

    @Test("compare --neighbours reads DfE's 2025 model as published (SN_1, SN_1P, trailing spaces, byte-order mark)")
    func model2025File() throws {
        let path = try CLI.file(Self.tidy)
        let sn = try CLI.file(
            "\u{FEFF}old_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P\n806,Middlesbrough,4,North East,805,Close ,890,Very close\n",
            name: "sn_model_2025_wide.csv")
        let run = try CLI.run(["compare", path, "--area", "806", "--neighbours", sn, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try Self.json(run.stdout)
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.filter { $0["role"] as? String == "neighbour" }.map { $0["area_name"] as? String } == ["Hartlepool", "Blackpool"])
        #expect(rows.filter { $0["role"] as? String == "neighbour" }.map { $0["closeness"] as? String } == ["Close", "Very close"])
        #expect((object["neighbour_groupings"] as? String)?.hasSuffix("sn_model_2025_wide.csv") == true)
        // An area the groupings do not have is said so, not passed over in silence.
        let other = try CLI.file("old_la_code,la_name,region_name,SN_1,SN_1P\n805,Hartlepool,North East,806,Close\n")
        let table = try CLI.run(["compare", path, "--area", "806", "--neighbours", other, "--format", "table"])
        #expect(table.stdout.contains("Middlesbrough is not in the statistical neighbour groupings"), "\(table.stdout)")
    }

    @Test("proportion: one row per count row, with its total from the partner row; symbols and a missing partner explained")
    func proportionFromRows() throws {
        let run = try CLI.run(["proportion", Self.placements, "--percent", "--format", "csv"] + Self.breakdown)
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try #require(ParsedCSV(run.stdout))
        #expect(csv.header.suffix(7) == ["numerator", "denominator", "value", "lower", "upper", "method", "reason"])
        #expect(csv.rows.count == 10)
        #expect(csv.rows.allSatisfy { $0[11] == "With 3 or more placements during the year" })
        func row(_ year: String, _ name: String) -> [String]? {
            csv.rows.first { $0[0] == year && ($0[8] == name || (name == "England" && $0[2] == "National")) }
        }
        #expect(row("2025", "Alpha")?.suffix(7).prefix(3) == ["24", "200", "12"])
        #expect(row("2025", "England")?[15] == "8180")
        #expect(row("2025", "Gamma")?.last?.hasPrefix("children_count is 'c'") == true)
        #expect(row("2024", "Gamma")?.last?.hasPrefix("the denominator row (line 27): children_count is 'x'") == true)
        #expect(row("2024", "Beta")?.last?.hasPrefix("no denominator row (placement_stability=Total children)") == true)
    }

    @Test("rate per 100 from the two rows: exact Poisson below 10 events, Byar's from 10")
    func rateFromRows() throws {
        let run = try CLI.run(["rate", Self.placements, "--per", "100", "--format", "csv"] + Self.breakdown)
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try #require(ParsedCSV(run.stdout))
        let method = csv.header.firstIndex(of: "method")!
        #expect(csv.rows.first { $0[0] == "2025" && $0[8] == "Beta" }?[method] == "Exact")
        #expect(csv.rows.first { $0[0] == "2025" && $0[8] == "Alpha" }?[method] == "Byars")
    }

    @Test("usage: one of the pair alone, no denominator at all, COLUMN=VALUE; a value no row holds is exit 65 naming the values")
    func breakdownErrors() throws {
        let half = try CLI.run(["proportion", Self.placements, "--count", "children_count", "--numerator-where", "placement_stability=Total children"])
        #expect(half.status == 64 && half.stderr.contains("give both --numerator-where and --denominator-where"))
        let none = try CLI.run(["rate", Self.placements, "--count", "children_count"])
        #expect(none.status == 64 && none.stderr.contains("give --denominator COLUMN, or the numerator and denominator rows"))
        let shape = try CLI.run(["rate", Self.placements, "--count", "children_count", "--numerator-where", "x", "--denominator-where", "y=z"])
        #expect(shape.status == 64 && shape.stderr.contains("--numerator-where takes COLUMN=VALUE"))
        let wrong = try CLI.run([
            "proportion", Self.placements, "--count", "children_count",
            "--numerator-where", "placement_stability=With 3 or more placements", "--denominator-where", "placement_stability=Total children",
        ])
        #expect(wrong.status == 65)
        #expect(wrong.stderr.contains("la_cla_placement_stability.csv:1:1: no row has placement_stability=With 3 or more placements (--numerator-where): the column holds"))
        #expect(wrong.stderr.contains("'With 3 or more placements during the year'"))
        // Standard input, even redirected from a file, is read once only: the pairing needs the file (exit 66).
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        let quoted = ([CLI.executable.path, "rate", "-"] + Self.breakdown).map { "'" + $0 + "'" }.joined(separator: " ")
        shell.arguments = ["-c", quoted + " < '" + Self.placements + "' 2>&1"]
        let out = Pipe()
        shell.standardOutput = out
        try shell.run()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 66 && said.contains("give a file, not standard input"), "\(said)")
    }

    @Test("compare a rate from the two rows: rank, England's value and significance, as the file publishes the rows")
    func compareFromRows() throws {
        let run = try CLI.run(
            ["compare", Self.placements, "--proportion", "--polarity", "lower", "--area", "Alpha", "--no-neighbours", "--format", "json"] + Self.breakdown)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try Self.json(run.stdout)
        #expect(object["period"] as? String == "2025")
        #expect(abs((object["england_value"] as? Double ?? 0) - 850.0 / 8180 * 100) < 1e-9)
        let rows = try #require(object["rows"] as? [[String: Any]])
        let alpha = try #require(rows.first)
        #expect(alpha["area_name"] as? String == "Alpha" && alpha["value"] as? Double == 12)
        #expect(alpha["count"] as? Double == 24 && alpha["denominator"] as? Double == 200)
        #expect(alpha["rank"] as? Double == 2 && alpha["rank_of"] as? Double == 2)
        #expect(rows.map { $0["role"] as? String } == ["area", "region", "england"])
        #expect(try CLI.run(["compare", Self.placements, "--numerator-where", "a=b", "--denominator-where", "a=c"]).status == 64)
    }

    /// Two EES-shaped files of different breakdowns (synthetic figures) and a file with no series.
    static func batchProject(withEmpty: Bool) throws -> (config: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("batch-official-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var cla = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,population_type,children_count\n"
        for year in 2021...2025 {
            cla += "\(year),Reporting year,National,E92000001,England,,,,,,Children looked after on 31 March each year,\(80000 + 300 * (year - 2021))\n"
            cla += "\(year),Reporting year,Local authority,E92000001,England,E12000001,North East,901,Alpha,E06000901,Children looked after on 31 March each year,\(200 + 7 * (year - 2021))\n"
        }
        try Data(cla.utf8).write(to: folder.appendingPathComponent("a_cla.csv"))
        try Data(try String(contentsOfFile: Self.placements, encoding: .utf8).utf8).write(to: folder.appendingPathComponent("b_placements.csv"))
        if withEmpty { try Data("area_code,period,value\n".utf8).write(to: folder.appendingPathComponent("c_empty.csv")) }
        try Data("name: official\ninputs: [\"*.csv\"]\nmodels: [spc]\n".utf8).write(to: folder.appendingPathComponent("run.yaml"))
        return (folder.appendingPathComponent("run.yaml").path, folder)
    }

    @Test("batch over EES files of different breakdowns: each keeps its key, the columns are all of theirs, no error")
    func batchDifferentKeys() throws {
        let (config, folder) = try Self.batchProject(withEmpty: false)
        let out = folder.appendingPathComponent("out").path
        let run = try CLI.run(["batch", config, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let errors = try String(contentsOfFile: out + "/errors.csv", encoding: .utf8)
        #expect(errors == "file,line,series,analysis,message\n")
        let summary = try #require(ParsedCSV(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)))
        #expect(summary.header.prefix(8) == [
            "geographic_level", "area_code", "area_name", "cla_group", "placement_stability", "population_type", "indicator", "n",
        ])
        let cla = summary.rows.filter { $0[5] == "Children looked after on 31 March each year" }
        #expect(cla.count == 2 && cla.allSatisfy { $0[3].isEmpty && $0[4].isEmpty && $0[6] == "children_count" })
        let placement = summary.rows.filter { $0[4] == "With 3 or more placements during the year" && $0[2] == "Alpha" && $0[6] == "children_count" }
        #expect(placement.count == 1 && placement[0][5].isEmpty && placement[0][3] == "CLA on 31 March" && placement[0][7] == "2")
        #expect(summary.rows.allSatisfy { $0.count == summary.header.count })
        let spc = try #require(ParsedCSV(try String(contentsOfFile: out + "/models/spc.csv", encoding: .utf8)))
        #expect(spc.header.prefix(7) == summary.header.prefix(7))
        #expect(spc.rows.allSatisfy { $0.count == spc.header.count })
        #expect(spc.rows.contains { $0[5] == "Children looked after on 31 March each year" && $0[3].isEmpty })
        // Shards agree with the whole run, header and rows.
        var rows: [[String]] = []
        for i in 1...2 {
            let part = folder.appendingPathComponent("part\(i)").path
            #expect(try CLI.run(["batch", config, "-o", part, "--shard", "\(i)/2"]).status == 0)
            let csv = try #require(ParsedCSV(try String(contentsOfFile: part + "/summary.csv", encoding: .utf8)))
            #expect(csv.header == summary.header)
            rows += csv.rows
        }
        #expect(rows.map { $0.joined(separator: "\u{1F}") }.sorted() == summary.rows.map { $0.joined(separator: "\u{1F}") }.sorted())
    }

    @Test("batch: a file with no series is one row of errors.csv naming it (exit 1), everything else written")
    func batchEmptyFile() throws {
        let (config, folder) = try Self.batchProject(withEmpty: true)
        let out = folder.appendingPathComponent("out").path
        let run = try CLI.run(["batch", config, "-o", out])
        #expect(run.status == 1, "\(run.stderr)")
        let errors = try #require(ParsedCSV(try String(contentsOfFile: out + "/errors.csv", encoding: .utf8)))
        #expect(errors.rows.count == 1)
        #expect(errors.rows.first?[0].hasSuffix("c_empty.csv") == true && errors.rows.first?[3] == "read")
        #expect(errors.rows.first?[4].contains("holds no series") == true)
        let manifest = try Self.json(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8))
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["series"] as? Int } == [2, 36, 0])
    }
}
