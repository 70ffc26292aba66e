/// Writing `SeriesSummary` records in every output form, record by record.
///
/// CSV and JSON carry every field in full precision (round-trip doubles), empty / `null` where a measure has
/// no value, then the measures asked for beyond them (`additionalNames`, from `AdditionalMeasures`), then
/// `unit`, `polarity` and `reasons` (field: reason; …). Text that a spreadsheet would run
/// as a formula is neutralised (`CSVText`). Table and Markdown show the fields a reader scans, formatted for
/// people: the series' decimal places, thousands separators, signs on changes.
public struct SummaryFormat: Sendable {
    public let format: OutputFormat
    public let keyNames: [String]
    /// The names of the fields after `assessment` (`SeriesSummary.additional`).
    public let additionalNames: [String]
    /// CSV numbers rounded (`--decimals`); `nil` keeps full precision.
    public var decimals: SummaryDecimals? {
        didSet { scales = decimals == nil ? [] : SummaryDecimals.scales(additionalNames: additionalNames) }
    }
    /// CSV for Excel (`--excel`): a UTF-8 byte order mark first and CRLF after each record (`ExcelCSV`).
    public var excel = false
    private var scales: [SummaryDecimals.Scale] = []

    public init(format: OutputFormat, keyNames: [String], additionalNames: [String] = []) {
        self.format = format
        self.keyNames = keyNames
        self.additionalNames = additionalNames
    }

    public var extraNames: [String] { ["unit", "polarity", "reasons"] }

    /// What comes before the first record.
    public func header() -> String {
        switch format {
        case .csv:
            excel
                ? ExcelCSV.byteOrderMark + ExcelCSV.crlf(CSVText.record((keyNames + SeriesSummary.fieldNames + additionalNames + extraNames).map(CSVText.text)))
                : CSVText.record((keyNames + SeriesSummary.fieldNames + additionalNames + extraNames).map(CSVText.text))
        case .json: "["
        case .ndjson, .table, .markdown: ""
        }
    }

    /// One record (`index` counts from 0, for JSON's separators).
    public func record(_ s: SeriesSummary, index: Int) -> String {
        separator(index: index) + recordBody(s)
    }

    /// What goes before record `index`.
    public func separator(index: Int) -> String {
        guard format == .json else { return "" }
        return index == 0 ? "\n  " : ",\n  "
    }

    /// One record without its separator, as UTF-8 bytes: what the worker threads format (CSV is written
    /// byte by byte, with no intermediate strings).
    public func recordBytes(_ s: SeriesSummary) -> [UInt8] {
        if format == .csv {
            let out = RecordBytes(capacity: 768)
            Self.appendDelimitedRecord(s, encoding: CSVFields.self, to: out, places: decimals?.places(for: s, scales: scales), crlf: excel)
            return out.bytes
        }
        return Array(recordBody(s).utf8)
    }

    /// One record without its separator.
    public func recordBody(_ s: SeriesSummary) -> String {
        switch format {
        case .csv: return String(decoding: recordBytes(s), as: UTF8.self)
        case .json: return json(s).rendered(indent: 0)
        case .ndjson: return json(s).rendered(indent: 0) + "\n"
        case .table, .markdown: return ""
        }
    }

    /// One record's fields, separated and ended as `encoding` says: the key values, SPEC.md's fields, the
    /// added measures, then unit, polarity and reasons. The CSV record and `metrics stream`'s TSV record.
    static func delimitedRecord<Encoding: SummaryFieldEncoding>(_ s: SeriesSummary, encoding: Encoding.Type) -> String {
        let out = RecordBytes(capacity: 768)
        appendDelimitedRecord(s, encoding: encoding, to: out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Writes the record field by field into `out`: no array of fields, no `String` per number or per
    /// reason (measured: these were half of the CSV writer's instructions).
    /// `places` rounds the numbers of SPEC.md's fields and the added measures (`SummaryDecimals`); `crlf`
    /// ends the record with CR LF.
    static func appendDelimitedRecord<Encoding: SummaryFieldEncoding>(
        _ s: SeriesSummary, encoding: Encoding.Type, to out: RecordBytes, places: [Int?]? = nil, crlf: Bool = false
    ) {
        for (i, value) in s.key.values.enumerated() {
            // A NULL key value (only `metrics stream` reads one) is written `\N`, in CSV too: empty text
            // would make it the key of another series.
            if s.key.isNull(i) { out.append(StreamingText.null) } else { Encoding.appendText(value, to: out) }
            out.append(Encoding.separator)
        }
        var writer = DelimitedFieldWriter<Encoding>(out: out, places: places)
        s.visitFields(&writer)
        for field in s.additional { writer.visit(field) }
        Encoding.appendOptionalText(s.metadata.unit?.description, to: out)
        out.append(Encoding.separator)
        Encoding.appendText(s.metadata.polarity.rawValue, to: out)
        out.append(Encoding.separator)
        Encoding.appendReasons(s.reasons, to: out)
        if crlf { out.append(0x0D) }
        out.append(0x0A)
    }

    /// Decimal digits of an integer, with a minus sign when negative.
    static func appendInteger(_ value: Int64, to out: RecordBytes) {
        if value == 0 {
            out.append(0x30)
            return
        }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var first = 20
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                first -= 1
                buffer[first] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
            }
            if value < 0 {
                first -= 1
                buffer[first] = 0x2D
            }
            out.append(UnsafeRawBufferPointer(rebasing: buffer[first...]))
        }
    }

    /// What comes after the last record.
    public func footer(count: Int) -> String {
        switch format {
        case .json: count == 0 ? "]\n" : "\n]\n"
        default: ""
        }
    }

    public func json(_ s: SeriesSummary) -> JSONValue {
        var members: [(String, JSONValue)] = zip(s.key.names, s.key.values).enumerated().map { i, pair in
            (pair.0, s.key.isNull(i) ? .null : .string(pair.1))
        }
        for (name, field) in zip(SeriesSummary.fieldNames + additionalNames, s.fields + s.additional) {
            switch field {
            case .number(let x): members.append((name, .number(x)))
            case .integer(let i): members.append((name, .integer(i)))
            case .text(let t): members.append((name, t.map { .string($0) } ?? .null))
            }
        }
        members.append(("unit", s.metadata.unit.map { .string($0.description) } ?? .null))
        members.append(("polarity", .string(s.metadata.polarity.rawValue)))
        members.append(("reasons", .object(s.reasons.map { ($0.field, .string($0.reason)) })))
        return .object(members)
    }

    // MARK: For people

    /// The readable table of all records (table and Markdown formats).
    public func readable(_ summaries: [SeriesSummary]) -> String {
        let table = readableTable(summaries)
        return format == .markdown ? table.markdown() : table.table()
    }

    /// The rows a reader scans, as text formatted for people (what `table` and Markdown show, and the HTML
    /// report's summary table).
    public func readableTable(_ summaries: [SeriesSummary]) -> ResultTable {
        let columns = keyNames + ["n", "from", "to", "first", "last", "change", "change %", "per year (OLS)", "p (MK)", "direction", "assessment"]
            + additionalNames
        var table = ResultTable(columns: columns)
        for s in summaries {
            let dp = s.metadata.decimalPlaces ?? s.change.map { HumanNumber.decimals(for: [$0.first, $0.last]) }
            let unit = s.metadata.unit
            var row: [ResultTable.Cell] = s.key.values.map { .text($0) }
            row.append(.integer(s.n))
            row.append(.text(s.firstPeriod?.description ?? "–"))
            row.append(.text(s.lastPeriod?.description ?? "–"))
            row.append(.text(s.change.map { HumanNumber.format($0.first, decimals: dp, unit: unit) } ?? "–"))
            row.append(.text(s.change.map { HumanNumber.format($0.last, decimals: dp, unit: unit) } ?? "–"))
            let changeText: String = s.change.map { c in
                if unit == .percent, let pp = c.percentagePointChange.value { return HumanNumber.signed(pp, decimals: dp ?? 1) + " pp" }
                return HumanNumber.signed(c.absoluteChange, decimals: dp, unit: unit)
            } ?? "–"
            row.append(.text(changeText))
            row.append(.text(s.change?.percentChange.value.map { HumanNumber.signed($0, decimals: 1) + "%" } ?? "–"))
            row.append(.text(s.trend.map { trend in
                // A slope of a percentage is in percentage points a year.
                unit == .percent
                    ? HumanNumber.signed(trend.slope, decimals: (dp ?? 1) + 1) + " pp"
                    : HumanNumber.signed(trend.slope, decimals: (dp ?? 1) + 1, unit: unit)
            } ?? "–"))
            row.append(.text(s.mannKendall.map { HumanNumber.pValue($0.p) } ?? "–"))
            row.append(.text(s.direction.rawValue.replacingAll("_", with: " ")))
            row.append(.text(s.assessment.rawValue.replacingAll("_", with: " ")))
            for (i, field) in s.additional.enumerated() {
                // Measures in the series' scale (Holt's forecasts, the change-point means, the seasonal
                // slope) to its decimal places, as first and last are; test statistics to 4 digits.
                let scale = i < additionalNames.count ? SummaryDecimals.scale(of: additionalNames[i]) : .statistic
                switch field {
                case .number(let x?) where scale == .value && dp != nil: row.append(.text(HumanNumber.format(x, decimals: dp, unit: unit)))
                case .number(let x?) where scale == .slope && dp != nil: row.append(.text(HumanNumber.signed(x, decimals: dp! + 1)))
                case .number(let x?): row.append(.text(NumberText.significant(x, digits: 4)))
                case .integer(let i): row.append(.integer(i))
                case .text(let t?): row.append(.text(t))
                case .number(nil), .text(nil): row.append(.text("–"))
                }
            }
            table.rows.append(row)
        }
        return table
    }
}

/// Numbers for people: thousands separators, a fixed number of decimals, a sign where a change is shown, a
/// currency or percent sign from the unit.
public enum HumanNumber {
    public static func format(_ x: Double, decimals: Int? = nil, unit: SeriesMetadata.Unit? = nil) -> String {
        let places = decimals ?? automaticDecimals(x)
        var text = grouped(Swift.abs(x), decimals: places)
        switch unit {
        case .percent?: text += "%"
        case .currency(let code, _)? where code == "GBP": text = "£" + text
        default: break
        }
        return x < 0 ? "−" + text : text
    }

    public static func signed(_ x: Double, decimals: Int? = nil, unit: SeriesMetadata.Unit? = nil) -> String {
        let body = format(Swift.abs(x), decimals: decimals, unit: unit)
        if x > 0 { return "+" + body }
        if x < 0 { return "−" + body }
        return body
    }

    public static func pValue(_ p: Double) -> String {
        if p < 0.0001 { return "<0.0001" }
        return NumberText.significant(p, digits: 2)
    }

    /// The fewest decimals (up to 3) that show every one of `values` exactly, for a series without published
    /// decimal places.
    public static func decimals(for values: [Double]) -> Int {
        for places in 0...3 {
            let scale = (0..<places).reduce(1.0) { r, _ in r * 10 }
            if values.allSatisfy({ v in let s = v * scale; return Swift.abs(s - s.rounded()) < 1e-9 * max(1, Swift.abs(s)) }) {
                return places
            }
        }
        return 3
    }

    /// Without published decimal places: whole numbers as they are, otherwise about four significant digits.
    static func automaticDecimals(_ x: Double) -> Int {
        let magnitude = Swift.abs(x)
        if magnitude == magnitude.rounded() { return 0 }
        if magnitude >= 100 { return 1 }
        if magnitude >= 1 { return 2 }
        return 3
    }

    static func grouped(_ x: Double, decimals requested: Int) -> String {
        // Beyond 10¹⁵ grouping digits says nothing a reader can use (and Int64 ends at 9.2·10¹⁸).
        guard x.isFinite, x < 1e15 else { return x.isFinite ? NumberText.significant(x, digits: 6) : "–" }
        // Decimal places within what a double holds, so the scaled fraction below fits in an Int64 (a negative
        // count would be an empty range, which traps).
        let decimals = Swift.min(Swift.max(requested, 0), SeriesMetadata.maximumDecimalPlaces)
        let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
        let rounded = (x * scale).rounded() / scale
        let integer = rounded.rounded(.down)
        var digits = String(Int64(integer))
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        var text = groups.joined(separator: ",")
        if decimals > 0 {
            let fraction = Int64(((rounded - integer) * scale).rounded())
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
        }
        return text
    }
}

/// How a delimited summary record writes its fields (`SummaryFormat.appendDelimitedRecord`), as bytes.
protocol SummaryFieldEncoding {
    static var separator: UInt8 { get }
    static func appendText(_ value: String, to out: RecordBytes)
    /// Text that may be absent (an empty measure's period, no unit).
    static func appendOptionalText(_ value: String?, to out: RecordBytes)
    static func appendNumber(_ value: Double?, to out: RecordBytes)
    /// The reasons field: `field: reason` pairs joined by `; `, as one text.
    static func appendReasons(_ reasons: [(field: String, reason: String)], to out: RecordBytes)
}

extension SummaryFieldEncoding {
    /// The reasons' bytes written in place, kept when the joined text needs no encoding (`plain` says
    /// which bytes do), else written again through `appendText`.
    static func appendReasons(
        _ reasons: [(field: String, reason: String)], to out: RecordBytes, plain: (UnsafeRawBufferPointer) -> Bool
    ) {
        let start = out.count
        for (i, r) in reasons.enumerated() {
            if i > 0 {
                out.append(0x3B)
                out.append(0x20)
            }
            out.append(r.field)
            out.append(0x3A)
            out.append(0x20)
            out.append(r.reason)
        }
        if out.count == start || out.withBytes(from: start, plain) { return }
        out.truncate(to: start)
        var joined = ""
        for (i, r) in reasons.enumerated() {
            if i > 0 { joined += "; " }
            joined += r.field + ": " + r.reason
        }
        appendText(joined, to: out)
    }
}

/// Feeds a summary's fields (`SeriesSummary.visitFields`) to an encoding, each followed by the separator.
struct DelimitedFieldWriter<Encoding: SummaryFieldEncoding>: SeriesSummary.FieldVisitor {
    static var needsText: Bool { true }
    let out: RecordBytes
    /// Decimal places per field, in visiting order (`nil`: full precision).
    var places: [Int?]? = nil
    var index = 0

    mutating func visit(_ field: SeriesSummary.Field) {
        defer { index += 1 }
        switch field {
        case .number(let x):
            if let places, index < places.count, let n = places[index], let x {
                Encoding.appendNumber(DecimalRounding.rounded(x, places: n), to: out)
            } else {
                Encoding.appendNumber(x, to: out)
            }
        case .integer(let i): SummaryFormat.appendInteger(Int64(i), to: out)
        case .text(let t): Encoding.appendOptionalText(t, to: out)
        }
        out.append(Encoding.separator)
    }
}

/// CSV: RFC 4180 quoting with spreadsheet formulas neutralised and control characters escaped (`CSVText`),
/// empty for absent values; numbers in full precision (`CSVText.number`), whole numbers below 10¹⁵ without a decimal point.
enum CSVFields: SummaryFieldEncoding {
    static let separator: UInt8 = 0x2C

    static func appendText(_ value: String, to out: RecordBytes) {
        // Most fields need neither quotes nor a formula guard: copied as they are, from the string's own bytes.
        let copied: Bool? = value.utf8.withContiguousStorageIfAvailable { bytes in
            guard isPlain(UnsafeRawBufferPointer(bytes)) else { return false }
            out.append(UnsafeRawBufferPointer(bytes))
            return true
        }
        if copied != true { out.append(CSVText.text(value)) }
    }

    /// Text that CSV writes as it is: no quote, comma, line break or other control character (C0, DEL,
    /// C1: a C2 byte before 80–9F), and no formula's first character. Eight bytes per step (Mycroft's
    /// has-zero-byte test, as the reader's `scanPlainRecord`): a word with none of those bytes and no C2 is
    /// plain; one with a C2 (`£` is C2 A3) is looked at byte by byte.
    private static func isPlain(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return true }
        if first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 { return false }
        let base = bytes.baseAddress!
        let n = bytes.count
        var i = 0
        while i &+ 8 <= n {
            let word = UInt64(littleEndian: (base + i).loadUnaligned(as: UInt64.self))
            let below20 = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
            let mask = below20 | CSVReader.zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | CSVReader.zeroBytes(word ^ 0x2222_2222_2222_2222)
                | CSVReader.zeroBytes(word ^ 0x7F7F_7F7F_7F7F_7F7F) | CSVReader.zeroBytes(word ^ 0xC2C2_C2C2_C2C2_C2C2)
            if mask != 0 { break }
            i &+= 8
        }
        var previous: UInt8 = i > 0 ? bytes[i &- 1] : 0
        while i < n {
            let byte = bytes[i]
            if byte < 0x20 || byte == 0x2C || byte == 0x22 || byte == 0x7F || (previous == 0xC2 && byte < 0xA0) { return false }
            previous = byte
            i &+= 1
        }
        return true
    }

    static func appendOptionalText(_ value: String?, to out: RecordBytes) {
        if let value { appendText(value, to: out) }
    }

    static func appendReasons(_ reasons: [(field: String, reason: String)], to out: RecordBytes) {
        appendReasons(reasons, to: out, plain: isPlain)
    }

    static func appendNumber(_ value: Double?, to out: RecordBytes) {
        guard let x = value, x.isFinite else { return }
        if x == 0 {
            out.append(0x30)
        } else if Swift.abs(x) < 1e15, x == Double(Int64(x)) {
            SummaryFormat.appendInteger(Int64(x), to: out)
        } else {
            // The digits `description` gives (shortest round trip), written straight into the record.
            var stream = out
            x.write(to: &stream)
        }
    }
}

/// A record's bytes as they are written, in storage of its own: appending is a capacity check and a copy,
/// with no array uniqueness check or generic element loop (measured: `Array.append(contentsOf:)` of a few
/// bytes cost about a hundred instructions). A `Double` writes its digits into it directly (the standard
/// library hands ASCII output to `_writeASCII`), with no `String` made and freed per number.
final class RecordBytes: TextOutputStream {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// The bytes written, as an array.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        storage[count] = byte
        count += 1
    }

    func append(_ raw: UnsafeRawBufferPointer) {
        guard let source = raw.baseAddress, raw.count > 0 else { return }
        if count + raw.count > capacity { grow(to: count + raw.count) }
        UnsafeMutableRawPointer(storage + count).copyMemory(from: source, byteCount: raw.count)
        count += raw.count
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    func truncate(to count: Int) { self.count = min(self.count, count) }

    func withBytes<R>(from start: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: storage + start, count: count - start))
    }

    func write(_ string: String) { append(string) }
    func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { append(UnsafeRawBufferPointer(buffer)) }

    private func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: storage, count: count)
        storage.deallocate()
        storage = moved
        capacity = larger
    }
}
