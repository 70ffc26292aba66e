/// Which way a series is going, and whether that is good.
///
/// Direction comes from the Mann–Kendall test (robust to outliers and to non-linear but monotonic change,
/// the usual choice for short indicator series): `increasing` or `decreasing` when p < α (the sign of S
/// says which), `no_significant_change` otherwise, `insufficient_data` with fewer than `minimumPoints`
/// non-missing values. The assessment reads the direction through the indicator's polarity: an increase
/// of a higher-is-better indicator is `improving`, of a lower-is-better one `worsening`; without a polarity
/// or with insufficient data it is `not_assessed`.
public enum TrendDirection: String, Sendable, Hashable, CaseIterable {
    case increasing
    case decreasing
    case noSignificantChange = "no_significant_change"
    case insufficientData = "insufficient_data"

    public init(test: MannKendallTest?, pointCount: Int, minimumPoints: Int, alpha: Double) {
        guard pointCount >= minimumPoints, let test else {
            self = .insufficientData
            return
        }
        if test.p < alpha, test.s != 0 {
            self = test.s > 0 ? .increasing : .decreasing
        } else {
            self = .noSignificantChange
        }
    }
}

public enum TrendAssessment: String, Sendable, Hashable, CaseIterable {
    case improving
    case worsening
    case noSignificantChange = "no_significant_change"
    case notAssessed = "not_assessed"

    public init(direction: TrendDirection, polarity: SeriesMetadata.Polarity) {
        switch (direction, polarity) {
        case (.insufficientData, _), (_, .none): self = .notAssessed
        case (.noSignificantChange, _): self = .noSignificantChange
        case (.increasing, .higherIsBetter), (.decreasing, .lowerIsBetter): self = .improving
        case (.increasing, .lowerIsBetter), (.decreasing, .higherIsBetter): self = .worsening
        }
    }
}
