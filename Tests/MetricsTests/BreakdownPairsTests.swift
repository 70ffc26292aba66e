import Foundation
@testable import Metrics
import Testing

/// Numerators and denominators from two rows of a breakdown column, on the synthetic placement-stability
/// file in the shape of the EES publication (Fixtures/placement_stability/README.md says which rows are
/// which), and on four real national rows of the published file.
struct BreakdownPairsTests {
    static let path = Fixtures.url("placement_stability/la_cla_placement_stability.csv").path
    static let threeOrMore = NumericColumns.Filter(column: "placement_stability", value: "With 3 or more placements during the year")
    static let total = NumericColumns.Filter(column: "placement_stability", value: "Total children")
    static let selection = BreakdownPairs.Selection(numerator: [threeOrMore], denominator: [total])

    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-breakdown-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("each count row pairs with the total of its own group, area and period; the percent column is not a key")
    func pairs() throws {
        let pairs = try BreakdownPairs.read(path: Self.path, selection: Self.selection, countColumn: "children_count", denominatorColumn: "children_count")
        #expect(pairs.keyColumns == [
            "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code", "region_name",
            "old_la_code", "la_name", "new_la_code", "cla_group",
        ])
        // Lines 7 (England 2025: 850 of 8,180 on line 6) and 15 (Alpha 2025: 24 of 200 on line 14); the other
        // groups' totals (lines 3, 4, 11, 12) are never taken.
        #expect(pairs.pairs[7] == BreakdownPairs.Pair(count: .value(850), denominator: .value(8180), denominatorLine: 6))
        #expect(pairs.pairs[15] == BreakdownPairs.Pair(count: .value(24), denominator: .value(200), denominatorLine: 14))
        #expect(pairs.pairs[25]?.denominatorLine == 24)
        #expect(pairs.pairs.count == 10)
        #expect(pairs.pairs[13] == nil)  // "With 3 or more placements during the previous 2 years" is another value
    }

    @Test("GSS symbols keep their meaning and name their row; a count row without a total says so")
    func missing() throws {
        let pairs = try BreakdownPairs.read(path: Self.path, selection: Self.selection, countColumn: "children_count", denominatorColumn: "children_count")
        // Gamma 2025: the count is 'c'.
        #expect(pairs.pairs[19]?.count.reason?.hasPrefix("children_count is 'c'") == true)
        #expect(pairs.pairs[19]?.denominator == .value(30))
        // Gamma 2024: the total is 'x'.
        #expect(pairs.pairs[28]?.denominator.reason?.hasPrefix("the denominator row (line 27): children_count is 'x'") == true)
        // Beta 2024 has no "Total children" row.
        let beta = try #require(pairs.pairs[26])
        #expect(beta.count == .value(10) && beta.denominatorLine == nil)
        #expect(beta.denominator.reason?.hasPrefix("no denominator row (placement_stability=Total children) with the same key fields (time_period=2024") == true)
        #expect(beta.denominator.reason?.contains("la_name=Beta") == true)
    }

    @Test("a value no row holds is a DataError listing the column's values; so is a condition on a missing column")
    func misspelt() throws {
        let wrong = BreakdownPairs.Selection(numerator: [Self.threeOrMore], denominator: [.init(column: "placement_stability", value: "Total")])
        let error = try #require(throws: DataError.self) {
            try BreakdownPairs.read(path: Self.path, selection: wrong, countColumn: "children_count", denominatorColumn: "children_count")
        }
        #expect(error.message.hasPrefix("no row has placement_stability=Total (--denominator-where): the column holds 'Living with the same carer"))
        #expect(error.message.contains("'Total children'"))
        let column = BreakdownPairs.Selection(numerator: [Self.threeOrMore], denominator: [.init(column: "stability", value: "Total children")])
        let missing = try #require(throws: DataError.self) {
            try BreakdownPairs.read(path: Self.path, selection: column, countColumn: "children_count", denominatorColumn: "children_count")
        }
        #expect(missing.message.hasPrefix("no column named 'stability' in --denominator-where"))
    }

    @Test("two count rows with the same key fields are a DataError naming both lines (the pairing would be a guess)")
    func ambiguous() throws {
        // Without cla_group the file's rows of two groups would share their key fields.
        let text = """
            area_code,period,group_total,breakdown,count
            E1,2024,1,With,5
            E1,2024,2,With,6
            E1,2024,1,Total,50

            """
        let error = try #require(throws: DataError.self) {
            try BreakdownPairs.read(
                path: try Self.file(text), selection: .init(numerator: [.init(column: "breakdown", value: "With")], denominator: [.init(column: "breakdown", value: "Total")]),
                countColumn: "count", denominatorColumn: "count")
        }
        #expect(error.location.line == 3)
        #expect(error.message.contains("a second numerator row (breakdown=With) with the same key fields as line 2"))
        // With the group as text it is a key field, and each row has its partner or says it has none.
        let labelled = text.replacingOccurrences(of: ",1,", with: ",one,").replacingOccurrences(of: ",2,", with: ",two,")
        let pairs = try BreakdownPairs.read(
            path: try Self.file(labelled), selection: .init(numerator: [.init(column: "breakdown", value: "With")], denominator: [.init(column: "breakdown", value: "Total")]),
            countColumn: "count", denominatorColumn: "count")
        #expect(pairs.pairs[2]?.denominator == .value(50))
        #expect(pairs.pairs[3]?.denominatorLine == nil)
    }

    @Test("standard input cannot be paired (it is read twice): an InputUnavailableError that says why")
    func standardInput() throws {
        let error = try #require(throws: InputUnavailableError.self) {
            try BreakdownPairs.read(path: "-", selection: Self.selection, countColumn: "children_count", denominatorColumn: "children_count")
        }
        #expect(error.reason.contains("give a file, not standard input"))
    }

    @Test("real: England 2025, 8,500 of 81,770 children looked after at 31 March had 3 or more placements (DfE: 10%)")
    func realNational() throws {
        // Four rows of DfE's la_cla_placement_stability.csv (Children looked after in England including
        // adoptions, 2025), as dfe-analytical-services/CSC_outcomes_and_enablers keeps it in data-raw/
        // (commit 2f5d11a431050523dab58810083259d3313029ae).
        let text = """
            time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,cla_group,placement_stability,children_count,children_percent
            2025,Reporting year,National,E92000001,England,,,,,,CLA 2 years on 31 March,Total children,59430,100
            2025,Reporting year,National,E92000001,England,,,,,,CLA 2 years on 31 March,With 3 or more placements during the previous 2 years,13410,23
            2025,Reporting year,National,E92000001,England,,,,,,CLA on 31 March,Total children,81770,100
            2025,Reporting year,National,E92000001,England,,,,,,CLA on 31 March,With 3 or more placements during the year,8500,10

            """
        let path = try Self.file(text)
        let snapshot = try AreaSnapshot.read(
            AreaSnapshot.Request(
                path: path, statistic: .proportion(count: "children_count", denominator: "children_count", multiplier: 100),
                breakdown: Self.selection))
        let england = try #require(snapshot.national)
        #expect(england.count == 8500 && england.denominator == 81770)
        #expect(abs(england.value.value! - 8500.0 / 81770 * 100) < 1e-12)
        #expect(england.value.value!.rounded() == 10)
        // The Wilson interval at 95% (z = 1.959963984540054), written out: p = 8500/81770.
        let p = 8500.0 / 81770
        let n = 81770.0
        let z = 1.959963984540054
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        #expect(abs(england.lower! - (centre - half) * 100) < 1e-9)
        #expect(abs(england.upper! - (centre + half) * 100) < 1e-9)
    }
}
