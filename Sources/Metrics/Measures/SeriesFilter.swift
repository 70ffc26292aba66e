/// Which series a verb works on: by indicator, by area, or by any key column's value.
///
/// An indicator matches the key's `indicator`, `measure_code` or `measure`; an area matches `area_code`,
/// `area_name`, `area`, `la_name`, `new_la_code`, `old_la_code` or `region`; comparisons ignore case and
/// surrounding spaces. Several values of one kind match any of them; kinds combine with "and".
public struct SeriesFilter: Sendable, Hashable {
    public var indicators: [String]
    public var areas: [String]
    public var conditions: [NumericColumns.Filter]

    public init(indicators: [String] = [], areas: [String] = [], conditions: [NumericColumns.Filter] = []) {
        self.indicators = indicators
        self.areas = areas
        self.conditions = conditions
    }

    public var isEmpty: Bool { indicators.isEmpty && areas.isEmpty && conditions.isEmpty }

    static let indicatorDimensions: Set<String> = ["indicator", "measure_code", "measure", "indicator_name"]
    static let areaDimensions: Set<String> = ["area_code", "area_name", "area", "la_name", "new_la_code", "old_la_code", "region", "geography_code"]

    public func matches(_ key: SeriesKey) -> Bool {
        func fold(_ s: String) -> String { s.trimmingSpaces().lowercased() }
        func any(_ wanted: [String], in dimensions: Set<String>) -> Bool {
            guard !wanted.isEmpty else { return true }
            let targets = Set(wanted.map(fold))
            return zip(key.names, key.values).contains { dimensions.contains($0.lowercased()) && targets.contains(fold($1)) }
        }
        guard any(indicators, in: SeriesFilter.indicatorDimensions), any(areas, in: SeriesFilter.areaDimensions) else { return false }
        for condition in conditions {
            guard let value = zip(key.names, key.values).first(where: { fold($0.0) == fold(condition.column) })?.1,
                fold(value) == fold(condition.value)
            else { return false }
        }
        return true
    }
}
