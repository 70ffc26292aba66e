/// `metrics compare`: an `AreaComparison` as rows (CSV, NDJSON, table, Markdown) or one JSON document, with
/// a sentence an analyst could quote.
///
/// Columns: `role` (area, neighbour, region, england, or other when no area is chosen), `area_code`,
/// `old_la_code`, `area_name`, `region`, `period`, `value`, `lower`, `upper`, `count`, `denominator`, `rank`,
/// `rank_of`, `quartile_band`, `england_value`, `vs_england`, `region_value`, `vs_region`,
/// `funnel_lower_95`, `funnel_upper_95`, `funnel_lower_99_8`, `funnel_upper_99_8`, `funnel_position`,
/// `neighbour_order`, `closeness`, `reason`. The chosen area's summary (`neighbour_mean`,
/// `from_neighbour_mean`, `pct_from_neighbour_mean`, `rank_among_neighbours`) is filled on its row only.
public struct ComparisonReport: Sendable {
    public let comparison: AreaComparison

    public init(comparison: AreaComparison) {
        self.comparison = comparison
    }

    static let columns = [
        "role", "area_code", "old_la_code", "area_name", "region", "period", "value", "lower", "upper", "count", "denominator",
        "rank", "rank_of", "quartile_band", "england_value", "vs_england", "region_value", "vs_region",
        "funnel_lower_95", "funnel_upper_95", "funnel_lower_99_8", "funnel_upper_99_8", "funnel_position",
        "neighbour_order", "closeness", "neighbour_mean", "from_neighbour_mean", "pct_from_neighbour_mean", "rank_among_neighbours", "reason",
    ]

    public var table: ResultTable {
        let c = comparison
        let ranked = c.rows.contains { $0.rank != nil }
        return ResultTable(
            columns: ComparisonReport.columns,
            rows: c.rows.map { row in
                let f = row.figure
                let isArea = row.role == .area
                let isLocal = f.level == .local
                return [
                    .text(row.role.rawValue), .text(f.code), .text(f.oldCode), .text(f.name),
                    .text(f.regionName), .text(c.snapshot.period.label),
                    .number(f.value.value), .number(f.lower), .number(f.upper), .number(f.count), .number(f.denominator),
                    row.rank.map { .integer($0) } ?? .text(""), isLocal && ranked ? .integer(c.rankedCount) : .text(""),
                    .text(row.band ?? ""),
                    .number(isLocal ? c.england?.value.value : nil), .text(isLocal ? row.vsEngland.rawValue : ""),
                    .number(row.regionValue), .text(isLocal ? row.vsRegion.rawValue : ""),
                    .number(row.funnel95?.lower), .number(row.funnel95?.upper), .number(row.funnel998?.lower), .number(row.funnel998?.upper),
                    .text(row.funnelPosition),
                    row.neighbourOrder.map { .integer($0) } ?? .text(""), .text(row.closeness),
                    .number(isArea ? c.neighbourMean : nil), .number(isArea ? c.fromNeighbourMean : nil),
                    .number(isArea ? c.percentFromNeighbourMean : nil),
                    isArea ? (c.rankAmongNeighbours.map { .integer($0) } ?? .text("")) : .text(""),
                    .text(f.value.reason ?? ""),
                ]
            })
    }

    /// Which statistical neighbours were used, for the table and Markdown outputs: the groupings' source and
    /// the neighbours without a value, or that the chosen area is not in them; `nil` without an area or
    /// groupings.
    public var neighbourNote: String? {
        let c = comparison
        guard let area = c.area, let source = c.neighbourSource else { return nil }
        guard c.areaInGroupings else { return "\(area.figure.name) is not in the statistical neighbour groupings (\(source)): no neighbours are shown." }
        let missing = c.neighboursMissing.isEmpty ? "" : " Without a value in the file: \(c.neighboursMissing.joined(separator: ", "))."
        return "Statistical neighbours: \(source).\(missing)"
    }

    /// One sentence on the chosen area, or `nil` when none was chosen.
    public var sentence: String? {
        let c = comparison
        guard let area = c.area else { return nil }
        let f = area.figure
        guard let value = f.value.value else {
            return "\(f.name) has no value for \(c.snapshot.period.label): \(f.value.reason ?? "")."
        }
        var parts = ["\(f.name), \(c.snapshot.period.label): \(HumanNumber.format(value, decimals: 1))"]
        if let rank = area.rank { parts.append("rank \(rank) of \(c.rankedCount) local authorities (1 = \(rankMeaning))") }
        if let band = area.band { parts.append("quartile band \(band)") }
        if let england = c.england?.value.value {
            parts.append("England \(HumanNumber.format(england, decimals: 1))\(area.vsEngland == .notCompared ? "" : " (\(area.vsEngland.rawValue.replacingUnderscores))")")
        }
        if let mean = c.neighbourMean {
            parts.append("statistical neighbour average \(HumanNumber.format(mean, decimals: 1)) (\(HumanNumber.signed(value - mean, decimals: 1)))")
        }
        if !area.funnelPosition.isEmpty { parts.append("funnel plot: \(area.funnelPosition.replacingUnderscores)") }
        return parts.joined(separator: "; ") + "."
    }

    private var rankMeaning: String {
        switch comparison.polarity {
        case .higherIsBetter: "the highest, the best"
        case .lowerIsBetter: "the lowest, the best"
        case .none: "the lowest"
        }
    }

    public func json() -> JSONValue {
        let c = comparison
        let t = table
        var fields: [(String, JSONValue)] = [
            ("period", .string(c.snapshot.period.label)), ("polarity", .string(c.polarity.rawValue)),
            ("level", .number(c.snapshot.level)), ("ranked", .number(Double(c.rankedCount))),
            ("england_value", .number(c.england?.value.value)), ("funnel_baseline", .number(c.funnelBaseline)),
        ]
        if c.area != nil {
            fields += [
                ("neighbour_mean", .number(c.neighbourMean)), ("from_neighbour_mean", .number(c.fromNeighbourMean)),
                ("pct_from_neighbour_mean", .number(c.percentFromNeighbourMean)),
                ("rank_among_neighbours", c.rankAmongNeighbours.map { .number(Double($0)) } ?? .null),
                ("neighbours_missing", .array(c.neighboursMissing.map { .string($0) })),
                ("neighbour_groupings", c.neighbourSource.map { .string($0) } ?? .null),
                ("sentence", sentence.map { .string($0) } ?? .null),
            ]
        }
        fields.append(("rows", .array(t.rows.map { row in .object(zip(t.columns, row).map { ($0, $1.json) }) })))
        return .object(fields)
    }

    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json: return json().rendered() + "\n"
        case .ndjson: return table.ndjson()
        case .csv: return table.csv()
        case .markdown:
            return (sentence.map { ResultTable.markdownCell($0) + "\n\n" } ?? "") + (neighbourNote.map { ResultTable.markdownCell($0) + "\n\n" } ?? "")
                + table.markdown()
        case .table:
            let shown = ["role", "area_name", "value", "lower", "upper", "rank", "quartile_band", "vs_england", "vs_region", "funnel_position", "closeness"]
            let full = table
            let indices = shown.compactMap { full.columns.firstIndex(of: $0) }
            let narrow = ResultTable(columns: shown, rows: full.rows.map { row in indices.map { row[$0] } })
            return (sentence.map { TerminalText.escape($0) + "\n\n" } ?? "") + (neighbourNote.map { TerminalText.escape($0) + "\n\n" } ?? "")
                + narrow.table()
        }
    }
}

extension String {
    fileprivate var replacingUnderscores: String { split(separator: "_", omittingEmptySubsequences: false).joined(separator: " ") }
}
