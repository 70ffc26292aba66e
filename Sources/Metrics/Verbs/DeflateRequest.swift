/// `metrics deflate`: a tidy file's money values in real terms, row by row: every input row with
/// `real_value` (in base-period prices), `index_value` and `price_basis` added.
public struct DeflateRequest: Sendable {
    public var path: String
    public var realTerms: RealTerms
    public var periodColumn: String
    public var valueColumn: String
    public var yearType: YearType
    public var format: OutputFormat
    public var output: String?

    public init(path: String, realTerms: RealTerms, periodColumn: String = "period", valueColumn: String = "value", yearType: YearType = .financial, format: OutputFormat = .csv, output: String? = nil) {
        self.path = path
        self.realTerms = realTerms
        self.periodColumn = periodColumn
        self.valueColumn = valueColumn
        self.yearType = yearType
        self.format = format
        self.output = output
    }

    @discardableResult
    public func run() throws -> Int {
        let csv = try CSVReader(path: path)
        guard try csv.nextRecord() else { throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "the file is empty") }
        let header = try csv.strings()
        guard let periodIndex = NumericColumns.columnIndex(of: periodColumn, in: header),
            let valueIndex = NumericColumns.columnIndex(of: valueColumn, in: header)
        else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "the file needs '\(periodColumn)' and '\(valueColumn)' columns (the columns are \(header.map { "'\($0)'" }.joined(separator: ", ")))")
        }
        let columns = header + ["real_value", "index_value", "price_basis"]
        var table = ResultTable(columns: columns)
        var rows = 0
        while try csv.nextRecord() {
            guard csv.fieldCount == header.count else {
                throw DataError(csv.recordLocation, "this row has \(csv.fieldCount) field(s) but the header has \(header.count)")
            }
            let fields = try csv.strings()
            let period: Period
            do throws(PeriodError) {
                period = try Period.parse(fields[periodIndex], yearType: yearType)
            } catch {
                throw DataError(csv.location(ofField: periodIndex), error.description)
            }
            var added: [ResultTable.Cell] = [.number(nil), .number(nil), .text(realTerms.priceBasis)]
            let value = csv.withField(valueIndex) { ValueText.parse($0) }
            switch value {
            case .number(let nominal, _, _):
                do throws(PriceIndex.Gap) {
                    let (real, index) = try realTerms.deflate(nominal, at: period)
                    added = [.number(real), .number(index), .text(realTerms.priceBasis)]
                } catch {
                    throw DataError(csv.location(ofField: periodIndex), error.description)
                }
            case .missing: break
            case .invalid(let reason):
                throw DataError(csv.location(ofField: valueIndex), "the value '\(fields[valueIndex].prefix(40))' cannot be read: \(reason)")
            }
            table.rows.append(fields.map { .text($0) } + added)
            rows += 1
        }
        let text: String = switch format {
        case .csv: table.csv()
        case .ndjson: table.ndjson()
        case .json: JSONValue.array(table.rows.map { row in .object(zip(columns, row).map { ($0, $1.json) }) }).rendered() + "\n"
        case .table: table.table()
        case .markdown: table.markdown()
        }
        let sink = try OutputSink(path: output)
        try sink.write(text)
        try sink.commit()
        return rows
    }
}
