import Foundation
@testable import Metrics
import Testing

/// `InternTable`: the readers' byte-string caches.
struct InternTableTests {
    @Test("a text is found by its bytes; one longer than longestKey is never kept, so a cache stays small")
    func longTextsAreNotKept() {
        var table = InternTable<Int>(capacity: 4)
        let short = Array("Middlesbrough".utf8)
        let long = [UInt8](repeating: 0x6B, count: InternTable<Int>.longestKey + 1)
        let longest = [UInt8](repeating: 0x6B, count: InternTable<Int>.longestKey)
        short.withUnsafeBufferPointer { table.insert(1, for: $0) }
        long.withUnsafeBufferPointer { table.insert(2, for: $0) }
        longest.withUnsafeBufferPointer { table.insert(3, for: $0) }
        #expect(table.count == 2)
        #expect(short.withUnsafeBufferPointer { table.value(for: $0) } == 1)
        #expect(long.withUnsafeBufferPointer { table.value(for: $0) } == nil)
        #expect(longest.withUnsafeBufferPointer { table.value(for: $0) } == 3)
    }
}
