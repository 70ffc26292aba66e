/// How a reader decides the labels that name a year and a month alike (`2009-10`: `PeriodLabel` has the
/// rule): by the other labels of the series, then by the column as read so far, then as years.
///
/// A series' verdict is taken from its first label that can be read one way only; until then its labels that
/// could be either are kept as years, and a month arriving reads them again as months (`readAsMonths`). At
/// the series' end an undecided series follows the column. The cost on the reader's path is one comparison
/// per row once a series is decided.
struct AmbiguousLabels {
    enum Verdict: UInt8, Sendable {
        case undecided
        case months
        case years
    }

    /// Whether a series of the column has been decided as months, or as years, so far.
    private var columnHeldMonths = false
    private var columnHeldYears = false

    /// What a series whose own labels could all be either follows: months when the column has held months
    /// and no two-year labels.
    var columnVerdict: Verdict { columnHeldMonths && !columnHeldYears ? .months : .years }

    /// Takes in one observation of a series with verdict `verdict`: a label that could be a month is read as
    /// one in a series of months; a label that can be read one way only decides an undecided series. Returns
    /// true when the series' earlier labels are to be read again as months.
    @inline(__always)
    mutating func admit(_ observation: inout Series.Observation, couldBeMonth: Bool, verdict: inout Verdict) -> Bool {
        if couldBeMonth {
            if verdict == .months { observation = Self.asMonth(observation) }
            return false
        }
        guard verdict == .undecided else { return false }
        switch observation.period.kind {
        case .month:
            verdict = .months
            columnHeldMonths = true
            return true
        case .financialYear, .academicYear:
            verdict = .years
            columnHeldYears = true
        default: break
        }
        return false
    }

    /// The two-year observations of an undecided series (each from a label that could be a month: any other
    /// would have decided it) read as months.
    static func readAsMonths(_ observations: inout [Series.Observation]) {
        for i in observations.indices where PeriodLabel.isTwoYear(observations[i].period.kind) {
            observations[i] = asMonth(observations[i])
        }
    }

    private static func asMonth(_ o: Series.Observation) -> Series.Observation {
        Series.Observation(period: PeriodLabel.monthReading(of: o.period), value: o.value, line: o.line, residual: o.residual)
    }
}
