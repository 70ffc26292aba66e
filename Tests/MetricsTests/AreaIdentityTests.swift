import Metrics
import Testing

/// `AreaIdentity`, `NearestMatches`, `SeriesFilter` over areas and `BenchmarkAreas`: an area identified once,
/// from the file's own columns.
struct AreaIdentityTests {
    @Test("levels from GSS codes, DfE's old LA codes (921 is the Isle of Wight, an authority) and names")
    func levels() {
        func level(code: String = "", old: String = "", name: String = "", declared: String = "") -> AreaIdentity.Level {
            AreaIdentity.level(declared: declared, code: code, oldCode: old, name: name)
        }
        #expect(level(code: "E92000001") == .national)
        #expect(level(code: "E12000001") == .regional)
        #expect(level(code: "E13000001") == .regional, "Inner London")
        for code in ["E06000002", "E07000026", "E08000021", "E09000007", "E10000006"] { #expect(level(code: code) == .localAuthority, "\(code)") }
        #expect(level(old: "970", name: "England") == .national)
        for code in ["980", "987", "988"] { #expect(level(old: code, name: "somewhere") == .regional, "\(code)") }
        for code in ["201", "806", "921", "943"] { #expect(level(old: code, name: "somewhere") == .localAuthority, "\(code)") }
        #expect(level(name: "London (Inner)") == .regional)
        #expect(level(name: "Outer London") == .regional)
        #expect(level(name: "England") == .national)
        #expect(level(name: "Middlesbrough") == .localAuthority)
        // A stated level wins; a level that is neither is other.
        #expect(level(code: "E06000002", declared: "Regional") == .regional)
        #expect(level(code: "E05000001", declared: "Ward") == .other)
    }

    @Test("the optimal-string-alignment distance: insertions, deletions, substitutions, adjacent transpositions")
    func distance() {
        #expect(NearestMatches.distance("middlesborough", "middlesbrough") == 1)
        #expect(NearestMatches.distance("kitten", "sitting") == 3)
        #expect(NearestMatches.distance("ab", "ba") == 1)
        #expect(NearestMatches.distance("ca", "abc") == 3, "OSA, not the unrestricted distance (2)")
        #expect(NearestMatches.distance("", "abc") == 3)
        #expect(NearestMatches.distance("halton", "halton") == 0)
    }

    @Test("nearest: within a third of the length, case-folded, nearest first; containment counts; nothing near is empty")
    func nearest() {
        let names = ["Hartlepool", "Middlesbrough", "Redcar and Cleveland", "North East", "North West", "South East"]
        #expect(NearestMatches.nearest(to: "Middlesborough", in: names) == ["Middlesbrough"])
        #expect(NearestMatches.nearest(to: "north eas", in: names) == ["North East", "North West", "South East"])
        #expect(NearestMatches.nearest(to: "Redcar", in: names) == ["Redcar and Cleveland"])
        #expect(NearestMatches.nearest(to: "Xyzzy", in: names).isEmpty)
        #expect(NearestMatches.cutoff(for: "806") == 1)
        #expect(NearestMatches.cutoff(for: "middlesborough") == 4)
    }

    /// An EES series: the key holds the level's code and name; the reader adds the old code and region.
    static func eesSeries(level: String, code: String, name: String, old: String, regionCode: String, region: String) -> Series {
        var metadata = SeriesMetadata()
        metadata.area = AreaIdentity(geographicLevel: level, code: code, oldCode: old, name: name, regionCode: regionCode, regionName: region)
        return Series(
            key: SeriesKey(names: ["geographic_level", "area_code", "area_name", "indicator"], values: [level, code, name, "rate"]),
            observations: [], metadata: metadata)
    }

    static let ees = [
        eesSeries(level: "National", code: "E92000001", name: "England", old: "", regionCode: "", region: ""),
        eesSeries(level: "Regional", code: "E12000001", name: "North East", old: "", regionCode: "E12000001", region: "North East"),
        eesSeries(level: "Local authority", code: "E06000001", name: "Hartlepool", old: "805", regionCode: "E12000001", region: "North East"),
        eesSeries(level: "Local authority", code: "E06000002", name: "Middlesbrough", old: "806", regionCode: "E12000001", region: "North East"),
    ]

    @Test("areas by GSS code, old code or name; regions pick their authorities, not their own row; --where on area columns")
    func filter() {
        func chosen(_ filter: SeriesFilter) -> [String] { Self.ees.filter { filter.matches($0) }.map { $0.key["area_name"]! } }
        #expect(chosen(SeriesFilter(areas: ["806"])) == ["Middlesbrough"])
        #expect(chosen(SeriesFilter(areas: ["e06000002"])) == ["Middlesbrough"])
        #expect(chosen(SeriesFilter(areas: ["North East"])) == ["North East"])
        #expect(chosen(SeriesFilter(regions: ["North East"])) == ["Hartlepool", "Middlesbrough"])
        #expect(chosen(SeriesFilter(regions: ["E12000001"])) == ["Hartlepool", "Middlesbrough"])
        #expect(chosen(SeriesFilter(areas: ["England"], regions: ["north east"])) == ["England", "Hartlepool", "Middlesbrough"])
        #expect(chosen(SeriesFilter(conditions: [.init(column: "region_name", value: "North East")])) == ["North East", "Hartlepool", "Middlesbrough"])
        #expect(chosen(SeriesFilter(conditions: [.init(column: "old_la_code", value: "805")])) == ["Hartlepool"])
    }

    @Test("SelectionCheck: the first value that matches nothing is a usage error naming the nearest; a good selection passes")
    func selectionCheck() throws {
        var check = SelectionCheck(filter: SeriesFilter(areas: ["Middlesbrough", "Hartlepol"]))
        for series in Self.ees { check.observe(series) }
        #expect(check.selected == 1)
        #expect(throws: UsageError.self) { try check.verify(inputs: "cla.csv") }
        do {
            try check.verify(inputs: "cla.csv")
        } catch {
            #expect(error.message == "cla.csv: --area 'Hartlepol': no area 'Hartlepol' in the input; did you mean 'Hartlepool'?")
        }
        var good = SelectionCheck(filter: SeriesFilter(regions: ["North East"], conditions: [.init(column: "old_la_code", value: "806")]))
        for series in Self.ees { good.observe(series) }
        try good.verify(inputs: "cla.csv")
        #expect(good.selected == 1)
        var none = SelectionCheck(filter: SeriesFilter(areas: ["Anywhere"]))
        try none.verify(inputs: "empty.csv")  // no series read: thin data, not an error
        _ = none.observe(Self.ees[0])
        #expect(throws: UsageError.self) { try none.verify(inputs: "cla.csv") }
    }

    @Test("benchmarks: England and the own region by default; a named region is its aggregate; England gets none")
    func benchmarks() {
        let middlesbrough = Self.ees[3]
        let names = { (s: [Series]) in s.map { $0.key["area_name"]! } }
        #expect(names(BenchmarkAreas.comparators(of: middlesbrough, among: Self.ees, named: nil)) == ["England", "North East"])
        #expect(names(BenchmarkAreas.comparators(of: Self.ees[1], among: Self.ees, named: nil)) == ["England"])
        #expect(BenchmarkAreas.comparators(of: Self.ees[0], among: Self.ees, named: nil).isEmpty)
        #expect(names(BenchmarkAreas.comparators(of: middlesbrough, among: Self.ees, named: ["north east", "805"])) == ["North East", "Hartlepool"])
        #expect(throws: UsageError.self) { try BenchmarkAreas.verify(["Nort East"], among: Self.ees, inputs: "cla.csv") }
    }
}
