/// What a reader found, for `metrics validate` and for manifests: counts, the periods, indicators and
/// geographies seen, missing values by symbol, and the problems met (when collecting them).
public struct ReadReport: Sendable {
    public var file: String
    /// The format read, or `nil` when it could not be recognised.
    public var format: InputFormat?
    public var rows = 0
    public var series = 0
    public var observations = 0
    public var numericValues = 0
    public var missingBySymbol: [MissingValue: Int] = [:]
    /// Distinct period labels (canonical form), with their kind.
    public var periods: [String: Period] = [:]
    /// Distinct values of each key dimension (at most `distinctLimit` kept per dimension).
    public var distinctValues: [String: Set<String>] = [:]
    public var truncatedDimensions: Set<String> = []
    public var problems: [DataError] = []
    /// Set when the reader had to gather series in memory because their rows were not adjacent.
    public var regrouped: String?
    public var notes: [String] = []
    /// The key columns, in order.
    public var keyColumns: [String] = []

    public static let distinctLimit = 100_000
    /// The previous series' key values, to skip re-inserting runs of the same area or indicator.
    private var previousValues: [String] = []

    public init(file: String, format: InputFormat?) {
        self.file = file
        self.format = format
    }

    /// Adds `value`; true when the set has gone past `distinctLimit`.
    private static func insert(_ value: String, into set: inout Set<String>) -> Bool {
        set.insert(value)
        return set.count > distinctLimit
    }

    mutating func record(_ series: Series) {
        self.series += 1
        observations += series.observations.count
        for observation in series.observations {
            switch observation.value {
            case .number: numericValues += 1
            case .missing(let symbol): missingBySymbol[symbol, default: 0] += 1
            }
        }
        let values = series.key.values
        let sameLayout = previousValues.count == values.count
        for (j, value) in values.enumerated() {
            if sameLayout, previousValues[j] == value { continue }
            let name = series.key.names[j]
            if !truncatedDimensions.isEmpty, truncatedDimensions.contains(name) { continue }
            // One lookup of the dimension's set, modified in place.
            let full = ReadReport.insert(value, into: &distinctValues[name, default: []])
            if full { truncatedDimensions.insert(name) }
        }
        previousValues = values
    }
}
