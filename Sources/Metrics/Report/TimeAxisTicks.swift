/// The time axis of a chart: where its ticks go and which of them carry labels.
///
/// Conventions: times are on SPEC.md's axis in years (as in `SeriesPlot`). A series of at most 12
/// observations, or an annual (or sparser) one, is labelled at its own periods with the labels the input
/// wrote (`2020-21`, `2016-03-31`), so the axis reads in the series' own terms; a longer sub-annual series
/// (monthly, quarterly) is labelled at whole years (`2019`, placed at the year's start). When the labels
/// would overlap, every k-th is kept (k from 1, 2, 3, 4, 5, 10, 20, 50, 100…, without 3 and 4 for years:
/// the smallest that leaves `gap` pixels between neighbours): whole years on multiples of k (2010, 2015,
/// 2020), periods counted back and forward from the latest observed one, which is always labelled. The
/// other ticks stay, unlabelled, while they are at least 4 pixels apart.
public enum TimeAxisTicks {
    /// A labelled period: an observation's or a forecast's.
    public struct Period: Sendable, Hashable {
        public let label: String
        public let time: Double

        public init(label: String, time: Double) {
            self.label = label
            self.time = time
        }
    }

    /// A tick at `time`, with its label or `nil` for an unlabelled (minor) tick.
    public struct Tick: Sendable, Hashable {
        public let time: Double
        public let label: String?

        public init(time: Double, label: String?) {
            self.time = time
            self.label = label
        }
    }

    /// How the axis was labelled.
    public enum Mode: Sendable, Hashable {
        case periods, years
    }

    /// The mode for a series with `observedTimes` (ascending).
    public static func mode(observedTimes: [Double]) -> Mode {
        if observedTimes.count <= 12 { return .periods }
        var gaps: [Double] = []
        for (a, b) in zip(observedTimes, observedTimes.dropFirst()) where b > a { gaps.append(b - a) }
        guard !gaps.isEmpty else { return .periods }
        gaps.sort()
        return gaps[gaps.count / 2] >= 0.9 ? .periods : .years
    }

    /// Ticks for an axis showing `domain` over `width` pixels.
    ///
    /// - Parameters:
    ///   - periods: the periods that may be labelled (observed, then forecast), in any order; repeated
    ///     times keep the first label.
    ///   - observedTimes: the observations' times, ascending, which decide the mode; the latest of them is the
    ///     period that is always labelled.
    ///   - labelWidth: the width in pixels of a label as drawn.
    public static func ticks(
        periods: [Period], observedTimes: [Double], domain: ClosedRange<Double>, width: Double, gap: Double = 12,
        labelWidth: (String) -> Double
    ) -> [Tick] {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, span.isFinite, width > 0 else { return [] }
        let scale = width / span
        var candidates: [Period] = []
        var mode = mode(observedTimes: observedTimes)
        if mode == .years {
            let first = domain.lowerBound.rounded(.up)
            let last = domain.upperBound.rounded(.down)
            if first <= last && last - first < 10_000 && Swift.abs(first) < 1e6 && Swift.abs(last) < 1e6 {
                var year = first
                while year <= last {
                    candidates.append(Period(label: ChartNumberText.fixed(year, decimals: 0, grouping: false, minus: "-"), time: year))
                    year += 1
                }
            } else {
                mode = .periods
            }
        }
        if mode == .periods {
            for p in periods.sorted(by: { $0.time < $1.time }) where domain.contains(p.time) && p.time.isFinite {
                if let previous = candidates.last, previous.time == p.time { continue }
                candidates.append(p)
            }
        }
        guard !candidates.isEmpty else { return [] }

        let positions = candidates.map { ($0.time - domain.lowerBound) * scale }
        let widths = candidates.map { labelWidth($0.label) }
        let n = candidates.count
        let anchor = observedTimes.last.flatMap { latest in candidates.lastIndex { $0.time <= latest } } ?? n - 1
        func labelled(_ i: Int, every k: Int) -> Bool {
            mode == .years ? Int(candidates[i].time) % k == 0 : ((anchor - i) % k + k) % k == 0
        }
        var chosen = 1
        for k in stepsUpTo(n) where mode == .periods || (k != 3 && k != 4) {
            chosen = k
            var previous: Int?
            var fits = true
            for i in 0..<n where labelled(i, every: k) {
                if let p = previous, positions[i] - positions[p] < (widths[i] + widths[p]) / 2 + gap {
                    fits = false
                    break
                }
                previous = i
            }
            if fits { break }
        }
        var ticks: [Tick] = []
        var lastX = -Double.infinity
        for i in 0..<n {
            let isLabelled = labelled(i, every: chosen)
            if !isLabelled && positions[i] - lastX < 4 { continue }
            ticks.append(Tick(time: candidates[i].time, label: isLabelled ? candidates[i].label : nil))
            lastX = positions[i]
        }
        // Keep at least one label: the latest period, or the first year.
        if !ticks.contains(where: { $0.label != nil }), let last = candidates.last {
            ticks = [Tick(time: last.time, label: last.label)]
        }
        return ticks
    }

    /// 1, 2, 3, 4, 5, 10, 20, 50, 100, 200, 500… up to at least `n`.
    static func stepsUpTo(_ n: Int) -> [Int] {
        var steps = [1, 2, 3, 4, 5]
        var base = 10
        while steps.last! < n {
            steps += [base, 2 * base, 5 * base]
            base *= 10
        }
        return steps
    }
}
