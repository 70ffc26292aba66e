/// `--from` and `--to`: the part of each series to analyse, by period.
///
/// An observation is kept when its period begins no earlier than `from` begins and before `to` ends, so the
/// bounds read as an analyst says them: `--from 2018 --to 2021` keeps the months of 2018 to 2021, the
/// financial years 2018-19 to 2021-22 and the academic years 2018/19 to 2021/22 (each begins within those
/// four calendar years); `--from 2018-19` on financial years starts at 2018-19 itself. Either bound may be
/// left out. Missing values inside the window are kept (and counted as missing); those outside are dropped
/// with the rest. Comparisons use each period's place on SPEC.md's time axis (`Period.years(to:)`), with
/// 10⁻⁹ years (about 0.03 s) of tolerance for the rounding of month and day fractions.
public struct PeriodWindow: Sendable, Hashable {
    public var from: Period?
    public var to: Period?

    public init(from: Period? = nil, to: Period? = nil) {
        self.from = from
        self.to = to
    }

    public var isEmpty: Bool { from == nil && to == nil }

    /// Whether an observation of `period` lies in the window.
    public func contains(_ period: Period) -> Bool {
        if let from, from.years(to: period) < -1e-9 { return false }
        if let to, period.years(to: to) + to.length <= 1e-9 { return false }
        return true
    }

    /// `series` with only the observations in the window.
    public func trimmed(_ series: Series) -> Series {
        guard !isEmpty else { return series }
        var series = series
        series.observations.removeAll { !contains($0.period) }
        return series
    }
}
