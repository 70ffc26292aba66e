/// A series as Holt's method needs it: every value present from the first observed period to the last, and
/// the periods evenly spaced.
///
/// Conventions: missing values before the first or after the last observed value are left out (the series
/// starts and ends where its data do); a missing value in between is refused with its period and GSS
/// symbol, never filled in. Spacing is checked exactly on the calendar grid (whole months, or whole days for
/// dates: `Period.calendarPosition`; dates on the same day of the month step by months), so 2020-21, 2021-22 … and 2021-Q1, 2021-Q2 … are even while an
/// annual series with a year left out is not; periods without a grid position (school terms) are compared on
/// the time axis to 10⁻⁹ relative.
public struct EvenlySpacedSeries: Sendable {
    /// The values, first observed to last.
    public let values: [Double]
    /// The same values on their `ValueScale`, as the forecasts compute with them.
    public let scaledValues: [Double]
    /// The scale of `scaledValues`.
    public let scale: ValueScale
    /// Their periods.
    public let periods: [Period]
    /// Their instants in years since the first of them.
    public let times: [Double]

    public init(_ series: Series) throws(ForecastError) {
        let observations = series.observations
        guard let first = observations.firstIndex(where: { $0.value.number != nil }),
            let last = observations.lastIndex(where: { $0.value.number != nil })
        else { throw .tooFewObservations(count: 0, required: 2, method: "Holt's method") }
        var values: [Double] = []
        var periods: [Period] = []
        values.reserveCapacity(last - first + 1)
        periods.reserveCapacity(last - first + 1)
        for observation in observations[first...last] {
            switch observation.value {
            case .number(let x):
                guard x.isFinite else { throw .nonFiniteValue(index: values.count) }
                values.append(x)
                periods.append(observation.period)
            case .missing(let symbol):
                throw .missingValue(period: observation.period.label, symbol: symbol.symbol)
            }
        }
        try Self.checkSpacing(periods)
        let kept = observations[first...last]
        let scale = ValueScale(observations: kept)
        self.scale = scale
        scaledValues = kept.compactMap { scale.scaled($0) }
        self.values = values
        self.periods = periods
        let origin = periods[0]
        times = periods.map { origin.years(to: $0) }
    }

    private static func checkSpacing(_ periods: [Period]) throws(ForecastError) {
        guard periods.count >= 3 else { return }
        // Snapshots on the same day of the month (31 March each year) are even on the month grid, although
        // a leap year makes their day counts differ.
        if periods.allSatisfy({ $0.kind == .date }) {
            let dates = periods.map { Period.monthAndDay(dayOfYear: $0.fractionNumerator + 1, year: $0.year) }
            if Set(dates.map(\.1)).count == 1 {
                let months = zip(periods, dates).map { $0.0.year * 12 + $0.1.0 }
                let step = months[1] - months[0]
                for i in 2..<months.count where months[i] - months[i - 1] != step { throw .unevenSpacing(period: periods[i].label) }
                return
            }
        }
        if let a = periods[0].calendarPosition, let b = periods[1].calendarPosition, let step = a.distance(to: b) {
            for i in 2..<periods.count {
                guard let p = periods[i - 1].calendarPosition, let q = periods[i].calendarPosition, p.distance(to: q) == step else {
                    throw .unevenSpacing(period: periods[i].label)
                }
            }
            return
        }
        let step = periods[0].years(to: periods[1])
        for i in 2..<periods.count where Swift.abs(periods[i - 1].years(to: periods[i]) - step) > 1e-9 * Swift.abs(step) {
            throw .unevenSpacing(period: periods[i].label)
        }
    }
}
