import Foundation
import Testing

/// `metrics summarize` and `metrics change` end to end.
struct SummarizeCommandTests {
    typealias CLI = CommandLineTests

    static let data = """
        area_code,area_name,indicator,period,value,unit,polarity
        E06000002,Middlesbrough,agency_rate,2017,5.1,percent,lower
        E06000002,Middlesbrough,agency_rate,2018,7.9,percent,lower
        E06000002,Middlesbrough,agency_rate,2019,9.4,percent,lower
        E06000002,Middlesbrough,agency_rate,2020,c,percent,lower
        E06000002,Middlesbrough,agency_rate,2021,15.2,percent,lower
        E06000002,Middlesbrough,agency_rate,2022,19.8,percent,lower
        E92000001,England,agency_rate,2017,16.1,percent,lower
        E92000001,England,agency_rate,2018,15.8,percent,lower
        E92000001,England,agency_rate,2019,15.4,percent,lower
        E92000001,England,agency_rate,2020,15.5,percent,lower
        E92000001,England,agency_rate,2021,15.9,percent,lower
        E92000001,England,agency_rate,2022,17.6,percent,lower

        """

    /// Issue 16's edge numbers: values near 10⁻³⁰⁰, 10⁻¹⁶⁰ and ±10³⁰⁰, a constant 10³⁰⁸, and 2⁵³ + 1 … 2⁵³ + 3.
    static let edges = "area,period,value\n"
        + [
            ("tiny", ["1e-300", "2e-300", "3e-300", "5e-300"]), ("mid", ["1e-160", "2e-160", "3e-160", "4e-160"]),
            ("huge", ["1e300", "-1e300", "1e300", "-1e300"]), ("one", ["1", "-1", "1", "-1"]), ("top", ["1e308", "1e308", "1e308"]),
            ("exact", ["9007199254740993", "9007199254740994", "9007199254740995"]),
        ].map { area, values in values.enumerated().map { "\(area),\(2001 + $0.offset),\($0.element)\n" }.joined() }.joined()

    @Test("the edge numbers come out the same from summarize, stream and batch (one reading and summary path)")
    func edgeNumbersEveryVerb() throws {
        let path = try CLI.file(Self.edges)
        let summarize = try CLI.run(["summarize", path, "--format", "csv"])
        #expect(summarize.status == 0, "\(summarize.stderr)")
        let table = try #require(ParsedCSV(summarize.stdout))
        func field(_ area: String, _ name: String) -> String? {
            table.column("area")?.firstIndex(of: area).flatMap { table.column(name)?[$0] }
        }
        #expect(field("tiny", "sd").flatMap(Double.init).map { abs($0 / 1e-300 - 1.707825127659933) < 1e-12 } == true)
        #expect(field("mid", "sd").flatMap(Double.init).map { String(format: "%.6g", $0 / 1e-160) } == "1.29099")
        #expect(field("huge", "ols_p").flatMap(Double.init).map { abs($0 - (1 - 1 / 5.0.squareRoot())) < 1e-12 } == true)
        #expect(field("one", "ols_p").flatMap(Double.init).map { abs($0 - (1 - 1 / 5.0.squareRoot())) < 1e-12 } == true)
        #expect(field("top", "ols_p") == "" && field("top", "reasons")?.contains("ols_p: every value is the same") == true)
        #expect(field("exact", "ols_slope") == "1" && field("exact", "sen_slope") == "1" && field("exact", "sd") == "1")
        #expect(field("exact", "abs_change") == "2")

        // `stream --format csv` writes exactly summarize --format csv's records.
        let rows = Self.edges.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        let stream = try CLI.run(["stream", "--columns", "area,period,value", "--delimiter", "csv", "--format", "csv", "--print-header"], stdin: rows)
        #expect(stream.status == 0, "\(stream.stderr)")
        #expect(stream.stdout == summarize.stdout)

        // A batch's summary.csv holds the same records (sorted by key).
        let directory = (path as NSString).deletingLastPathComponent
        try Data("inputs: [data.csv]\n".utf8).write(to: URL(fileURLWithPath: directory + "/run.yaml"))
        let batch = try CLI.run(["batch", directory + "/run.yaml", "-o", directory + "/out"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let batched = try #require(ParsedCSV(try String(contentsOfFile: directory + "/out/summary.csv", encoding: .utf8)))
        for area in ["tiny", "mid", "huge", "one", "top", "exact"] {
            let i = try #require(batched.column("area")?.firstIndex(of: area))
            let j = try #require(table.column("area")?.firstIndex(of: area))
            #expect(batched.rows[i] == table.rows[j], "\(area)")
        }
    }

    @Test("--measures adds SPEC.md's prefixed fields after assessment; an unknown measure is a usage error")
    func measures() throws {
        let path = try CLI.file(Self.data)
        let run = try CLI.run(["summarize", path, "--measures", "holt_,mk_hamed_rao", "--horizon", "2", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let header = try #require(run.stdout.split(separator: "\n").first)
        #expect(header.hasSuffix(",direction,assessment,mk_hamed_rao_s,mk_hamed_rao_var_s,mk_hamed_rao_z,mk_hamed_rao_p,holt_alpha,holt_beta,holt_forecast_1,holt_forecast_2,unit,polarity,reasons"))
        // Middlesbrough has a suppressed 2020: Holt needs a complete series, and says so.
        #expect(run.stdout.contains("holt_alpha: "), "\(run.stdout)")
        let bad = try CLI.run(["summarize", path, "--measures", "mk_hamed_rao,sen_seasonl"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("sen_seasonl") && bad.stderr.contains("sen_seasonal"), "\(bad.stderr)")
    }

    @Test("CSV: key columns, then SPEC.md's fields in order, then unit, polarity, reasons")
    func csv() throws {
        let run = try CLI.run(["summarize", try CLI.file(Self.data), "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        let spec = "n,n_missing,first_period,last_period,first_value,last_value,years,abs_change,pct_change,pp_change,ratio,cagr,mean,sd,median,min,max,lag1_autocorrelation,ols_slope,ols_slope_se,ols_slope_low,ols_slope_high,ols_intercept,ols_p,ols_r2,mk_s,mk_var_s,mk_z,mk_p,mk_tau,sen_slope,sen_low,sen_high,sen_intercept,direction,assessment"
        #expect(lines[0] == "area_code,area_name,indicator," + spec + ",unit,polarity,reasons")
        #expect(lines.count == 3)
        // Full precision: 19.8 − 5.1 is 14.700000000000001 in binary floating point, as in Python.
        #expect(lines[1].hasPrefix("E06000002,Middlesbrough,agency_rate,5,1,2017,2022,5.1,19.8,5,14.700000000000001,"))
        #expect(lines[1].contains(",increasing,worsening,percent,lower_is_better,"))
        #expect(!run.stdout.contains("nan") && !run.stdout.contains("inf"))
    }

    @Test("JSON and NDJSON carry the same records, nulls with reasons")
    func json() throws {
        let path = try CLI.file(Self.data)
        let run = try CLI.run(["summarize", path, "--format", "json"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 2)
        #expect(records[0]["pp_change"] as? Double == 14.7 && records[0]["direction"] as? String == "increasing")
        #expect(records[0]["mk_s"] as? Double == 10)
        let ndjson = try CLI.run(["summarize", path, "--format", "ndjson"])
        #expect(ndjson.stdout.split(separator: "\n").count == 2)
        let twoPoints = try CLI.run(["summarize", try CLI.file("area,period,value\nA,2020,1\nA,2021,3\n"), "--format", "json"])
        let record = try #require((try JSONSerialization.jsonObject(with: Data(twoPoints.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(record["ols_slope_se"] is NSNull)
        #expect((record["reasons"] as? [String: String])?["ols_slope_se"] == "two points: no residual degrees of freedom")
    }

    @Test("filters: --area, --indicator, --where")
    func filters() throws {
        let path = try CLI.file(Self.data)
        let run = try CLI.run(["summarize", path, "--area", "england", "--format", "csv"])
        #expect(run.stdout.split(separator: "\n").count == 2 && run.stdout.contains("E92000001"))
        // A selection that matches nothing is a usage error naming what the file holds (issue 17), not an
        // empty table.
        let none = try CLI.run(["summarize", path, "--indicator", "caseload", "--format", "csv"])
        #expect(none.status == 64 && none.stdout.isEmpty && none.stderr.contains("--indicator 'caseload'"), "\(none.stderr)")
        // A file with a header only is still an empty result: the header alone, so the output is still CSV.
        let headerOnly = try CLI.run(["summarize", try CLI.file("area_code,indicator,period,value\n"), "--indicator", "caseload", "--format", "csv"])
        #expect(headerOnly.status == 0, "\(headerOnly.stderr)")
        #expect(headerOnly.stdout.split(separator: "\n").count == 1 && headerOnly.stdout.contains(",n,n_missing,first_period,"),
            "no series: the header alone (the key columns come from the file's header)")
    }

    @Test("byte-identical output whatever the number of worker threads")
    func deterministic() throws {
        var text = "area,indicator,period,value\n"
        for s in 0..<3000 {
            for y in 0..<8 { text += "A\(s),ind,\(2010 + y),\((s * 7 + y * 13) % 97)\n" }
        }
        let path = try CLI.file(text)
        let one = try CLI.run(["summarize", path, "--jobs", "1", "--format", "csv"])
        let four = try CLI.run(["summarize", path, "--jobs", "4", "--format", "csv"])
        #expect(one.status == 0 && one.stdout.split(separator: "\n").count == 3001)
        #expect(one.stdout == four.stdout)
    }

    @Test("-o: written atomically; a failure leaves the previous file")
    func output() throws {
        let path = try CLI.file(Self.data)
        let output = (path as NSString).deletingLastPathComponent + "/summary.json"
        #expect(try CLI.run(["summarize", path, "-o", output]).status == 0)
        let first = try String(contentsOfFile: output, encoding: .utf8)
        #expect(first.hasPrefix("[") && first.hasSuffix("]\n"))
        let bad = try CLI.file("area,period,value\nA,2020,1\nA,2020,2\n")
        let failed = try CLI.run(["summarize", bad, "-o", output])
        #expect(failed.status == 65 && failed.stderr.contains("duplicate period 2020"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == first)
    }

    @Test("change: the journalist's numbers, per the issue's examples")
    func change() throws {
        let cla = try CLI.run(["change", "702", "539", "--from", "2020-08", "--to", "2021-07"])
        #expect(cla.status == 0)
        #expect(cla.stdout.contains("−163") && cla.stdout.contains("−23.2%") && cla.stdout.contains("11 months"))
        let share = try CLI.run(["change", "13", "35", "--from", "2010", "--to", "2020", "--unit", "percent", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(share.stdout.utf8)) as? [String: Any])
        #expect(object["pp_change"] as? Double == 22 && object["years"] as? Double == 10)
        #expect(abs((object["ratio"] as? Double ?? 0) - 35.0 / 13) < 1e-15)
        #expect(abs((object["cagr"] as? Double ?? 0) - (pow(35.0 / 13, 0.1) - 1) * 100) < 1e-12)
        #expect(try CLI.run(["change", "1", "2", "--from", "2020"]).status == 64)
        #expect(try CLI.run(["change", "1", "2", "--from", "2021", "--to", "2020"]).status == 64)
    }
}
