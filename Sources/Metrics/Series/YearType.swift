/// What a two-year label such as `2020-21` means: a financial year (April–March, the default, as in local
/// government finance and most LAIT measures) or an academic year (September–August, as in school and
/// children's-services activity data). Set by `--year-type` or by a file's metadata.
public enum YearType: String, Sendable, Hashable, CaseIterable {
    case financial
    case academic

    /// How many months into calendar year Y the year labelled `Y-(Y+1)` starts: April = 3,
    /// September = 8 (SPEC.md's time axis: Y + 3/12, Y + 8/12).
    var startMonthOffset: Int {
        switch self {
        case .financial: 3
        case .academic: 8
        }
    }
}
