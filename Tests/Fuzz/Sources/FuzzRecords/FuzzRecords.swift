// Fuzz target: the record limits of the two line readers (`CSVReader`, RFC 4180, and `TabSeparatedReader`, the
// stream's Hadoop text), on long lines, long fields, many fields and quoted line breaks.
//
// Input: one byte that picks the reader and its limits, then the file. Byte b: bit 0 the reader (0 CSV, 1
// tab-separated), bit 1 escaped TSV, bits 2–3 the block size (16, 64, 256 or 1,024 bytes: blocks grow as a
// record needs), bits 4–7 the limits' scale s: a record at most 32·(s + 1) bytes, a field at most 8·(s + 1),
// at most s + 2 fields. With limits this small, libFuzzer's inputs (at most 4,096 bytes) cross them in every
// way a 64 MiB record does. The harness traps (a finding) when a reader hands out a record or a field beyond
// its limits, or a field past the end of its record; a thrown error is the reader refusing, as it must.

@testable import Metrics
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecords(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    guard let control = bytes.first else { return 0 }
    let scale = Int(control >> 4) + 1
    let limits = RecordLimits(recordBytes: 32 * scale, fieldBytes: 8 * scale, fields: scale + 1)
    let blockSize = 16 << (2 * Int((control >> 2) & 3))
    let path = Fuzz.path(control & 1 == 0 ? "records.csv" : "records.tsv")
    Fuzz.write(bytes[1...], to: path)
    do {
        let reader: any FieldRecords =
            control & 1 == 0
            ? try CSVReader(path: path, blockSize: blockSize, limits: limits)
            : try TabSeparatedReader(path: path, escaped: control & 2 != 0, blockSize: blockSize, limits: limits)
        var previousLine = 0
        while try reader.nextRecord() {
            guard reader.fieldCount >= 1, reader.fieldCount <= limits.fields else {
                fatalError("a record of \(reader.fieldCount) fields handed out, the limit is \(limits.fields)")
            }
            guard reader.line > previousLine else { fatalError("line \(reader.line) after line \(previousLine)") }
            previousLine = reader.line
            var total = 0
            for i in 0..<reader.fieldCount {
                let length = try reader.withField(i) { $0.count }
                // A decoded field is never longer than its bytes in the file, which the limit bounds.
                guard length <= limits.fieldBytes else { fatalError("a field of \(length) bytes handed out, the limit is \(limits.fieldBytes)") }
                total += length
                _ = reader.isNull(i)
                _ = reader.location(ofField: i)
            }
            guard total <= limits.recordBytes else { fatalError("a record of \(total) bytes handed out, the limit is \(limits.recordBytes)") }
        }
    } catch {}
    return 0
}
