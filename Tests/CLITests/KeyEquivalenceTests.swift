import Foundation
import Testing

/// Which rows are one series, whatever their order: a key's text is compared as Unicode text (NFC and NFD
/// spellings of "Café" are one area, written in NFC), through every path that compares keys — the streaming
/// reader's adjacency check, the gathering of series that are not adjacent, standard input (which cannot be
/// read again), `metrics stream`, a batch (its chunks, sort keys and shards) and the groups of
/// `recent-trend`.
struct KeyEquivalenceTests {
    typealias CLI = CommandLineTests

    static let nfc = "Caf\u{E9}"
    static let nfd = "Cafe\u{301}"

    /// Six years of one area, the spelling of each row given: `adjacent` is three NFC rows then three NFD
    /// rows, `interleaved` alternates.
    static func rows(_ spellings: [String]) -> String {
        var text = "area,period,value\n"
        for (i, spelling) in spellings.enumerated() { text += "\(spelling),\(2019 + i),\(10 + i * i)\n" }
        return text
    }

    static let adjacent = rows([nfc, nfc, nfc, nfd, nfd, nfd])
    static let interleaved = rows([nfc, nfd, nfc, nfd, nfc, nfd])
    /// The same area with a space after it in the last rows (trimmed, as every reader trims keys).
    static let spaced = rows([nfc, nfc, nfc, nfc + " ", nfd + " ", nfd])

    /// A text's Unicode scalars in hexadecimal: Swift's `==` finds NFC and NFD equal, the bytes written do not.
    static func scalars(_ text: String) -> String {
        text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
    }

    /// The `area` (as scalars) and `n` columns of a summary.
    static func series(_ csv: String) throws -> [[String]] {
        let table = try #require(ParsedCSV(csv), "not CSV: \(csv.prefix(300))")
        if table.rows.isEmpty { return [] }  // an empty shard's summary names no key columns
        let area = try #require(table.header.firstIndex(of: "area"))
        let n = try #require(table.header.firstIndex(of: "n"))
        return table.rows.map { [scalars($0[area]), $0[n]] }
    }

    /// One series of six points, its area written in NFC (43 61 66 e9).
    static let one = [[scalars(nfc), "6"]]

    @Test("summarize, from a file and from standard input: NFC and NFD rows, adjacent, interleaved or spaced, are one series in NFC", arguments: ["adjacent", "interleaved", "spaced"])
    func summarize(order: String) throws {
        let text = order == "adjacent" ? Self.adjacent : order == "interleaved" ? Self.interleaved : Self.spaced
        let path = try CLI.file(text)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        for arguments in [["summarize", path, "--format", "csv"], ["summarize", "-", "--format", "csv"]] {
            let run = try CLI.run(arguments, stdin: arguments[1] == "-" ? text : nil)
            #expect(run.status == 0, "\(arguments[1]): \(run.stderr)")
            let found = try Self.series(run.stdout)
            #expect(found == Self.one, "\(arguments[1]): \(found)")
            #expect(!run.stderr.contains("not adjacent"), "no regrouping: \(run.stderr)")
        }
    }

    @Test("stream (tab-separated and CSV): NFC and NFD rows adjacent or interleaved are one series", arguments: ["adjacent", "interleaved", "spaced"])
    func stream(order: String) throws {
        let text = order == "adjacent" ? Self.adjacent : order == "interleaved" ? Self.interleaved : Self.spaced
        let body = text.split(separator: "\n").dropFirst().map { $0 + "\n" }.joined()
        for delimiter in ["tab", "csv"] {
            let input = delimiter == "tab" ? body.replacingOccurrences(of: ",", with: "\t") : body
            let run = try CLI.run(["stream", "--columns", "area,period,value", "--delimiter", delimiter, "--format", "csv", "--print-header"], stdin: input)
            #expect(run.status == 0, "\(delimiter): \(run.stderr)")
            #expect(try Self.series(run.stdout) == Self.one, "\(delimiter): \(run.stdout)")
        }
    }

    @Test("batch: NFD and NFC rows, adjacent or interleaved, are one series in summary.csv, in NFC, sharded or not", arguments: ["adjacent", "interleaved"])
    func batch(order: String) throws {
        let folder = try BadInputTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // NFD first: the NFC spelling written is the key's, not the first row's.
        let text = order == "adjacent" ? Self.rows([Self.nfd, Self.nfd, Self.nfd, Self.nfc, Self.nfc, Self.nfc])
            : Self.rows([Self.nfd, Self.nfc, Self.nfd, Self.nfc, Self.nfd, Self.nfc])
        try Data(text.utf8).write(to: folder.appendingPathComponent("a.csv"))
        try Data("inputs: [a.csv]\n".utf8).write(to: folder.appendingPathComponent("one.yaml"))
        let run = try CLI.run(["batch", folder.appendingPathComponent("one.yaml").path, "-o", folder.appendingPathComponent("out").path])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try String(contentsOfFile: folder.appendingPathComponent("out/summary.csv").path, encoding: .utf8)
        #expect(try Self.series(summary) == Self.one)
        // Sharded: the series lands in exactly one shard, whatever the spelling of its first row.
        var rows: [[String]] = []
        for shard in 1...3 {
            let out = folder.appendingPathComponent("shard\(shard)").path
            let sharded = try CLI.run(["batch", folder.appendingPathComponent("one.yaml").path, "-o", out, "--shard", "\(shard)/3"])
            #expect(sharded.status == 0, "\(sharded.stderr)")
            rows += try Self.series(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8))
        }
        #expect(rows == Self.one)
    }

    @Test("recent-trend --by area: NFD and NFC rows are one group, named in NFC")
    func groups() throws {
        var text = "area,period,numerator,denominator\n"
        for (i, spelling) in [Self.nfd, Self.nfc, Self.nfd, Self.nfc, Self.nfd].enumerated() {
            text += "\(spelling),\(2017 + i),\(10 + 3 * i),1000\n"
        }
        let path = try CLI.file(text)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let run = try CLI.run(["recent-trend", path, "--count", "numerator", "--denominator", "denominator", "--by", "area", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let table = try #require(ParsedCSV(run.stdout))
        #expect(table.column("area")?.map(Self.scalars) == [Self.scalars(Self.nfc)], "\(table.column("area")?.map(Self.scalars) ?? [])")
    }
}
