import Foundation
@testable import Metrics
import Testing

/// DfE's statistical neighbour groupings in every layout DfE has published, and the groupings built in.
/// The small files are in the shape of DfE's (their header rows copied, byte-order mark included); the
/// neighbours of 806 in the built-in groupings are DfE's own (see datasets/statistical_neighbours/README.md).
struct StatisticalNeighboursTests {
    static func file(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-sn-\(UUID().uuidString)-\(name)")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static let bom = "\u{FEFF}"

    /// The 2025 model's header as DfE wrote it, with two of its rows (Middlesbrough's real neighbours; the
    /// second row keeps the file's quoted name and "Close " with a trailing space).
    static let model2025 = bom + """
        old_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P,SN_3,SN_3P,SN_4,SN_4P,SN_5,SN_5P,SN_6,SN_6P,SN_7,SN_7P,SN_8,SN_8P,SN_9,SN_9P,SN_10,SN_10P
        806,Middlesbrough,4,North East,890,Very close,805,Close ,861,Close ,354,Close ,391,Close ,336,Close ,335,Close ,393,Close ,341,Close ,355,Close\u{20}
        801,"Bristol, City of",7,South West,846,Close ,383,Close ,882,Close ,373,Close ,826,Close ,851,Close ,870,Close ,302,Close ,839,Somewhat close,382,Somewhat close

        """

    @Test("the 2025 model, wide (SN_1, SN_1P …, a byte-order mark, closeness with trailing spaces) reads as published")
    func model2025Layout() throws {
        let groupings = try StatisticalNeighbours.read(path: try Self.file("sn_model_2025_wide.csv", Self.model2025))
        #expect(groupings.authorities.map(\.code) == ["806", "801"])
        let middlesbrough = try #require(groupings.authority("806"))
        #expect(middlesbrough.name == "Middlesbrough" && middlesbrough.region == "North East")
        #expect(middlesbrough.neighbours.map(\.code) == ["890", "805", "861", "354", "391", "336", "335", "393", "341", "355"])
        #expect(middlesbrough.neighbours.map(\.closeness) == ["Very close"] + Array(repeating: "Close", count: 9))
        #expect(groupings.authority("Bristol, City of")?.neighbours.last?.closeness == "Somewhat close")
        #expect(groupings.authority("bristol city of")?.code == "801")
    }

    @Test("the 2021 groupings: SN1/SNP pairs, the trailing empty column, the 'Old SNs:' heading, an authority twice")
    func groupings2021Layout() throws {
        let text = Self.bom + """
            LA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,SN2,SNP,SN3,SNP,
            806,Middlesbrough,806,4,North East,805,Very Close,355,Very Close,876,Very Close,
            ,,,,,,,,,,,
            ,Old SNs:,,,,,,,,,,
            909,Cumbria,909,5,North West,925,Extremely Close,926,Very Close,,,
            806,Middlesbrough (old),806,4,North East,111,Close,,,,,

            """
        let groupings = try StatisticalNeighbours.read(path: try Self.file("sn2021.csv", text))
        #expect(groupings.authorities.map(\.code) == ["806", "909"])
        #expect(groupings.authority("806")?.neighbours == [
            .init(code: "805", closeness: "Very Close"), .init(code: "355", closeness: "Very Close"), .init(code: "876", closeness: "Very Close"),
        ])
        #expect(groupings.authority("Cumbria")?.neighbours.map(\.code) == ["925", "926"])
    }

    @Test("LAIT's workbook saved as CSV: the header is found below its two rows of column letters and numbers")
    func spreadsheetHeader() throws {
        let text = """
            A,B,C,D,E,3,4,5,6
            1,2,3,4,5,6,7,8,9
            LA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,SN2,SNP,
            806,Middlesbrough,806,4,North East,890,Very close,805,Close,

            """
        let groupings = try StatisticalNeighbours.read(path: try Self.file("sn_may_2025.csv", text))
        #expect(groupings.authority("Middlesbrough")?.neighbours.map(\.code) == ["890", "805"])
    }

    @Test("the tidy layout: one row per neighbour in any order of rank, GSS codes; a rank given twice is an error")
    func tidyLayout() throws {
        let text = """
            old_la_code,new_la_code,la_name,region_code,region_name,neighbour_rank,neighbour_old_la_code,neighbour_new_la_code,neighbour_la_name,closeness
            806,E06000002,Middlesbrough,E12000001,North East,2,805,E06000001,Hartlepool,Close
            806,E06000002,Middlesbrough,E12000001,North East,1,890,E06000009,Blackpool,Very close

            """
        let groupings = try StatisticalNeighbours.read(path: try Self.file("tidy.csv", text))
        let authority = try #require(groupings.authority("E06000002"))
        #expect(authority.code == "806" && authority.newCode == "E06000002")
        #expect(authority.neighbours.map(\.code) == ["890", "805"])
        let twice = try Self.file("twice.csv", text + "806,E06000002,Middlesbrough,E12000001,North East,1,393,E08000023,South Tyneside,Close\n")
        let error = try #require(throws: DataError.self) { try StatisticalNeighbours.read(path: twice) }
        #expect(error.location.line == 4 && error.message.contains("second neighbour of rank 1 (the first is on line 3)"))
    }

    @Test("a file without neighbour columns is a DataError that says what was expected")
    func notGroupings() throws {
        let path = try Self.file("other.csv", "area_code,period,value\nE06000002,2024,1\n")
        let error = try #require(throws: DataError.self) { try StatisticalNeighbours.read(path: path) }
        #expect(error.message.contains("no neighbour columns (SN1 … SN10, SN_1 … SN_10"))
        let noName = try Self.file("noname.csv", "old_la_code,SN_1,SN_1P\n806,890,Close\n")
        #expect(throws: DataError.self) { try StatisticalNeighbours.read(path: noName) }
    }

    @Test("built in: DfE's 2025 groupings for all 153 authorities, each with ten neighbours, by old code, GSS code or name")
    func builtIn() throws {
        let groupings = try StatisticalNeighbours.dfe2025()
        #expect(groupings.authorities.count == 153)
        #expect(groupings.authorities.allSatisfy { $0.neighbours.count == 10 && $0.newCode.count == 9 && $0.newCode.hasPrefix("E") })
        let codes = Set(groupings.authorities.map(\.code))
        #expect(groupings.authorities.allSatisfy { $0.neighbours.allSatisfy { codes.contains($0.code) } })
        let middlesbrough = try #require(groupings.authority("E06000002"))
        #expect(middlesbrough.code == "806" && middlesbrough.region == "North East")
        // DfE's 2025 model, row 806 (sn_model_2025_wide.csv; the same in LAIT's sn_may_2025.xlsx).
        #expect(middlesbrough.neighbours.map(\.code) == ["890", "805", "861", "354", "391", "336", "335", "393", "341", "355"])
        #expect(middlesbrough.neighbours.first?.closeness == "Very close")
        #expect(groupings.authority("St. Helens")?.code == "342")
        #expect(groupings.authority("Westmorland and Furness")?.newCode == "E06000064")
        #expect(groupings.source.contains("2025 statistical neighbour model"))
    }

    @Test("the built-in groupings are the bytes of datasets/statistical_neighbours/dfe_statistical_neighbours_2025.csv")
    func builtInMatchesDataset() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("datasets/statistical_neighbours/dfe_statistical_neighbours_2025.csv").path
        let shipped = try String(contentsOfFile: path, encoding: .utf8)
        #expect(shipped == StatisticalNeighbours.dfe2025CSV + "\n")
        let fromFile = try StatisticalNeighbours.read(path: path)
        #expect(fromFile.authorities == (try StatisticalNeighbours.dfe2025()).authorities)
    }

    @Test(
        "DfE: the 2021 groupings file as published (the current authorities, then the old ones, 156 in all)",
        .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)))
    func real2021() throws {
        let path = try #require(SharedReference.url("data/dfe/ees/New_Statistical_Neighbour_Groupings_April_2021.csv")).path
        let groupings = try StatisticalNeighbours.read(path: path)
        #expect(groupings.authorities.count == 156)
        // Middlesbrough's 2021 neighbours, as datasets/middlesbrough/README.md lists them.
        #expect(groupings.authority("806")?.neighbours.prefix(3).map(\.code) == ["805", "355", "876"])
        #expect(groupings.authority("Dorset (Pre LG)")?.code == "835")
    }
}

extension StatisticalNeighboursTests {
    @Test("comparing with the built-in groupings a file that has only GSS codes: neighbours found by code, in DfE's order")
    func comparisonByGSSCode() throws {
        // Synthetic values; the areas are real (Middlesbrough and two of its 2025 neighbours).
        let text = """
            area_code,area_name,period,value
            E92000001,England,2025,70
            E06000002,Middlesbrough,2025,140
            E06000001,Hartlepool,2025,120
            E06000009,Blackpool,2025,200

            """
        let snapshot = try AreaSnapshot.read(AreaSnapshot.Request(path: try Self.file("gss.csv", text), statistic: .value(column: "value")))
        let comparison = try AreaComparison(snapshot: snapshot, polarity: .lowerIsBetter, area: "Middlesbrough", neighbours: try StatisticalNeighbours.dfe2025())
        #expect(comparison.rows.filter { $0.role == .neighbour }.map(\.figure.name) == ["Blackpool", "Hartlepool"])
        #expect(comparison.rows.filter { $0.role == .neighbour }.map(\.neighbourOrder) == [1, 2])
        #expect(comparison.neighbourMean == 160)
        #expect(comparison.neighboursMissing.count == 8 && comparison.neighboursMissing.first == "Stoke-on-Trent")
        #expect(comparison.areaInGroupings && comparison.neighbourSource == StatisticalNeighbours.dfe2025Source)
    }
}
