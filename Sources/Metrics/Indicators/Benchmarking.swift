/// Where an area stands among others, as DfE's LAIT and PHE's Fingertips report it: national rank, quartile
/// band, and whether it is significantly better, similar or worse than a comparator.
///
/// Rank (LAIT, `calculate_rank`): 1 is the best value by polarity (the highest when higher is better, the
/// lowest when lower is better, the lowest when there is no polarity); tied values share the lowest rank
/// (R's `ties.method = "min"`); missing values have no rank.
/// Quartile band (LAIT, `calculate_quartile_band`): the thresholds are R's default (type 7) quartiles of all
/// areas' values; bands are [min, Q1], (Q1, Q2], (Q2, Q3], (Q3, max], upper bounds inclusive; band A is the
/// best quarter by polarity (the lowest quarter when lower is better or there is no polarity, the highest
/// when higher is better).
/// Significance (Fingertips, "Statistical significance", PHE Technical Guide 2018): an area is
/// significantly higher than a comparator value when its interval lies wholly above it, lower when wholly
/// below, similar when the interval contains it; polarity turns higher/lower into better/worse.
public enum Benchmarking {
    /// Ranks of `values` (nil for missing), 1 = best by polarity, ties sharing the lowest rank.
    /// - Complexity: O(n log n).
    public static func ranks(_ values: [Double?], polarity: SeriesMetadata.Polarity) -> [Int?] {
        let descending = polarity == .higherIsBetter
        let order = values.indices.compactMap { i in values[i].map { (i, $0) } }
            .sorted { descending ? $0.1 > $1.1 : $0.1 < $1.1 }
        var ranks = [Int?](repeating: nil, count: values.count)
        for (position, (index, value)) in order.enumerated() {
            // A tie takes the rank of the first of its equals.
            ranks[index] = position > 0 && order[position - 1].1 == value ? ranks[order[position - 1].0] : position + 1
        }
        return ranks
    }

    public struct QuartileBands: Sendable, Hashable {
        /// Minimum, Q1, median, Q3, maximum (R type 7).
        public let thresholds: [Double]
        public let polarity: SeriesMetadata.Polarity

        public init?(values: [Double], polarity: SeriesMetadata.Polarity) {
            let sorted = values.filter(\.isFinite).sorted()
            guard !sorted.isEmpty else { return nil }
            thresholds = [0, 0.25, 0.5, 0.75, 1].map { quantile(sorted: sorted, probability: $0)! }
            self.polarity = polarity
        }

        /// The band of `value`: A (best quarter) to D.
        public func band(of value: Double) -> String? {
            guard value >= thresholds[0], value <= thresholds[4] else { return nil }
            let quarter = value <= thresholds[1] ? 0 : value <= thresholds[2] ? 1 : value <= thresholds[3] ? 2 : 3
            let letters = ["A", "B", "C", "D"]
            return polarity == .higherIsBetter ? letters[3 - quarter] : letters[quarter]
        }
    }

    public enum Significance: String, Sendable, Hashable {
        case better, similar, worse
        case higher, lower
        case notCompared = "not_compared"
    }

    /// The area's interval [lower, upper] against a comparator's value, read through polarity.
    public static func significance(lower: Double?, upper: Double?, comparator: Double?, polarity: SeriesMetadata.Polarity) -> Significance {
        guard let lower, let upper, let comparator else { return .notCompared }
        if lower > comparator { return polarity == .higherIsBetter ? .better : polarity == .lowerIsBetter ? .worse : .higher }
        if upper < comparator { return polarity == .higherIsBetter ? .worse : polarity == .lowerIsBetter ? .better : .lower }
        return .similar
    }
}
