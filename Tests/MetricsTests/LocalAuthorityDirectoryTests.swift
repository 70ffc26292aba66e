import Foundation
import Metrics
import Testing

/// `LocalAuthorityDirectory`: the shipped table of English areas (`datasets/areas/local-authorities.csv`).
struct LocalAuthorityDirectoryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func csvRows(_ text: String) -> [[String]] {
        // The table's texts hold commas only inside quotes ("Bristol, City of").
        text.split(separator: "\n").dropFirst().map { line in
            var fields: [String] = []
            var field = ""
            var quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == ",", !quoted { fields.append(field); field = "" } else { field.append(c) }
            }
            fields.append(field)
            return fields
        }
    }

    @Test("the library's table is the shipped CSV, row for row")
    func tableIsTheCSV() throws {
        let text = try String(contentsOf: Self.packageRoot.appendingPathComponent("datasets/areas/local-authorities.csv"), encoding: .utf8)
        let rows = Self.csvRows(text)
        let entries = LocalAuthorityDirectory.entries.map { [$0.level.rawValue, $0.code, $0.oldCode, $0.name, $0.regionCode, $0.regionName] }
        #expect(rows == entries)
        #expect(entries.count > 160)
    }

    @Test("lookups: Middlesbrough by old code, GSS code or name; LAIT's London (Inner) is Inner London; Somerset has both its codes")
    func lookups() {
        #expect(LocalAuthorityDirectory.entries(code: "", oldCode: "806", name: "").map(\.code) == ["E06000002"])
        #expect(LocalAuthorityDirectory.entries(code: "e06000002", oldCode: "", name: "").map(\.oldCode) == ["806"])
        #expect(LocalAuthorityDirectory.entries(code: "", oldCode: "", name: "MIDDLESBROUGH").map(\.code) == ["E06000002"])
        #expect(LocalAuthorityDirectory.entries(code: "", oldCode: "987", name: "London (Inner)").map(\.code) == ["E13000001"])
        #expect(Set(LocalAuthorityDirectory.entries(code: "", oldCode: "933", name: "").map(\.code)) == ["E10000027", "E06000066"])
        // A LAIT area answers to its GSS code; an aggregate to its region code, not to an authority's.
        let lait = AreaIdentity(geographicLevel: "", code: "", oldCode: "806", name: "Middlesbrough", regionName: "North East")
        #expect(lait.isNamed("e06000002"))
        #expect(!lait.isNamed("e06000001"))
        let northEast = AreaIdentity(geographicLevel: "", code: "", oldCode: "980", name: "North East", regionName: "NA")
        #expect(northEast.level == .regional && northEast.isNamed("e12000001"))
        #expect(AreaIdentity(geographicLevel: "", code: "", oldCode: "970", name: "England").isNamed("e92000001"))
        #expect(AreaIdentity(geographicLevel: "", code: "", oldCode: "987", name: "London (Inner)").isNamed("inner london"))
        #expect(AreaIdentity(geographicLevel: "Regional", code: "E13000001", name: "Inner London").isNamed("london (inner)"))
    }

    static let ees = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/dfe/ees")

    @Test("every authority and region of the real EES files is in the table with the same codes and names",
        .enabled(if: FileManager.default.fileExists(atPath: ees.path), "../shared/data/dfe/ees (the real DfE files) is absent"))
    func agreesWithRealFiles() throws {
        let known = Set(LocalAuthorityDirectory.entries.map { "\($0.code)|\($0.oldCode)|\($0.name)" })
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.ees.path) where name.hasSuffix(".csv") {
            var text = try String(contentsOf: Self.ees.appendingPathComponent(name), encoding: .utf8)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            guard let header = lines.first, let level = header.firstIndex(of: "geographic_level"), let code = header.firstIndex(of: "new_la_code"),
                let old = header.firstIndex(of: "old_la_code"), let la = header.firstIndex(of: "la_name")
            else { continue }
            for fields in lines.dropFirst() where fields.count == header.count && fields[level] == "Local authority" && !fields[code].contains("/") {
                #expect(known.contains("\(fields[code])|\(fields[old])|\(fields[la])"), "\(name): \(fields[code]) \(fields[old]) \(fields[la])")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }
}
