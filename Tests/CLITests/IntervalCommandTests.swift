import Foundation
import Testing

/// `metrics rate` and `metrics proportion` end to end.
struct IntervalCommandTests {
    typealias CLI = CommandLineTests

    @Test("rate: the input rows with value, lower, upper, method; exact below 10 events, Byar's from 10")
    func rate() throws {
        let path = try CLI.file("area,deaths,population\nA,5,100\nB,65,100\nC,0,250\nD,c,100\nE,3,0\n")
        let run = try CLI.run(["rate", path, "--count", "deaths", "--denominator", "population", "--per", "100", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "area,deaths,population,value,lower,upper,method,reason")
        // PHEindicatormethods: 5 per 100 → [1.62348639011842, 11.668332079322669]; 65 → [50.163…, 82.849…].
        let a = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(a[3] == "5" && a[6] == "Exact")
        #expect(abs(Double(a[4])! - 1.62348639011842) < 1e-12 && abs(Double(a[5])! - 11.668332079322669) < 1e-12)
        #expect(lines[2].contains(",Byars,"))
        #expect(lines[3].hasPrefix("C,0,250,0,0,"))
        #expect(lines[4] == "D,c,100,,,,,deaths is 'c': confidential (suppressed to protect individuals)")
        #expect(lines[5] == "E,3,0,,,,,the denominator is zero")
    }

    @Test("proportion: Wilson limits, as percentages with --percent; a count above its denominator is an error")
    func proportion() throws {
        let path = try CLI.file("area,x,n\nA,65,100\nB,0,20\n")
        let run = try CLI.run(["proportion", path, "--count", "x", "--denominator", "n", "--percent", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        // PHEindicatormethods: 65/100 at 95% → [0.5525444329688797, 0.7363575175690247].
        #expect(abs((rows[0]["lower"] as? Double ?? 0) - 55.25444329688797) < 1e-11)
        #expect(abs((rows[0]["upper"] as? Double ?? 0) - 73.63575175690247) < 1e-11)
        #expect(rows[1]["lower"] as? Double == 0 && rows[0]["method"] as? String == "Wilson")
        let bad = try CLI.file("area,x,n\nA,30,20\n")
        let failed = try CLI.run(["proportion", bad, "--count", "x", "--denominator", "n"])
        #expect(failed.status == 65 && failed.stderr.contains(":2:3:") && failed.stderr.contains("larger than the denominator"))
    }

    @Test("columns that collide keep the input's values as NAME_input; negative counts are errors")
    func collisionsAndErrors() throws {
        let path = try CLI.file("area,value,n\nA,7,1000\n")
        let run = try CLI.run(["rate", path, "--count", "value", "--denominator", "n", "--per", "1000", "--format", "csv"])
        #expect(run.stdout.hasPrefix("area,value_input,n,value,lower,upper,method,reason\nA,7,1000,7,"))
        let negative = try CLI.file("area,x,n\nA,-1,10\n")
        #expect(try CLI.run(["rate", negative, "--count", "x", "--denominator", "n"]).status == 65)
        #expect(try CLI.run(["rate", negative, "--count", "x", "--denominator", "missing"]).status == 65)
        #expect(try CLI.run(["rate", negative, "--count", "x", "--denominator", "n", "--level", "2"]).status == 64)
    }
}

/// `metrics share`, `metrics band` and `metrics deflate` end to end.
struct IndicatorCommandTests {
    typealias CLI = CommandLineTests

    @Test("share: sentence and JSON")
    func share() throws {
        let run = try CLI.run(["share", "--part0", "26", "--total0", "200", "--part1", "56", "--total1", "160", "--from", "2010", "--to", "2020", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["pp_change"] as? Double == 22)
        #expect((object["sentence"] as? String)?.contains("+16.9 pp") == true)
        #expect(try CLI.run(["share", "--part0", "1", "--total0", "0", "--part1", "1", "--total1", "2"]).status == 64)
    }

    @Test("band: the seed's band and welcome payment")
    func band() throws {
        let run = try CLI.run(["band", "--min", "28672", "--max", "36922", "--payment", "5000", "--over", "2"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("midpoint £32,797") && run.stdout.contains("£2,500 a year"))
        #expect(try CLI.run(["band", "--min", "3", "--max", "2"]).status == 64)
    }

    @Test("deflate: rows in real terms with the index's provenance; a gap is exit 65 at its line")
    func deflate() throws {
        let index = try CLI.file("period,value,source\n2021,90,synthetic\n2022,95,synthetic\n2023,100,synthetic\n", name: "index.csv")
        let data = try CLI.file("area,period,value\nA,2021,1000\nA,2022,c\nA,2023,1000\n")
        let run = try CLI.run(["deflate", data, "--index", index, "--base", "2023", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines[0] == "area,period,value,real_value,index_value,price_basis")
        #expect(lines[1].hasPrefix("A,2021,1000,1111.111111111111,90,"))
        #expect(lines[2].hasPrefix("A,2022,c,,,"))
        let gap = try CLI.file("area,period,value\nA,2024,5\n")
        let failed = try CLI.run(["deflate", gap, "--index", index, "--base", "2023"])
        #expect(failed.status == 65 && failed.stderr.contains(":2:3:") && failed.stderr.contains("no value for 2024"))
    }
}
