import Foundation
import Testing

/// `metrics compare` end to end.
struct CompareCommandTests {
    typealias CLI = CommandLineTests

    static let tidy = """
        area_code,old_la_code,area_name,region_name,period,count,population,value
        E92000001,970,England,,2024,1000,100000,100
        E06000001,801,Alpha,North East,2024,50,4000,125
        E06000002,802,"Beta, City of",North East,2024,30,2000,150
        E06000003,803,Gamma,North East,2024,10,5000,20

        """

    @Test("CSV: one row per authority with rank, band, significance and funnel limits")
    func everyAuthority() throws {
        let path = try CLI.file(Self.tidy)
        let run = try CLI.run(["compare", path, "--count", "count", "--denominator", "population", "--per", "10000", "--polarity", "lower", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("role,area_code,old_la_code,area_name,region,period,value,lower,upper,count,denominator,rank,rank_of,quartile_band,england_value,vs_england"))
        #expect(lines.count == 4)
        #expect(lines[2].hasPrefix("other,E06000002,802,\"Beta, City of\",North East,2024,150,"))
        #expect(lines[3].contains(",1,3,A,100,better,"))
    }

    @Test("JSON for one area: the sentence, the neighbour summary and the rows; a value column works without counts")
    func oneArea() throws {
        let path = try CLI.file(Self.tidy)
        let sn = try CLI.file("LA num,LA Name,GOReg,SN1,SNP,SN2,SNP\n801,Alpha,North East,802,Very Close,803,Close\n")
        let run = try CLI.run(["compare", path, "--area", "Alpha", "--neighbours", sn, "--polarity", "lower", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["neighbour_mean"] as? Double == 85)
        #expect(object["rank_among_neighbours"] as? Double == 2)
        #expect((object["sentence"] as? String)?.hasPrefix("Alpha, 2024: 125.0; rank 2 of 3") == true)
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.map { $0["role"] as? String } == ["area", "neighbour", "neighbour", "england"])
        #expect(rows[0]["vs_england"] as? String == "not_compared")
    }

    @Test("errors: an unknown area is a usage error (64); a missing column is bad data (65) with its place")
    func errors() throws {
        let path = try CLI.file(Self.tidy)
        let unknown = try CLI.run(["compare", path, "--area", "Omega"])
        #expect(unknown.status == 64 && unknown.stderr.contains("no local authority 'Omega'"))
        let missing = try CLI.run(["compare", path, "--count", "deaths", "--denominator", "population"])
        #expect(missing.status == 65 && missing.stderr.contains(":1:1: no column named 'deaths'"))
        #expect(try CLI.run(["compare", path, "--count", "count"]).status == 64)
    }
}
