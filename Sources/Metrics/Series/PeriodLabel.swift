/// A period as a reader read its label, with whether the label could be read as a month instead: `2000-01`
/// to `2011-12` name a financial (or academic) year and a month alike (`2009-10` is 2009-10 and October
/// 2009), while `2012-13` (no month 13), `1999-00` (no month 0) and `2000-02` (2000 is not followed by 2002)
/// can each be read one way only.
///
/// Such a label is read alone as the year; the reader then decides it by the others (`AmbiguousLabels`),
/// unless `--period-type` said (`PeriodType`):
/// 1. its series: a series holding a month (`2000-02`, `Feb 2000`) reads it as a month; one holding a
///    two-year label that is no month (`2012-13`) as a year;
/// 2. failing that (every label of the series could be either), its column as read so far: months if the
///    column has held months and no two-year labels, else years;
/// 3. failing that, a year, as DfE's and LAIT's files write years (`2009-10`, and only those two labels
///    in a column, is the financial year 2009-10; ONS and EES write months otherwise: `2009 OCT`, an EES
///    code with `time_identifier` `October`).
/// A series is decided when it is complete, so readers that stream still stream: the column's evidence is
/// what was read before the series ended.
public struct PeriodLabel: Sendable, Hashable {
    /// The period, read as the label alone says (a two-year label as the year).
    public let period: Period
    /// Whether the label could name a month instead (`monthReading`).
    public let couldBeMonth: Bool

    /// The month that a two-year label `Y-(Y+1)` names when read as `Y-MM`: January 2000 for `2000-01`.
    public static func monthReading(of period: Period) -> Period {
        let month = Period.month(period.year, (period.year + 1) % 100)
        return period.qualifier.map { month.qualified($0) } ?? month
    }

    /// Whether the period is one that a label could name as a year or as a month (with `couldBeMonth` set).
    static func isTwoYear(_ kind: Period.Kind) -> Bool {
        kind == .financialYear || kind == .academicYear
    }
}
