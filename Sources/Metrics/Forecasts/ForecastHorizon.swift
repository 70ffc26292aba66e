internal import Foundation

/// The h periods after the last observation of a series, and their instants on the series' time axis.
///
/// Convention: the series keeps its own rhythm — the step is the spacing between its last two observed
/// periods, counted on the calendar grid (`Period.calendarPosition`: whole months, or whole days for dates),
/// so an annual series continues 2024, 2025, …, a monthly one 2024-01, 2024-02, …, and two endpoints 11
/// months apart continue 11 months at a time (statsmodels' reference forecasts in trend_cases.json use the
/// same rule on x). The instants are `Period.years(to:)` from the series' first observed period, exact for
/// months, quarters and financial years. Periods that cannot be stepped (school terms) still get instants,
/// last + k·(last − previous) on the time axis, but no `periods`.
///
/// The horizon stops at the last period within the years 0001 to 9999 (`Period.representableYears`): a
/// forecast never names a period whose label the reader would refuse (10000, or 9999-00, which ends in
/// March 10000). Then `times` and `periods` hold fewer than the steps asked for, and `stopReason` says why;
/// the verbs write the missing steps empty with that reason.
public struct ForecastHorizon: Sendable, Hashable {
    /// Instants of the forecast periods, in years since the first observed period.
    public let times: [Double]
    /// The forecast periods, or `nil` when the series' periods have no calendar step.
    public let periods: [Period]?
    /// How many steps were asked for (`times` may hold fewer: see `stopReason`).
    public let requestedSteps: Int
    /// Why the horizon ends before `requestedSteps`, or `nil` when it does not.
    public let stopReason: String?

    /// `observed`: the periods that hold values, in time order (at least two); `steps`: h ≥ 1.
    public init(observed: [Period], steps: Int) throws(ForecastError) {
        guard steps >= 1 else { throw .invalidArgument("the forecast horizon must be at least 1 period, got \(steps)") }
        guard observed.count >= 2, let origin = observed.first else {
            throw .tooFewObservations(count: observed.count, required: 2, method: "a forecast horizon")
        }
        requestedSteps = steps
        let last = observed[observed.count - 1]
        let previous = observed[observed.count - 2]
        /// The periods of a calendar rhythm up to the first that is not representable; `nil` when the rhythm
        /// cannot make a period of this kind at all.
        func stepped(_ next: (Int) -> Period?) -> (periods: [Period], stop: String?)? {
            var periods: [Period] = []
            periods.reserveCapacity(steps)
            for k in 1...steps {
                guard let period = next(k) else { return nil }
                guard period.isRepresentable else {
                    let after = periods.last ?? last
                    return (periods, "the forecast stops after \(after.label): later periods would fall outside the years 0001 to 9999 that period labels are written in")
                }
                periods.append(period)
            }
            return (periods, nil)
        }
        var found: (periods: [Period], stop: String?)? = nil
        // Dates on the same day of the month (31 March each year) continue by whole months.
        if last.kind == .date, previous.kind == .date {
            let (m0, d0) = Period.monthAndDay(dayOfYear: previous.fractionNumerator + 1, year: previous.year)
            let (m1, d1) = Period.monthAndDay(dayOfYear: last.fractionNumerator + 1, year: last.year)
            let months = (last.year * 12 + m1) - (previous.year * 12 + m0)
            if d0 == d1, months > 0 {
                found = stepped { k in
                    let index = last.year * 12 + (m1 - 1) + k * months
                    let (year, month) = (index / 12, index % 12 + 1)
                    return try? Period.date(year, month, d1, "")
                }
            }
        }
        if found == nil, let a = previous.calendarPosition, let b = last.calendarPosition, let step = a.distance(to: b) {
            found = stepped { last.stepped(by: step, times: $0) }
        }
        if let found {
            periods = found.periods
            stopReason = found.stop
            times = found.periods.map { origin.years(to: $0) }
            return
        }
        let lastTime = origin.years(to: last)
        let spacing = previous.years(to: last)
        periods = nil
        stopReason = nil
        times = (1...steps).map { lastTime + Double($0) * spacing }
    }

    /// A horizon on a plain time axis (no periods): last + k·(last − previous), k = 1…steps.
    public init(times observed: [Double], steps: Int) throws(ForecastError) {
        guard steps >= 1 else { throw .invalidArgument("the forecast horizon must be at least 1 period, got \(steps)") }
        guard observed.count >= 2 else {
            throw .tooFewObservations(count: observed.count, required: 2, method: "a forecast horizon")
        }
        let last = observed[observed.count - 1]
        let spacing = last - observed[observed.count - 2]
        periods = nil
        requestedSteps = steps
        stopReason = nil
        times = (1...steps).map { last + Double($0) * spacing }
    }
}
