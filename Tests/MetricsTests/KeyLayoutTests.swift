@testable import Metrics
import Testing

/// The key columns of a batch whose inputs name their series differently, and records laid out in them.
struct KeyLayoutTests {
    static let cla = ["geographic_level", "area_code", "area_name", "population_type", "indicator"]
    static let placements = ["geographic_level", "area_code", "area_name", "cla_group", "placement_stability", "indicator"]

    @Test("names merged in input order, each new one after its predecessor in its own input; an input without series adds nothing")
    func names() {
        let layout = KeyLayout(inputs: [Self.cla, nil, Self.placements])
        #expect(layout.names == ["geographic_level", "area_code", "area_name", "cla_group", "placement_stability", "population_type", "indicator"])
        #expect(layout.positions[0] == [0, 1, 2, nil, nil, 3, 4])
        #expect(layout.positions[2] == [0, 1, 2, 3, 4, nil, 5])
        #expect(!layout.isIdentity)
        // A name first in its input goes first.
        #expect(KeyLayout(inputs: [["b", "c"], ["a", "b", "c"]]).names == ["a", "b", "c"])
        #expect(KeyLayout(inputs: [Self.cla, Self.cla]).isIdentity)
    }

    @Test("records re-laid field by field, quoted commas, quotes and line breaks kept; the rest of each record untouched")
    func relaid() {
        let layout = KeyLayout(inputs: [Self.cla, Self.placements])
        let rows = "National,E92000001,England,\"Total, all\",children_count,5,\"a,\"\"b\"\"\"\n"
            + "Local authority,E06000002,\"Middles\nbrough\",Looked after,rate,1,\n"
        #expect(String(decoding: layout.relaid(Array(rows.utf8), input: 0), as: UTF8.self)
            == "National,E92000001,England,,,\"Total, all\",children_count,5,\"a,\"\"b\"\"\"\n"
            + "Local authority,E06000002,\"Middles\nbrough\",,,Looked after,rate,1,\n")
        let placement = "Regional,E12000001,North East,CLA on 31 March,Total children,children_count,2\n"
        #expect(String(decoding: layout.relaid(Array(placement.utf8), input: 1), as: UTF8.self)
            == "Regional,E12000001,North East,CLA on 31 March,Total children,,children_count,2\n")
        // Inputs with one key: the bytes as they are.
        let same = KeyLayout(inputs: [Self.cla, Self.cla])
        #expect(same.relaid(Array(rows.utf8), input: 1) == Array(rows.utf8))
    }
}
