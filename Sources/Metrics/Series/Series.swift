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

        public init(period: Period, value: Value, line: Int = 0) {
            self.period = period
            self.value = value
            self.line = line
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

    /// The observations that hold numbers: their elapsed years since the first of them (the summary's time
    /// origin, so every intercept is the value at the first period's instant) and their values.
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
