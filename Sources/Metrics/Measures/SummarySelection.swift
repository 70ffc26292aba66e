/// Which summary records to write, and in what order: `summarize --direction increasing --sort -sen_slope
/// --top 10` answers "which authorities had the largest significant rise" in one command.
///
/// The steps run in this order: keep the records whose `direction` is one of `directions` and whose
/// `assessment` is one of `assessments` (an empty set keeps every record); sort by `sort`; keep the first
/// `top`. Sorting:
/// - by any field of the record: a key field (`area_name`), a summary field (`ols_slope`), an added
///   measure (`holt_forecast_1`), `unit` or `polarity`; several keys break ties in turn;
/// - numbers numerically, text by its Unicode scalars (the order `sort` and Python give), `first_period`
///   and `last_period` by their place on the time axis (so `Dec 2011` comes before `2012`);
/// - a record without a value for the field (empty in CSV, `null` in JSON) comes last, whichever the order;
/// - stable: records that compare equal keep their input order, so the output is the same on every run.
///
/// Without a sort the records keep their input order. `batch` does not select: SPEC.md has its
/// `summary.csv` rows sorted by series key, so that shards add up to the unsharded run.
public struct SummarySelection: Sendable, Hashable {
    /// One sort key: a field, ascending unless `descending`.
    public struct SortKey: Sendable, Hashable {
        public var field: String
        public var descending: Bool

        public init(field: String, descending: Bool = false) {
            self.field = field
            self.descending = descending
        }
    }

    public var directions: Set<TrendDirection>
    public var assessments: Set<TrendAssessment>
    public var sort: [SortKey]
    public var top: Int?

    public init(directions: Set<TrendDirection> = [], assessments: Set<TrendAssessment> = [], sort: [SortKey] = [], top: Int? = nil) {
        self.directions = directions
        self.assessments = assessments
        self.sort = sort
        self.top = top
    }

    /// True when every record is written, in input order (the summaries can then stream).
    public var isEmpty: Bool { directions.isEmpty && assessments.isEmpty && sort.isEmpty && top == nil }

    /// Sort keys from `FIELD[,FIELD…]`, each ascending, or descending with a leading `-` (`-ols_slope`) as
    /// pandas' users and SQL's `ORDER BY … DESC` expect; a leading `+` is ascending.
    public static func sortKeys(_ text: String) -> [SortKey] {
        text.split(separator: ",").map { part in
            let name = String(part).trimmingSpaces()
            if name.hasPrefix("-") { return SortKey(field: String(name.dropFirst()), descending: true) }
            if name.hasPrefix("+") { return SortKey(field: String(name.dropFirst())) }
            return SortKey(field: name)
        }
    }

    /// The fields a record can be sorted by, besides its key fields.
    public static func sortableFields(additionalNames: [String]) -> [String] {
        SeriesSummary.fieldNames + additionalNames + ["unit", "polarity"]
    }

    /// A sort field that no record has.
    public struct UnknownField: Error, Sendable, Hashable, CustomStringConvertible {
        public let field: String
        public let known: [String]
        public var description: String {
            "--sort: no field '\(field)'; the fields are \(known.joined(separator: ", "))"
        }
    }

    /// The records kept, in order. Throws when a sort field is neither a key field nor a summary field.
    public func apply(to summaries: [SeriesSummary], keyNames: [String], additionalNames: [String]) throws(UnknownField) -> [SeriesSummary] {
        let known = keyNames + Self.sortableFields(additionalNames: additionalNames)
        let accessors: [(SeriesSummary) -> Value] = try sort.map { key throws(UnknownField) in
            guard let accessor = Self.accessor(for: key.field, keyNames: keyNames, additionalNames: additionalNames) else {
                throw UnknownField(field: key.field, known: known)
            }
            return accessor
        }
        var kept = summaries.filter { s in
            (directions.isEmpty || directions.contains(s.direction)) && (assessments.isEmpty || assessments.contains(s.assessment))
        }
        if !sort.isEmpty {
            let values = kept.map { s in accessors.map { $0(s) } }
            let order = kept.indices.sorted { a, b in
                for (k, key) in sort.enumerated() {
                    let (x, y) = (values[a][k], values[b][k])
                    if x == y { continue }
                    // Empty last in either order.
                    if case .empty = x { return false }
                    if case .empty = y { return true }
                    return key.descending ? y < x : x < y
                }
                return a < b
            }
            kept = order.map { kept[$0] }
        }
        if let top, top < kept.count { kept.removeSubrange(top...) }
        return kept
    }

    /// A field's value, for comparing.
    enum Value: Hashable, Comparable {
        case number(Double)
        case text(String)
        case empty

        static func < (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.number(let x), .number(let y)): x < y
            case (.text(let x), .text(let y)): x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
            case (.number, .text): true
            default: false
            }
        }
    }

    static func accessor(for field: String, keyNames: [String], additionalNames: [String]) -> ((SeriesSummary) -> Value)? {
        if let i = keyNames.firstIndex(of: field) {
            return { s in i < s.key.values.count && !s.key.isNull(i) ? .text(s.key.values[i]) : .empty }
        }
        switch field {
        case "first_period": return { s in s.firstPeriod.map { .number($0.start) } ?? .empty }
        case "last_period": return { s in s.lastPeriod.map { .number($0.start) } ?? .empty }
        case "unit": return { s in s.metadata.unit.map { .text($0.description) } ?? .empty }
        case "polarity": return { s in .text(s.metadata.polarity.rawValue) }
        default: break
        }
        if let i = SeriesSummary.fieldNames.firstIndex(of: field) {
            return { s in value(s.fields[i]) }
        }
        if let i = additionalNames.firstIndex(of: field) {
            return { s in i < s.additional.count ? value(s.additional[i]) : .empty }
        }
        return nil
    }

    static func value(_ field: SeriesSummary.Field) -> Value {
        switch field {
        case .number(let x?) where x.isFinite: .number(x)
        case .integer(let i): .number(Double(i))
        case .text(let t?) where !t.isEmpty: .text(t)
        default: .empty
        }
    }
}
