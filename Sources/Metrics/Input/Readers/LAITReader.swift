/// DfE's Local Authority Interactive Tool (LAIT) long data: `measure_code, measure, period, area,
/// old_la_code, region, value` (and `value_raw`, ignored), one row per measure, area and period.
///
/// The series key is measure_code, measure, area, old_la_code and region. LAIT's data dictionary
/// (`lait_data_dictionary.csv` beside the data, or `ReadOptions.metadataPath`), matched on its
/// `Measure_short`, gives each measure its polarity (`High`/`Low`), decimal places (`dps`), label
/// (`Chart_title`), unit and value-axis title (`y_axis_name`, `LAITDictionary.unit(axisName:)`), source
/// (`Data Owner…`, `Hyperlink(s)`) and year type (`Year_Type`: `Academic Year` → two-year labels are
/// academic years, `Financial Year` → financial). Without the dictionary, series have no polarity and
/// two-year labels follow `--year-type` (financial by default). Periods may carry LAIT's qualifiers
/// (`2016-17 (OT)`, `2018 (Rev)`), kept with the period.
enum LAITReader {
    static let columns = ["measure_code", "measure", "period", "area", "old_la_code", "region", "value"]

    static func make(csv: CSVReader, header: [String], options: ReadOptions, mode: SeriesAssembler.Mode) throws -> LongReader {
        var layoutOptions = options
        layoutOptions.periodColumn = "period"
        layoutOptions.valueColumn = "value"
        layoutOptions.keyColumns = ["measure_code", "measure", "area", "old_la_code", "region"]
        let dictionary = try LAITDictionary.load(for: csv.displayName, explicitPath: options.metadataPath)
        return try LongReader(
            csv: csv, header: header, format: .lait, options: layoutOptions, mode: mode,
            externalMetadata: dictionary.map { d in { key in d.metadata(forMeasure: key["measure_code"] ?? "") } })
    }
}

/// LAIT's data dictionary: per measure, polarity, decimal places, label, unit and year type.
struct LAITDictionary: Sendable {
    private var measures: [String: SeriesMetadata] = [:]

    /// Loads the dictionary named explicitly, or `lait_data_dictionary.csv` beside `dataPath`; `nil` when
    /// there is none beside the data (an explicit path that cannot be read is an error).
    static func load(for dataPath: String, explicitPath: String?) throws -> LAITDictionary? {
        let path: String
        if let explicitPath {
            path = explicitPath
        } else {
            let directory = dataPath.lastIndex(of: "/").map { String(dataPath[..<$0]) } ?? "."
            path = directory + "/lait_data_dictionary.csv"
            guard (try? CSVReader(path: path)) != nil else { return nil }
        }
        let csv = try CSVReader(path: path)
        guard try csv.nextRecord() else { return nil }
        let header = try csv.strings()
        func index(_ name: String) -> Int? { NumericColumns.columnIndex(of: name, in: header) }
        guard let shortIndex = index("Measure_short") else {
            throw DataError(SourceLocation(file: path, line: 1, column: 1), "a LAIT data dictionary needs a Measure_short column")
        }
        var dictionary = LAITDictionary()
        while try csv.nextRecord() {
            guard csv.fieldCount == header.count else { continue }
            func field(_ name: String) throws -> String? {
                guard let i = index(name) else { return nil }
                let text = try csv.string(i).trimmingSpaces()
                return text.isEmpty || text == "NA" || text == "-" ? nil : text
            }
            guard let short = try field("Measure_short") else { continue }
            let yearType: YearType? = switch try field("Year_Type")?.lowercased() {
            case "academic year": .academic
            case "financial year": .financial
            default: nil
            }
            _ = shortIndex
            let axisName = try field("y_axis_name")
            dictionary.measures[short] = SeriesMetadata(
                unit: axisName.map(Self.unit(axisName:)),
                decimalPlaces: try field("dps").flatMap { SeriesMetadata.decimalPlaces(text: $0) },
                polarity: SeriesMetadata.Polarity(text: try field("Polarity") ?? ""),
                label: try field("Chart_title") ?? field("Measure"),
                source: try field("Data Owner (DO) /Supplier and Contact Details"),
                yearType: yearType, valueLabel: axisName,
                sourceLink: try field("Hyperlink(s)").flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == ";" }).first.map(String.init) })
        }
        return dictionary
    }

    /// The unit a LAIT `y_axis_name` names. LAIT titles its axes in words, and the words say the unit:
    /// a percentage is `% …` (`% of young people`, `% achieving expected level`, `% CIN`), money `Spend`,
    /// `Unit Cost` or `£…`, a rate `Rate per 10,000` (`Rate per 1000 live births`), a count `Number…`;
    /// anything else (`Average Score`, `Score per pupil`) is read by `SeriesMetadata.Unit(text:)`.
    static func unit(axisName: String) -> SeriesMetadata.Unit {
        let lower = axisName.trimmingSpaces().lowercased()
        if lower.hasPrefix("%") || lower.hasPrefix("percentage") { return .percent }
        if lower == "spend" || lower.hasPrefix("unit cost") || lower.hasPrefix("£") || lower.hasPrefix("expenditure") {
            return .currency(code: "GBP", priceYear: nil)
        }
        if lower.hasPrefix("rate per ") { return SeriesMetadata.Unit(text: lower) }
        if lower.hasPrefix("number") { return .count }
        return SeriesMetadata.Unit(text: axisName)
    }

    func metadata(forMeasure code: String) -> SeriesMetadata? { measures[code] }
}
