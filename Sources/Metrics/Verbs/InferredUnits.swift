/// The units a run inferred for one input's indicators (`UnitInference`), gathered from its summaries so the
/// CLI can say once per file what it took each indicator to be:
///
///     metrics: note: cla.csv: units inferred: children_count count, rate_per_10000 rate per 10,000; the summary's reasons say from what
///
/// Indicators are listed in order of first appearance; an indicator whose series were inferred differently
/// (a count from the values for some areas, nothing for others) lists each kind once. Names longer than 80
/// characters are cut (`UnitInference.shortened`), so a hostile key does not flood standard error.
public struct InferredUnits: Sendable, Hashable {
    public let file: String
    /// Indicator → the kinds inferred for its series (`UnitInference.kind`), in order.
    public private(set) var units: [(indicator: String, kinds: [String])] = []

    public init(file: String) {
        self.file = file
    }

    public static func == (a: InferredUnits, b: InferredUnits) -> Bool {
        a.file == b.file && a.units.elementsEqual(b.units) { $0.indicator == $1.indicator && $0.kinds == $1.kinds }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        for u in units {
            hasher.combine(u.indicator)
            hasher.combine(u.kinds)
        }
    }

    /// Where each indicator is in `units`.
    private var positions: [String: Int] = [:]

    mutating func add(indicator: String, kind: String) {
        if let i = positions[indicator] {
            if !units[i].kinds.contains(kind) { units[i].kinds.append(kind) }
        } else {
            positions[indicator] = units.count
            units.append((indicator, [kind]))
        }
    }

    /// The most indicators the message lists; the rest are counted.
    public static let listLimit = 30

    /// The indicator of a summary and the kind inferred for it, when its unit was inferred.
    static func entry(_ summary: SeriesSummary) -> (indicator: String, kind: String)? {
        guard let inference = summary.unitInference, inference.note != nil else { return nil }
        let key = summary.key
        let indicator = zip(key.names, key.values).first { SeriesFilter.indicatorDimensions.contains($0.0.lowercased()) }?.1
            ?? key.values.last ?? ""
        let kind = inference.unit.map { UnitInference.isMoney($0) ? "money (\($0))" : inference.kind } ?? "\(inference.kind) (size-free)"
        return (UnitInference.shortened(indicator), kind)
    }

    /// The sentence for standard error, without the `metrics: note:` prefix.
    public var message: String {
        var list = units.prefix(Self.listLimit).map { "\($0.indicator) \($0.kinds.joined(separator: " or "))" }.joined(separator: ", ")
        if units.count > Self.listLimit { list += " and \(units.count - Self.listLimit) more" }
        return "\(file): units inferred: \(list); the summary's reasons say from what"
    }
}
