/// Which series a verb works on: by indicator, by area, or by any key column's value.
///
/// An indicator matches the key's `indicator`, `measure_code` or `measure`; an area matches `area_code`,
/// `area_name`, `area`, `la_name`, `new_la_code`, `old_la_code` or `region`; comparisons ignore case and
/// surrounding spaces. Several values of one kind match any of them; kinds combine with "and".
///
/// The wanted values are folded once, when they are set, not for every series matched: a selection of
/// thousands of areas costs a set lookup per key field.
public struct SeriesFilter: Sendable, Hashable {
    public var indicators: [String] { didSet { foldedIndicators = Self.folded(indicators) } }
    public var areas: [String] { didSet { foldedAreas = Self.folded(areas) } }
    public var conditions: [NumericColumns.Filter]
    private var foldedIndicators: Set<String>
    private var foldedAreas: Set<String>

    public init(indicators: [String] = [], areas: [String] = [], conditions: [NumericColumns.Filter] = []) {
        self.indicators = indicators
        self.areas = areas
        self.conditions = conditions
        foldedIndicators = Self.folded(indicators)
        foldedAreas = Self.folded(areas)
    }

    private static func fold(_ s: String) -> String { s.trimmingSpaces().lowercased() }
    private static func folded(_ values: [String]) -> Set<String> { Set(values.map(fold)) }

    public var isEmpty: Bool { indicators.isEmpty && areas.isEmpty && conditions.isEmpty }

    static let indicatorDimensions: Set<String> = ["indicator", "measure_code", "measure", "indicator_name"]
    static let areaDimensions: Set<String> = ["area_code", "area_name", "area", "la_name", "new_la_code", "old_la_code", "region", "geography_code"]

    public func matches(_ key: SeriesKey) -> Bool {
        let fold = Self.fold
        func any(_ targets: Set<String>, in dimensions: Set<String>) -> Bool {
            guard !targets.isEmpty else { return true }
            return zip(key.names, key.values).contains { dimensions.contains($0.lowercased()) && targets.contains(fold($1)) }
        }
        guard any(foldedIndicators, in: SeriesFilter.indicatorDimensions), any(foldedAreas, in: SeriesFilter.areaDimensions) else { return false }
        for condition in conditions {
            guard let value = zip(key.names, key.values).first(where: { fold($0.0) == fold(condition.column) })?.1,
                fold(value) == fold(condition.value)
            else { return false }
        }
        return true
    }
}
