/// The most a record may hold: what keeps an input without line breaks (`/dev/zero`, a binary file, a 2 GB
/// line, a gzip member that inflates to one endless line) from taking memory without bound. Every reader
/// of delimited text (`CSVReader`, so tidy, wide, EES and LAIT files, metadata, events, neighbours and the
/// numeric columns of `fit` and `describe`; `TabSeparatedReader` for `metrics stream`) stops at these with a
/// `DataError` at the line and column where the limit is crossed (exit status 65).
///
/// - A record, with its line break (and, in CSV, every line break inside its quoted fields), takes at most
///   64 MiB. The reader's block grows to hold the longest record, so memory stays near this bound: one
///   block of at most 64 MiB, plus the half-size block it grew from while the record is copied.
/// - A field takes at most 16 MiB (its bytes as they stand in the file, quotes included).
/// - A record has at most 2²⁰ = 1,048,576 fields (each field's position takes 32 bytes while a record is
///   split: 32 MiB at most).
///
/// Real files are far inside these: the longest record of DfE's EES and LAIT downloads in `../shared/data`
/// is 2,421 bytes (LAIT's data dictionary) and the widest has 33 fields.
struct RecordLimits: Sendable, Hashable {
    /// The most bytes of a record, line break included.
    var recordBytes: Int
    /// The most bytes of one field.
    var fieldBytes: Int
    /// The most fields of one record.
    var fields: Int

    static let standard = RecordLimits(recordBytes: 64 << 20, fieldBytes: 16 << 20, fields: 1 << 20)

    /// `bytes` in words: `64 MiB`, `16 MiB`, `1000 bytes`.
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    var recordMessage: String {
        "this record is longer than \(Self.size(recordBytes)), the most a record may take (is the input a text file with line breaks?)"
    }

    var fieldMessage: String {
        "this field is longer than \(Self.size(fieldBytes)), the most a field may hold"
    }

    var fieldCountMessage: String {
        "this record has more than \(fields) fields, the most a record may have"
    }
}

/// A record grew past `RecordLimits.recordBytes` with no end in sight: thrown by `ByteSource.refill`,
/// placed by the reader where the limit was crossed.
struct RecordTooLong: Error {}
