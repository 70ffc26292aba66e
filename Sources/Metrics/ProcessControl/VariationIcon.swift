/// Making Data Count's variation icon: what the latest point of the chart shows.
///
/// Source: NHS England and NHS Improvement, *Making Data Count: Strengthening your decisions* (2019), "Using
/// summary icons"; the icon set of NHSRplotthedots 0.2.0 (`inst/icons/variation`). The icon describes the most
/// recent recorded point: common cause when it takes part in no special-cause pattern; otherwise special
/// cause, improving or concerning by the indicator's polarity (neither, shown purple, without one), and high or
/// low by the direction of the pattern.
public enum VariationIcon: String, Sendable, Hashable, CaseIterable {
    case commonCause = "common_cause"
    case improvementHigh = "improvement_high"
    case improvementLow = "improvement_low"
    case concernHigh = "concern_high"
    case concernLow = "concern_low"
    case neitherHigh = "neither_high"
    case neitherLow = "neither_low"

    /// The icon for a point's variation (a missing point has none: the chart uses the latest recorded point).
    init(_ variation: PointVariation) {
        switch variation {
        case .missing, .commonCause: self = .commonCause
        case .specialCause(.improvement, .high): self = .improvementHigh
        case .specialCause(.improvement, .low): self = .improvementLow
        case .specialCause(.concern, .high): self = .concernHigh
        case .specialCause(.concern, .low): self = .concernLow
        case .specialCause(.neither, .high): self = .neitherHigh
        case .specialCause(.neither, .low): self = .neitherLow
        }
    }
}

/// What one point of the chart shows.
public enum PointVariation: Sendable, Hashable {
    /// The value is missing: not plotted, not tested.
    case missing
    case commonCause
    /// Part of at least one special-cause pattern: what it means and its direction.
    case specialCause(SignalMeaning, SignalSide)

    /// The point's variation from its signals. When a point takes part in patterns of both meanings, improvement
    /// is shown (the MDC Single Chart tool's rule, NHSRplotthedots issue #194); the side is that of the first
    /// signal of the shown meaning in NHSRplotthedots' order of precedence: beyond a limit, trend, two in three,
    /// shift (high before low within a rule).
    init(signals: [SpecialCauseSignal], polarity: SeriesMetadata.Polarity) {
        guard !signals.isEmpty else {
            self = .commonCause
            return
        }
        let order: [SpecialCauseRule] = [.beyondProcessLimit, .trend, .twoOfThreeBeyondTwoSigma, .shift]
        // By rule precedence; within a rule (a trend's last point can start the opposite trend) high first.
        func rank(_ s: SpecialCauseSignal) -> Int { 2 * order.firstIndex(of: s.rule)! + (s.side == .high ? 0 : 1) }
        let ranked = signals.sorted { rank($0) < rank($1) }
        let meanings = ranked.map { SignalMeaning(side: $0.side, polarity: polarity) }
        let shown: SignalMeaning = meanings.contains(.improvement) ? .improvement : meanings[0]
        let side = ranked[meanings.firstIndex(of: shown)!].side
        self = .specialCause(shown, side)
    }
}
