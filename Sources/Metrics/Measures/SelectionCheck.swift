/// Whether a selection (`SeriesFilter`) found what it names in the inputs, and if not, what they hold.
///
/// Every series read is shown to `observe`, selected or not. Afterwards `verify` throws a `UsageError`
/// (exit status 64: the data are sound, the command line names something they do not hold) when
/// - an `--indicator`, `--area` or `--region` value matches no series of the inputs at all,
/// - a `--where` column is neither a key column nor an area column of any series, or its value is in no
///   series,
/// - or each value matches some series, but no series has them all together.
/// The message names the value, the nearest texts the inputs hold (`NearestMatches`: "did you mean
/// 'Middlesbrough'?") and, when nothing is near, what they hold (the first 12 and how many).
/// Inputs that hold no series at all (a header only) pass: thin data is not an error.
///
/// Memory: the distinct indicators, area names and codes, region names and codes, and values of the
/// `--where` columns, up to `heldLimit` (100,000) of each; what lies beyond is not offered as a suggestion.
public struct SelectionCheck: Sendable {
    public let filter: SeriesFilter
    /// Series read, and series selected.
    public private(set) var seen = 0
    public private(set) var selected = 0
    private var indicatorsHeld: Set<String> = []
    private var areasHeld: Set<String> = []
    /// The names alone, to list when nothing is near (codes are offered as suggestions, not listed).
    private var areaNamesHeld: Set<String> = []
    private var regionsHeld: Set<String> = []
    private var columnsHeld: Set<String> = []
    private var valuesHeld: [Set<String>]
    private var indicatorFound: [Bool]
    private var areaFound: [Bool]
    private var regionFound: [Bool]
    private var columnFound: [Bool]
    private var conditionFound: [Bool]
    private let foldedIndicators: [String]
    private let foldedAreas: [String]
    private let foldedRegions: [String]
    static let heldLimit = 100_000
    /// Area columns a key may leave out, listed among the columns a `--where` can name.
    static let areaColumns = ["old_la_code", "region_code", "region_name"]

    public init(filter: SeriesFilter) {
        self.filter = filter
        foldedIndicators = filter.indicators.map(SeriesFilter.fold)
        foldedAreas = filter.areas.map(SeriesFilter.fold)
        foldedRegions = filter.regions.map(SeriesFilter.fold)
        indicatorFound = Array(repeating: false, count: filter.indicators.count)
        areaFound = Array(repeating: false, count: filter.areas.count)
        regionFound = Array(repeating: false, count: filter.regions.count)
        columnFound = Array(repeating: false, count: filter.conditions.count)
        conditionFound = Array(repeating: false, count: filter.conditions.count)
        valuesHeld = Array(repeating: [], count: filter.conditions.count)
    }

    /// Records a series read, and returns whether the filter selects it.
    @discardableResult
    public mutating func observe(_ series: Series) -> Bool {
        seen += 1
        guard !filter.isEmpty else {
            selected += 1
            return true
        }
        let key = series.key
        let area = series.area
        if !foldedIndicators.isEmpty {
            for (name, value) in zip(key.names, key.values) where SeriesFilter.indicatorDimensions.contains(name.lowercased()) {
                let folded = SeriesFilter.fold(value)
                for (i, wanted) in foldedIndicators.enumerated() where wanted == folded { indicatorFound[i] = true }
                if indicatorsHeld.count < Self.heldLimit { indicatorsHeld.insert(value) }
            }
        }
        if !foldedAreas.isEmpty || !foldedRegions.isEmpty, let area {
            for (i, wanted) in foldedAreas.enumerated() where area.isNamed(wanted) { areaFound[i] = true }
            for (i, wanted) in foldedRegions.enumerated() where area.isInRegion(wanted) { regionFound[i] = true }
            if areasHeld.count < Self.heldLimit {
                for text in [area.name, area.code, area.oldCode] where !text.isEmpty { areasHeld.insert(text) }
                if !area.name.isEmpty { areaNamesHeld.insert(area.name) }
            }
            if regionsHeld.count < Self.heldLimit, area.level == .localAuthority {
                for text in [area.regionName, area.regionCode] where !text.isEmpty { regionsHeld.insert(text) }
            }
        }
        for (i, condition) in filter.conditions.enumerated() {
            guard let value = SeriesFilter.value(of: condition.column, in: key, area: area) else { continue }
            columnFound[i] = true
            if SeriesFilter.fold(value) == SeriesFilter.fold(condition.value) { conditionFound[i] = true }
            if valuesHeld[i].count < Self.heldLimit { valuesHeld[i].insert(value) }
        }
        if !filter.conditions.isEmpty, !columnFound.allSatisfy({ $0 }) {
            if columnsHeld.isEmpty { columnsHeld = Set(key.names) }
            if let area { columnsHeld.formUnion(Self.areaColumns.filter { !(area.value(ofColumn: $0) ?? "").isEmpty }) }
        }
        let chosen = filter.matches(series)
        if chosen { selected += 1 }
        return chosen
    }

    /// Throws when the selection names what the inputs do not hold (see the type's documentation); `inputs`
    /// names them in the message.
    public func verify(inputs: String) throws(UsageError) {
        guard seen > 0, !filter.isEmpty else { return }
        for (i, found) in indicatorFound.enumerated() where !found {
            throw Self.missing(option: "--indicator", value: filter.indicators[i], kind: "indicator", inputs: inputs, held: indicatorsHeld)
        }
        for (i, found) in areaFound.enumerated() where !found {
            throw Self.missing(option: "--area", value: filter.areas[i], kind: "area", inputs: inputs, held: areasHeld, listed: areaNamesHeld)
        }
        for (i, found) in regionFound.enumerated() where !found {
            throw Self.missing(option: "--region", value: filter.regions[i], kind: "region of local authorities", inputs: inputs, held: regionsHeld)
        }
        for (i, condition) in filter.conditions.enumerated() {
            if !columnFound[i] {
                throw Self.missing(
                    option: "--where", value: condition.column, kind: "column", inputs: inputs, held: columnsHeld,
                    shown: "\(condition.column)=\(condition.value)")
            }
            if !conditionFound[i] {
                throw Self.missing(
                    option: "--where", value: condition.value, kind: "'\(condition.column)' value", inputs: inputs, held: valuesHeld[i],
                    shown: "\(condition.column)=\(condition.value)")
            }
        }
        if selected == 0 {
            var parts: [String] = []
            parts += filter.indicators.map { "--indicator '\($0)'" }
            parts += filter.areas.map { "--area '\($0)'" }
            parts += filter.regions.map { "--region '\($0)'" }
            parts += filter.conditions.map { "--where '\($0.column)=\($0.value)'" }
            throw UsageError(
                "\(inputs): no series matches \(parts.joined(separator: " ")) together (\(seen) series read; each value is in some of them, but no series has them all)")
        }
    }

    /// "no such area 'X' in FILE; did you mean 'Y'?" or, with nothing near, what the inputs hold.
    static func missing(
        option: String, value: String, kind: String, inputs: String, held: Set<String>, listed: Set<String>? = nil, shown: String? = nil
    ) -> UsageError {
        var message = "\(inputs): \(option) '\(shown ?? value)': no \(kind) '\(value)' in the input"
        let near = NearestMatches.nearest(to: value, in: held.sorted())
        if !near.isEmpty {
            message += "; did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?"
        } else if held.isEmpty {
            message += " (it has none)"
        } else {
            let sorted = (listed ?? held).sorted()
            let shownHeld = sorted.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
            message += " (it holds \(sorted.count == 1 ? "" : "\(sorted.count): ")\(shownHeld)\(sorted.count > 12 ? ", …" : ""))"
        }
        return UsageError(message)
    }
}
