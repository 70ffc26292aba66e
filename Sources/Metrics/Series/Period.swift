/// A period as an analyst's file labels it, decoded to an instant and a span on the time axis.
///
/// The time axis is measured in years (SPEC.md), so slopes are per year and elapsed time is real:
/// a year Y starts at Y; a month at Y + (m − 1)/12; a quarter at Y + (q − 1)/4; a financial year starting in
/// April of Y at Y + 3/12; an academic year at Y + 8/12; a date at Y plus the fraction of its year elapsed
/// (day of year − 1)/(days in the year). August 2020 to July 2021 is therefore 11/12 of a year.
/// A period's `start` is its instant; `length` is its span (1 for a year, 1/12 for a month, 3 for a
/// three-year range, 0 for a date, which is a point in time).
/// The instant is held exactly, as a whole year plus a rational fraction of a year (7/12 for August), so
/// `years(to:)` and `instant` carry no rounding error from the year's magnitude: as one double,
/// 2020 + 7/12 is off by 2·10⁻¹³, which costs three digits in an 11-month difference.
public struct Period: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case year
        case financialYear
        case academicYear
        case quarter
        /// A quarter of a financial or academic year (`2020-21 Q1`: April–June 2020).
        case quarterOfYear(YearType)
        case month
        case date
        /// Several consecutive years (`2014-16`, `2013/14-15/16`), pooled or averaged; `of` tells whether the
        /// years are calendar years (`nil`) or financial/academic years.
        case yearRange(years: Int, of: YearType?)
        /// A term of the school year (EES `Autumn term` …).
        case term(Term)

        /// The same kind of period, for checking that a series does not mix kinds.
        public var family: String {
            switch self {
            case .year: "year"
            case .financialYear: "financial year"
            case .academicYear: "academic year"
            case .quarter: "quarter"
            case .quarterOfYear(let type): "\(type.rawValue) year quarter"
            case .month: "month"
            case .date: "date"
            case .yearRange(let years, let type): "\(years)-year range" + (type.map { " of \($0.rawValue) years" } ?? "")
            case .term: "term"
            }
        }
    }

    public let kind: Kind
    /// The calendar year in which the period starts.
    public let year: Int
    /// How far into `year` the period starts: `fractionNumerator / fractionDenominator` of a year.
    public let fractionNumerator: Int
    public let fractionDenominator: Int
    /// The span, in years.
    public let length: Double
    /// A revision or status note that came with the label: LAIT's `(OT)`, `(Rev)`, `(Final)`, `(prov)`.
    public var qualifier: String? { PeriodQualifier.text(qualifierNumber) }
    /// The note's number in `PeriodQualifier` (0 for none): a period is numbers only.
    private let qualifierNumber: UInt32

    /// Terms of the school year, as EES names them.
    public enum Term: String, Sendable, Hashable, CaseIterable {
        case autumn = "Autumn term"
        case spring = "Spring term"
        case summer = "Summer term"
        case autumnAndSpring = "Autumn and spring term"
    }

    public init(
        kind: Kind, year: Int, fraction: (numerator: Int, denominator: Int) = (0, 1), length: Double, qualifier: String? = nil
    ) {
        self.kind = kind
        self.year = year
        self.fractionNumerator = fraction.numerator
        self.fractionDenominator = fraction.denominator
        self.length = length
        qualifierNumber = qualifier.map(PeriodQualifier.number(for:)) ?? 0
    }

    /// The label in a canonical form (`2021`, `2020-21`, `2021-Q3`, `2020-21 Q1`, `2021-07`, `2021-03-31`,
    /// `2014-16`, `2013/14-15/16`, `2020-21 Autumn term`). Computed, not stored, so that a period is plain
    /// numbers and copying one costs nothing.
    ///
    /// Years are written with four digits (`0001-01-01`, `0999-Q4`), as `Period.parse` reads them, so every
    /// representable period's label (`isRepresentable`) parses back to the same period (with the same year
    /// type for two-year labels). A month whose number is the next year's last two digits is written with its
    /// name (`Dec 2011`: `2011-12` is the financial year). A range of calendar years writes its last year
    /// with two digits (`2014-16`) only when those cannot be read as something else — a month (`2010-12` is
    /// December 2010), the next year (a financial year) or a year of the next century (`1998-01`) — and with
    /// four otherwise (`2010-2012`).
    public var label: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let months = fractionNumerator * 12 / max(fractionDenominator, 1)
        let four = Period.fourDigits
        switch kind {
        case .year: return four(year)
        case .financialYear, .academicYear: return "\(four(year))-\(two((year + 1) % 100))"
        case .quarter: return "\(four(year))-Q\(fractionNumerator * 4 / max(fractionDenominator, 1) + 1)"
        case .quarterOfYear(let type): return "\(four(year))-\(two((year + 1) % 100)) Q\((months - type.startMonthOffset) / 3 + 1)"
        case .month:
            // `2011-12` reads as the financial year 2011-12, so that month is written `Dec 2011`.
            if months + 1 == (year + 1) % 100 { return "\(String(Period.monthNames[months].prefix(3)).capitalizedFirst) \(four(year))" }
            return "\(four(year))-\(two(months + 1))"
        case .date:
            let (m, d) = Period.monthAndDay(dayOfYear: fractionNumerator + 1, year: year)
            return "\(four(year))-\(two(m))-\(two(d))"
        case .yearRange(let years, let type):
            let last = year + years - 1
            if type != nil { return "\(four(year))/\(two((year + 1) % 100))-\(two(last % 100))/\(two((last + 1) % 100))" }
            let lastTwo = last % 100
            if lastTwo > year % 100, lastTwo != (year + 1) % 100, !(1...12).contains(lastTwo) { return "\(four(year))-\(two(lastTwo))" }
            return "\(four(year))-\(four(last))"
        case .term(let term):
            let first = namedYear
            return "\(four(first))-\(two((first + 1) % 100)) \(term.rawValue)"
        }
    }

    /// A year as labels write it: four digits, with leading zeros below 1000 (`0001`).
    static func fourDigits(_ year: Int) -> String {
        year >= 0 && year < 1000 ? String("000\(year)".suffix(4)) : String(year)
    }

    /// The years a period may lie in: those that four-digit labels name, 0001 to 9999.
    public static let representableYears: ClosedRange<Int> = 1...9999

    /// Whether the period lies within `representableYears`: its label names no year before 0001 (a financial
    /// or academic year, its quarters and its terms are named by their first year) and it ends by
    /// 31 December 9999 (so 9999-00, which ends in March 10000, is outside). Only such periods are read
    /// (`Period.parse`, `Period.ees`) and stepped to (`advanced(byMonths:)`, `advanced(byDays:)`), so every label
    /// the tool writes is one it reads back.
    public var isRepresentable: Bool {
        guard Period.representableYears.contains(year), Period.representableYears.contains(namedYear) else { return false }
        if case .date = kind { return true }
        guard fractionDenominator > 0, fractionNumerator >= 0, fractionNumerator < 4 * fractionDenominator,
            length.isFinite, length >= 0, length <= 200
        else { return false }
        let startMonth = year * 12 + fractionNumerator * 12 / fractionDenominator
        let lastMonth = startMonth + max(Int((length * 12).rounded()), 1) - 1
        return lastMonth / 12 <= Period.representableYears.upperBound
    }

    /// The first year the label names: the start year, except for a spring or summer term, which belongs to
    /// the academic year that began the September before.
    var namedYear: Int {
        guard case .term(let term) = kind else { return year }
        let months = fractionNumerator * 12 / max(fractionDenominator, 1)
        return months >= 8 && term != .spring && term != .summer ? year : year - 1
    }

    static func monthAndDay(dayOfYear: Int, year: Int) -> (Int, Int) {
        let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var day = dayOfYear
        for (m, length) in lengths.enumerated() {
            if day <= length { return (m + 1, day) }
            day -= length
        }
        return (12, 31)
    }

    /// The fraction of the year before the period starts.
    public var fraction: Double { Double(fractionNumerator) / Double(fractionDenominator) }
    /// The instant on the time axis, in years, as the nearest double.
    public var start: Double { Double(year) + fraction }
    /// The instant to double-double precision (exact to about 10⁻³⁰).
    public var instant: DoubleDouble { DoubleDouble(year) + DoubleDouble(fractionNumerator) / DoubleDouble(fractionDenominator) }
    public var end: Double { start + length }
    public var description: String { qualifierNumber == 0 ? label : "\(label) (\(qualifier!))" }

    /// Elapsed time from `self` to `other`, in years (positive when `other` is later), without the rounding
    /// of the years' magnitude.
    public func years(to other: Period) -> Double {
        Double(other.year - year) + (other.fraction - fraction)
    }

    /// The same period with a qualifier attached.
    func qualified(_ note: String) -> Period {
        Period(kind: kind, year: year, fraction: (fractionNumerator, fractionDenominator), length: length, qualifier: note)
    }

    public static func == (a: Period, b: Period) -> Bool {
        a.kind == b.kind && a.year == b.year && a.fractionNumerator * b.fractionDenominator == b.fractionNumerator * a.fractionDenominator
            && a.length == b.length && a.qualifierNumber == b.qualifierNumber
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        hasher.combine(fraction)  // equal fractions give the same correctly rounded double
        hasher.combine(length)
        hasher.combine(qualifierNumber)
    }
}

extension Period: Comparable {
    public static func < (a: Period, b: Period) -> Bool {
        let d = a.years(to: b)
        return d > 0 || (d == 0 && a.length < b.length)
    }
}
