/// A ZIP archive of stored (uncompressed) entries, byte-identical for the same entries: what an `.xlsx`
/// workbook is (ECMA-376 Part 2, Open Packaging Conventions, allows the stored method).
///
/// The layout is PKWARE's APPNOTE 6.3.10: for each entry a local file header (§4.3.7) and its bytes, then the
/// central directory (§4.3.12) and its end record (§4.3.16). Every entry has the method 0 (stored), no data
/// descriptor, the fixed modification time 1980-01-01 00:00 (the first MS-DOS date, so two runs give the same
/// bytes), and its CRC-32 (`CRC32`). Names are ASCII paths with `/`. Entries and the archive are limited to
/// the classic format's 4 GiB and 65,535 entries (no ZIP64), which a workbook of summaries never nears.
public struct ZIPArchive: Sendable {
    public struct Entry: Sendable {
        public let name: String
        public let bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// An archive beyond the classic ZIP format's limits.
    public struct TooLarge: Error, Sendable, CustomStringConvertible {
        public var description: String { "the workbook is larger than 4 GiB or has more than 65,535 parts, beyond what this writer handles" }
    }

    public var entries: [Entry] = []

    public init(entries: [Entry] = []) { self.entries = entries }

    /// The archive's bytes.
    public func bytes() throws(TooLarge) -> [UInt8] {
        guard entries.count <= 0xFFFF else { throw TooLarge() }
        var out: [UInt8] = []
        var central: [UInt8] = []
        let dosTime: UInt16 = 0
        let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1  // 1980-01-01
        for entry in entries {
            let name = Array(entry.name.utf8)
            guard entry.bytes.count <= Int(UInt32.max), out.count <= Int(UInt32.max) else { throw TooLarge() }
            let crc = CRC32(entry.bytes).value
            let size = UInt32(entry.bytes.count)
            let offset = UInt32(out.count)
            // Local file header.
            Self.append(UInt32(0x0403_4B50), to: &out)
            Self.append(UInt16(20), to: &out)  // version needed: 2.0
            Self.append(UInt16(0), to: &out)  // flags
            Self.append(UInt16(0), to: &out)  // method: stored
            Self.append(dosTime, to: &out)
            Self.append(dosDate, to: &out)
            Self.append(crc, to: &out)
            Self.append(size, to: &out)  // compressed size
            Self.append(size, to: &out)  // uncompressed size
            Self.append(UInt16(name.count), to: &out)
            Self.append(UInt16(0), to: &out)  // extra field length
            out += name
            out += entry.bytes
            // Its central directory header.
            Self.append(UInt32(0x0201_4B50), to: &central)
            Self.append(UInt16(20), to: &central)  // version made by: MS-DOS, 2.0
            Self.append(UInt16(20), to: &central)  // version needed
            Self.append(UInt16(0), to: &central)
            Self.append(UInt16(0), to: &central)
            Self.append(dosTime, to: &central)
            Self.append(dosDate, to: &central)
            Self.append(crc, to: &central)
            Self.append(size, to: &central)
            Self.append(size, to: &central)
            Self.append(UInt16(name.count), to: &central)
            Self.append(UInt16(0), to: &central)  // extra field length
            Self.append(UInt16(0), to: &central)  // comment length
            Self.append(UInt16(0), to: &central)  // disk number
            Self.append(UInt16(0), to: &central)  // internal attributes
            Self.append(UInt32(0), to: &central)  // external attributes
            Self.append(offset, to: &central)
            central += name
        }
        guard out.count + central.count <= Int(UInt32.max) else { throw TooLarge() }
        let directoryOffset = UInt32(out.count)
        out += central
        Self.append(UInt32(0x0605_4B50), to: &out)
        Self.append(UInt16(0), to: &out)  // this disk
        Self.append(UInt16(0), to: &out)  // the directory's disk
        Self.append(UInt16(entries.count), to: &out)
        Self.append(UInt16(entries.count), to: &out)
        Self.append(UInt32(central.count), to: &out)
        Self.append(directoryOffset, to: &out)
        Self.append(UInt16(0), to: &out)  // comment length
        return out
    }

    static func append<Integer: FixedWidthInteger>(_ value: Integer, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }
}
