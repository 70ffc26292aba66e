/// Moving averages of a regular series, for smoothing out noise before reading a trend.
///
/// Method: the arithmetic mean of the values in a window of `width` consecutive periods (Hyndman &
/// Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., §3.3). A trailing window ends at the
/// period (the last `width` periods, as published rolling averages are); a centred window has the period in
/// its middle and needs an odd width (a 2×k average is not offered). Periods step regularly
/// (`Period.advanced(by:)`); a period missing from the file counts as missing.
/// Conventions: a window with any missing value has no average (never a mean of fewer values, which would
/// mix windows of different lengths silently); the result has one entry per period from the first to the
/// last observation; the first `width − 1` (trailing) or `(width − 1)/2` at each end (centred) are `nil`.
/// The averages are taken on the values' `ValueScale` (so a window of values near 10³⁰⁸ does not overflow) and
/// given in the values' units.
public struct MovingAverage: Sendable {
    public enum Alignment: String, Sendable, Hashable, CaseIterable {
        case trailing, centred
    }

    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
    }

    public let periods: [Period]
    public let values: [Double?]
    public let averages: [Double?]

    public init(series: Series, width: Int, alignment: Alignment) throws(Problem) {
        guard width >= 1 else { throw Problem(description: "the window must hold at least one period") }
        if alignment == .centred, width % 2 == 0 {
            throw Problem(description: "a centred moving average needs an odd width (got \(width))")
        }
        let grid = try RegularGrid(series: series)
        periods = grid.periods
        values = grid.values
        var averages = [Double?](repeating: nil, count: values.count)
        let before = alignment == .trailing ? width - 1 : (width - 1) / 2
        let after = width - 1 - before
        if values.count >= width {
            for i in before..<(values.count - after) {
                var sum = 0.0
                var complete = true
                for j in (i - before)...(i + after) {
                    guard let v = grid.scaled[j] else { complete = false; break }
                    sum += v
                }
                if complete { averages[i] = grid.scale.level(sum / Double(width)) }
            }
        }
        self.averages = averages
    }
}

/// A series laid on its regular sequence of periods, from its first to its last observation, with `nil`
/// where a value is missing or the period is absent from the file; the values as read and on their
/// `ValueScale`.
struct RegularGrid: Sendable {
    let periods: [Period]
    let values: [Double?]
    /// The values on `scale`.
    let scaled: [Double?]
    /// The residuals of the values as read (`Series.Observation.residual`), 0 where there is none.
    let residuals: [Double]
    let scale: ValueScale
    /// The missing-value symbol of each missing entry (`nil` for a period absent from the file).
    let symbols: [MissingValue?]

    init(series: Series) throws(MovingAverage.Problem) {
        guard let first = series.observations.first?.period, let last = series.observations.last?.period else {
            throw MovingAverage.Problem(description: "the series has no observations")
        }
        guard let count = first.steps(to: last).map({ $0 + 1 }) else {
            throw MovingAverage.Problem(
                description: "\(first.kind.family) periods have no regular step (or the series mixes kinds): smoothing and gap filling need years, quarters or months")
        }
        guard count <= 10_000_000 else { throw MovingAverage.Problem(description: "the series spans too many periods (\(count))") }
        var values = [Double?](repeating: nil, count: count)
        var scaled = [Double?](repeating: nil, count: count)
        var residuals = [Double](repeating: 0, count: count)
        var symbols = [MissingValue?](repeating: nil, count: count)
        let scale = ValueScale(observations: series.observations)
        for observation in series.observations {
            guard let index = first.steps(to: observation.period) else {
                throw MovingAverage.Problem(description: "\(observation.period.label) is not a whole number of steps from \(first.label)")
            }
            switch observation.value {
            case .number(let x):
                values[index] = x
                scaled[index] = scale.scaled(x, residual: observation.residual)
                residuals[index] = observation.residual
            case .missing(let symbol): symbols[index] = symbol
            }
        }
        periods = (0..<count).map { first.advanced(by: $0)! }
        self.values = values
        self.scaled = scaled
        self.residuals = residuals
        self.scale = scale
        self.symbols = symbols
    }
}
