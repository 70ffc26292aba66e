/// What a series is measured in, and whether that depends on the size of the area: read from the metadata
/// when it declares a unit, else inferred from the words that name the indicator, else from the values —
/// and, whenever it was inferred, a note saying what was inferred and from what.
///
/// Why it matters: a count, a sum of money or a number of FTE posts grows with the area, so England's
/// 402,400 children in need drawn beside Middlesbrough's 2,005 flattens the area's line on zero, and an
/// interrupted-time-series control of England's counts reports changes "beyond England" of thousands for an
/// area of two thousand. Percentages and rates per N are size-free and compare across areas. Percentages
/// also get percentage-point changes; and every unit bounds what a forecast may say (no percentage below 0
/// or above 100, no negative count: `UnitBounds`).
///
/// The order of evidence, first match wins:
/// 1. The metadata's unit, when it is one the tool knows (`count`, `percent`, `rate per N`, a currency):
///    declared, nothing inferred, no note.
/// 2. The words of the metadata's own unit text (`.other`, e.g. LAIT's `y_axis_name` "% achieving expected
///    level", "Number of Children Looked After", "Spend"), then of the label (LAIT's `Chart_title`, EES's
///    `label`), then of the indicator's name in the key (`indicator`, `measure_code`, `measure`: an EES
///    column name such as `rereferral_percent`). Each text is read with these rules, in this order:
///    - a percentage: `%`, `percent`, `percentage`, `pct`, `per cent`;
///    - a rate per N: `per` followed by a number (`rate_per_10000`, `Rate per 10,000`, `per 1000`, `per_10k`);
///    - money: `£`, `GBP`, `spend`, `cost`, `expenditure`, `budget`, `income`, `funding`, `salary`, `pay`,
///      `price` — size-free when the words also say it is per head or typical (`per`, `unit`, `average`,
///      `mean`, `median`, `salary`, `pay`: "spend per child", "unit cost", "average salary"), else size-dependent;
///    - size-free by its words: `average`, `avg`, `mean`, `median`, `ratio`, `score`, `caseload`, `index`,
///      `proportion`, `per` followed by a word ("cases per worker"), `rate` (a rate with no stated base: it
///      compares across areas, but is not taken as a percentage);
///    - size-dependent: `fte` (FTE posts), `headcount`, and `count`, `number`, `num`, `total`, `population`,
///      `cases`, `places` (a count).
///    A finding of a definite unit (percentage, rate per N, money, FTE, headcount, count) ends the search;
///    a size-free finding without a unit ("rate", "average") is kept and the later texts are still read for a
///    definite one (LAIT's "Turnover rate" axis, whose chart title says "(%)").
/// 3. The values: every value a whole number ≥ 0 (with at least one value) → a count.
/// Otherwise the unit is unknown (`sizeDependence == .unknown`), and nothing is noted.
///
/// Conventions: words are the text (its first 200 characters) lowercased and split at anything but letters and digits (`%` and `£` are
/// words of their own; commas between digits are dropped, so `10,000` is one word; `10k` is 10,000).
/// A unit inferred for a series is put in its metadata by the summary (`Summarizer`), so the summary's
/// `unit` field, its percentage points, the report's charts and the forecasts' bounds all see the same
/// unit; the note goes in the summary's `reasons` under `unit` and in the chart's description.
/// Inference is idempotent: the inference of a series whose metadata holds the inferred unit is the same.
/// - Complexity: O(length of the texts) + O(n) over the values.
public struct UnitInference: Sendable, Hashable {
    /// Whether the measure grows with the size of the area.
    public enum SizeDependence: String, Sendable, Hashable {
        /// A count, a sum of money, FTE posts, a headcount: larger areas have larger values.
        case sizeDependent = "size_dependent"
        /// A percentage, a rate per N, an average, a ratio: areas of any size compare.
        case sizeFree = "size_free"
        /// Nothing says.
        case unknown
    }

    /// Where the unit came from.
    public enum Basis: Sendable, Hashable {
        /// The metadata declared a unit the tool knows.
        case declared
        /// Inferred from the words of a text (which one, and the text).
        case words(source: String, text: String)
        /// Inferred from the values (all whole numbers ≥ 0).
        case values
        /// Not known.
        case none
    }

    /// The unit to compute with: the declared one, or the one inferred (`nil` when unknown, or when the
    /// words say only that the measure is size-free, as "rate" or "average" do).
    public let unit: SeriesMetadata.Unit?
    public let sizeDependence: SizeDependence
    /// What the measure is, in words: `count`, `FTE`, `headcount`, `money`, `percentage`, `rate per 10,000`,
    /// `rate`, `average`… (`unknown` when nothing says).
    public let kind: String
    public let basis: Basis
    /// The values' range the unit allows (`UnitBounds`).
    public let bounds: UnitBounds

    public var isSizeDependent: Bool { sizeDependence == .sizeDependent }

    /// What was inferred and from what, for a reason field or a report: `nil` when the unit was declared or
    /// nothing could be inferred.
    public var note: String? {
        switch basis {
        case .declared, .none: return nil
        case .words(let source, let text):
            let what = unit.map { Self.isMoney($0) ? "money (\($0))" : kind } ?? "\(kind) (size-free)"
            let name = "'\(Self.shortened(text))'"
            let size = sizeDependence == .sizeDependent ? "; it depends on the size of the area" : ""
            return "\(what) inferred from \(source) \(name)\(size)"
        case .values:
            return "count inferred from the values (all whole numbers ≥ 0); it depends on the size of the area"
        }
    }

    /// The inference for a series: its metadata, the words naming its indicator, its values.
    public init(_ series: Series) {
        var names: [String] = []
        for (name, value) in zip(series.key.names, series.key.values) where SeriesFilter.indicatorDimensions.contains(name.lowercased()) && !value.isEmpty {
            names.append(value)
        }
        self.init(metadata: series.metadata, indicatorNames: names, values: series.observations.lazy.compactMap(\.value.number))
    }

    /// The inference from the metadata, the indicator's names (as the key holds them) and the values.
    public init(metadata: SeriesMetadata, indicatorNames: [String], values: some Sequence<Double>) {
        let valueList = Array(values)
        var generic: (finding: Finding, source: String, text: String)? = nil
        var found: (finding: Finding, basis: Basis)? = nil
        if let declared = metadata.unit {
            switch declared {
            case .count: found = (Finding(unit: .count, size: .sizeDependent, kind: "count"), .declared)
            case .percent: found = (Finding(unit: .percent, size: .sizeFree, kind: "percentage"), .declared)
            case .rate(let per): found = (Finding(unit: declared, size: .sizeFree, kind: "rate per \(HumanNumber.format(per, decimals: 0))"), .declared)
            case .currency:
                let perHead = ([metadata.label ?? ""] + indicatorNames).contains { Self.words(of: $0).isPerHead }
                found = (Finding(unit: declared, size: perHead ? .sizeFree : .sizeDependent, kind: "money"), .declared)
            case .other: break
            }
        }
        if found == nil {
            var sources: [(String, String)] = []
            if case .other(let text)? = metadata.unit { sources.append(("the metadata's unit", text)) }
            if let label = metadata.label, !label.isEmpty { sources.append(("the label", label)) }
            for name in indicatorNames { sources.append(("the indicator name", name)) }
            for (source, text) in sources {
                guard let finding = Self.words(of: text).finding else { continue }
                if finding.unit == nil {
                    if generic == nil { generic = (finding, source, text) }
                    continue
                }
                // A unit text the tool does not know (`Number of Children Looked After`) stays the unit shown;
                // only units that change the arithmetic or the formatting replace it.
                var f = finding
                if case .other? = metadata.unit, source == "the metadata's unit", !(f.unit == .percent || f.unit.map(Self.isRate) == true || f.unit.map(Self.isMoney) == true) {
                    f.unit = metadata.unit
                }
                found = (f, .words(source: source, text: text))
                break
            }
        }
        if found == nil, let generic {
            var f = generic.finding
            if case .other? = metadata.unit { f.unit = metadata.unit }
            found = (f, .words(source: generic.source, text: generic.text))
        }
        if found == nil, metadata.unit == nil, !valueList.isEmpty, valueList.allSatisfy({ $0 >= 0 && $0 == $0.rounded() && $0.isFinite }) {
            found = (Finding(unit: .count, size: .sizeDependent, kind: "count"), .values)
        }
        guard let (finding, basis) = found else {
            unit = metadata.unit
            sizeDependence = .unknown
            kind = "unknown"
            self.basis = .none
            bounds = UnitBounds()
            return
        }
        unit = finding.unit
        sizeDependence = finding.size
        kind = finding.kind
        self.basis = basis
        bounds = UnitBounds(kind: finding, values: valueList)
    }

    static func isRate(_ unit: SeriesMetadata.Unit) -> Bool {
        if case .rate = unit { return true }
        return false
    }

    static func isMoney(_ unit: SeriesMetadata.Unit) -> Bool {
        if case .currency = unit { return true }
        return false
    }

    /// What a text's words say.
    struct Finding: Sendable, Hashable {
        var unit: SeriesMetadata.Unit?
        var size: SizeDependence
        var kind: String
    }

    /// The words of a text, with what they say.
    struct Words {
        let words: [Substring]
        let text: String

        var isPerHead: Bool {
            words.contains { ["per", "unit", "average", "avg", "mean", "median", "salary", "salaries", "pay", "weekly"].contains($0) }
        }

        /// The number after `per` (10,000 in `rate_per_10000` or `per 10,000`; `10k` is 10,000).
        var perNumber: Double? {
            for (i, w) in words.enumerated() where w == "per" && i + 1 < words.count {
                var next = words[i + 1]
                var factor = 1.0
                if next.hasSuffix("k") {
                    next = next.dropLast()
                    factor = 1000
                }
                if let n = Double(next), n > 0, n.isFinite { return n * factor }
            }
            return nil
        }

        var hasPerWord: Bool {
            for (i, w) in words.enumerated() where w == "per" && i + 1 < words.count && words[i + 1] != "cent" {
                if words[i + 1].first?.isLetter == true { return true }
            }
            return false
        }

        func has(_ set: Set<Substring>) -> Bool { words.contains { set.contains($0) } }

        var finding: Finding? {
            // A difference of percentages (EES `pp`, "percentage points") is size-free, but not a percentage.
            if has(["pp"]) || zip(words, words.dropFirst()).contains(where: { ($0 == "percentage" || $0 == "percent") && $1 == "points" }) {
                return Finding(unit: nil, size: .sizeFree, kind: "percentage points")
            }
            if has(["%", "percent", "percentage", "percentages", "pct"]) || zip(words, words.dropFirst()).contains(where: { $0 == "per" && $1 == "cent" }) {
                return Finding(unit: .percent, size: .sizeFree, kind: "percentage")
            }
            if let n = perNumber {
                return Finding(unit: .rate(per: n), size: .sizeFree, kind: "rate per \(HumanNumber.format(n, decimals: 0))")
            }
            if has(["£", "gbp", "spend", "spending", "cost", "costs", "expenditure", "budget", "income", "funding", "salary", "salaries", "pay", "price", "prices"]) {
                return Finding(unit: .currency(code: "GBP", priceYear: nil), size: isPerHead ? .sizeFree : .sizeDependent, kind: "money")
            }
            for word in ["average", "avg", "mean", "median", "ratio", "score", "caseload", "index", "proportion"] where has([Substring(word)]) {
                return Finding(unit: nil, size: .sizeFree, kind: word == "avg" ? "average" : word)
            }
            if hasPerWord { return Finding(unit: nil, size: .sizeFree, kind: "ratio") }
            if has(["rate", "rates"]) { return Finding(unit: nil, size: .sizeFree, kind: "rate") }
            if has(["fte"]) { return Finding(unit: .other("FTE"), size: .sizeDependent, kind: "FTE") }
            if has(["headcount"]) { return Finding(unit: .count, size: .sizeDependent, kind: "headcount") }
            if has(["count", "counts", "number", "numbers", "num", "total", "totals", "population", "cases", "places"]) {
                return Finding(unit: .count, size: .sizeDependent, kind: "count")
            }
            return nil
        }
    }

    /// The longest text whose words are read: names and units are short, and a hostile key of megabytes
    /// should cost no more than a short one.
    static let wordLimit = 200

    /// `text` for a message: at most 80 characters, with `…` when cut.
    static func shortened(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(79)) + "…"
    }

    /// The words of `text` (its first `wordLimit` characters): lowercased, split at anything but letters and
    /// digits, `%` and `£` words of their own, commas between digits dropped.
    static func words(of text: String) -> Words {
        var words: [Substring] = []
        var current = ""
        let characters = Array(text.prefix(wordLimit).lowercased())
        func flush() {
            if !current.isEmpty { words.append(Substring(current)) }
            current = ""
        }
        for (i, c) in characters.enumerated() {
            if c == "%" || c == "£" {
                flush()
                words.append(Substring(String(c)))
            } else if c.isLetter || c.isNumber {
                current.append(c)
            } else if c == ",", i > 0, i + 1 < characters.count, characters[i - 1].isNumber, characters[i + 1].isNumber {
                continue
            } else {
                flush()
            }
        }
        flush()
        return Words(words: words, text: text)
    }
}

/// The range a unit allows its values: a percentage lies in [0, 100]; a count, a number of FTE posts, a
/// headcount and a rate per N are never negative; money and units the tool does not know are unbounded
/// (a net figure can be below zero).
///
/// A bound the observed values already break is not applied (a "% gap" of −3, a percentage of 104): the
/// data show that the unit is not what the words suggest, and the range is then taken as unbounded.
public struct UnitBounds: Sendable, Hashable {
    public let lower: Double?
    public let upper: Double?
    /// Why the bounds hold: `a percentage lies between 0 and 100`, `a count cannot be negative`.
    public let reason: String

    public init(lower: Double? = nil, upper: Double? = nil, reason: String = "") {
        self.lower = lower
        self.upper = upper
        self.reason = reason
    }

    init(kind finding: UnitInference.Finding, values: [Double]) {
        var lower: Double? = nil
        var upper: Double? = nil
        var reason = ""
        switch finding.unit {
        case .percent?:
            (lower, upper, reason) = (0, 100, "a percentage lies between 0 and 100")
        case .rate?:
            (lower, reason) = (0, "a rate cannot be negative")
        case .currency?:
            break
        case .count?, .other?, nil:
            if finding.size == .sizeDependent { (lower, reason) = (0, "a \(finding.kind == "count" ? "count" : finding.kind + " figure") cannot be negative") }
        }
        if let l = lower, values.contains(where: { $0 < l }) { lower = nil }
        if let u = upper, values.contains(where: { $0 > u }) { upper = nil }
        self.init(lower: lower, upper: upper, reason: lower == nil && upper == nil ? "" : reason)
    }

    public var isBounded: Bool { lower != nil || upper != nil }

    /// `x` moved into the range.
    public func clamp(_ x: Double) -> Double {
        var y = x
        if let lower, y < lower { y = lower }
        if let upper, y > upper { y = upper }
        return y
    }
}
