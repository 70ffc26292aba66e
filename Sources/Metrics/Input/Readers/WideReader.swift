/// Wide CSV: one row per series, one column per period (`area_code, area_name, 2019, 2020, 2021`), as
/// council spreadsheets and LAIT's own downloads lay tables out.
///
/// Columns whose names are periods hold the values; the others are the key (metadata columns such as
/// `source`, `unit`, `polarity` describe the series, as in tidy files). Each row is a series; a series named
/// by two rows is gathered (the same period twice is an error naming both lines).
final class WideReader: RowSeriesReader {
    private let csv: CSVReader
    let assembler: SeriesAssembler
    let policy: ProblemPolicy
    private let keyIndices: [Int]
    private let keyNames: [String]
    private let periodColumns: [(index: Int, period: Period)]
    private let metadataIndices: [(name: String, index: Int)]
    private let fieldCount: Int
    var inputFinished = false
    var report: ReadReport

    init(csv: CSVReader, header: [String], options: ReadOptions, mode: SeriesAssembler.Mode) throws {
        self.csv = csv
        assembler = SeriesAssembler(mode: mode, file: csv.displayName)
        policy = ProblemPolicy(collect: options.collectProblems, limit: options.problemLimit)
        fieldCount = header.count
        var labels: [(Int, PeriodLabel)] = []
        var keys: [Int] = []
        var metadata: [(String, Int)] = []
        for (i, name) in header.enumerated() {
            let lowered = name.trimmingSpaces().lowercased()
            let yearType = options.periodType?.yearType ?? options.yearType ?? .financial
            if (try? Period.read(name, yearType: yearType)) != nil {
                // A period of another kind than --period-type says is an error, not a key column.
                do throws(PeriodError) {
                    labels.append((i, try Period.read(name, yearType: yearType, periodType: options.periodType)))
                } catch {
                    throw DataError(csv.location(ofField: i), error.description)
                }
            } else if LongReader.metadataNames.contains(lowered) || lowered == "unit" {
                metadata.append((lowered, i))
            } else {
                keys.append(i)
            }
        }
        // The header is the column of periods: its labels that name a year and a month alike are months when
        // another is a month and none a two-year label that is no month (`PeriodLabel`).
        let months = labels.contains { $0.1.period.kind == .month }
            && !labels.contains { !$0.1.couldBeMonth && PeriodLabel.isTwoYear($0.1.period.kind) }
        var periods: [(Int, Period)] = []
        for (i, label) in labels {
            let period = months && label.couldBeMonth ? PeriodLabel.monthReading(of: label.period) : label.period
            if let earlier = periods.first(where: { $0.1.label == period.label && $0.1.qualifier == period.qualifier }) {
                throw DataError(csv.location(ofField: i), "the period \(period) is a column twice (columns \(earlier.0 + 1) and \(i + 1))")
            }
            periods.append((i, period))
        }
        guard periods.count >= 1 else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "no column of this wide file is named by a period (2019, 2020-21, 2021-Q3, …)")
        }
        periodColumns = periods
        keyIndices = options.keyColumns.map { names in names.compactMap { NumericColumns.columnIndex(of: $0, in: header) } } ?? keys
        keyNames = keyIndices.map { header[$0].trimmingSpaces() }
        metadataIndices = metadata
        report = ReadReport(file: csv.displayName, format: .wide)
        report.keyColumns = keyNames
        for (_, period) in periods { report.periods[period.description] = period }
    }

    func advance() throws -> Bool { try csv.nextRecord() }

    func readRow() throws {
        guard csv.fieldCount == fieldCount else {
            throw DataError(csv.recordLocation, "this row has \(csv.fieldCount) field(s) but the header has \(fieldCount)")
        }
        let key = SeriesKey(names: keyNames, values: try keyIndices.map { try csv.string($0).trimmingSpaces() })
        var metadata = SeriesMetadata()
        for (name, index) in metadataIndices {
            let text = try csv.string(index).trimmingSpaces()
            guard !text.isEmpty else { continue }
            switch name {
            case "unit": metadata.unit = SeriesMetadata.Unit(text: text)
            case "source", "sources": metadata.source = text
            case "label": metadata.label = text
            case "polarity": metadata.polarity = SeriesMetadata.Polarity(text: text)
            case "decimal_places", "dp": metadata.decimalPlaces = SeriesMetadata.decimalPlaces(text: text)
            default: break
            }
        }
        for (n, (index, period)) in periodColumns.enumerated() {
            let (value, residual) = try csv.withField(index) { bytes throws -> (Series.Value, Double) in
                switch ValueText.parse(bytes) {
                case .number(let x, let marker, let residual):
                    if metadata.unit == nil, let marker {
                        metadata.unit = if case .currency(let code) = marker { .currency(code: code, priceYear: nil) } else { .percent }
                    }
                    return (.number(x), residual)
                case .missing(let symbol): return (.missing(symbol), 0)
                case .invalid(let reason):
                    throw DataError(csv.location(ofField: index), "the value '\(LongReader.shown(bytes))' cannot be read: \(reason)")
                }
            }
            try assembler.append(
                key: key, metadata: metadata, observation: Series.Observation(period: period, value: value, line: csv.line, residual: residual),
                newGroup: n == 0)
        }
    }
}
