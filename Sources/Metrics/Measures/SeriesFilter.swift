/// Which series a verb works on: by indicator, by area, by region, or by any key column's value.
///
/// An indicator matches the key's `indicator`, `measure_code` or `measure`. An area matches the series' area
/// (`Series.area`, `AreaIdentity`) by its GSS code, its old three-digit LA code or its name, whatever the
/// format: `806`, `E06000002` (where the file has it) and `Middlesbrough` pick the same series. A region
/// picks every local authority of that region, by the region's code or name, and not the region's own
/// aggregate series (name the region with `areas` as well for that). Areas and regions together say which
/// areas are wanted (either); a condition (`--where COLUMN=VALUE`) names a key column, or an area column the
/// key leaves out (an EES file's `region_name`, `region_code`, `old_la_code`). Comparisons ignore case and
/// surrounding spaces. Several values of one kind match any of them; kinds combine with "and".
///
/// The wanted values are folded once, when they are set, not for every series matched: a selection of
/// thousands of areas costs a set lookup per key field.
public struct SeriesFilter: Sendable, Hashable {
    public var indicators: [String] { didSet { foldedIndicators = Self.folded(indicators) } }
    public var areas: [String] { didSet { foldAreas() } }
    public var regions: [String] { didSet { foldedRegions = Self.folded(regions) } }
    public var conditions: [NumericColumns.Filter]
    private var foldedIndicators: Set<String>
    private var foldedAreas: Set<String> = []
    /// `foldedAreas` with each alias replaced by the name it stands for (`LocalAuthorityDirectory.aliases`).
    private var areaTargets: Set<String> = []
    /// Whether a wanted area could need `LocalAuthorityDirectory`: a GSS or old LA code, or an alias.
    private var areasNeedDirectory = false
    private var foldedRegions: Set<String>

    public init(indicators: [String] = [], areas: [String] = [], regions: [String] = [], conditions: [NumericColumns.Filter] = []) {
        self.indicators = indicators
        self.areas = areas
        self.regions = regions
        self.conditions = conditions
        foldedIndicators = Self.folded(indicators)
        foldedRegions = Self.folded(regions)
        foldAreas()
    }

    private mutating func foldAreas() {
        foldedAreas = Self.folded(areas)
        areaTargets = Set(foldedAreas.map { LocalAuthorityDirectory.aliases[$0] ?? $0 })
        areasNeedDirectory = foldedAreas.contains { wanted in
            AreaIdentity.gssLevel(wanted.uppercased()) != nil || AreaIdentity.oldCodeLevel(wanted) != nil
                || LocalAuthorityDirectory.aliases[wanted] != nil || LocalAuthorityDirectory.aliasTargets.contains(wanted)
        }
    }

    static func fold(_ s: String) -> String { s.trimmingSpaces().lowercased() }
    private static func folded(_ values: [String]) -> Set<String> { Set(values.map(fold)) }

    public var isEmpty: Bool { indicators.isEmpty && areas.isEmpty && regions.isEmpty && conditions.isEmpty }

    static let indicatorDimensions: Set<String> = ["indicator", "measure_code", "measure", "indicator_name"]
    static let areaDimensions: Set<String> = ["area_code", "area_name", "area", "la_name", "new_la_code", "old_la_code", "region", "geography_code"]

    /// Whether the series is selected (its key, and its area as the reader identified it).
    public func matches(_ series: Series) -> Bool {
        matches(series.key, area: foldedAreas.isEmpty && foldedRegions.isEmpty && conditions.isEmpty ? nil : series.area)
    }

    /// Whether a series of this key is selected (its area taken from the key alone).
    public func matches(_ key: SeriesKey) -> Bool {
        matches(key, area: foldedAreas.isEmpty && foldedRegions.isEmpty && conditions.isEmpty ? nil : AreaIdentity(key: key))
    }

    func matchesIndicator(_ key: SeriesKey) -> Bool {
        guard !foldedIndicators.isEmpty else { return true }
        return zip(key.names, key.values).contains { SeriesFilter.indicatorDimensions.contains($0.lowercased()) && foldedIndicators.contains(Self.fold($1)) }
    }

    func matchesArea(_ area: AreaIdentity?) -> Bool {
        guard !foldedAreas.isEmpty || !foldedRegions.isEmpty else { return true }
        guard let area else { return false }
        return area.isNamed(anyOf: foldedAreas, targets: areaTargets, directory: areasNeedDirectory)
            || foldedRegions.contains { area.isInRegion($0) }
    }

    /// The value of `column` for a series: its key field, or else its area's (`AreaIdentity.value(ofColumn:)`,
    /// when not empty).
    static func value(of column: String, in key: SeriesKey, area: AreaIdentity?) -> String? {
        let wanted = fold(column)
        if let value = zip(key.names, key.values).first(where: { fold($0.0) == wanted })?.1 { return value }
        // An area column the file does not have reads as empty: no column at all, not an empty value.
        return area?.value(ofColumn: wanted).flatMap { $0.isEmpty ? nil : $0 }
    }

    func matchesConditions(_ key: SeriesKey, area: AreaIdentity?) -> Bool {
        conditions.allSatisfy { condition in
            Self.value(of: condition.column, in: key, area: area).map { Self.fold($0) == Self.fold(condition.value) } ?? false
        }
    }

    private func matches(_ key: SeriesKey, area: AreaIdentity?) -> Bool {
        matchesIndicator(key) && matchesArea(area) && matchesConditions(key, area: area)
    }
}
