/// DfE Explore Education Statistics (EES) open-data CSV: one row per time period, geography and filter
/// combination; each indicator column becomes a series per geography and filter combination.
///
/// Source: DfE, "Explore education statistics: open data standards" (mandatory columns, geographic levels
/// and their code/name columns, time identifiers, GSS symbols). A series' key is `geographic_level`,
/// `area_code` and `area_name` (the code and name columns of the row's level, e.g. `new_la_code`/`la_name`
/// for local authorities), the filter values in file order, and `indicator` (the column name).
/// `time_period` is decoded with `time_identifier` (`Period.ees`). With the companion `.meta.csv`, its
/// `col_type` says which columns are filters and which indicators, and its labels, units and decimal places
/// become the series metadata. Without it, a column is an indicator when its cells (in the first 1,000 rows)
/// are numbers or GSS symbols with at least one number; other non-geography columns are filters.
final class EESReader: RowSeriesReader {
    static let mandatoryColumns = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name"]

    /// Geographic levels and their (code, name) columns.
    static let levels: [String: (code: String?, name: String)] = [
        "national": ("country_code", "country_name"),
        "regional": ("region_code", "region_name"),
        "local authority": ("new_la_code", "la_name"),
        "local authority district": ("lad_code", "lad_name"),
        "parliamentary constituency": ("pcon_code", "pcon_name"),
        "local skills improvement plan area": ("lsip_code", "lsip_name"),
        "ward": ("ward_code", "ward_name"),
        "english devolved area": ("english_devolved_area_code", "english_devolved_area_name"),
        "opportunity area": ("opportunity_area_code", "opportunity_area_name"),
        "local enterprise partnership": ("local_enterprise_partnership_code", "local_enterprise_partnership_name"),
        "mayoral combined authority": ("mayoral_combined_authority_code", "mayoral_combined_authority_name"),
        "police force area": ("pfa_code", "pfa_name"),
        "planning area": ("planning_area_code", "planning_area_name"),
        "school": ("school_urn", "school_name"),
        "provider": ("provider_ukprn", "provider_name"),
        "institution": ("institution_id", "institution_name"),
        "mat": ("trust_id", "trust_name"),
        "multi-academy trust": ("trust_id", "trust_name"),
        "sponsor": ("sponsor_id", "sponsor_name"),
        "rsc region": (nil, "rsc_region_lead_name"),
    ]

    /// Every column that describes geography or time, never a filter or an indicator.
    static let structuralColumns: Set<String> = {
        var names: Set<String> = ["time_period", "time_identifier", "geographic_level", "old_la_code", "la_code", "school_laestab", "local_authority_selection_status"]
        for (code, name) in levels.values {
            if let code { names.insert(code) }
            names.insert(name)
        }
        return names
    }()

    private let csv: CSVReader
    let assembler: SeriesAssembler
    let policy: ProblemPolicy
    private let header: [String]
    /// The header's names in NFC: the `indicator` value of each indicator column's series.
    private let indicatorNames: [String]
    private let timePeriodIndex: Int
    private let timeIdentifierIndex: Int
    private let levelIndex: Int
    private var filterIndices: [Int] = []
    private var indicatorIndices: [Int] = []
    private var indicatorMetadata: [Int: SeriesMetadata] = [:]
    private var keyNames: [String] = []
    private let columnIndex: [String: Int]
    private var pending: [(fields: [String], line: Int, locations: [SourceLocation])] = []
    private var pendingIndex = 0
    private var previousBase: [String] = []
    private var periodCache: [String: Period] = [:]
    var inputFinished = false
    var report: ReadReport
    /// The current row: its fields (or why they could not be read), line and, for rows read ahead, the
    /// locations of its fields.
    private var row: (fields: [String], line: Int, locations: [SourceLocation]?, failure: DataError?) = ([], 0, nil, nil)

    init(csv: CSVReader, header: [String], options: ReadOptions, mode: SeriesAssembler.Mode) throws {
        self.csv = csv
        let names = header.map { $0.trimmingSpaces() }
        self.header = names
        indicatorNames = names.map(SeriesKey.normalized)
        assembler = SeriesAssembler(mode: mode, file: csv.displayName)
        policy = ProblemPolicy(collect: options.collectProblems, limit: options.problemLimit)
        var index: [String: Int] = [:]
        for (i, name) in self.header.enumerated() where index[name.lowercased()] == nil { index[name.lowercased()] = i }
        columnIndex = index
        // Detection only picks this reader for a header with the time and geography columns, but a format given
        // by the caller (`--format ees`, `format: ees`) reaches it with any header.
        guard let timePeriod = index["time_period"], let timeIdentifier = index["time_identifier"], let level = index["geographic_level"] else {
            let missing = ["time_period", "time_identifier", "geographic_level"].filter { index[$0] == nil }
            throw DataError(
                SourceLocation(file: csv.displayName, line: 1, column: 1),
                "not an EES open-data file: no \(missing.map { "'\($0)'" }.joined(separator: ", ")) column (EES files have \(EESReader.mandatoryColumns.joined(separator: ", ")), …)")
        }
        timePeriodIndex = timePeriod
        timeIdentifierIndex = timeIdentifier
        levelIndex = level
        report = ReadReport(file: csv.displayName, format: .ees)

        let candidates = names.indices.filter { !EESReader.structuralColumns.contains(names[$0].lowercased()) }
        if let metadata = try EESMetadata.load(for: csv.displayName, explicitPath: options.metadataPath) {
            for i in candidates {
                if let column = metadata.columns[names[i]], column.isIndicator {
                    indicatorIndices.append(i)
                    indicatorMetadata[i] = SeriesMetadata(unit: column.unit, decimalPlaces: column.decimalPlaces, label: column.label)
                } else {
                    filterIndices.append(i)
                }
            }
            report.notes.append("columns classified by \(csv.displayName.replacingOccurrences(of: ".csv", with: ".meta.csv"))")
        } else {
            try classifyBySample(candidates)
            report.notes.append("no .meta.csv beside the file: indicators are the columns holding numbers and GSS symbols (\(indicatorIndices.map { names[$0] }.joined(separator: ", ")))")
        }
        guard !indicatorIndices.isEmpty else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "no indicator columns: no column beside the geography, time and filters holds numbers")
        }
        keyNames = ["geographic_level", "area_code", "area_name"] + filterIndices.map { names[$0] } + ["indicator"]
        report.keyColumns = keyNames
    }

    /// Reads up to 1,000 rows ahead to tell indicators (numbers and GSS symbols) from filters (text).
    private func classifyBySample(_ candidates: [Int]) throws {
        var numeric = [Bool](repeating: false, count: header.count)
        var textual = [Bool](repeating: false, count: header.count)
        while pending.count < 1000, try csv.nextRecord() {
            let fields = try csv.strings()
            pending.append((fields, csv.line, (0..<csv.fieldCount).map { csv.location(ofField: $0) }))
            for i in candidates where i < fields.count {
                var copy = fields[i]
                switch copy.withUTF8({ ValueText.parse($0) }) {
                case .number: numeric[i] = true
                case .missing: break
                case .invalid: textual[i] = true
                }
            }
        }
        for i in candidates {
            if numeric[i] && !textual[i] { indicatorIndices.append(i) } else { filterIndices.append(i) }
        }
    }

    func advance() throws -> Bool {
        if pendingIndex < pending.count {
            let buffered = pending[pendingIndex]
            row = (buffered.fields, buffered.line, buffered.locations, nil)
            pendingIndex += 1
            if pendingIndex == pending.count {
                pending = []
                pendingIndex = 0
            }
            return true
        }
        guard try csv.nextRecord() else { return false }
        do throws(DataError) {
            row = (try csv.strings(), csv.line, nil, nil)
        } catch {
            row = ([], csv.line, nil, error)
        }
        return true
    }

    func readRow() throws {
        if let failure = row.failure { throw failure }
        try readRow(row.fields, line: row.line, locations: row.locations)
    }

    /// `metadata` with the row's area (`AreaIdentity`): the old LA code and the region, which the key leaves out.
    /// Called once per new series, not per row.
    private func areaMetadata(_ metadata: SeriesMetadata, fields: [String], level: String, code: String, name: String) -> SeriesMetadata {
        func field(_ column: String) -> String { columnIndex[column].map { fields[$0].trimmingSpaces() } ?? "" }
        var withArea = metadata
        withArea.area = AreaIdentity(
            geographicLevel: level, code: code, oldCode: field("old_la_code"), name: name,
            regionCode: field("region_code"), regionName: field("region_name"))
        return withArea
    }

    private func readRow(_ fields: [String], line: Int, locations: [SourceLocation]?) throws {
        func location(_ i: Int) -> SourceLocation {
            locations?[i] ?? (csv.line == line ? csv.location(ofField: i) : SourceLocation(file: csv.displayName, line: line))
        }
        guard fields.count == header.count else {
            throw DataError(SourceLocation(file: csv.displayName, line: line, column: 1), "this row has \(fields.count) field(s) but the header has \(header.count)")
        }
        let levelText = fields[levelIndex].trimmingSpaces()
        guard let level = EESReader.levels[levelText.lowercased()] else {
            throw DataError(location(levelIndex), "unknown geographic_level '\(levelText)'")
        }
        let code = level.code.flatMap { columnIndex[$0] }.map { fields[$0].trimmingSpaces() } ?? ""
        guard let nameIndex = columnIndex[level.name] else {
            throw DataError(location(levelIndex), "rows at level '\(levelText)' need a \(level.name) column")
        }
        let name = fields[nameIndex].trimmingSpaces()
        let cacheKey = fields[timePeriodIndex] + "\u{1F}" + fields[timeIdentifierIndex]
        let period: Period
        if let cached = periodCache[cacheKey] {
            period = cached
        } else {
            do throws(PeriodError) {
                period = try Period.ees(code: fields[timePeriodIndex], identifier: fields[timeIdentifierIndex])
            } catch {
                throw DataError(location(timeIdentifierIndex), error.description)
            }
            periodCache[cacheKey] = period
            report.periods[period.description] = period
        }
        // Normalised once per row (not per indicator): the key's values are NFC (`SeriesKey`).
        let base = ([levelText, code, name] + filterIndices.map { fields[$0].trimmingSpaces() }).map(SeriesKey.normalized)
        let newGroup = base != previousBase
        previousBase = base
        for i in indicatorIndices {
            var cell = fields[i]
            let value: Series.Value
            var residual = 0.0
            switch cell.withUTF8({ ValueText.parse($0) }) {
            case .number(let x, _, let r):
                value = .number(x)
                residual = r
            case .missing(let symbol): value = .missing(symbol)
            case .invalid(let reason):
                throw DataError(location(i), "the value '\(cell.prefix(40))' in indicator '\(header[i])' cannot be read: \(reason)")
            }
            let key = SeriesKey(names: keyNames, normalizedValues: base + [indicatorNames[i]])
            try assembler.append(
                key: key, metadata: areaMetadata(indicatorMetadata[i] ?? SeriesMetadata(), fields: fields, level: levelText, code: code, name: name),
                observation: Series.Observation(period: period, value: value, line: line, residual: residual), newGroup: newGroup && i == indicatorIndices.first)
        }
    }
}
