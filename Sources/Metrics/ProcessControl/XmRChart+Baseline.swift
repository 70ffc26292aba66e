extension XmRChart {
    /// The fewest values NHS England's Making Data Count advises for an XmR chart's baseline: 15 ("a minimum
    /// of 15 data points"; NHS England & NHS Improvement, *Making Data Count: Getting started*, 2019, and
    /// *Strengthening your decisions*, 2019, where limits from fewer than 12 points are to be treated as
    /// trial limits, recalculated as data come in).
    public static let advisedBaseline = 15
    /// Below this many values the limits are trial limits (Making Data Count).
    public static let trialBaseline = 12

    /// Warnings about baselines too short to trust: one per phase whose limits come from fewer than
    /// `advisedBaseline` values, with the number, e.g. "the limits come from 10 values: Making Data Count
    /// advises at least 15, and calls limits from fewer than 12 trial limits". A chart of one phase says
    /// "the limits"; with recalculations, each short phase is named by its first period (or position).
    public var baselineWarnings: [String] {
        phases.enumerated().compactMap { k, limits in
            let n = limits.baselineCount
            guard n < Self.advisedBaseline else { return nil }
            var subject = "the limits"
            if phases.count > 1 {
                let start = points.first { $0.index == limits.range.lowerBound }
                subject = "the limits of phase \(k + 1)" + (start?.period.map { " (from \($0.label))" } ?? "")
            }
            var text = "\(subject) come from \(n) value\(n == 1 ? "" : "s"): Making Data Count advises a baseline of at least \(Self.advisedBaseline)"
            if n < Self.trialBaseline { text += ", and limits from fewer than \(Self.trialBaseline) are trial limits, to be recalculated as data come in" }
            return text
        }
    }
}
