/// CRC-32 as ZIP (PKWARE APPNOTE 6.3.10 §4.4.7), gzip (RFC 1952) and PNG use it: the reflected IEEE 802.3
/// polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF. The check value of the nine bytes
/// "123456789" is 0xCBF43926.
///
/// - Complexity: O(n), one table look-up per byte.
public struct CRC32: Sendable {
    public private(set) var value: UInt32 = 0

    public init() {}

    public init<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        update(bytes)
    }

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var crc = ~value
        for byte in bytes {
            crc = Self.table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        value = ~crc
    }

    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
}
