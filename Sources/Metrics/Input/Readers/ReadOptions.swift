/// How to read an input file into series.
public struct ReadOptions: Sendable {
    /// How rows become series when a series' rows are not next to each other.
    public enum Grouping: Sendable, Hashable {
        /// Stream, and if a series turns out to be split, read the file again gathering series in memory
        /// (standard input cannot be read again: it is an error with advice on sorting).
        case automatic
        /// Stream only: a split series is an error.
        case streaming
        /// Gather every series in memory first (memory proportional to the data).
        case grouping
    }

    /// The format, or `nil` to detect it from the header.
    public var format: InputFormat?
    /// Tidy files: the period and value columns.
    public var periodColumn: String
    public var valueColumn: String
    /// Tidy files: the key columns, or `nil` for every column that has no other role.
    public var keyColumns: [String]?
    /// What two-year labels mean when the file's metadata does not say.
    public var yearType: YearType?
    /// What kind of period every label is (`--period-type`), deciding a label that names a year and a month
    /// alike; `nil` to decide such labels by the others (`PeriodLabel`). Its year type, if it has one, wins
    /// over `yearType` and metadata.
    public var periodType: PeriodType?
    public var grouping: Grouping
    /// EES: the companion `.meta.csv` (default: beside the data file); LAIT: the data dictionary.
    public var metadataPath: String?
    /// Validation: report row problems and go on, instead of stopping at the first.
    public var collectProblems: Bool
    /// The most problems to collect before stopping.
    public var problemLimit: Int
    /// Streaming: how many finished series' fingerprints are kept in memory before the rest go to disk
    /// (`SeenKeys`); tests lower it.
    var keyMemoryBudget = 1 << 18

    public init(
        format: InputFormat? = nil, periodColumn: String = "period", valueColumn: String = "value",
        keyColumns: [String]? = nil, yearType: YearType? = nil, periodType: PeriodType? = nil, grouping: Grouping = .automatic,
        metadataPath: String? = nil, collectProblems: Bool = false, problemLimit: Int = 1000
    ) {
        self.format = format
        self.periodColumn = periodColumn
        self.valueColumn = valueColumn
        self.keyColumns = keyColumns
        self.yearType = yearType
        self.periodType = periodType
        self.grouping = grouping
        self.metadataPath = metadataPath
        self.collectProblems = collectProblems
        self.problemLimit = problemLimit
    }
}

/// The input formats the readers know (SPEC.md, "Inputs").
public enum InputFormat: String, Sendable, Hashable, CaseIterable {
    /// One row per observation: key columns, `period`, `value`.
    case tidy
    /// One row per series, one column per period.
    case wide
    /// DfE Explore Education Statistics open data: one row per geography, filters and time; one column per
    /// indicator.
    case ees
    /// DfE LAIT long data: `measure_code,measure,period,area,old_la_code,region,value`.
    case lait
}
