/// Stepping a period along the calendar: the periods after the last one of a series, for forecasts.
///
/// Periods that start on a month boundary (years, financial and academic years, quarters, quarters of a
/// financial or academic year, months, year ranges) sit on a grid of whole months; dates sit on a grid of
/// whole days. Counting on those grids is exact, so "evenly spaced" and "the next period" need no
/// tolerance: 2021-Q4 + 3 months is 2022-Q1, 2020-21 + 12 months is 2021-22, 2021-03-31 + 7 days is
/// 2021-04-07. School terms are not evenly spaced and have no step. Stepping never leaves the years 0001 to
/// 9999 (`Period.representableYears`): a step that would is `nil`, so no period is made whose label the
/// reader would refuse.
extension Period {
    /// A period's place on a whole-number calendar grid.
    public enum CalendarPosition: Sendable, Hashable {
        /// Months since January of year 0 (2021-07 is 2021·12 + 6).
        case month(Int)
        /// Days since 1 January of year 1 (proleptic Gregorian calendar).
        case day(Int)
    }

    /// Where the period starts on the month grid (or, for a date, the day grid); `nil` for terms.
    public var calendarPosition: CalendarPosition? {
        switch kind {
        case .term: return nil
        case .date: return .day(Period.daysBefore(year: year) + fractionNumerator)
        default:
            guard fractionDenominator > 0, (fractionNumerator * 12) % fractionDenominator == 0 else { return nil }
            return .month(year * 12 + fractionNumerator * 12 / fractionDenominator)
        }
    }

    /// The period of the same kind and length that starts `months` months later (earlier when negative), or
    /// `nil` when that is not a period of this kind (a year moved by 5 months, a quarter by 1 month, a date,
    /// a term) or lies outside the years 0001 to 9999.
    public func advanced(byMonths months: Int) -> Period? {
        stepped(byMonths: months).flatMap { $0.isRepresentable ? $0 : nil }
    }

    /// `advanced(byMonths:)` without the check of the years (`ForecastHorizon` tells the two failures apart).
    func stepped(byMonths months: Int) -> Period? {
        guard months.magnitude <= 12 * 1_000_000 else { return nil }
        switch kind {
        case .year:
            guard months % 12 == 0, fractionNumerator == 0 else { return nil }
            return Period(kind: kind, year: year + months / 12, length: length, qualifier: nil)
        case .financialYear, .academicYear, .yearRange:
            guard months % 12 == 0 else { return nil }
            return Period(kind: kind, year: year + months / 12, fraction: (fractionNumerator, fractionDenominator), length: length)
        case .quarter:
            guard months % 3 == 0, fractionDenominator == 4 else { return nil }
            let quarters = year * 4 + fractionNumerator + months / 3
            return Period(kind: kind, year: floorDivision(quarters, 4), fraction: (positiveRemainder(quarters, 4), 4), length: length)
        case .quarterOfYear(let type):
            // Held as the start year of the financial/academic year and the months since January of it
            // (Q4 of 2020-21 is 2020 + 12/12), so step within that frame.
            guard months % 3 == 0, fractionDenominator == 12 else { return nil }
            let intoYear = fractionNumerator - type.startMonthOffset + months
            let shift = floorDivision(intoYear, 12)
            return Period(
                kind: kind, year: year + shift, fraction: (type.startMonthOffset + intoYear - 12 * shift, 12), length: length)
        case .month:
            guard fractionDenominator == 12 else { return nil }
            let total = year * 12 + fractionNumerator + months
            return Period(kind: kind, year: floorDivision(total, 12), fraction: (positiveRemainder(total, 12), 12), length: length)
        case .date, .term:
            return nil
        }
    }

    /// The date `days` days later (earlier when negative); `nil` for any other kind of period, or outside the
    /// years 0001 to 9999.
    public func advanced(byDays days: Int) -> Period? {
        stepped(byDays: days).flatMap { $0.isRepresentable ? $0 : nil }
    }

    /// `advanced(byDays:)` without the check of the years.
    func stepped(byDays days: Int) -> Period? {
        guard case .date = kind, days.magnitude <= 366 * 1_000_000 else { return nil }
        var y = year
        var dayOfYear = fractionNumerator + days  // 0-based
        while dayOfYear < 0 {
            y -= 1
            dayOfYear += Period.isLeap(y) ? 366 : 365
        }
        while dayOfYear >= (Period.isLeap(y) ? 366 : 365) {
            dayOfYear -= Period.isLeap(y) ? 366 : 365
            y += 1
        }
        return Period(kind: .date, year: y, fraction: (dayOfYear, Period.isLeap(y) ? 366 : 365), length: 0)
    }

    /// The period `steps` grid steps of the given size after this one: `step` is a difference of two
    /// `calendarPosition`s of the same case. Not checked against the years 0001 to 9999.
    func stepped(by step: CalendarPosition, times steps: Int) -> Period? {
        let (total, overflow) = step.count.multipliedReportingOverflow(by: steps)
        guard !overflow else { return nil }
        switch step {
        case .month: return stepped(byMonths: total)
        case .day: return stepped(byDays: total)
        }
    }

    /// Days from 1 January of year 1 to 1 January of `year` (proleptic Gregorian).
    static func daysBefore(year: Int) -> Int {
        let y = year - 1
        return 365 * y + floorDivision(y, 4) - floorDivision(y, 100) + floorDivision(y, 400)
    }
}

/// ⌊a / b⌋ for b > 0 (Swift's `/` truncates toward zero).
private func floorDivision(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

private func positiveRemainder(_ a: Int, _ b: Int) -> Int {
    let r = a % b
    return r < 0 ? r + b : r
}

extension Period.CalendarPosition {
    /// The number of months or days.
    var count: Int {
        switch self {
        case .month(let m): m
        case .day(let d): d
        }
    }

    /// The distance from `self` to `other` on the same grid, as a step (`nil` when the grids differ).
    func distance(to other: Period.CalendarPosition) -> Period.CalendarPosition? {
        switch (self, other) {
        case (.month(let a), .month(let b)): .month(b - a)
        case (.day(let a), .day(let b)): .day(b - a)
        default: nil
        }
    }
}

extension Period {
    /// Months in one regular step of this kind (a year, financial or academic year, or rolling year range
    /// steps by a year; a quarter by three months; a month by one); `nil` for dates and terms.
    var monthsPerStep: Int? {
        switch kind {
        case .year, .financialYear, .academicYear, .yearRange: 12
        case .quarter, .quarterOfYear: 3
        case .month: 1
        case .date, .term: nil
        }
    }

    /// The period `steps` regular steps later (earlier when negative), or `nil` for kinds without a regular
    /// step (for finding gaps in a series).
    public func advanced(by steps: Int) -> Period? {
        guard let monthsPerStep else { return nil }
        let (months, overflow) = monthsPerStep.multipliedReportingOverflow(by: steps)
        return overflow ? nil : advanced(byMonths: months)
    }

    /// How many regular steps from `self` to `other` (positive when `other` is later), or `nil` when the
    /// kinds differ, have no regular step, or `other` is not a whole number of steps away.
    public func steps(to other: Period) -> Int? {
        guard kind == other.kind, let monthsPerStep, case .month(let a)? = calendarPosition, case .month(let b)? = other.calendarPosition,
            (b - a) % monthsPerStep == 0
        else { return nil }
        return (b - a) / monthsPerStep
    }
}
