import Foundation
import Testing

/// `summarize --from/--to`, `--direction`, `--assessment`, `--sort` and `--top`: "which authorities had a
/// significant rise" in one command (issue 17).
struct SummarySelectionCommandTests {
    typealias CLI = CommandLineTests

    /// Synthetic re-referral rates (percent) for four areas, 2016 to 2021: A rises fast, B rises slowly, C falls,
    /// D is flat with a missing year.
    static let rates = """
        area_code,area_name,period,value
        E1,Alpha,2016,10
        E1,Alpha,2017,14
        E1,Alpha,2018,19
        E1,Alpha,2019,23
        E1,Alpha,2020,28
        E1,Alpha,2021,31
        E2,Beta,2016,20
        E2,Beta,2017,21
        E2,Beta,2018,22
        E2,Beta,2019,23
        E2,Beta,2020,24
        E2,Beta,2021,25
        E3,Gamma,2016,30
        E3,Gamma,2017,28
        E3,Gamma,2018,26
        E3,Gamma,2019,24
        E3,Gamma,2020,22
        E3,Gamma,2021,20
        E4,Delta,2016,15
        E4,Delta,2017,16
        E4,Delta,2018,x
        E4,Delta,2019,15
        E4,Delta,2020,16
        E4,Delta,2021,15

        """

    static func column(_ csv: String, _ name: String) -> [String] {
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let index = rows.first?.firstIndex(of: name) else { return [] }
        return rows.dropFirst().map { $0[index] }
    }

    @Test("--direction increasing --sort -sen_slope --top 1 picks the fastest significant rise")
    func fastestRise() throws {
        let path = try CLI.file(Self.rates)
        let run = try CLI.run(["summarize", path, "--format", "csv", "--direction", "increasing", "--sort", "-sen_slope", "--top", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.column(run.stdout, "area_name") == ["Alpha"])
        let both = try CLI.run(["summarize", path, "--format", "csv", "--direction", "increasing", "--sort", "-sen_slope"])
        #expect(Self.column(both.stdout, "area_name") == ["Alpha", "Beta"])
        let ascending = try CLI.run(["summarize", path, "--format", "csv", "--sort", "sen_slope"])
        #expect(Self.column(ascending.stdout, "area_name") == ["Gamma", "Delta", "Beta", "Alpha"])
    }

    @Test("--sort: numbers numerically, text by name, empty values last in either order, ties in input order")
    func sortRules() throws {
        let path = try CLI.file(Self.rates)
        // pct_change: Alpha 210, Beta 25, Gamma -33.3, Delta 0.
        let numeric = try CLI.run(["summarize", path, "--format", "csv", "--sort", "-pct_change"])
        #expect(Self.column(numeric.stdout, "area_name") == ["Alpha", "Beta", "Delta", "Gamma"])
        let names = try CLI.run(["summarize", path, "--format", "csv", "--sort", "area_name"])
        #expect(Self.column(names.stdout, "area_name") == ["Alpha", "Beta", "Delta", "Gamma"])
        // pp_change is empty for every series (no percentage unit): input order is kept.
        let empty = try CLI.run(["summarize", path, "--format", "csv", "--sort", "-pp_change"])
        #expect(Self.column(empty.stdout, "area_name") == ["Alpha", "Beta", "Gamma", "Delta"])
        // n_missing ties (0) keep input order; Delta (1) sorts first descending.
        let ties = try CLI.run(["summarize", path, "--format", "csv", "--sort", "-n_missing,area_name"])
        #expect(Self.column(ties.stdout, "area_name") == ["Delta", "Alpha", "Beta", "Gamma"])
        let json = try CLI.run(["summarize", path, "--format", "json", "--sort", "-ols_slope", "--top", "2"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(records.map { $0["area_name"] as? String } == ["Alpha", "Beta"])
        let table = try CLI.run(["summarize", path, "--format", "table", "--direction", "decreasing"])
        #expect(table.stdout.contains("Gamma") && !table.stdout.contains("Alpha"), "\(table.stdout)")
    }

    @Test("--sort names an unknown field: a usage error listing the fields; --top 0 is refused")
    func badSelection() throws {
        let path = try CLI.file(Self.rates)
        let unknown = try CLI.run(["summarize", path, "--format", "csv", "--sort", "slope"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("metrics: error: --sort: no field 'slope'; the fields are area_code, area_name, n, "), "\(unknown.stderr)")
        let zero = try CLI.run(["summarize", path, "--top", "0"])
        #expect(zero.status == 64 && zero.stderr.hasPrefix("metrics: error: --top must be 1 or more"), "\(zero.stderr)")
        let direction = try CLI.run(["summarize", path, "--direction", "up"])
        #expect(direction.status == 64 && direction.stderr.contains("'increasing'"), "\(direction.stderr)")
    }

    @Test("--from and --to summarise only the periods in the window")
    func periodWindow() throws {
        let path = try CLI.file(Self.rates)
        let run = try CLI.run(["summarize", path, "--format", "csv", "--from", "2018", "--to", "2020", "--where", "area_code=E1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.column(run.stdout, "n") == ["3"])
        #expect(Self.column(run.stdout, "first_period") == ["2018"] && Self.column(run.stdout, "last_period") == ["2020"])
        #expect(Self.column(run.stdout, "abs_change") == ["9"])
        // Financial years that begin within the calendar years 2018 to 2019: 2018-19 and 2019-20.
        let fy = try CLI.file("area,period,value\nA,2017-18,1\nA,2018-19,2\nA,2019-20,4\nA,2020-21,8\n")
        let years = try CLI.run(["summarize", fy, "--format", "csv", "--from", "2018", "--to", "2019"])
        #expect(Self.column(years.stdout, "first_period") == ["2018-19"] && Self.column(years.stdout, "last_period") == ["2019-20"], "\(years.stdout)")
        let reversed = try CLI.run(["summarize", path, "--from", "2020", "--to", "2018"])
        #expect(reversed.status == 64 && reversed.stderr.hasPrefix("metrics: error: --from 2020 is after --to 2018"), "\(reversed.stderr)")
        let bad = try CLI.run(["summarize", path, "--from", "soon"])
        #expect(bad.status == 64 && bad.stderr.hasPrefix("metrics: error: --from soon: "), "\(bad.stderr)")
    }
}
