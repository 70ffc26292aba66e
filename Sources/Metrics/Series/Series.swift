/// One indicator for one area (and breakdown) over time: the unit every measure works on.
///
/// Observations are in period order (readers sort them and refuse duplicate periods); a missing value keeps
/// its GSS symbol. `times` are the instants in years since the first period, exact to the last bit for
/// months, quarters and financial years (`Period.years(to:)`), so slopes are per year and intercepts are
/// the value at the first period.
public struct Series: Sendable {
    public enum Value: Sendable, Hashable {
        case number(Double)
        case missing(MissingValue)

        public var number: Double? {
            if case .number(let x) = self { return x }
            return nil
        }
    }

    public struct Observation: Sendable, Hashable {
        public let period: Period
        public let value: Value
        /// The input line the observation came from (0 when it did not come from a file).
        public let line: Int
        /// What the double in `value` leaves out of the number as written: the value read is
        /// `value.number + residual` to about 32 significant digits (`ValueText`), and 0 when the double
        /// holds it exactly (or the value is missing). `ValueScale` uses it when the doubles alone would
        /// misstate the differences between values (2⁵³ + 1 and 2⁵³ + 2 as doubles differ by 2, not 1).
        public let residual: Double

        public init(period: Period, value: Value, line: Int = 0, residual: Double = 0) {
            self.period = period
            self.value = value
            self.line = line
            self.residual = residual
        }

    }

    public let key: SeriesKey
    public var observations: [Observation]
    public var metadata: SeriesMetadata

    public init(key: SeriesKey, observations: [Observation], metadata: SeriesMetadata = SeriesMetadata()) {
        self.key = key
        self.observations = observations
        self.metadata = metadata
    }

    /// The observations that hold numbers as every measure computes with them: their elapsed years since the
    /// first of them (as `numericPoints`), their values on `scale` (`ValueScale`: z, of order one, with the
    /// residuals taken into account when the doubles alone would misstate the differences), and the scale,
    /// which takes each result back to the values' units.
    public var scaledPoints: (times: [Double], values: [Double], scale: ValueScale) {
        guard let origin = observations.first(where: { $0.value.number != nil })?.period else { return ([], [], .identity) }
        var times: [Double] = []
        var values: [Double] = []
        times.reserveCapacity(observations.count)
        values.reserveCapacity(observations.count)
        // One pass over the observations for the times, the doubles and the scale's extent; then the doubles
        // are scaled in place (or, when centred, taken again with their residuals).
        var extent = ValueScale.Extent()
        for observation in observations {
            if case .number(let x) = observation.value {
                times.append(origin.years(to: observation.period))
                values.append(x)
                extent.add(x, observation.residual)
            }
        }
        let scale = ValueScale(extent) { visit in
            for o in observations { if case .number(let x) = o.value { visit(x, o.residual) } }
        }
        if scale.isCentred {
            var i = 0
            for observation in observations {
                if case .number(let x) = observation.value {
                    values[i] = scale.scaled(x, residual: observation.residual)
                    i += 1
                }
            }
        } else {
            let (f0, f1) = scale.down
            values.withUnsafeMutableBufferPointer { z in
                for i in z.indices { z[i] = z[i] * f0 * f1 }  // scale.scaled(z[i]), without the branch per value
            }
        }
        return (times, values, scale)
    }

    /// The observations that hold numbers: their elapsed years since the first of them (the summary's time
    /// origin, so every intercept is the value at the first period's instant) and their values as doubles
    /// (on their own scale; the measures use `scaledPoints`).
    public var numericPoints: (times: [Double], values: [Double]) {
        guard let origin = observations.first(where: { $0.value.number != nil })?.period else { return ([], []) }
        var times: [Double] = []
        var values: [Double] = []
        times.reserveCapacity(observations.count)
        values.reserveCapacity(observations.count)
        for observation in observations {
            if case .number(let x) = observation.value {
                times.append(origin.years(to: observation.period))
                values.append(x)
            }
        }
        return (times, values)
    }
}
