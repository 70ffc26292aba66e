import Foundation
import Metrics
import Testing

/// Events files: the shipped Middlesbrough timeline, area-specific events, and errors with their line.
struct EventListTests {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/middlesbrough")

    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("the shipped timeline: 15 events in date order, short labels, categories, the source's text as detail")
    func middlesbrough() throws {
        let list = try EventList.read(path: Self.datasets.appendingPathComponent("events.csv").path)
        #expect(list.events.count == 15)
        #expect(list.events.first?.label == "Ofsted: inadequate" && list.events.first?.period.label == "2019-11")
        #expect(list.events.first?.detail?.hasPrefix("Ofsted inspection of local authority children's services") == true)
        #expect(list.events.last?.label == "Direction revoked" && list.events.last?.category == "statutory_direction")
        #expect(zip(list.events, list.events.dropFirst()).allSatisfy { !($1.period < $0.period) })
        let judgements = list.keeping(categories: ["OFSTED_INSPECTION"])
        #expect(judgements.events.map(\.label) == ["Ofsted: inadequate", "Ofsted: requires improvement"])
    }

    @Test("events with an area apply to that area's series only; a date sorts the file, ties keep its order")
    func areas() throws {
        let path = try Self.file("period,event,area_code\n2024-09,revoked,E06000002\n2019-11,inadequate,\n2019-11,second,\n")
        let list = try EventList.read(path: path)
        #expect(list.events.map(\.label) == ["inadequate", "second", "revoked"])
        let middlesbrough = SeriesKey(names: ["area_code", "indicator"], values: ["E06000002", "cla"])
        let england = SeriesKey(names: ["area_code", "indicator"], values: ["E92000001", "cla"])
        #expect(list.events(for: middlesbrough).count == 3)
        #expect(list.events(for: england).map(\.label) == ["inadequate", "second"])
    }

    @Test("a date that does not exist or is missing is an error at its line and column; no date column is an error")
    func errors() throws {
        let bad = try Self.file("date,label\n2019-11,fine\n2021-02-29,leap\n")
        #expect { try EventList.read(path: bad) } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.location.line == 3 && error.location.column == 1 && error.message.contains("2021-02-29")
        }
        let empty = try Self.file("date,label\n,nothing\n")
        #expect { try EventList.read(path: empty) } throws: { ($0 as? DataError)?.location.line == 2 }
        let noDate = try Self.file("when,label\n2019,x\n")
        #expect { try EventList.read(path: noDate) } throws: { ($0 as? DataError)?.message.contains("date") == true }
    }
}
