import Foundation
@testable import Metrics
import Testing

/// `YAMLExpansion`: a batch configuration's aliases are counted, and its size once they are expanded is
/// bounded, before Yams composes it; the error names the alias that crosses a limit.
struct YAMLExpansionTests {
    /// The `DataError` that the check of `text` throws, if any.
    static func error(_ text: String, aliases: Int = YAMLExpansion.maximumAliases, bytes: Int = YAMLExpansion.maximumScalarBytes,
                      nodes: Int = YAMLExpansion.maximumNodes) -> DataError? {
        do {
            try YAMLExpansion.check(text, file: "c.yaml", maximumAliases: aliases, maximumScalarBytes: bytes, maximumNodes: nodes)
            return nil
        } catch {
            return error
        }
    }

    /// A configuration whose `select.areas` lists `count` aliases of the anchored name, one per line from
    /// line 5 (`/dev/null` is an input that exists wherever the tests run; it is never read here).
    static func aliases(_ count: Int, anchored: String = "amplified") -> String {
        "name: &n \(anchored)\ninputs: [/dev/null]\nselect:\n  areas:\n" + String(repeating: "    - *n\n", count: count)
    }

    @Test("1,000 aliases are allowed; alias 1,001 is an error at its line and column")
    func aliasCount() throws {
        #expect(Self.error(Self.aliases(1_000)) == nil)
        let configuration = try BatchConfiguration(text: Self.aliases(1_000), file: "c.yaml")
        #expect(configuration.filter.areas.count == 1_000)
        let error = Self.error(Self.aliases(1_001))
        #expect(error?.location == SourceLocation(file: "c.yaml", line: 1_005, column: 7))
        #expect(error?.message.contains("alias number 1001") == true)
    }

    @Test("16 MiB of expanded text: the alias that crosses it is the error, at its line")
    func expandedText() throws {
        // A name of 102,400 bytes and its aliases: with the other scalars (`name`, `inputs`, `/dev/null`,
        // `select`, `areas`: 30 bytes), k aliases make 102,430 + k · 102,400 bytes, more than 16 MiB =
        // 16,777,216 from k = 163 (16,793,630), on line 4 + 163.
        let text = Self.aliases(200, anchored: String(repeating: "x", count: 102_400))
        let error = Self.error(text)
        #expect(error?.location == SourceLocation(file: "c.yaml", line: 167, column: 7))
        #expect(error?.message.contains("longer than 16 MiB once aliases are expanded") == true)
        #expect(Self.error(Self.aliases(162, anchored: String(repeating: "x", count: 102_400))) == nil)
    }

    @Test("aliases of aliases (billion laughs): an alias counts the whole node it names; refused in well under a second")
    func nested() throws {
        // Level k is a list of ten aliases of level k − 1: level 0 holds 11 nodes, level k 10·(level k−1) + 1.
        var text = "inputs: [a.csv]\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { text += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let started = ContinuousClock.now
        let error = Self.error(text)
        let took = ContinuousClock.now - started
        // Nodes before level 5's aliases: the root, `inputs` and its list (4), `l0` and its list (12), each
        // further level's key and list (112, 1,112, 11,112, 111,112) and level 5's key and list (2):
        // 133,466. Each *l4 adds 111,111: the eighth crosses 1,000,000 (1,022,354). `l5: &l5 [` is 9
        // characters and each alias and its separator 5: the eighth is at column 10 + 7 · 5 = 45.
        #expect(error?.location == SourceLocation(file: "c.yaml", line: 7, column: 45))
        #expect(error?.message.contains("more than 1000000 values") == true)
        #expect(took < .seconds(1), "the check took \(took)")
    }

    @Test("an anchored mapping or list counts its whole subtree, nested collections included")
    func collections() throws {
        // `m` is a mapping of 2 keys, a scalar and a list of 2: 1 + 2 + 1 + 1 + 2 = 7 nodes; the document
        // holds the root mapping, its 2 keys, m (7) and a list of one alias: 1 + 2 + 7 + 1 = 11, then 18.
        let text = "m: &m {k: v, l: [a, b]}\nn: [*m]\n"
        #expect(Self.error(text, nodes: 18) == nil)
        let error = Self.error(text, nodes: 17)
        #expect(error?.location == SourceLocation(file: "c.yaml", line: 2, column: 5))
        // `v`, `a`, `b`, `k`, `l`, `m`, `n`: 7 bytes of scalars, and m's 5 once more.
        #expect(Self.error(text, bytes: 12) == nil)
        #expect(Self.error(text, bytes: 11)?.location == SourceLocation(file: "c.yaml", line: 2, column: 5))
    }

    @Test("the limits are the configuration's: BatchConfiguration refuses the amplified text, and invalid YAML is left to Yams")
    func throughTheConfiguration() throws {
        #expect(throws: DataError.self) { try BatchConfiguration(text: Self.aliases(1_001), file: "c.yaml") }
        do {
            _ = try BatchConfiguration(text: "inputs: [a.csv]\nselect: {areas: *nowhere}\n", file: "c.yaml")
            Issue.record("an undefined alias was accepted")
        } catch let error as DataError {
            #expect(error.message.contains("not valid YAML") && error.message.contains("undefined alias"), "\(error)")
        }
    }
}
