/// One indicator's figures for every area in one period: the cross-section that benchmarking compares.
///
/// Read from the long formats (`AreaSnapshot.read`):
/// - **EES**: the geographic level comes from `geographic_level` (National, Regional, Local authority; other
///   levels are left out); codes and names from the level's columns (`country_code`, `region_code`,
///   `new_la_code` with `old_la_code`); a local authority's region from `region_code`/`region_name`; the
///   period from `time_period` and `time_identifier`.
/// - **LAIT**: `old_la_code`, `area` and `region`; 970 is England and 971–999 are regions and Inner and
///   Outer London (987, 988), as are the English regions by name; `--indicator` picks the `measure_code`.
/// - **Tidy**: `area_code` and `area_name` (or `area`), optional `old_la_code`, `region_code`, `region_name`
///   or `region`, optional `geographic_level`; without a level column, the level comes from the codes and
///   names (`AreaIdentity.level`: E92 England, E12 regions, E13 Inner and Outer London, LAIT's 970–999).
/// Only local authorities are ranked and banded (`AreaComparison`); England and the aggregates are comparators.
/// The value is a column (`value` by default), or a rate or proportion with its interval computed from a
/// count and a denominator column. `lower`/`upper` columns, when present, are the value's interval.
/// Conventions: missing-value symbols keep their meaning as the figure's reason; a negative count or
/// denominator, or text that is not a number, is a `DataError` at its cell; when no period is asked for, the
/// latest period with any value is used.
public struct AreaSnapshot: Sendable {
    public struct Figure: Sendable, Hashable {
        public enum Level: String, Sendable, Hashable {
            case national, regional, local
        }

        public let level: Level
        public let code: String
        /// The old three-digit LA code, when the file has it (DfE's statistical neighbours use it).
        public let oldCode: String
        public let name: String
        public let regionCode: String
        public let regionName: String
        public let value: Measured<Double>
        public let lower: Double?
        public let upper: Double?
        public let count: Double?
        public let denominator: Double?
        public let line: Int
    }

    public enum Statistic: Sendable, Hashable {
        /// The value column as it is.
        case value(column: String)
        /// A rate per N from count and denominator columns, with Byar's/exact Poisson intervals.
        case rate(count: String, denominator: String, per: Double)
        /// A proportion × multiplier from count and denominator columns, with Wilson intervals.
        case proportion(count: String, denominator: String, multiplier: Double)
    }

    public struct Request: Sendable {
        public var path: String
        public var statistic: Statistic
        public var period: String?
        public var indicator: String?
        public var filters: [NumericColumns.Filter]
        public var level: Double
        public var yearType: YearType
        /// With a rate or proportion: the count and the denominator from two rows of a breakdown column
        /// (`BreakdownPairs`), the figures being the numerator rows'.
        public var breakdown: BreakdownPairs.Selection?

        public init(
            path: String, statistic: Statistic, period: String? = nil, indicator: String? = nil,
            filters: [NumericColumns.Filter] = [], level: Double = 0.95, yearType: YearType = .financial,
            breakdown: BreakdownPairs.Selection? = nil
        ) {
            self.breakdown = breakdown
            self.path = path
            self.statistic = statistic
            self.period = period
            self.indicator = indicator
            self.filters = filters
            self.level = level
            self.yearType = yearType
        }
    }

    public let period: Period
    public let figures: [Figure]
    public let statistic: Statistic
    public let level: Double
    /// Every period in the file with a value, in order.
    public let periods: [Period]

    public var national: Figure? { figures.first { $0.level == .national } }
    public var local: [Figure] { figures.filter { $0.level == .local } }

    /// Whether two cells hold the same text ignoring case, as every selection compares (the lengths first, so
    /// that the rows a selection leaves out cost no folded copies).
    static func sameText(_ a: String, _ b: String) -> Bool {
        a == b || (a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased())
    }

    public static func read(_ request: Request) throws -> AreaSnapshot {
        let csv = try CSVReader(path: request.path)
        let file = csv.displayName
        guard try csv.nextRecord() else {
            throw DataError(SourceLocation(file: file, line: 1, column: 1), "the file is empty: a header row naming the columns is expected")
        }
        let header = try csv.strings().map { $0.trimmingSpaces() }
        let headerLocation = SourceLocation(file: file, line: 1, column: 1)
        func find(_ names: String...) -> Int? {
            for name in names { if let i = NumericColumns.columnIndex(of: name, in: header) { return i } }
            return nil
        }
        func require(_ name: String) throws -> Int {
            guard let i = find(name) else {
                throw DataError(headerLocation, "no column named '\(name)' (the columns are \(header.map { "'\($0)'" }.joined(separator: ", ")))")
            }
            return i
        }
        let isEES = EESReader.mandatoryColumns.allSatisfy { find($0) != nil }
        let isLAIT = !isEES && find("measure_code") != nil && find("old_la_code") != nil && find("area") != nil

        // Where each part of a figure comes from.
        let levelIndex = find("geographic_level")
        let periodIndex = try require(isEES ? "time_period" : "period")
        let identifierIndex = isEES ? try require("time_identifier") : nil
        let oldCodeIndex = find("old_la_code")
        let regionCodeIndex = find("region_code")
        let regionNameIndex = isLAIT ? find("region") : find("region_name", "region")
        let codeIndex = isEES ? nil : find("area_code", "new_la_code", "la_code", "old_la_code")
        let nameIndex = isEES ? nil : find("area_name", "la_name", "area")
        guard isEES || codeIndex != nil || nameIndex != nil else {
            throw DataError(headerLocation, "no area column: expected 'area_code' or 'area_name' (or an EES or LAIT file)")
        }
        let eesColumns: [String: (code: Int?, name: Int?)] = isEES
            ? [
                "national": (find("country_code"), find("country_name")),
                "regional": (find("region_code"), find("region_name")),
                "local authority": (find("new_la_code"), find("la_name")),
            ] : [:]
        let indicatorIndex = isLAIT ? find("measure_code") : find("indicator")
        if request.indicator != nil, indicatorIndex == nil {
            throw DataError(headerLocation, "--indicator needs a 'measure_code' (LAIT) or 'indicator' column")
        }
        let filters = try request.filters.map { filter throws(UsageError) -> (Int, String) in
            guard let i = find(filter.column) else {
                throw SelectionCheck.missing(
                    option: "--where", value: filter.column, kind: "column", inputs: file, held: Set(header), shown: "\(filter.column)=\(filter.value)")
            }
            return (i, filter.value)
        }
        // What the selection found, and what the file holds for the messages when it finds nothing.
        var filterFound = [Bool](repeating: false, count: filters.count)
        var filterValuesHeld = [Set<String>](repeating: [], count: filters.count)
        var indicatorFound = false
        var indicatorsHeld: Set<String> = []
        let valueIndex: Int
        var countIndex: Int?
        var denominatorIndex: Int?
        switch request.statistic {
        case .value(let column): valueIndex = try require(column)
        case .rate(let count, let denominator, _), .proportion(let count, let denominator, _):
            countIndex = try require(count)
            denominatorIndex = try require(denominator)
            valueIndex = countIndex!
        }
        let pairs = try request.breakdown.map { selection throws -> BreakdownPairs in
            switch request.statistic {
            case .rate(let count, let denominator, _), .proportion(let count, let denominator, _):
                return try BreakdownPairs.read(
                    path: request.path, selection: selection, countColumn: count, denominatorColumn: denominator, filters: request.filters)
            case .value:
                throw DataError(headerLocation, "numerator and denominator rows need a count column (--count) to take the numbers from")
            }
        }
        let lowerIndex = countIndex == nil ? find("lower", "lower_ci", "lowerci95.0limit") : nil
        let upperIndex = countIndex == nil ? find("upper", "upper_ci", "upperci95.0limit") : nil
        let wanted: Period? = try request.period.map { label throws(DataError) -> Period in
            do throws(PeriodError) {
                return try Period.parse(label, yearType: request.yearType)
            } catch {
                throw DataError(SourceLocation(file: "--period", line: 1, column: 1), error.description)
            }
        }

        var byPeriod: [Period: [Figure]] = [:]
        var periodCache: [String: Period] = [:]
        var indicatorsSeen: Set<String> = []
        while try csv.nextRecord() {
            guard csv.fieldCount == header.count else {
                throw DataError(csv.recordLocation, "this row has \(csv.fieldCount) field(s) but the header has \(header.count)")
            }
            let fields = try csv.strings()
            if let indicatorIndex, let wantedIndicator = request.indicator {
                let indicator = fields[indicatorIndex].trimmingSpaces()
                guard Self.sameText(indicator, wantedIndicator) else {
                    if !indicatorFound, indicatorsHeld.count < SelectionCheck.heldLimit { indicatorsHeld.insert(indicator) }
                    continue
                }
                indicatorFound = true
            }
            var rejected = false
            for (k, filter) in filters.enumerated() {
                let value = fields[filter.0].trimmingSpaces()
                if Self.sameText(value, filter.1) {
                    filterFound[k] = true
                } else {
                    rejected = true
                    if !filterFound[k], filterValuesHeld[k].count < SelectionCheck.heldLimit { filterValuesHeld[k].insert(value) }
                }
            }
            if rejected { continue }
            // With a breakdown pairing, the numerator rows are the figures.
            let pair = pairs?.pairs[csv.line]
            if pairs != nil, pair == nil { continue }
            if let indicatorIndex {
                let indicator = fields[indicatorIndex].trimmingSpaces()
                if request.indicator == nil {
                    indicatorsSeen.insert(indicator)
                    if indicatorsSeen.count > 1 {
                        throw DataError(
                            csv.location(ofField: indicatorIndex),
                            "the file holds more than one indicator (\(indicatorsSeen.sorted().prefix(3).joined(separator: ", ")), …): choose one with --indicator")
                    }
                }
            }
            // Level, code, name.
            let level: Figure.Level
            var code: String
            var name: String
            if isEES {
                let levelText = fields[levelIndex!].trimmingSpaces().lowercased()
                guard let columns = eesColumns[levelText] else { continue }
                level = levelText == "national" ? .national : levelText == "regional" ? .regional : .local
                code = columns.code.map { fields[$0].trimmingSpaces() } ?? ""
                name = columns.name.map { fields[$0].trimmingSpaces() } ?? ""
            } else {
                code = codeIndex.map { fields[$0].trimmingSpaces() } ?? ""
                name = nameIndex.map { fields[$0].trimmingSpaces() } ?? ""
                // England, the regions and Inner and Outer London by their codes (GSS or LAIT's 970–999) or
                // names, never ranked among the authorities (`AreaIdentity.level`).
                let declared = levelIndex.map { fields[$0] } ?? ""
                switch AreaIdentity.level(declared: declared, code: code, oldCode: oldCodeIndex.map { fields[$0].trimmingSpaces() } ?? "", name: name) {
                case .national: level = .national
                case .regional: level = .regional
                case .localAuthority: level = .local
                case .other: continue
                }
            }
            if code.isEmpty { code = name }
            // Period.
            let periodText = fields[periodIndex].trimmingSpaces()
            let cacheKey = identifierIndex.map { periodText + "\u{1F}" + fields[$0] } ?? periodText
            let period: Period
            if let cached = periodCache[cacheKey] {
                period = cached
            } else {
                do throws(PeriodError) {
                    if let identifierIndex {
                        period = try Period.ees(code: periodText, identifier: fields[identifierIndex].trimmingSpaces())
                    } else {
                        period = try Period.parse(periodText, yearType: request.yearType)
                    }
                } catch {
                    throw DataError(csv.location(ofField: periodIndex), error.description)
                }
                periodCache[cacheKey] = period
            }
            if let wanted, period != wanted { continue }
            // Value.
            let figureValue: Measured<Double>
            var lower: Double?
            var upper: Double?
            var count: Double?
            var denominator: Double?
            if let countIndex, let denominatorIndex {
                let x = try pair?.count ?? csv.measuredNumber(countIndex, named: header[countIndex], nonNegative: true)
                let n = try pair?.denominator ?? csv.measuredNumber(denominatorIndex, named: header[denominatorIndex], nonNegative: true)
                count = x.value
                denominator = n.value
                if let xv = x.value, let nv = n.value {
                    switch request.statistic {
                    case .rate(_, _, let per):
                        let rate = try RateInterval(count: xv, denominator: nv, multiplier: per, level: request.level)
                        figureValue = rate.value
                        lower = rate.lower.value
                        upper = rate.upper.value
                    case .proportion(_, _, let multiplier):
                        guard nv == 0 || xv <= nv else {
                            throw DataError(csv.location(ofField: countIndex), "the count (\(xv)) is larger than the denominator (\(nv)): not a proportion")
                        }
                        let p = try ProportionInterval(count: xv, denominator: nv, multiplier: multiplier, level: request.level)
                        figureValue = p.value
                        lower = p.lower.value
                        upper = p.upper.value
                    case .value:
                        preconditionFailure("count and denominator columns come only with a rate or proportion")
                    }
                } else {
                    figureValue = .undefined(x.reason ?? n.reason ?? "")
                }
            } else {
                figureValue = try csv.measuredNumber(valueIndex, named: header[valueIndex], nonNegative: false)
                lower = try lowerIndex.flatMap { try csv.measuredNumber($0, named: header[$0], nonNegative: false).value }
                upper = try upperIndex.flatMap { try csv.measuredNumber($0, named: header[$0], nonNegative: false).value }
            }
            let figure = Figure(
                level: level, code: code, oldCode: oldCodeIndex.map { fields[$0].trimmingSpaces() } ?? "", name: name,
                regionCode: regionCodeIndex.map { fields[$0].trimmingSpaces() } ?? "",
                regionName: regionNameIndex.map { fields[$0].trimmingSpaces() } ?? "",
                value: figureValue, lower: lower, upper: upper, count: count, denominator: denominator, line: csv.recordLocation.line ?? 0)
            byPeriod[period, default: []].append(figure)
        }
        if let wantedIndicator = request.indicator, !indicatorFound {
            throw SelectionCheck.missing(option: "--indicator", value: wantedIndicator, kind: "indicator", inputs: file, held: indicatorsHeld)
        }
        for (k, found) in filterFound.enumerated() where !found {
            let filter = request.filters[k]
            throw SelectionCheck.missing(
                option: "--where", value: filter.value, kind: "'\(filter.column)' value", inputs: file, held: filterValuesHeld[k],
                shown: "\(filter.column)=\(filter.value)")
        }
        let periods = byPeriod.filter { $0.value.contains { $0.value.value != nil } }.keys.sorted()
        let chosen: Period
        if let wanted {
            guard byPeriod[wanted] != nil else {
                throw DataError(SourceLocation(file: file, line: 1, column: 1), "no rows for the period \(wanted.label)")
            }
            chosen = wanted
        } else {
            guard let latest = periods.last else {
                throw DataError(SourceLocation(file: file, line: 1, column: 1), "no row has a value to compare")
            }
            chosen = latest
        }
        let figures = byPeriod[chosen] ?? []
        var lines: [String: Int] = [:]
        for figure in figures {
            let key = figure.level.rawValue + "\u{1F}" + figure.code
            if let earlier = lines[key] {
                throw DataError(
                    SourceLocation(file: file, line: figure.line, column: 1),
                    "'\(figure.name.isEmpty ? figure.code : figure.name)' has a second row for \(chosen.label) (the first is on line \(earlier)): choose one breakdown with --where COLUMN=VALUE")
            }
            lines[key] = figure.line
        }
        return AreaSnapshot(period: chosen, figures: figures, statistic: request.statistic, level: request.level, periods: periods)
    }
}
