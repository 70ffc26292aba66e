/// The shared runner of the per-series model verbs (`its`, `forecast`, `changepoints`, `spc`): reads every
/// series of the inputs that the filter keeps, asks the model for its rows, and writes them after the
/// series' key fields in any output format.
///
/// A model that cannot say anything about a series (too few points, a reason of its own) returns a row with
/// empty numbers and the reason: thin data is not an error. Series are gathered in memory (these models
/// are run on hundreds of series, not millions) so that a model can also look at other series of the same
/// file, such as a control area. Output is written atomically, in input order, byte-identical between runs.
public struct SeriesModelRequest: Sendable {
    public var paths: [String]
    public var read: ReadOptions
    public var filter: SeriesFilter
    public var format: OutputFormat
    public var output: String?

    public init(paths: [String], read: ReadOptions = ReadOptions(), filter: SeriesFilter = SeriesFilter(), format: OutputFormat = .csv, output: String? = nil) {
        self.paths = paths
        self.read = read
        self.filter = filter
        self.format = format
        self.output = output
    }

    /// Every series of the inputs (all of them, not only those the filter keeps) and the filter's choice; a
    /// selection that names what the inputs do not hold is a `UsageError` (`SelectionCheck`).
    public func series() throws -> (all: [Series], chosen: [Series]) {
        let found = try seriesAndKeyColumns()
        return (found.all, found.chosen)
    }

    /// `series()`, and the first input's key columns (what the series would be named by, when it has none).
    func seriesAndKeyColumns() throws -> (all: [Series], chosen: [Series], keyColumns: [String]) {
        var all: [Series] = []
        var keyColumns: [String]?
        for path in paths {
            var fromFile: [Series] = []
            let report = try SeriesSource.read(path: path, options: read, restart: { fromFile.removeAll() }) { fromFile.append($0) }
            if keyColumns == nil { keyColumns = report.keyColumns }
            // Where each series came from, for the source line of its charts (`SourceLine`).
            let fileName = path == "-" ? nil : path.split(separator: "/").last.map(String.init)
            for i in fromFile.indices {
                fromFile[i].metadata.source = SourceLine.publisher(owner: fromFile[i].metadata.source, format: report.format)
                if fromFile[i].metadata.sourceFile == nil { fromFile[i].metadata.sourceFile = fileName }
            }
            all += fromFile
        }
        var selection = SelectionCheck(filter: filter)
        let chosen = all.filter { selection.observe($0) }
        try selection.verify(inputs: paths.joined(separator: ", "))
        return (all, chosen, keyColumns ?? [])
    }

    /// Runs `model` on each chosen series and writes its rows; returns how many series were modelled.
    /// Inputs that hold no series at all (a header only) give a result with no rows: thin data is not an
    /// error. A selection that names what the inputs do not hold is (`SelectionCheck`, a `UsageError`).
    @discardableResult
    public func run(columns: [String], model: (Series, [Series]) throws -> [[ResultTable.Cell]]) throws -> Int {
        let (all, chosen, keyColumns) = try seriesAndKeyColumns()
        let keyNames = chosen.first?.key.names ?? keyColumns
        var table = ResultTable(columns: keyNames + columns)
        table.decimalColumns = Self.decimalColumns
        for series in chosen {
            let keyCells: [ResultTable.Cell] = keyNames.map { .text(series.key[$0] ?? "") }
            // The published places, or (as the summary table and the charts do) the fewest, up to 3, that
            // show every observed value.
            let places = series.metadata.decimalPlaces ?? HumanNumber.decimals(for: series.observations.compactMap(\.value.number))
            for row in try model(series, all) {
                table.rows.append(keyCells + row)
                table.rowDecimals.append(places)
            }
        }
        let sink = try OutputSink(path: output)
        try sink.write(table.rendered(as: format))
        try sink.commit()
        return chosen.count
    }

    /// The columns of the model verbs' rows that are in the series' own scale, and the places they take in
    /// the table beyond the series' published decimal places: values, fitted and forecast values, limits and
    /// means as the source rounds them, standard errors and moving ranges one place finer.
    static let decimalColumns: [String: Int] = [
        "value": 0, "forecast": 0, "lower": 0, "upper": 0, "se": 1, "moving_average": 0, "moving_range": 1,
        "mean": 0, "lower_limit": 0, "upper_limit": 0, "mean_before": 0, "mean_after": 0,
    ]

    /// The series in `all` that is `series` for another area: the same key apart from its area fields (and
    /// geographic level), whose area code or name is `area`.
    public static func counterpart(of series: Series, area: String, in all: [Series]) -> Series? {
        let ignored = SeriesFilter.areaDimensions.union(["geographic_level", "region_code", "region_name"])
        func rest(_ key: SeriesKey) -> [String] {
            zip(key.names, key.values).filter { !ignored.contains($0.0.lowercased()) }.map { $0.0 + "=" + $0.1 }
        }
        let wanted = rest(series.key)
        let chooser = SeriesFilter(areas: [area])
        return all.first { $0.key != series.key && chooser.matches($0) && rest($0.key) == wanted }
    }
}
