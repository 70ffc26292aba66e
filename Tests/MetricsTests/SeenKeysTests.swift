import Foundation
@testable import Metrics
import Testing

/// The streaming reader's memory of finished series (`SeenKeys`): nothing kept while keys come in order
/// when the input can be read again, fingerprints beyond the memory budget checked on disk at the end, and
/// always the same answers as keeping every key.
struct SeenKeysTests {
    static func key(_ value: String) -> SeriesKey { SeriesKey(names: ["k"], values: [value]) }

    /// A rescan over `order` (first line = position + 2), counting how often it is started.
    static func rescan(_ order: [String], starts: @escaping @Sendable () -> Void) -> SeenKeys.Rescan {
        { visit in
            starts()
            for (i, value) in order.enumerated() {
                guard try visit(key(value), i + 2) else { return }
            }
        }
    }

    /// Finishes `order` one by one, asking first whether each was finished before; then `finish`.
    static func answers(_ order: [String], budget: Int = 1 << 18, rescanning: Bool, rescans: Counter = Counter()) throws -> [Bool] {
        var seen = SeenKeys(memoryBudget: budget)
        if rescanning { seen.rescan = rescan(order) { rescans.increment() } }
        var result: [Bool] = []
        for value in order {
            result.append(try seen.contains(key(value)))
            try seen.insert(key(value))
        }
        try seen.finish(file: "f.csv")
        return result
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.lock(); value += 1; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return value }
    }

    @Test("sorted keys: never read again; a break reads the finished keys once; answers equal keeping every key")
    func rescanOnlyAtTheBreak() throws {
        let sorted = (0..<50).map { "s\($0 + 10)" }
        let never = Counter()
        #expect(try Self.answers(sorted, rescanning: true, rescans: never) == Array(repeating: false, count: 50))
        #expect(never.count == 0, "a sorted input is never read again")

        // Returning keys make `finish`-free answers: check them before the end (no spill at this budget).
        let broken = sorted + ["a1", "s20", "z9", "a1", "s59"]
        let once = Counter()
        var kept = SeenKeys()
        var rescanned = SeenKeys()
        rescanned.rescan = Self.rescan(broken) { once.increment() }
        for value in broken {
            #expect(try kept.contains(Self.key(value)) == rescanned.contains(Self.key(value)), "\(value)")
            try kept.insert(Self.key(value))
            try rescanned.insert(Self.key(value))
        }
        #expect(once.count == 1, "read again once, at the break")
        var answers = SeenKeys()
        answers.rescan = Self.rescan(broken) {}
        var found: [Bool] = []
        for value in broken {
            found.append(try answers.contains(Self.key(value)))
            try answers.insert(Self.key(value))
        }
        #expect(found.suffix(5) == [false, true, false, true, true])
    }

    @Test("beyond the memory budget: distinct unsorted keys pass the end check; a key that comes back is found there and named")
    func spilledKeysCheckedAtTheEnd() throws {
        // 2,000 distinct keys in a scrambled order, 3 kept in memory: the rest go to disk.
        let distinct = (0..<2_000).map { "k\(($0 * 7_919) % 2_000)" }
        #expect(try Self.answers(distinct, budget: 3, rescanning: true).allSatisfy { !$0 })
        #expect(try Self.answers(distinct, budget: 3, rescanning: false).allSatisfy { !$0 })

        // k1234 comes back after 2,000 keys: past the budget, so only the end check sees it.
        let split = distinct + ["k1234"]
        #expect {
            _ = try Self.answers(split, budget: 3, rescanning: true)
        } throws: { error in
            guard let split = error as? SeriesNotAdjacent else { return false }
            return split.key == Self.key("k1234") && split.line == 2_002 && split.file == "f.csv"
        }
        // Without a rescan (standard input) the split is still found, without its name.
        #expect {
            _ = try Self.answers(split, budget: 3, rescanning: false)
        } throws: { error in
            (error as? SeriesNotAdjacent).map { $0.key == nil && $0.advice.contains("not adjacent") } ?? false
        }
        // A key kept in memory that comes back is found at once, before the end.
        var seen = SeenKeys(memoryBudget: 3)
        for value in ["b", "a", "c", "d", "e"] { try seen.insert(Self.key(value)) }
        #expect(try seen.contains(Self.key("a")))
    }

    @Test("a tidy file read with a small key budget: a series split far apart is found at the end, named, and the file regrouped")
    func readerEndCheck() throws {
        var text = "area,period,value\n"
        for i in 0..<300 { text += "a\((i * 37) % 300),2020,\(i)\na\((i * 37) % 300),2021,\(i + 1)\n" }
        let adjacentPath = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-seen-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: adjacentPath))
        var options = ReadOptions(grouping: .streaming)
        options.keyMemoryBudget = 8
        var count = 0
        let report = try SeriesSource.read(path: adjacentPath, options: options) { _ in count += 1 }
        #expect(count == 300 && report.regrouped == nil)

        // a100 (the 101st series, long past the 8 kept in memory) gets one more row at the end: line 602.
        let splitPath = adjacentPath + ".split.csv"
        try Data((text + "a100,2022,9\n").utf8).write(to: URL(fileURLWithPath: splitPath))
        #expect {
            try SeriesSource.read(path: splitPath, options: options) { _ in }
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.location.line == 602 && error.message.contains("area=a100")
        }
        var automatic = ReadOptions()
        automatic.keyMemoryBudget = 8
        var series: [Series] = []
        let regrouped = try SeriesSource.read(path: splitPath, options: automatic, restart: { series.removeAll() }) { series.append($0) }
        #expect(regrouped.regrouped?.contains("area=a100") == true)
        #expect(series.count == 300)
        #expect(series.first { $0.key.values == ["a100"] }?.observations.count == 3)
    }
}
