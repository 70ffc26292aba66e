/// Turns headerless tidy rows (key columns, `period`, `value`, optional `unit`/`polarity`/… columns, as the
/// tidy reader knows them) into whole series, one at a time, in constant memory.
///
/// The columns are named by the caller (`--columns`) or by the input's first line. Roles are the tidy
/// reader's (`LongReader.layout`): the period and value columns, `unit` and the metadata columns (`source`,
/// `label`, `polarity`, `decimal_places`, …), the recognised numeric companions (`numerator`, …), and every
/// other column is part of the key, in column order. Key text is trimmed of surrounding spaces and tabs, as
/// every reader trims it, and compared in NFC (`SeriesKey`).
///
/// NULL (`\N` in tab-separated input; CSV has none):
/// - in a key field, a value of its own, distinct from the empty text (`area=\N` and `area=` are two series),
///   written back as `\N` (in the first 64 key columns; beyond, an error at its column);
/// - in the value field, a missing value (a blank);
/// - in the period field, an error at its column (a row without a period cannot be placed);
/// - in a metadata field (`unit`, `polarity`, …), absent, as an empty field is.
///
/// A series ends when a row with another key arrives. The rows of one series must be adjacent (Spark:
/// `DISTRIBUTE BY` and `SORT BY` the key columns, or `CLUSTER BY`); a key that comes back after its series
/// ended is a `DataError` at that line, never a silent merge. Finished keys are remembered as in
/// `SeriesAssembler` (nothing while keys arrive in increasing byte order, 16 bytes a series otherwise).
final class StreamingSeriesReader<Records: FieldRecords> {
    private let records: Records
    private let layout: LongReader.Layout
    private let yearType: YearType
    private let periodType: PeriodType?
    private let assembler: SeriesAssembler
    private var periods = InternTable<PeriodLabel>(capacity: 64)
    private var finished = false

    /// The previous row's key fields, as bytes, with each field's end offset and whether it was NULL (no
    /// bytes, but not the empty text).
    private var previousKey: [UInt8] = []
    private var previousKeyEnds: [Int] = []
    private var previousKeyNulls: [Bool] = []
    private var currentKey: SeriesKey?
    private var currentMetadata = SeriesMetadata()
    private var currentKeyAppended = false
    private(set) var rows = 0

    var keyNames: [String] { layout.keyNames }

    init(records: Records, columns: [String], options: ReadOptions) throws {
        self.records = records
        layout = try LongReader.layout(header: columns, options: options, file: records.displayName)
        yearType = options.periodType?.yearType ?? options.yearType ?? .financial
        periodType = options.periodType
        assembler = SeriesAssembler(mode: .streaming, file: records.displayName)
    }

    /// The next complete series, or `nil` at the end of the input.
    func nextSeries() throws -> Series? {
        while true {
            if let series = assembler.nextReady() { return series }
            if finished { return nil }
            do {
                if try records.nextRecord() {
                    rows += 1
                    try readRow()
                } else {
                    finished = true
                    try assembler.finishOpen()
                    try assembler.finishInput()
                }
            } catch let split as SeriesNotAdjacent {
                let what = split.key.map { "rows of series \($0) are not adjacent: this row continues a series that ended earlier" }
                    ?? "the rows of some series are not adjacent (found at the end of the input)"
                throw DataError(
                    SourceLocation(file: split.file, line: split.line, column: split.line == nil ? nil : 1),
                    what + ". Give each series' rows together, sorted by key (in Spark SQL: DISTRIBUTE BY the key columns SORT BY the key columns and period, or CLUSTER BY the key columns)")
            }
        }
    }

    private func readRow() throws {
        guard records.fieldCount == layout.fieldCount else {
            var message = "this row has \(records.fieldCount) field(s) but \(layout.fieldCount) columns were named"
            if records.fieldCount == 1, try records.withField(0, { $0.contains(0x01) }) {
                message += " (its fields are separated by \\001, Spark's default: write ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' before USING and after AS (…))"
            }
            throw DataError(records.recordLocation, message)
        }
        let newGroup = try updateKey()
        let label = try readPeriod()
        let (value, residual) = try readValue()
        let observation = Series.Observation(period: label.period, value: value, line: records.line, residual: residual)
        if currentKeyAppended {
            assembler.appendToLast(observation, couldBeMonth: label.couldBeMonth)
        } else if let key = currentKey {
            try assembler.append(key: key, metadata: currentMetadata, observation: observation, newGroup: newGroup, couldBeMonth: label.couldBeMonth)
            currentKeyAppended = true
        }
    }

    /// Compares the row's key fields with the previous row's; builds a new key only when they differ.
    private func updateKey() throws -> Bool {
        if currentKey != nil {
            var same = true
            var offset = 0
            for (j, index) in layout.keyIndices.enumerated() {
                let end = previousKeyEnds[j]
                let equal = try records.isNull(index) == previousKeyNulls[j] && fieldBytes(index) { bytes in
                    bytes.count == end - offset && previousKey.withUnsafeBufferPointer { previous in
                        bytes.elementsEqual(previous[offset..<end])
                    }
                }
                if !equal {
                    same = false
                    break
                }
                offset = end
            }
            if same { return false }
        }
        previousKey.removeAll(keepingCapacity: true)
        previousKeyEnds.removeAll(keepingCapacity: true)
        previousKeyNulls.removeAll(keepingCapacity: true)
        var values: [String] = []
        var nulls: [Int] = []
        values.reserveCapacity(layout.keyIndices.count)
        for (j, index) in layout.keyIndices.enumerated() {
            let null = records.isNull(index)
            if null, j >= SeriesKey.nullablePositions {
                throw DataError(records.location(ofField: index), "a NULL in key column \(j + 1): only the first \(SeriesKey.nullablePositions) key columns may be NULL")
            }
            previousKeyNulls.append(null)
            if null { nulls.append(j) }
            try fieldBytes(index) { bytes throws in
                previousKey.append(contentsOf: bytes)
                previousKeyEnds.append(previousKey.count)
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw DataError(records.location(ofField: index), "text is not valid UTF-8")
                }
                // A byte-order mark inside a key would make another series of an invisible difference.
                if ByteOrderMark.offset(in: bytes) != nil { throw DataError(records.location(ofField: index), ByteOrderMark.message) }
                values.append(text.trimmingSpaces())
            }
        }
        let key = SeriesKey(names: layout.keyNames, values: values, nulls: nulls)
        // Other bytes, the same key (surrounding spaces, NFC and NFD): the row continues the current series.
        if key == currentKey { return false }
        currentKey = key
        currentKeyAppended = false
        currentMetadata = try metadata()
        return true
    }

    /// Field `index`'s bytes, NULL as no bytes.
    private func fieldBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        if records.isNull(index) { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try records.withField(index, body)
    }

    private func text(_ index: Int) throws -> String {
        try fieldBytes(index) { bytes throws in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DataError(records.location(ofField: index), "text is not valid UTF-8")
            }
            return text
        }
    }

    /// The series' metadata from its first row, read as the tidy reader reads it.
    private func metadata() throws -> SeriesMetadata {
        var metadata = SeriesMetadata()
        if let unitIndex = layout.unitIndex {
            let unit = try text(unitIndex)
            if !unit.isEmpty { metadata.unit = SeriesMetadata.Unit(text: unit) }
        }
        for (name, index) in layout.metadataIndices {
            let value = try text(index).trimmingSpaces()
            guard !value.isEmpty else { continue }
            switch name {
            case "source", "sources": metadata.source = value
            case "label": metadata.label = value
            case "polarity": metadata.polarity = SeriesMetadata.Polarity(text: value)
            case "decimal_places", "dp": metadata.decimalPlaces = SeriesMetadata.decimalPlaces(text: value)
            default: break
            }
        }
        return metadata
    }

    private func readPeriod() throws -> PeriodLabel {
        let index = layout.periodIndex
        if records.isNull(index) { throw DataError(records.location(ofField: index), "the period is NULL") }
        return try records.withField(index) { bytes throws -> PeriodLabel in
            if let cached = periods.value(for: bytes) { return cached }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DataError(records.location(ofField: index), "the period is not valid UTF-8")
            }
            if ByteOrderMark.offset(in: bytes) != nil { throw DataError(records.location(ofField: index), ByteOrderMark.message) }
            let period: PeriodLabel
            do throws(PeriodError) {
                period = try Period.read(text, yearType: yearType, periodType: periodType)
            } catch {
                throw DataError(records.location(ofField: index), error.description)
            }
            if periods.count > 50_000 { periods.removeAll() }
            periods.insert(period, for: bytes)
            return period
        }
    }

    /// The value cell, and its residual (`ValueText`).
    private func readValue() throws -> (Series.Value, Double) {
        let index = layout.valueIndex
        if records.isNull(index) { return (.missing(.blank), 0) }
        return try records.withField(index) { bytes throws -> (Series.Value, Double) in
            switch ValueText.parse(bytes) {
            case .number(let x, let marker, let residual):
                // `12%` or `£5` makes the series' unit percent or money, as in the tidy reader.
                if let marker, currentMetadata.unit == nil, let key = currentKey {
                    let unit = SeriesMetadata.Unit(marker: marker)
                    currentMetadata.unit = unit
                    assembler.updateMetadata(of: key) { $0.unit = unit }
                }
                return (.number(x), residual)
            case .missing(let symbol): return (.missing(symbol), 0)
            case .invalid(let reason):
                throw DataError(records.location(ofField: index), "the value '\(LongReader.shown(bytes))' cannot be read: \(reason)")
            }
        }
    }
}
