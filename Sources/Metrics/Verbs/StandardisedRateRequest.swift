/// `metrics dsr`: directly standardised rates (`StandardisedRate`, Dobson intervals) for each group of
/// age-band rows (by `--by` columns), one output row per group: the group's key, `count`, `population`,
/// `value`, `lower`, `upper`, `method`, `reason`.
///
/// The standard population comes from a column, or is the European Standard Population 2013 matched by
/// the band labels (`0-4` … `85-89`, `90+`, PHE's 19 bands; spaces and an en dash are accepted).
public struct StandardisedRateRequest: Sendable {
    public enum Standard: Sendable, Hashable {
        case column(String)
        case europeanStandardPopulation2013(bandColumn: String)
    }

    public var path: String
    public var countColumn: String
    public var populationColumn: String
    public var standard: Standard
    public var by: [String]
    public var multiplier: Double
    public var level: Double
    public var filters: [NumericColumns.Filter]

    public init(
        path: String, countColumn: String, populationColumn: String, standard: Standard, by: [String], multiplier: Double = 100_000,
        level: Double = 0.95, filters: [NumericColumns.Filter] = []
    ) {
        self.path = path
        self.countColumn = countColumn
        self.populationColumn = populationColumn
        self.standard = standard
        self.by = by
        self.multiplier = multiplier
        self.level = level
        self.filters = filters
    }

    public func table() throws -> ResultTable {
        var numbers = [countColumn, populationColumn]
        var texts: [String] = []
        switch standard {
        case .column(let name): numbers.append(name)
        case .europeanStandardPopulation2013(let band): texts.append(band)
        }
        // Events, populations and standard weights are never negative: a negative one is a mistake in the
        // file, reported at its cell (a zero population only leaves its group's rate undefined, with the reason).
        let rows = try GroupedRows.read(path: path, by: by, numbers: numbers, texts: texts, filters: filters, nonNegative: Set(numbers))
        var table = ResultTable(columns: by + ["count", "population", "value", "lower", "upper", "method", "reason"])
        let esp = Dictionary(
            uniqueKeysWithValues: zip(StandardisedRate.europeanStandardPopulation2013Bands.map(Self.bandKey), StandardisedRate.europeanStandardPopulation2013))
        for group in rows.groups {
            let key = group.key.map { ResultTable.Cell.text($0) }
            func failed(_ reason: String) { table.rows.append(key + [.number(nil), .number(nil), .number(nil), .number(nil), .number(nil), .text(""), .text(reason)]) }
            if let (c, r) = (0..<2).lazy.compactMap({ c in group.reasons[c].firstIndex { $0 != nil }.map { (c, $0) } }).first {
                failed("line \(group.lines[r]): \(group.reasons[c][r]!)")
                continue
            }
            let counts = group.numbers[0].map { $0! }
            let populations = group.numbers[1].map { $0! }
            var weights: [Double] = []
            switch standard {
            case .column:
                guard let r = group.reasons[2].firstIndex(where: { $0 != nil }) else {
                    weights = group.numbers[2].map { $0! }
                    break
                }
                failed("line \(group.lines[r]): \(group.reasons[2][r]!)")
                continue
            case .europeanStandardPopulation2013:
                var unknown: String?
                for label in group.texts[0] {
                    guard let w = esp[Self.bandKey(label)] else { unknown = label; break }
                    weights.append(w)
                }
                if let unknown {
                    throw DataError(
                        SourceLocation(file: rows.file, line: group.lines[group.texts[0].firstIndex(of: unknown)!]),
                        "'\(unknown)' is not a band of the European Standard Population 2013 (\(StandardisedRate.europeanStandardPopulation2013Bands.joined(separator: ", ")))")
                }
            }
            do throws(StandardisedRate.InputError) {
                let dsr = try StandardisedRate(counts: counts, populations: populations, standardPopulation: weights, multiplier: multiplier, level: level)
                table.rows.append(key + [
                    .number(dsr.totalCount), .number(dsr.totalPopulation), .number(dsr.value.value), .number(dsr.lower.value),
                    .number(dsr.upper.value), .text(dsr.value.value == nil ? "" : "Dobson (\(dsr.countMethod.rawValue))"),
                    .text(dsr.value.reason ?? dsr.lower.reason ?? dsr.upper.reason ?? ""),
                ])
            } catch {
                throw DataError(SourceLocation(file: rows.file, line: group.lines.first ?? 0, column: 1), Self.message(error, lines: group.lines))
            }
        }
        return table
    }

    /// Why a group's DSR cannot be computed, in the analyst's words (band numbers become file lines).
    static func message(_ error: StandardisedRate.InputError, lines: [Int]) -> String {
        func line(_ band: Int) -> String { band < lines.count ? "line \(lines[band])" : "band \(band + 1)" }
        switch error {
        case .bandCountMismatch(let counts, let populations, let standard):
            return "the group has \(counts) count(s), \(populations) population(s) and \(standard) standard weight(s)"
        case .noBands: return "the group has no rows"
        case .invalidCount(let band): return "\(line(band)): the count is negative or not a finite number"
        case .invalidPopulation(let band): return "\(line(band)): the population is not a finite number"
        case .invalidStandardPopulation(let band): return "\(line(band)): the standard population is negative or not a finite number"
        case .emptyStandardPopulation: return "the group's standard population weights sum to zero"
        case .invalidParameter(let reason): return reason
        case .numeric(let error): return "numerical failure: \(error.description)"
        }
    }

    static func bandKey(_ label: String) -> String {
        String(label.lowercased().filter { !$0.isWhitespace }.map { $0 == "–" || $0 == "—" ? "-" : $0 })
    }
}
