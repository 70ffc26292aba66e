/// The value axis of a chart: a range and tick marks at "nice" numbers (1, 2 or 5 times a power of ten)
/// that cover the data, after Heckbert, "Nice numbers for graph labels", in Glassner (ed.), *Graphics
/// Gems*, Academic Press, 1990, pp. 61–63 ("loose" labelling: the axis ends on ticks outside the data).
///
/// Conventions: between 4 and 7 ticks (Heckbert's method is run for 5, 6, 4, 7, 3 and 8 requested ticks
/// and the first result with 4–7 ticks is kept). The axis starts at zero when `zero` is `.always`, or,
/// with `.whenNear` (the default), when every value is on one side of zero and the one nearest zero is at
/// most half the farthest (so showing zero costs at most half the height of the chart; series far from zero
/// keep a range that shows their movement, as ONS line charts do). A flat range is padded by 10% of its
/// value (or to 0…1 at zero); a missing or non-finite range becomes 0…1. Tick values are multiples of
/// `step` and cover the data to within 10^-9 of a step; `fractionDigits` is how many decimals their labels
/// need. Ranges no nice axis can show (beyond ±10^308, or subnormal) get ticks at their ends and middle.
public struct NiceScale: Sendable, Hashable {
    /// Whether the axis is stretched to include zero.
    public enum ZeroPolicy: Sendable, Hashable {
        case never, always, whenNear
    }

    /// The axis' ends: its first and last ticks.
    public let lower: Double
    public let upper: Double
    /// The distance between ticks: 1, 2 or 5 times a power of ten.
    public let step: Double
    /// The tick values, ascending.
    public let ticks: [Double]
    /// Decimals the tick labels need (0 for a step of 1 or more).
    public let fractionDigits: Int

    public init(minimum: Double, maximum: Double, zero: ZeroPolicy = .whenNear) {
        var lo = Swift.min(minimum, maximum)
        var hi = Swift.max(minimum, maximum)
        if !lo.isFinite || !hi.isFinite { (lo, hi) = (0, 1) }
        switch zero {
        case .never: break
        case .always: (lo, hi) = (Swift.min(lo, 0), Swift.max(hi, 0))
        case .whenNear:
            if lo >= 0, lo <= hi / 2 { lo = 0 }
            if hi <= 0, hi >= lo / 2 { hi = 0 }
        }
        if hi - lo <= Swift.max(Swift.abs(hi), Swift.abs(lo)) * 1e-12 {
            let pad = lo == 0 ? 1 : Swift.abs(lo) * 0.1
            if lo == 0 && zero != .never { hi = 1 } else { (lo, hi) = (lo - pad, hi + pad) }
            (lo, hi) = (Swift.max(lo, -Double.greatestFiniteMagnitude), Swift.min(hi, Double.greatestFiniteMagnitude))
        }
        // Heckbert's method runs on values between 10^-100 and 10^100 in magnitude, shifted by whole powers
        // of ten (by repeated multiplication, which stays finite where a power of ten would not).
        var shift = 0
        var (a, b) = (lo, hi)
        while Swift.max(Swift.abs(a), Swift.abs(b)) >= 1e100 { a /= 10; b /= 10; shift += 1 }
        while Swift.max(Swift.abs(a), Swift.abs(b)) < 1e-100 && (a != 0 || b != 0) { a *= 10; b *= 10; shift -= 1 }

        var best: (step: Double, exponent: Int, first: Double, last: Double)?
        for requested in [5, 6, 4, 7, 3, 8] {
            let candidate = Self.heckbert(a, b, ticks: requested)
            let count = candidate.last - candidate.first + 1
            if best == nil { best = candidate }
            if count >= 4 && count <= 7 {
                best = candidate
                break
            }
        }
        let chosen = best!
        var values: [Double] = []
        var k = chosen.first
        while k <= chosen.last && values.count < 12 {
            values.append(Self.shifted(k * chosen.step, by: shift))
            k += 1
        }
        let step = Self.shifted(chosen.step, by: shift)
        let increasing = zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
        if values.count >= 2, increasing, step > 0, step.isFinite, values.allSatisfy(\.isFinite) {
            ticks = values
            self.step = step
            fractionDigits = Swift.max(0, -(chosen.exponent + shift))
        } else {
            // Beyond what a nice axis can show (near ±1.8e308, or subnormal): the data's own ends and middle.
            let middle = lo / 2 + hi / 2
            ticks = lo < middle && middle < hi ? [lo, middle, hi] : [lo, hi]
            self.step = ticks[1] - ticks[0]
            fractionDigits = 0
        }
        lower = ticks.first!
        upper = ticks.last!
    }

    /// `x` × 10^`shift`, by repeated multiplication or division.
    static func shifted(_ x: Double, by shift: Int) -> Double {
        var y = x
        if shift > 0 { for _ in 0..<shift { y *= 10 } }
        if shift < 0 { for _ in 0..<(-shift) { y /= 10 } }
        return y
    }

    /// Heckbert's loose labelling for `ticks` requested ticks: the step (and its power of ten) and the first
    /// and last multiples of the step on the axis.
    static func heckbert(_ lo: Double, _ hi: Double, ticks: Int) -> (step: Double, exponent: Int, first: Double, last: Double) {
        let range = niceNumber(hi - lo, round: false).value
        let d = niceNumber(range / Double(ticks - 1), round: true)
        // A tolerance of 1e-9 steps keeps 0.3 / 0.1 = 2.9999999999999996 from adding a tick.
        let first = (lo / d.value + 1e-9).rounded(.down)
        let last = (hi / d.value - 1e-9).rounded(.up)
        return (d.value, d.exponent, first, Swift.max(first + 1, last))
    }

    /// Heckbert's `nicenum`: a nice number near `x` (> 0), rounded to the nearest of 1, 2, 5, 10 times a
    /// power of ten when `round`, or the smallest such number ≥ `x` otherwise; with the power of ten of
    /// the result's leading digit.
    static func niceNumber(_ x: Double, round: Bool) -> (value: Double, exponent: Int) {
        guard x > 0, x.isFinite else { return (1, 0) }
        var f = x
        var exponent = 0
        while f >= 10 { f /= 10; exponent += 1 }
        while f < 1 { f *= 10; exponent -= 1 }
        let nice: Double
        if round {
            nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
        } else {
            nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        }
        if nice == 10 { return (ChartNumberText.powerOfTen(exponent + 1), exponent + 1) }
        return (nice * ChartNumberText.powerOfTen(exponent), exponent)
    }
}
