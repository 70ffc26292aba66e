/// Stepping through regular periods: the next month, quarter or year, for finding gaps and for the periods
/// of a forecast.
///
/// A year, financial or academic year, or year range steps by a year (rolling three-year ranges step by one
/// year, as LAIT publishes them: 2014-16, 2015-17…); a quarter by three months; a month by one. Dates and
/// terms have no regular step (`nil`).
extension Period {
    /// The period `steps` later (earlier when negative), or `nil` for kinds without a regular step.
    public func advanced(by steps: Int) -> Period? {
        switch kind {
        case .year, .financialYear, .academicYear, .yearRange:
            return Period(kind: kind, year: year + steps, fraction: (fractionNumerator, fractionDenominator), length: length)
        case .quarterOfYear(let type):
            // Keep the financial or academic year's frame: Q4 of 2020-21 starts 12/12 into 2020.
            let offset = type.startMonthOffset
            let relative = fractionNumerator * 12 / fractionDenominator - offset + steps * 3
            let yearShift = relative >= 0 ? relative / 12 : -((-relative + 11) / 12)
            let within = relative - yearShift * 12
            return Period(kind: kind, year: year + yearShift, fraction: (offset + within, 12), length: length)
        case .quarter, .month:
            let monthsPerStep = kind == .month ? 1 : 3
            let month = fractionNumerator * 12 / fractionDenominator + steps * monthsPerStep
            let yearShift = month >= 0 ? month / 12 : -((-month + 11) / 12)
            let within = month - yearShift * 12
            let fraction = kind == .quarter ? (within / 3, 4) : (within, 12)
            return Period(kind: kind, year: year + yearShift, fraction: fraction, length: length)
        case .date, .term:
            return nil
        }
    }

    /// How many regular steps from `self` to `other` (positive when `other` is later), or `nil` when the
    /// kinds differ, have no regular step, or `other` is not a whole number of steps away.
    public func steps(to other: Period) -> Int? {
        guard kind == other.kind, advanced(by: 1) != nil else { return nil }
        let stepYears: Double = switch kind {
        case .month: 1.0 / 12
        case .quarter, .quarterOfYear: 0.25
        default: 1
        }
        let steps = (years(to: other) / stepYears).rounded()
        guard let candidate = advanced(by: Int(steps)), candidate == other else { return nil }
        return Int(steps)
    }
}
