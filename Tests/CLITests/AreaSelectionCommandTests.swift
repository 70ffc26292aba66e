import Foundation
import Testing

/// Area selection end to end (issue 17): a selection that matches nothing is a usage error with the nearest
/// matches; `--area` takes a GSS code, an old LA code or a name in every format; `--region`; benchmarks
/// resolve to the named aggregate; aggregates are never ranked.
///
/// The fixtures have the columns of the real DfE files (`../shared/data/dfe`: the EES
/// `cla_number_and_rate_per_10k_children.csv` and the LAIT extract) and their real codes and names; every
/// figure in them is synthetic.
struct AreaSelectionCommandTests {
    typealias CLI = CommandLineTests

    /// EES-shaped: England, the North East, Inner London (E13, "Regional" as EES has it) and three authorities.
    static let ees = """
        time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,population_type,population_estimate,children_count,rate_per_10000
        2023,Reporting year,National,E92000001,England,,,,,,Children looked after on 31 March each year,12000000,80000,67
        2023,Reporting year,Regional,E92000001,England,E12000001,North East,,,,Children looked after on 31 March each year,540000,6000,111
        2023,Reporting year,Regional,E92000001,England,E13000001,Inner London,,,,Children looked after on 31 March each year,600000,4000,66
        2023,Reporting year,Local authority,E92000001,England,E12000001,North East,805,Hartlepool,E06000001,Children looked after on 31 March each year,20000,300,150
        2023,Reporting year,Local authority,E92000001,England,E12000001,North East,806,Middlesbrough,E06000002,Children looked after on 31 March each year,35000,500,143
        2023,Reporting year,Local authority,E92000001,England,E12000007,London,202,Camden,E09000007,Children looked after on 31 March each year,40000,200,50
        2024,Reporting year,National,E92000001,England,,,,,,Children looked after on 31 March each year,12100000,81000,67
        2024,Reporting year,Regional,E92000001,England,E12000001,North East,,,,Children looked after on 31 March each year,541000,6100,113
        2024,Reporting year,Regional,E92000001,England,E13000001,Inner London,,,,Children looked after on 31 March each year,600000,3900,65
        2024,Reporting year,Local authority,E92000001,England,E12000001,North East,805,Hartlepool,E06000001,Children looked after on 31 March each year,20000,310,155
        2024,Reporting year,Local authority,E92000001,England,E12000001,North East,806,Middlesbrough,E06000002,Children looked after on 31 March each year,35500,510,144
        2024,Reporting year,Local authority,E92000001,England,E12000007,London,202,Camden,E09000007,Children looked after on 31 March each year,40000,210,52
        2025,Reporting year,National,E92000001,England,,,,,,Children looked after on 31 March each year,12200000,82000,67
        2025,Reporting year,Regional,E92000001,England,E12000001,North East,,,,Children looked after on 31 March each year,542000,6200,114
        2025,Reporting year,Regional,E92000001,England,E13000001,Inner London,,,,Children looked after on 31 March each year,600000,3800,63
        2025,Reporting year,Local authority,E92000001,England,E12000001,North East,805,Hartlepool,E06000001,Children looked after on 31 March each year,20000,320,160
        2025,Reporting year,Local authority,E92000001,England,E12000001,North East,806,Middlesbrough,E06000002,Children looked after on 31 March each year,36000,500,139
        2025,Reporting year,Local authority,E92000001,England,E12000007,London,202,Camden,E09000007,Children looked after on 31 March each year,40000,220,55

        """

    /// LAIT-shaped: England 970, the North East 980, London (Inner) 987 and London (Outer) 988, and three
    /// North East authorities, Darlington first (as the real LAIT file orders authorities by name).
    static var lait: String {
        let areas: [(String, String, String, [Double])] = [
            ("Darlington", "841", "North East", [52, 51, 50]),
            ("England", "970", "NA", [42, 41, 40]),
            ("Hartlepool", "805", "North East", [72, 71, 70]),
            ("London (Inner)", "987", "NA", [32, 31, 30]),
            ("London (Outer)", "988", "NA", [37, 36, 35]),
            ("Middlesbrough", "806", "North East", [97, 98, 99]),
            ("North East", "980", "NA", [62, 61, 60]),
        ]
        var text = "measure_code,measure,period,area,old_la_code,region,value,value_raw\n"
        for (name, code, region, values) in areas {
            for (period, value) in zip([2023, 2024, 2025], values) {
                text += "CPP_rate,,\(period),\(name),\(code),\(region),\(value),\(Int(value))\n"
            }
        }
        return text
    }

    static func rows(_ csv: String) -> [[String: String]] {
        guard let parsed = ParsedCSV(csv) else { return [] }
        return parsed.rows.map { Dictionary(uniqueKeysWithValues: zip(parsed.header, $0)) }
    }

    // MARK: A selection that matches nothing

    @Test("a misspelt --area, an unknown --indicator, a --where column or value the file lacks: exit 64 with the nearest matches, in summarize")
    func emptySelectionsFail() throws {
        let ees = try CLI.file(Self.ees, name: "cla.csv")
        let misspelt = try CLI.run(["summarize", ees, "--area", "Middlesborough"])
        #expect(misspelt.status == 64, "\(misspelt.stderr)")
        #expect(misspelt.stderr.contains("--area 'Middlesborough'") && misspelt.stderr.contains("did you mean 'Middlesbrough'?"), "\(misspelt.stderr)")
        #expect(misspelt.stdout.isEmpty)

        let indicator = try CLI.run(["summarize", ees, "--indicator", "At31_children"])
        #expect(indicator.status == 64)
        // Nothing is near: the message lists what the file holds.
        #expect(indicator.stderr.contains("'children_count', 'population_estimate', 'rate_per_10000'"), "\(indicator.stderr)")

        let column = try CLI.run(["summarize", ees, "--where", "nonexistent=x"])
        #expect(column.status == 64 && column.stderr.contains("no column 'nonexistent'") && column.stderr.contains("'region_name'"), "\(column.stderr)")

        let value = try CLI.run(["summarize", ees, "--where", "region_name=North Eest"])
        #expect(value.status == 64 && value.stderr.contains("did you mean 'North East'?"), "\(value.stderr)")

        let lait = try CLI.file(Self.lait, name: "lait.csv")
        let measure = try CLI.run(["summarize", lait, "--indicator", "CLA_rate"])
        #expect(measure.status == 64 && measure.stderr.contains("did you mean 'CPP_rate'?"), "\(measure.stderr)")

        // Each value is in the file, but no series has both.
        let together = try CLI.run(["summarize", ees, "--area", "Camden", "--where", "region_name=North East"])
        #expect(together.status == 64 && together.stderr.contains("no series matches"), "\(together.stderr)")
        // One of two areas misspelt is an error too: a silently missing authority is worse than none.
        #expect(try CLI.run(["summarize", ees, "--area", "Middlesbrough", "--area", "Hartlepol"]).status == 64)
        // A file with a header only is thin data, not a failed selection.
        let empty = try CLI.file("period,value,area_code\n", name: "empty.csv")
        #expect(try CLI.run(["summarize", empty, "--area", "Middlesbrough"]).status == 0)
    }

    @Test("the same exit status and message in every verb that selects: report, compare, spc, forecast, its, smooth")
    func everyVerb() throws {
        let ees = try CLI.file(Self.ees, name: "cla.csv")
        let lait = try CLI.file(Self.lait, name: "lait.csv")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("areas-report-\(UUID().uuidString)").path
        let runs = [
            try CLI.run(["report", ees, "--area", "Middlesborough", "-o", out]),
            try CLI.run(["spc", ees, "--area", "Middlesborough"]),
            try CLI.run(["forecast", lait, "--area", "Middlesborough", "--indicator", "CPP_rte"]),
            try CLI.run(["smooth", lait, "--window", "3", "--area", "Middlesbrough", "--where", "regoin=North East"]),
            try CLI.run(["its", ees, "--area", "Middlesborough", "--indicator", "rate_per_1000", "--event", "2024"]),
            try CLI.run(["compare", lait, "--indicator", "CPP_rate", "--area", "Middlesborough"]),
            try CLI.run(["compare", lait, "--indicator", "CPP_rat"]),
            try CLI.run(["compare", ees, "--value", "rate_per_10000", "--where", "population_typ=x"]),
            try CLI.run(["compare", ees, "--value", "rate_per_10000", "--where", "population_type=Children looked after"]),
        ]
        for run in runs {
            #expect(run.status == 64, "\(run.stderr)")
            #expect(run.stderr.contains("did you mean"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out), "a failed selection writes no report")
    }

    @Test("batch: a select that names what no input holds is listed in errors.csv (analysis select), exit 1")
    func batchSelect() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("areas-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.ees.utf8).write(to: folder.appendingPathComponent("cla.csv"))
        let config = folder.appendingPathComponent("batch.yaml")
        try Data("name: areas\ninputs: [cla.csv]\nselect: {areas: [Middlesbrough, Hartlepol]}\n".utf8).write(to: config)
        let out = folder.appendingPathComponent("out").path
        let run = try CLI.run(["batch", config.path, "-o", out])
        #expect(run.status == 1, "\(run.stderr)")
        let errors = try String(contentsOfFile: out + "/errors.csv", encoding: .utf8)
        #expect(errors.contains(",select,") && errors.contains("did you mean 'Hartlepool'?"), "\(errors)")
        let summary = Self.rows(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8))
        #expect(Set(summary.map { $0["area_name"] }) == ["Middlesbrough"], "the areas that were found are still summarised")
    }

    // MARK: --area and --region in every format

    @Test("--area takes the GSS code, the old LA code or the name in EES, LAIT and tidy files")
    func areaCodes() throws {
        let ees = try CLI.file(Self.ees, name: "cla.csv")
        for area in ["806", "E06000002", "middlesbrough"] {
            let run = try CLI.run(["summarize", ees, "--area", area, "--indicator", "rate_per_10000", "--format", "csv"])
            #expect(run.status == 0, "\(area): \(run.stderr)")
            #expect(Self.rows(run.stdout).map { $0["area_name"] } == ["Middlesbrough"], "\(area)")
        }
        let lait = try CLI.file(Self.lait, name: "lait.csv")
        // LAIT holds no GSS codes: E06000002 is found through the shipped table of areas (LocalAuthorityDirectory).
        for area in ["806", "Middlesbrough", "E06000002"] {
            let run = try CLI.run(["summarize", lait, "--area", area, "--format", "csv"])
            #expect(Self.rows(run.stdout).map { $0["area"] } == ["Middlesbrough"], "\(area): \(run.stderr)")
        }
        // "North East" is the region's own row, not the authorities whose region it is.
        let region = try CLI.run(["summarize", lait, "--area", "North East", "--format", "csv"])
        #expect(Self.rows(region.stdout).map { $0["area"] } == ["North East"], "\(region.stderr)")
    }

    @Test("--where region_name=North East on EES selects the rows whose region_name holds it")
    func whereRegionName() throws {
        let ees = try CLI.file(Self.ees, name: "cla.csv")
        let run = try CLI.run(["summarize", ees, "--where", "region_name=North East", "--indicator", "rate_per_10000", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.rows(run.stdout).map { $0["area_name"]! } == ["North East", "Hartlepool", "Middlesbrough"])
        let old = try CLI.run(["summarize", ees, "--where", "old_la_code=202", "--indicator", "rate_per_10000", "--format", "csv"])
        #expect(Self.rows(old.stdout).map { $0["area_name"]! } == ["Camden"], "\(old.stderr)")
    }

    @Test("--region selects every authority of the region, by name or code, not the region's own row unless --area names it")
    func regionOption() throws {
        let ees = try CLI.file(Self.ees, name: "cla.csv")
        for region in ["North East", "E12000001"] {
            let run = try CLI.run(["summarize", ees, "--region", region, "--indicator", "rate_per_10000", "--format", "csv"])
            #expect(Self.rows(run.stdout).map { $0["area_name"]! } == ["Hartlepool", "Middlesbrough"], "\(region): \(run.stderr)")
        }
        let lait = try CLI.file(Self.lait, name: "lait.csv")
        let run = try CLI.run(["spc", lait, "--region", "north east", "--area", "North East", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Set(Self.rows(run.stdout).map { $0["area"]! }) == ["Darlington", "Hartlepool", "Middlesbrough", "North East"])
        let misspelt = try CLI.run(["summarize", lait, "--region", "Nort East"])
        #expect(misspelt.status == 64 && misspelt.stderr.contains("did you mean 'North East'?"), "\(misspelt.stderr)")
    }

    // MARK: Benchmarks

    static func benchmarkLines(_ directory: String) throws -> [String: [String]] {
        let data = directory + "/data"
        var lines: [String: [String]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: data).sorted() {
            for row in Self.rows(try String(contentsOfFile: data + "/" + name, encoding: .utf8)) where row["layer"] == "benchmark" {
                lines[row["name"]!, default: []].append(row["value"]!)
            }
        }
        return lines
    }

    @Test("report --benchmark 'North East' on LAIT draws the region's own row (980), not Darlington")
    func namedBenchmark() throws {
        let lait = try CLI.file(Self.lait, name: "lait.csv")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("areas-bench-\(UUID().uuidString)").path
        let run = try CLI.run(["report", lait, "--area", "Middlesbrough", "--benchmark", "North East", "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.benchmarkLines(out) == ["North East": ["62", "61", "60"]])
        // By its GSS code too, which LAIT does not hold (LocalAuthorityDirectory).
        #expect(try CLI.run(["report", lait, "--area", "Middlesbrough", "--benchmark", "E12000001", "-o", out]).status == 0)
        #expect(try Self.benchmarkLines(out) == ["North East": ["62", "61", "60"]])
        let unknown = try CLI.run(["report", lait, "--area", "Middlesbrough", "--benchmark", "Nort East", "-o", out])
        #expect(unknown.status == 64 && unknown.stderr.contains("did you mean 'North East'?"), "\(unknown.stderr)")
    }

    @Test("with no --benchmark, England and the area's own region are drawn, from EES and from LAIT")
    func defaultBenchmarks() throws {
        let lait = try CLI.file(Self.lait, name: "lait.csv")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("areas-bench-\(UUID().uuidString)").path
        #expect(try CLI.run(["report", lait, "--area", "Middlesbrough", "-o", out]).status == 0)
        #expect(try Self.benchmarkLines(out) == ["England": ["42", "41", "40"], "North East": ["62", "61", "60"]])

        let ees = try CLI.file(Self.ees, name: "cla.csv")
        let eesOut = FileManager.default.temporaryDirectory.appendingPathComponent("areas-bench-\(UUID().uuidString)").path
        let run = try CLI.run(["report", ees, "--area", "Middlesbrough", "--indicator", "rate_per_10000", "-o", eesOut])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.benchmarkLines(eesOut) == ["England": ["67", "67", "67"], "North East": ["111", "113", "114"]])
        // Camden's region is London, which this file does not hold: England only, never Inner London.
        let camden = FileManager.default.temporaryDirectory.appendingPathComponent("areas-bench-\(UUID().uuidString)").path
        #expect(try CLI.run(["report", ees, "--area", "Camden", "--indicator", "rate_per_10000", "-o", camden]).status == 0)
        #expect(try Self.benchmarkLines(camden).keys.sorted() == ["England"])
    }

    // MARK: Ranks count local authorities only

    @Test("compare ranks and bands local authorities only: LAIT's 970, 980, 987 and 988 are aggregates")
    func laitRanks() throws {
        let lait = try CLI.file(Self.lait, name: "lait.csv")
        let run = try CLI.run(["compare", lait, "--indicator", "CPP_rate", "--polarity", "lower", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = Self.rows(run.stdout)
        #expect(rows.map { $0["area_name"]! } == ["Darlington", "Hartlepool", "Middlesbrough"])
        #expect(rows.map { $0["rank"]! + " of " + $0["rank_of"]! } == ["1 of 3", "2 of 3", "3 of 3"])
        for area in ["806", "E06000002"] {
            // Without DfE's built-in neighbours (Hartlepool is one of Middlesbrough's), to see the aggregates alone.
            let one = Self.rows(try CLI.run(["compare", lait, "--indicator", "CPP_rate", "--area", area, "--no-neighbours", "--polarity", "lower", "--format", "csv"]).stdout)
            #expect(one.map { $0["role"]! } == ["area", "region", "england"], "\(area)")
            #expect(one.first?["area_name"] == "Middlesbrough" && one.dropFirst().first?["area_name"] == "North East", "\(area)")
        }
        let aggregate = try CLI.run(["compare", lait, "--indicator", "CPP_rate", "--area", "E12000001"])
        #expect(aggregate.status == 64 && aggregate.stderr.contains("an aggregate of local authorities"), "\(aggregate.stderr)")
    }

    @Test("compare ranks EES and tidy authorities only: Inner London (E13) and London (Inner) by name are aggregates")
    func eesAndTidyRanks() throws {
        let ees = try CLI.file(Self.ees, name: "cla.csv")
        let run = try CLI.run(["compare", ees, "--value", "rate_per_10000", "--polarity", "lower", "--format", "csv"])
        #expect(Self.rows(run.stdout).map { $0["rank_of"]! } == ["3", "3", "3"], "\(run.stderr)")
        let tidy = try CLI.file("""
            area_code,area_name,period,value
            E92000001,England,2025,40
            E13000001,Inner London,2025,30
            ,London (Outer),2025,35
            E09000007,Camden,2025,55
            E09000001,City of London,2025,20

            """)
        let tidyRun = try CLI.run(["compare", tidy, "--polarity", "lower", "--format", "csv"])
        let rows = Self.rows(tidyRun.stdout)
        #expect(rows.map { $0["area_name"]! } == ["Camden", "City of London"], "\(tidyRun.stderr)")
        #expect(rows.map { $0["rank"]! } == ["2", "1"])
    }

    @Test("compare --region keeps the region's authorities, ranked nationally; a region it does not hold is exit 64")
    func compareRegion() throws {
        let ees = try CLI.file(Self.ees, name: "cla.csv")
        let run = try CLI.run(["compare", ees, "--value", "rate_per_10000", "--region", "North East", "--polarity", "lower", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = Self.rows(run.stdout)
        #expect(rows.map { $0["area_name"]! } == ["Hartlepool", "Middlesbrough"])
        #expect(rows.map { $0["rank"]! + " of " + $0["rank_of"]! } == ["3 of 3", "2 of 3"])
        let misspelt = try CLI.run(["compare", ees, "--value", "rate_per_10000", "--region", "Nort East"])
        #expect(misspelt.status == 64 && misspelt.stderr.contains("did you mean 'North East'?"), "\(misspelt.stderr)")
    }

    // MARK: The real DfE files

    static let dfe: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/dfe")
    static let hasDfE = FileManager.default.fileExists(atPath: dfe.appendingPathComponent("lait").path)

    @Test("the real LAIT and EES files: a misspelt area names Middlesbrough; 806 selects it in EES; LAIT reports draw England and the North East",
        .enabled(if: hasDfE, "../shared/data/dfe (the real DfE files) is absent"))
    func realFiles() throws {
        let lait = Self.dfe.appendingPathComponent("lait/lait_middlesbrough_sn_northeast_england_all_measures.csv").path
        let ees = Self.dfe.appendingPathComponent("ees/cla_number_and_rate_per_10k_children.csv").path
        let misspelt = try CLI.run(["summarize", lait, "--area", "Middlesborough"])
        #expect(misspelt.status == 64 && misspelt.stderr.contains("did you mean 'Middlesbrough'?"), "\(misspelt.stderr)")
        let byOldCode = try CLI.run(["summarize", ees, "--area", "806", "--indicator", "rate_per_10000", "--format", "csv"])
        #expect(Self.rows(byOldCode.stdout).map { $0["area_name"]! } == Array(repeating: "Middlesbrough", count: 3), "\(byOldCode.stderr)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("areas-real-\(UUID().uuidString)").path
        let report = try CLI.run(["report", lait, "--indicator", "CPP_rate", "--area", "Middlesbrough", "-o", out])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try Self.benchmarkLines(out).keys.sorted() == ["England", "North East"])
        let compare = Self.rows(try CLI.run(["compare", lait, "--indicator", "CPP_rate", "--area", "Middlesbrough", "--format", "csv"]).stdout)
        #expect(compare.first?["rank_of"] == "11", "Middlesbrough and its 10 neighbours; England and the North East are not ranked")
    }
}
