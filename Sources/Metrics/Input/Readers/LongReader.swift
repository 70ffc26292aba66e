#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Reads long files, one observation per row: tidy CSV and LAIT downloads.
///
/// Columns have roles: the key columns (together they name the series), the period, the value; optionally
/// `unit` (taken from a series' first row), and metadata columns that describe rather than identify a series
/// (`source`, `note(s)`, `comment(s)`, `label`, `polarity`, `decimal_places`/`dp`); recognised numeric
/// companions (`numerator`, `denominator`, `lower`, `upper`) are not part of the key. Every other column is
/// part of the key, in file order (or exactly the `keyColumns` given).
///
/// The hot path allocates nothing per row once a series has started: key fields are compared as bytes with
/// the previous row's, and period labels and key texts are decoded once each through `InternTable`s. Bytes
/// that differ may still spell the same key (a quoted field, surrounding spaces, the same text in NFC and
/// NFD): the key built from them is then compared with the current one, and the row continues its series.
final class LongReader: RowSeriesReader {
    struct Layout {
        var keyIndices: [Int]
        var keyNames: [String]
        var periodIndex: Int
        var valueIndex: Int
        var unitIndex: Int?
        var metadataIndices: [(name: String, index: Int)]
        var fieldCount: Int
    }

    private let csv: CSVReader
    private let layout: Layout
    let assembler: SeriesAssembler
    private let options: ReadOptions
    let policy: ProblemPolicy
    /// Metadata for a new series from outside the file (LAIT's data dictionary).
    private let externalMetadata: ((SeriesKey) -> SeriesMetadata?)?
    var report: ReadReport
    var inputFinished = false

    private var financialPeriods = InternTable<PeriodLabel>(capacity: 64)
    /// The period met at each row position of the previous series (up to `positions`), with its bytes: series
    /// of a file mostly list the same periods in the same order, so comparing a few bytes replaces hashing.
    private var positionalPeriods: [PeriodLabel] = []
    private var positionalYearTypes: [YearType] = []
    private var positionalLengths: [Int] = []
    private var positionalBytes = [UInt8](repeating: 0, count: LongReader.positions * LongReader.positionWidth)
    private var rowInSeries = 0
    private static let positions = 64
    private static let positionWidth = 16
    private var academicPeriods = InternTable<PeriodLabel>(capacity: 64)
    private var textCache = InternTable<String>(capacity: 4096)
    /// The first and last key columns (nil without key columns), and the raw bytes between them in the row
    /// that started the current key.
    private lazy var keySpan: (first: Int, last: Int)? = layout.keyIndices.min().map { ($0, layout.keyIndices.max()!) }
    private var previousRawKey: [UInt8] = []
    private var previousKey: [UInt8] = []
    private var previousKeyEnds: [Int] = []
    /// A new key's bytes while it is being read, swapped into `previousKey` once all of it has been.
    private var pendingKey: [UInt8] = []
    private var pendingKeyEnds: [Int] = []
    private var currentKey: SeriesKey?
    /// `currentKey`'s values (the same storage), compared without copying the key.
    private var currentValues: [String] = []
    private var currentMetadata = SeriesMetadata()
    /// Whether an observation of `currentKey` has been appended (a row that failed after its key was read
    /// must not let the next row take the fast path into the previous series).
    private var currentKeyAppended = false
    /// LAIT placeholder rows (period `0`, no value) skipped.
    private var placeholders = 0

    static let recognisedExtras: Set<String> = ["unit", "numerator", "denominator", "lower", "upper"]
    static let metadataNames: Set<String> = ["source", "sources", "note", "notes", "comment", "comments", "label", "polarity", "decimal_places", "dp", "value_raw"]

    init(
        csv: CSVReader, header: [String], format: InputFormat, options: ReadOptions, mode: SeriesAssembler.Mode,
        externalMetadata: ((SeriesKey) -> SeriesMetadata?)? = nil
    ) throws {
        self.csv = csv
        self.options = options
        self.externalMetadata = externalMetadata
        policy = ProblemPolicy(collect: options.collectProblems, limit: options.problemLimit)
        assembler = SeriesAssembler(mode: mode, file: csv.displayName)
        layout = try LongReader.layout(header: header, options: options, file: csv.displayName)
        report = ReadReport(file: csv.displayName, format: format)
        report.keyColumns = layout.keyNames
    }

    static func layout(header: [String], options: ReadOptions, file: String) throws -> Layout {
        let headerLocation = SourceLocation(file: file, line: 1, column: 1)
        let lowered = header.map { $0.trimmingSpaces().lowercased() }
        func find(_ name: String) -> Int? { NumericColumns.columnIndex(of: name, in: header) }
        guard let periodIndex = find(options.periodColumn) else {
            throw DataError(headerLocation, "no '\(options.periodColumn)' column (the columns are \(header.map { "'\($0)'" }.joined(separator: ", "))); name the period column with --period-column")
        }
        guard let valueIndex = find(options.valueColumn) else {
            throw DataError(headerLocation, "no '\(options.valueColumn)' column (the columns are \(header.map { "'\($0)'" }.joined(separator: ", "))); name the value column with --value-column")
        }
        let unitIndex = lowered.firstIndex(of: "unit")
        var metadata: [(String, Int)] = []
        var keyIndices: [Int] = []
        if let keys = options.keyColumns {
            for name in keys {
                guard let index = find(name) else { throw DataError(headerLocation, "no key column named '\(name)'") }
                keyIndices.append(index)
            }
        }
        for (i, name) in lowered.enumerated() where i != periodIndex && i != valueIndex {
            if metadataNames.contains(name) {
                metadata.append((name, i))
            } else if options.keyColumns == nil, !recognisedExtras.contains(name) {
                keyIndices.append(i)
            }
        }
        return Layout(
            keyIndices: keyIndices, keyNames: keyIndices.map { header[$0].trimmingSpaces() }, periodIndex: periodIndex,
            valueIndex: valueIndex, unitIndex: unitIndex, metadataIndices: metadata, fieldCount: header.count)
    }

    func advance() throws -> Bool { try csv.nextRecord() }

    func inputEnded() {
        if placeholders > 0 {
            report.notes.append("\(placeholders) LAIT placeholder row(s) with period '0' and no value were skipped")
        }
    }

    func readRow() throws {
        guard csv.fieldCount == layout.fieldCount else {
            throw DataError(csv.recordLocation, "this row has \(csv.fieldCount) field(s) but the header has \(layout.fieldCount)")
        }
        if report.format == .lait, isPlaceholder() {
            placeholders += 1
            return
        }
        let newGroup = try updateKey()
        if newGroup { rowInSeries = 0 }
        let yearType = options.periodType?.yearType ?? currentMetadata.yearType ?? options.yearType ?? .financial
        let label = try positionalPeriod(yearType: yearType)
        rowInSeries += 1
        let (value, residual) = try csv.withField(layout.valueIndex) { bytes throws -> (Series.Value, Double) in
            switch ValueText.parse(bytes) {
            case .number(let x, let marker, let residual):
                if let marker, currentMetadata.unit == nil, let key = currentKey {
                    let unit = SeriesMetadata.Unit(marker: marker)
                    currentMetadata.unit = unit
                    assembler.updateMetadata(of: key) { $0.unit = unit }
                }
                return (.number(x), residual)
            case .missing(let symbol): return (.missing(symbol), 0)
            case .invalid(let reason):
                throw DataError(csv.location(ofField: layout.valueIndex), "the value '\(Self.shown(bytes))' cannot be read: \(reason)")
            }
        }
        let observation = Series.Observation(period: label.period, value: value, line: csv.line, residual: residual)
        if currentKeyAppended {
            assembler.appendToLast(observation, couldBeMonth: label.couldBeMonth)  // the hot path: the same series as the previous row
        } else if let key = currentKey {
            try assembler.append(key: key, metadata: currentMetadata, observation: observation, newGroup: newGroup, couldBeMonth: label.couldBeMonth)
            currentKeyAppended = true
        }
    }

    /// LAIT ships rows with period `0` and an empty value (`-` in `value_raw`): they hold nothing.
    private func isPlaceholder() -> Bool {
        let zeroPeriod = csv.withField(layout.periodIndex) { $0.count == 1 && $0[0] == 0x30 }
        return zeroPeriod && csv.withField(layout.valueIndex) { MissingValue(cell: $0) == .blank }
    }

    /// Compares the row's key fields with the previous row's; builds a new key only when they differ.
    /// Returns whether the key changed.
    private func updateKey() throws -> Bool {
        var same = currentKey != nil
        // First, the raw bytes spanning the key fields against the previous row's: equal bytes are an equal
        // key whatever lies between the fields (one `memcmp` for the usual row). Unequal bytes may still be
        // an equal key (quoted one time, not the other), so the fields are compared one by one after.
        if same, let span = keySpan {
            let equal = csv.withRawBytes(fromField: span.first, throughField: span.last) { bytes in
                bytes.count == previousRawKey.count && previousRawKey.withUnsafeBufferPointer { previous in
                    memcmpEqual(previous.baseAddress!, bytes.baseAddress, bytes.count)
                }
            }
            if equal { return false }
        }
        let hadKey = same
        var offset = 0
        var firstDifferent = 0
        if same {
            for (j, index) in layout.keyIndices.enumerated() {
                let end = previousKeyEnds[j]
                let equal = csv.withField(index) { bytes in
                    bytes.count == end - offset && previousKey.withUnsafeBufferPointer { previous in
                        memcmpEqual(previous.baseAddress! + offset, bytes.baseAddress, bytes.count)
                    }
                }
                if !equal {
                    same = false
                    firstDifferent = j
                    break
                }
                offset = end
            }
        }
        if same { return false }
        // The new key is read aside and committed only when all of it could be read: when a field cannot be
        // (text that is not UTF-8, a problem the caller may collect and go on from), the previous key and its
        // bytes stay whole for the next row to compare against.
        pendingKey.removeAll(keepingCapacity: true)
        pendingKeyEnds.removeAll(keepingCapacity: true)
        var values: [String] = []
        values.reserveCapacity(layout.keyIndices.count)
        for index in layout.keyIndices {
            try csv.withField(index) { bytes throws in
                pendingKey.append(contentsOf: bytes)
                pendingKeyEnds.append(pendingKey.count)
                values.append(try internedText(bytes, field: index))
            }
        }
        // Other bytes may still spell the current key (surrounding spaces, NFC and NFD): compared by the first
        // field whose bytes differ, then whole.
        let sameKey = hadKey && currentValues[firstDifferent] == values[firstDifferent] && currentValues == values
        let key = SeriesKey(names: layout.keyNames, normalizedValues: values)
        let keyMetadata = sameKey ? currentMetadata : try metadata(for: key)
        swap(&previousKey, &pendingKey)
        swap(&previousKeyEnds, &pendingKeyEnds)
        if let span = keySpan {
            previousRawKey.removeAll(keepingCapacity: true)
            csv.withRawBytes(fromField: span.first, throughField: span.last) { previousRawKey.append(contentsOf: $0) }
        }
        // Other bytes, the same key: the row continues the current series.
        if sameKey { return false }
        currentKey = key
        currentValues = values
        currentKeyAppended = false
        currentMetadata = keyMetadata
        return true
    }

    private func metadata(for key: SeriesKey) throws -> SeriesMetadata {
        var metadata = externalMetadata?(key) ?? SeriesMetadata()
        if let unitIndex = layout.unitIndex {
            let text = try csv.string(unitIndex)
            if !text.isEmpty { metadata.unit = SeriesMetadata.Unit(text: text) }
        }
        for (name, index) in layout.metadataIndices {
            let text = try csv.string(index).trimmingSpaces()
            guard !text.isEmpty else { continue }
            switch name {
            case "source", "sources": metadata.source = text
            case "label": metadata.label = text
            case "polarity": metadata.polarity = SeriesMetadata.Polarity(text: text)
            case "decimal_places", "dp": metadata.decimalPlaces = SeriesMetadata.decimalPlaces(text: text)
            default: break
            }
        }
        return metadata
    }

    /// The row's period: the one at the same position in the previous series when its bytes are the same,
    /// else `period(yearType:)`, remembered for the next series.
    private func positionalPeriod(yearType: YearType) throws -> PeriodLabel {
        let row = rowInSeries
        guard row < Self.positions else { return try period(yearType: yearType) }
        let hit: PeriodLabel? = csv.withField(layout.periodIndex) { bytes in
            guard row < positionalPeriods.count, positionalYearTypes[row] == yearType, positionalLengths[row] == bytes.count,
                  bytes.count <= Self.positionWidth else { return nil }
            return positionalBytes.withUnsafeBufferPointer { stored in
                bytes.count == 0 || memcmpEqual(stored.baseAddress! + row * Self.positionWidth, bytes.baseAddress, bytes.count)
            } ? positionalPeriods[row] : nil
        }
        if let hit { return hit }
        let found = try period(yearType: yearType)
        csv.withField(layout.periodIndex) { bytes in
            guard bytes.count <= Self.positionWidth, row <= positionalPeriods.count else { return }
            if row == positionalPeriods.count {
                positionalPeriods.append(found)
                positionalYearTypes.append(yearType)
                positionalLengths.append(bytes.count)
            } else {
                positionalPeriods[row] = found
                positionalYearTypes[row] = yearType
                positionalLengths[row] = bytes.count
            }
            positionalBytes.withUnsafeMutableBufferPointer { stored in
                for (i, byte) in bytes.enumerated() { stored[row * Self.positionWidth + i] = byte }
            }
        }
        return found
    }

    private func period(yearType: YearType) throws -> PeriodLabel {
        try csv.withField(layout.periodIndex) { bytes throws -> PeriodLabel in
            // Looked up on the stored table itself: a `cond ? a : b` of the two would copy one (and retain its
            // storage) on every row.
            let cached = yearType == .financial ? financialPeriods.value(for: bytes) : academicPeriods.value(for: bytes)
            if let cached { return cached }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DataError(csv.location(ofField: layout.periodIndex), "the period is not valid UTF-8")
            }
            if let mark = ByteOrderMark.offset(in: bytes) {
                throw DataError(csv.location(ofField: layout.periodIndex, byteOffset: mark), ByteOrderMark.message)
            }
            let period: PeriodLabel
            do throws(PeriodError) {
                period = try Period.read(text, yearType: yearType, periodType: options.periodType)
            } catch {
                throw DataError(csv.location(ofField: layout.periodIndex), error.description)
            }
            switch yearType {
            case .financial:
                if financialPeriods.count > 50_000 { financialPeriods.removeAll() }
                financialPeriods.insert(period, for: bytes)
            case .academic:
                if academicPeriods.count > 50_000 { academicPeriods.removeAll() }
                academicPeriods.insert(period, for: bytes)
            }
            report.periods[period.period.description] = period.period
            return period
        }
    }

    private func internedText(_ bytes: UnsafeBufferPointer<UInt8>, field: Int) throws -> String {
        if let text = textCache.value(for: bytes) { return text }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DataError(csv.location(ofField: field), "text is not valid UTF-8 (save the file as UTF-8)")
        }
        if let mark = ByteOrderMark.offset(in: bytes) {
            throw DataError(csv.location(ofField: field, byteOffset: mark), ByteOrderMark.message)
        }
        let trimmed = SeriesKey.normalized(text.trimmingSpaces())
        if textCache.count > 65_536 { textCache.removeAll() }
        textCache.insert(trimmed, for: bytes)
        return trimmed
    }

    static func shown(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self)
        return bytes.count > 40 ? text + "…" : text
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    guard count > 0, let b else { return true }
    return memcmp(a, b, count) == 0
}
