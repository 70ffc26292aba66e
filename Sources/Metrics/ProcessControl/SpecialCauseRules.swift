/// The Making Data Count rules for special-cause variation on an XmR chart, and what a signal means.
///
/// Source: NHS England and NHS Improvement, *Making Data Count: Strengthening your decisions* (2019) and the
/// Making Data Count SPC tools, as NHSRplotthedots 0.2.0 implements them (`ptd_calculate_point_type.R`):
/// 1. a point beyond a process limit (strictly above the upper or below the lower);
/// 2. a shift: `shiftLength` (7) or more consecutive points all above, or all below, the mean — a point on the
///    mean ends the run;
/// 3. a trend: `trendLength` or more consecutive points each higher (or each lower) than the one before — an
///    equal pair ends the trend (NHSRplotthedots: `all(sign(diff(y)) == 1)`). Making Data Count's default, and
///    NHSRplotthedots', is 7 points; the MDC Excel tool lets the user choose 6 (NHSRplotthedots issue #202), so
///    6 is available here;
/// 4. two out of three consecutive points beyond the same 2σ line, all three on that side of the mean: since
///    the MDC change of November 2023 (NHSRplotthedots issue #194, from the MDC team) points beyond the process
///    limit count too, and only the points beyond the 2σ line are flagged.
/// Every point of a shift or trend is flagged. Runs and trends are found within one phase (limits recalculated
/// start a new one); missing values are skipped: they neither extend nor break a run or trend, whose points
/// are the consecutive recorded values.
public enum SpecialCauseRule: String, Sendable, Hashable, CaseIterable {
    case beyondProcessLimit = "beyond_process_limit"
    case shift
    case trend
    case twoOfThreeBeyondTwoSigma = "two_of_three_beyond_two_sigma"
}

/// Which way a signal points: values unusually high (above the mean, or rising) or low.
public enum SignalSide: String, Sendable, Hashable {
    case high
    case low
}

/// What a special-cause signal means given the indicator's polarity.
public enum SignalMeaning: String, Sendable, Hashable {
    case improvement
    case concern
    /// The indicator has no polarity.
    case neither

    /// High values are an improvement when higher is better, a concern when lower is better.
    public init(side: SignalSide, polarity: SeriesMetadata.Polarity) {
        switch (polarity, side) {
        case (.none, _): self = .neither
        case (.higherIsBetter, .high), (.lowerIsBetter, .low): self = .improvement
        case (.higherIsBetter, .low), (.lowerIsBetter, .high): self = .concern
        }
    }
}

/// One rule that a point takes part in, and the direction of the pattern.
public struct SpecialCauseSignal: Sendable, Hashable {
    public let rule: SpecialCauseRule
    public let side: SignalSide

    public init(rule: SpecialCauseRule, side: SignalSide) {
        self.rule = rule
        self.side = side
    }
}

/// The rule lengths of the chart. The defaults are Making Data Count's.
public struct SpecialCauseRules: Sendable, Hashable {
    /// Consecutive points on one side of the mean that make a shift (7).
    public var shiftLength: Int
    /// Consecutive increasing or decreasing points that make a trend (7; MDC's tool also offers 6).
    public var trendLength: Int

    public init(shiftLength: Int = 7, trendLength: Int = 7) {
        precondition(shiftLength >= 2 && trendLength >= 2, "runs and trends need at least two points")
        self.shiftLength = shiftLength
        self.trendLength = trendLength
    }

    /// The signals of each point of one phase: `values` are its recorded values in time order.
    func signals(values: [Double], limits: ProcessLimits) -> [[SpecialCauseSignal]] {
        let n = values.count
        var signals = [[SpecialCauseSignal]](repeating: [], count: n)
        // Rule 1: beyond a process limit.
        for (i, x) in values.enumerated() {
            if x > limits.upperProcessLimit {
                signals[i].append(SpecialCauseSignal(rule: .beyondProcessLimit, side: .high))
            } else if x < limits.lowerProcessLimit {
                signals[i].append(SpecialCauseSignal(rule: .beyondProcessLimit, side: .low))
            }
        }
        // Rule 2: a shift, maximal runs on one side of the mean.
        let sides: [SignalSide?] = values.map { $0 > limits.mean ? .high : $0 < limits.mean ? .low : nil }
        var start = 0
        while start < n {
            var end = start + 1
            while end < n, sides[end] == sides[start] { end += 1 }
            if let side = sides[start], end - start >= shiftLength {
                for i in start..<end { signals[i].append(SpecialCauseSignal(rule: .shift, side: side)) }
            }
            start = end
        }
        // Rule 3: a trend, maximal runs of strict increases (or decreases) between neighbours.
        for side in [SignalSide.high, .low] {
            var first = 0
            while first < n {
                var last = first
                while last + 1 < n, side == .high ? values[last + 1] > values[last] : values[last + 1] < values[last] {
                    last += 1
                }
                if last - first + 1 >= trendLength {
                    for i in first...last { signals[i].append(SpecialCauseSignal(rule: .trend, side: side)) }
                }
                first = last + 1
            }
        }
        // Rule 4: two of three beyond the same 2σ line, all three on that side of the mean.
        if n >= 3 {
            var flagged = [Set<SignalSide>](repeating: [], count: n)
            for j in 0...(n - 3) {
                for side in [SignalSide.high, .low] {
                    let window = j...(j + 2)
                    guard window.allSatisfy({ sides[$0] == side }) else { continue }
                    let beyond = window.filter { side == .high ? values[$0] > limits.upperTwoSigma : values[$0] < limits.lowerTwoSigma }
                    if beyond.count >= 2 { for i in beyond { flagged[i].insert(side) } }
                }
            }
            for i in 0..<n {
                for side in [SignalSide.high, .low] where flagged[i].contains(side) {
                    signals[i].append(SpecialCauseSignal(rule: .twoOfThreeBeyondTwoSigma, side: side))
                }
            }
        }
        return signals
    }
}
