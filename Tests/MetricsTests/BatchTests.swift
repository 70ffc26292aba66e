import Foundation
@testable import Metrics
import Testing

/// The pieces of a batch run: checksums, shards, the configuration and its errors, chunk files.
struct BatchTests {
    static func file(_ text: String, name: String = "batch.yaml", in directory: URL? = nil) throws -> String {
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("SHA-256: FIPS 180-2's examples (Python's hashlib agrees), in one piece or many")
    func sha256() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        var pieces = SHA256()
        var offset = 0
        var size = 1
        while offset < million.count {
            let end = min(million.count, offset + size)
            million[offset..<end].withUnsafeBytes { pieces.update($0) }
            offset = end
            size = size * 3 % 1_000 + 1
        }
        #expect(pieces.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("shards: I/N read and checked; the hash is FNV-1a of the key (values pinned with Python); each key in one shard")
    func shards() throws {
        #expect(try Shard(parsing: "2/8").description == "2/8")
        for bad in ["0/4", "5/4", "1/0", "x/2", "3", "1/2/3"] {
            #expect(throws: ShardError.self) { try Shard(parsing: bad) }
        }
        let key = SeriesKey(names: ["area_code", "indicator"], values: ["E06000002", "agency_rate_fte"])
        #expect(Shard.hash(key) == 4_774_005_070_510_506_086)
        #expect(Shard.hash(SeriesKey(names: ["area_code", "indicator"], values: ["E92000001", "cla"])) == 14_939_309_917_453_374_840)
        #expect(try Shard(index: 3, count: 4).contains(key) && !(try Shard(index: 1, count: 4).contains(key)))
        let shards = try (1...5).map { try Shard(index: $0, count: 5) }
        for i in 0..<200 {
            let k = SeriesKey(names: ["area"], values: ["A\(i)"])
            #expect(shards.filter { $0.contains(k) }.count == 1)
        }
    }

    @Test("the shipped configuration reads: inputs relative to it, per-indicator polarity, events by area, models")
    func shippedConfiguration() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("datasets/middlesbrough/batch.yaml").path
        let c = try BatchConfiguration.read(path: path)
        #expect(c.name == "middlesbrough-neighbours")
        #expect(c.inputs.count == 1 && c.inputs[0].hasSuffix("datasets/middlesbrough/neighbours.csv"))
        #expect(c.measures == [.hamedRao, .pettitt] && c.models == [.forecast, .changepoints, .spc, .its])
        let agency = SeriesKey(names: ["area_code", "area_name", "indicator"], values: ["E06000001", "Hartlepool", "agency_rate_fte"])
        #expect(c.polarity(for: agency) == .lowerIsBetter)
        #expect(c.events(for: agency).isEmpty, "Middlesbrough's events are not Hartlepool's")
        let middlesbrough = SeriesKey(names: ["area_code", "area_name", "indicator"], values: ["E06000002", "Middlesbrough", "agency_rate_fte"])
        #expect(c.events(for: middlesbrough).map(\.label) == ["Ofsted: inadequate", "Revised statutory direction", "Ofsted: requires improvement", "Direction revoked"])
        #expect(c.formats == [.json] && c.report)
    }

    @Test("configuration errors name the file, line and column", arguments: [
        ("inputs: [data.csv]\npolarty: lower\n", 2, 1, "unknown key 'polarty'"),
        ("inputs: [data.csv]\nindicators:\n  x: {polarity: sideways}\n", 3, 17, "polarity must be higher, lower or none"),
        ("inputs: [data.csv]\nalpha: 1.5\n", 2, 8, "alpha must lie strictly between 0 and 1"),
        ("inputs: [data.csv, \"nothing*.csv\"]\n", 1, 20, "no file matches"),
        ("inputs: [data.csv]\nmodels: [forecast, arima]\n", 2, 20, "'arima' is not a model"),
        ("inputs: [data.csv]\nmodels: [its]\n", 2, 9, "the its model needs events"),
        ("inputs: [data.csv]\nmeasures: [mk_hamed_rao, holtt]\n", 2, 26, "'holtt' is not a measure"),
        ("inputs: [data.csv\n", 2, 1, "not valid YAML"),
        ("name: ../escape\ninputs: [data.csv]\n", 1, 7, "plain folder name"),
    ])
    func errors(text: String, line: Int, column: Int, message: String) throws {
        let config = try Self.file(text)
        let directory = URL(fileURLWithPath: config).deletingLastPathComponent()
        _ = try Self.file("area,period,value\nA,2020,1\n", name: "data.csv", in: directory)
        #expect {
            try BatchConfiguration.read(path: config)
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.location.file == config && error.location.line == line && error.location.column == column
                && error.message.contains(message)
        }
    }

    @Test("chunk files: records sorted by key within a file, merged across files in key order, ties in file order")
    func chunks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func record(_ key: String, _ payload: String) -> ChunkFile.Record {
            ChunkFile.Record(key: Array(key.utf8), payloads: [Array(payload.utf8), []])
        }
        let a = folder.appendingPathComponent("a").path
        let b = folder.appendingPathComponent("b").path
        try ChunkFile.write([record("m", "1"), record("c", "2"), record("x", "3")], streams: 2, to: a)
        try ChunkFile.write([record("d", "4"), record("c", "5"), record("a\u{1F}z", "6"), record("", "7")], streams: 2, to: b)
        var order: [String] = []
        try ChunkFile.merge([a, b]) { order.append(String(decoding: $0.payloads[0], as: UTF8.self)) }
        #expect(order == ["7", "6", "2", "5", "4", "1", "3"])
        // Many chunks, merged a few at a time (fan-in 2, three rounds): the same order as one merge of all.
        var paths: [String] = []
        for f in 0..<7 {
            let path = folder.appendingPathComponent("many-\(f)").path
            try ChunkFile.write((0..<5).map { r in record("k\((r * 7 + f * 3) % 11)", "\(f)-\(r)") }, streams: 2, to: path)
            paths.append(path)
        }
        var once: [String] = []
        try ChunkFile.merge(paths) { once.append(String(decoding: $0.payloads[0], as: UTF8.self)) }
        var staged: [String] = []
        try ChunkFile.mergeAll(paths, streams: 2, fanIn: 2, scratch: folder.path) { staged.append(String(decoding: $0.payloads[0], as: UTF8.self)) }
        #expect(once.count == 35 && staged == once)
        // A truncated chunk (a crash cannot make one: they are written atomically) is an error, not a silent end.
        let data = try Data(contentsOf: URL(fileURLWithPath: a))
        try data.prefix(data.count - 2).write(to: URL(fileURLWithPath: a))
        #expect(throws: DataError.self) { try ChunkFile.merge([a]) { _ in } }
    }
}
