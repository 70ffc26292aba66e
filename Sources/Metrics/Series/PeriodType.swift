/// What kind of period a file's labels are, when the analyst says so (`--period-type`): the one way to read
/// a label that could be two things, and a check that every label is of that kind.
///
/// Without it, a label that could be two things is decided by the other labels of its series and column
/// (`PeriodLabel`): `2000-01` is the financial year 2000-01 in a column of `1999-00`, `2000-01`, `2001-02`,
/// and January 2000 in a column of `2000-01`, `2000-02`, `2000-03`.
///
/// - `year`: calendar years (`2021`) and ranges of them (`2014-16`); `2010-12` is then the range 2010 to
///   2012, never December 2010.
/// - `financial`, `academic`: two-year labels (`2020-21`), their quarters (`2020-21 Q1`) and ranges
///   (`2013/14-15/16`) as financial (April–March) or academic (September–August) years, and, for academic
///   years, EES terms; `2010-11` is then a year, never November 2010. They say what `--year-type` says, and
///   more: metadata that names another year type gives way to them.
/// - `month`: months (`2021-07`, `Jul 2021`); `2010-11` is then November 2010.
/// - `quarter`: quarters (`2021-Q3`, and the quarters of financial or academic years, `2020-21 Q1`).
/// - `date`: dates (`2021-03-31`).
/// A label of another kind is an error naming it.
public enum PeriodType: String, Sendable, Hashable, CaseIterable {
    case year
    case financial
    case academic
    case month
    case quarter
    case date

    /// The year type a two-year label takes under this period type, if it decides one.
    public var yearType: YearType? {
        switch self {
        case .financial: .financial
        case .academic: .academic
        default: nil
        }
    }

    /// Whether a period of `kind` is of this type.
    public func admits(_ kind: Period.Kind) -> Bool {
        switch (self, kind) {
        case (.year, .year), (.year, .yearRange(_, nil)): true
        case (.financial, .financialYear), (.financial, .quarterOfYear(.financial)), (.financial, .yearRange(_, .financial?)): true
        case (.academic, .academicYear), (.academic, .quarterOfYear(.academic)), (.academic, .yearRange(_, .academic?)), (.academic, .term): true
        case (.month, .month): true
        case (.quarter, .quarter), (.quarter, .quarterOfYear): true
        case (.date, .date): true
        default: false
        }
    }

    /// The kind in words, for messages: "a month".
    var noun: String {
        switch self {
        case .year: "a calendar year"
        case .financial: "a financial year"
        case .academic: "an academic year"
        case .month: "a month"
        case .quarter: "a quarter"
        case .date: "a date"
        }
    }
}
