internal import Foundation

/// Filling missing periods inside a series, only when asked and always flagged.
///
/// Methods: linear interpolation on the time axis between the nearest values either side; or Steffen's
/// (1990) monotone cubic ("A simple method for monotonic interpolation in one dimension", Astron. Astrophys.
/// 239:443), through GSL's `gsl_interp_steffen`, which never overshoots the data, so a filled value never
/// lies outside the values around it (GSL Reference Manual §28.3).
/// Conventions: only gaps between the first and last observed values are filled (never extrapolation);
/// a gap is a missing-value symbol or a period absent from the regular sequence; suppressed values (`c`,
/// confidential) are not filled unless `fillSuppressed` is set, since their absence is deliberate; every
/// filled entry is marked with its method, and the original symbol is kept. Steffen needs 3 observed values
/// (with fewer it is an error, not a silent switch to linear). Interpolation runs on the values'
/// `ValueScale` and the filled values are given in the values' units.
public struct GapFilling: Sendable {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case linear, steffen
    }

    public struct Entry: Sendable, Hashable {
        public let period: Period
        public let value: Double?
        /// `nil` for an observed value; the method for a filled one.
        public let filledBy: Method?
        /// The missing-value symbol the file had (filled or not), `nil` for an absent period.
        public let symbol: MissingValue?
        /// An observed value's residual as read (`Series.Observation.residual`); 0 for a filled one.
        public var residual: Double = 0
    }

    public let entries: [Entry]
    public var filledCount: Int { entries.filter { $0.filledBy != nil }.count }

    public init(series: Series, method: Method, fillSuppressed: Bool = false) throws(MovingAverage.Problem) {
        let grid = try RegularGrid(series: series)
        let first = grid.periods[0]
        var knownTimes: [Double] = []
        var knownValues: [Double] = []
        for (i, value) in grid.scaled.enumerated() {
            if let value {
                knownTimes.append(first.years(to: grid.periods[i]))
                knownValues.append(value)
            }
        }
        func linear(_ t: Double) -> Double {
            // The last known time at or before t (knownTimes is increasing).
            var low = 0
            var high = knownTimes.count - 1
            while high - low > 1 {
                let mid = (low + high) / 2
                if knownTimes[mid] <= t { low = mid } else { high = mid }
            }
            let w = (t - knownTimes[low]) / (knownTimes[high] - knownTimes[low])
            return knownValues[low] + w * (knownValues[high] - knownValues[low])
        }
        var spline: SteffenSpline?
        if method == .steffen {
            guard knownValues.count >= 3 else {
                throw MovingAverage.Problem(description: "Steffen interpolation needs at least 3 observed values (\(knownValues.count) given)")
            }
            do throws(GSLError) { spline = try SteffenSpline(x: knownTimes, y: knownValues) } catch {
                throw MovingAverage.Problem(description: "Steffen interpolation failed: \(error)")
            }
        }
        func interpolate(_ t: Double) throws(MovingAverage.Problem) -> Double {
            guard let spline else { return linear(t) }
            do throws(GSLError) { return try spline.value(at: t) } catch {
                throw MovingAverage.Problem(description: "Steffen interpolation failed at \(t): \(error)")
            }
        }
        let firstKnown = knownTimes.first ?? 0
        let lastKnown = knownTimes.last ?? 0
        var entries: [Entry] = []
        for (i, period) in grid.periods.enumerated() {
            let symbol = grid.symbols[i]
            if let value = grid.values[i] {
                entries.append(Entry(period: period, value: value, filledBy: nil, symbol: nil, residual: grid.residuals[i]))
                continue
            }
            let t = first.years(to: period)
            let suppressed = symbol == .confidential && !fillSuppressed
            if knownTimes.count >= 2, t > firstKnown, t < lastKnown, !suppressed {
                entries.append(Entry(period: period, value: grid.scale.level(try interpolate(t)), filledBy: method, symbol: symbol))
            } else {
                entries.append(Entry(period: period, value: nil, filledBy: nil, symbol: symbol))
            }
        }
        self.entries = entries
    }
}
