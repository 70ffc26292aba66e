import Foundation
import Metrics
import Testing

/// Benchmarking a cross-section: ranks, bands, significance against England and the region, statistical
/// neighbours and funnel limits, on a small file whose answers are worked by hand, and on DfE's real
/// children-looked-after figures with its statistical neighbour groupings.
struct AreaComparisonTests {
    static let tidy = """
        area_code,old_la_code,area_name,region_name,period,count,population
        E92000001,970,England,,2023,900,100000
        E92000001,970,England,,2024,1000,100000
        E12000001,,North East,,2024,300,20000
        E06000001,801,Alpha,North East,2023,40,4000
        E06000001,801,Alpha,North East,2024,50,4000
        E06000002,802,Beta,North East,2024,30,2000
        E06000003,803,Gamma,North East,2024,10,5000
        E06000004,804,Delta,North West,2024,100,10000
        E06000005,805,Epsilon,North West,2024,x,3000

        """

    static let groupings = """
        LA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,SN2,SNP,SN3,SNP,
        801,Alpha,801,4,North East,802,Very Close,809,Close,803,Close,
        ,Old SNs:,,,,,,,,,,
        809,Zeta,809,4,North East,801,Close,,,,,

        """

    static func file(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-compare-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func snapshot(_ path: String, period: String? = nil) throws -> AreaSnapshot {
        try AreaSnapshot.read(
            AreaSnapshot.Request(path: path, statistic: .rate(count: "count", denominator: "population", per: 10000), period: period))
    }

    @Test("ranks, quartile bands and significance against England, worked by hand")
    func everyAuthority() throws {
        let snapshot = try Self.snapshot(try Self.file("tidy.csv", Self.tidy))
        #expect(snapshot.period.label == "2024")
        #expect(snapshot.periods.map(\.label) == ["2023", "2024"])
        let comparison = try AreaComparison(snapshot: snapshot, polarity: .lowerIsBetter)
        let byName = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.figure.name, $0) })
        #expect(comparison.rankedCount == 4)
        // Rates per 10,000: Alpha 125, Beta 150, Gamma 20, Delta 100; Epsilon suppressed ('x').
        #expect(["Gamma", "Delta", "Alpha", "Beta", "Epsilon"].map { byName[$0]?.rank } == [1, 2, 3, 4, nil])
        // Type-7 quartiles of 20, 100, 125, 150: 80, 112.5, 131.25; lower is better, so A is the lowest quarter.
        #expect(["Gamma", "Delta", "Alpha", "Beta"].map { byName[$0]?.band } == ["A", "B", "C", "D"])
        // England's rate is 100: Gamma's interval lies below it, Beta's above it, Alpha's and Delta's contain it.
        #expect(["Gamma", "Delta", "Alpha", "Beta"].map { byName[$0]?.vsEngland } == [.better, .similar, .similar, .worse])
        // The North East's rate (150) is the region of Alpha, Beta and Gamma; the North West has no row.
        #expect(byName["Alpha"]?.regionValue == 150)
        #expect(byName["Delta"]?.regionValue == nil)
        #expect(byName["Delta"]?.vsRegion == .notCompared)
        #expect(byName["Epsilon"]?.figure.value.reason?.contains("'x'") == true)
        // The funnel's baseline pools the authorities: 190 events in 21,000.
        let baseline = try #require(comparison.funnelBaseline)
        #expect(abs(baseline - 190.0 / 21000 * 10000) < 1e-12)
        let delta = try #require(byName["Delta"]?.funnel95)
        let expected = try #require(try FunnelLimits(baseline: 190.0 / 21000, denominator: 10000, level: 0.95, statistic: .rate(per: 10000)))
        #expect(delta == expected)
        #expect(byName["Gamma"]?.funnelPosition == "below_99.8")
    }

    @Test("an area against its statistical neighbours: order, mean, distance, missing neighbours")
    func neighbours() throws {
        let snapshot = try Self.snapshot(try Self.file("tidy.csv", Self.tidy))
        let groupings = try StatisticalNeighbours.read(path: try Self.file("sn.csv", Self.groupings))
        #expect(groupings.authorities.map(\.code) == ["801", "809"])
        let comparison = try AreaComparison(snapshot: snapshot, polarity: .lowerIsBetter, area: "Alpha", neighbours: groupings)
        #expect(comparison.rows.map(\.role) == [.area, .neighbour, .neighbour, .region, .england])
        #expect(comparison.rows.map(\.figure.name) == ["Alpha", "Beta", "Gamma", "North East", "England"])
        #expect(comparison.rows.map(\.neighbourOrder) == [nil, 1, 3, nil, nil])
        #expect(comparison.neighboursMissing == ["Zeta"])
        #expect(comparison.neighbourMean == 85)
        #expect(comparison.fromNeighbourMean == 40)
        #expect(abs(comparison.percentFromNeighbourMean! - 40.0 / 85 * 100) < 1e-12)
        #expect(comparison.rankAmongNeighbours == 2)
        // The same area by code and by old LA code.
        for name in ["E06000001", "801"] {
            #expect(try AreaComparison(snapshot: snapshot, polarity: .lowerIsBetter, area: name, neighbours: groupings).area?.figure.name == "Alpha")
        }
        #expect(throws: AreaComparison.UnknownArea.self) {
            try AreaComparison(snapshot: snapshot, polarity: .lowerIsBetter, area: "Omega", neighbours: groupings)
        }
    }

    @Test("an earlier period on request; a second row for an area is an error naming both lines")
    func periodsAndDuplicates() throws {
        let path = try Self.file("tidy.csv", Self.tidy)
        let earlier = try Self.snapshot(path, period: "2023")
        #expect(earlier.local.map(\.name) == ["Alpha"])
        let doubled = try Self.file("doubled.csv", Self.tidy + "E06000002,802,Beta,North East,2024,31,2000\n")
        let error = try #require(throws: DataError.self) { try Self.snapshot(doubled) }
        #expect(error.location.line == 11)
        #expect(error.message.contains("line 7"))
        #expect(throws: DataError.self) { try Self.snapshot(path, period: "2019") }
    }

    @Test(
        "DfE: Middlesbrough's children looked after against its statistical neighbours",
        .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)))
    func middlesbrough() throws {
        let cla = try #require(SharedReference.url("data/dfe/ees/cla_number_and_rate_per_10k_children.csv")).path
        let sn = try #require(SharedReference.url("data/dfe/ees/New_Statistical_Neighbour_Groupings_April_2021.csv")).path
        let snapshot = try AreaSnapshot.read(
            AreaSnapshot.Request(
                path: cla, statistic: .rate(count: "children_count", denominator: "population_estimate", per: 10000), period: "2025",
                filters: [NumericColumns.Filter(column: "population_type", value: "Children looked after on 31 March each year")]))
        let groupings = try StatisticalNeighbours.read(path: sn)
        let comparison = try AreaComparison(snapshot: snapshot, polarity: .lowerIsBetter, area: "806", neighbours: groupings)
        let area = try #require(comparison.area)
        // The file's own figures: 493 children in a population of 35,617; DfE publishes the rate rounded (138).
        #expect(abs(area.figure.value.value! - 493.0 / 35617 * 10000) < 1e-12)
        #expect(area.figure.value.value.map { $0.rounded() } == 138)
        #expect(comparison.rows.filter { $0.role == .neighbour }.count == 10)
        #expect(comparison.rows.first { $0.role == .neighbour }?.figure.name == "Hartlepool")
        #expect(comparison.rows.first { $0.role == .region }?.figure.name == "North East")
        #expect(comparison.england?.value.value.map { $0.rounded() } == 67)
        // The rank counts the authorities with a strictly lower rate, independently of Benchmarking.ranks.
        let rates = snapshot.local.compactMap { $0.value.value }
        #expect(area.rank == 1 + rates.filter { $0 < area.figure.value.value! }.count)
        #expect(comparison.rankedCount == rates.count)
        #expect(area.vsEngland == .worse)
    }
}
