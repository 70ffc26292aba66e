/// The companion `NAME.meta.csv` of an EES open-data file: which columns are filters and which indicators,
/// with labels, units and decimal places.
///
/// Source: DfE, "Explore education statistics: open data standards" — metadata columns `col_name`,
/// `col_type` (`Filter` or `Indicator`), `label`, `indicator_unit` (blank, `%`, `£`, `£m`, `pp`, …),
/// `indicator_dp`, `filter_hint`, `filter_grouping_column`.
struct EESMetadata: Sendable {
    struct Column: Sendable {
        var isIndicator: Bool
        var label: String?
        var unit: SeriesMetadata.Unit?
        var decimalPlaces: Int?
    }

    var columns: [String: Column] = [:]

    /// Loads `path`, or `NAME.meta.csv` beside `dataPath` when no path is given; `nil` when there is none.
    static func load(for dataPath: String, explicitPath: String?) throws -> EESMetadata? {
        let path: String
        if let explicitPath {
            path = explicitPath
        } else {
            var base = dataPath
            if base.hasSuffix(".gz") { base.removeLast(3) }
            if base.hasSuffix(".csv") { base.removeLast(4) }
            path = base + ".meta.csv"
            guard dataPath != "-", (try? CSVReader(path: path)) != nil else { return nil }
        }
        let csv = try CSVReader(path: path)
        guard try csv.nextRecord() else { return nil }
        let header = try csv.strings()
        guard let nameIndex = NumericColumns.columnIndex(of: "col_name", in: header),
            let typeIndex = NumericColumns.columnIndex(of: "col_type", in: header)
        else {
            throw DataError(SourceLocation(file: path, line: 1, column: 1), "an EES metadata file needs col_name and col_type columns")
        }
        let labelIndex = NumericColumns.columnIndex(of: "label", in: header)
        let unitIndex = NumericColumns.columnIndex(of: "indicator_unit", in: header)
        let dpIndex = NumericColumns.columnIndex(of: "indicator_dp", in: header)
        var metadata = EESMetadata()
        while try csv.nextRecord() {
            guard csv.fieldCount == header.count else {
                throw DataError(csv.recordLocation, "this row has \(csv.fieldCount) field(s) but the header has \(header.count)")
            }
            let name = try csv.string(nameIndex).trimmingSpaces()
            let type = try csv.string(typeIndex).trimmingSpaces().lowercased()
            guard type == "indicator" || type == "filter" else {
                throw DataError(csv.location(ofField: typeIndex), "col_type must be Filter or Indicator, not '\(type)'")
            }
            let unitText = try unitIndex.map { try csv.string($0).trimmingSpaces() } ?? ""
            let unit: SeriesMetadata.Unit? = switch unitText {
            case "": nil
            case "£m": .other("£m")
            case "pp": .other("percentage points")
            default: SeriesMetadata.Unit(text: unitText)
            }
            metadata.columns[name] = Column(
                isIndicator: type == "indicator",
                label: try labelIndex.map { try csv.string($0).trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 },
                unit: unit,
                decimalPlaces: try dpIndex.flatMap { SeriesMetadata.decimalPlaces(text: try csv.string($0)) })
        }
        return metadata
    }
}
