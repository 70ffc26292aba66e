/// Reading series from a file in any supported format: the one entry point the verbs use.
///
/// The format comes from `ReadOptions.format` or from the header: EES by its mandatory columns
/// (`time_period, time_identifier, geographic_level, country_code, country_name`), LAIT by
/// `measure_code, measure, period, area, old_la_code, region, value`, tidy by its period and value columns,
/// wide by column names that are periods. A header that fits none is a `DataError` that says what was expected.
///
/// Grouping (`ReadOptions.Grouping`): in the default automatic mode the file is streamed; if a series' rows
/// turn out not to be adjacent, `restart` is called (the caller forgets what it received) and the file is
/// read again gathering series in memory, and the report says so with advice on sorting.
public enum SeriesSource {
    /// Reads every series of `path`, calling `body` for each, and returns what was found.
    @discardableResult
    public static func read(
        path: String, options: ReadOptions = ReadOptions(), restart: () throws -> Void = {},
        _ body: (Series) throws -> Void
    ) throws -> ReadReport {
        var firstMode: SeriesAssembler.Mode = options.grouping == .grouping ? .grouping : .streaming
        // EES files are laid out time period first (every geography for 2021, then for 2022…), so their
        // series are never adjacent: gather them from the start rather than stream and read again.
        if options.grouping == .automatic, try isEES(path: path, options: options) { firstMode = .grouping }
        do {
            return try readOnce(path: path, options: options, mode: firstMode, body)
        } catch let split as SeriesNotAdjacent {
            let reopenable = try CSVReader(path: path).isRegularFile
            guard options.grouping == .automatic, reopenable else {
                throw DataError(SourceLocation(file: split.file, line: split.line, column: 1), split.advice)
            }
            try restart()
            var report = try readOnce(path: path, options: options, mode: .grouping, body)
            report.regrouped = split.advice
            return report
        }
    }

    private static func isEES(path: String, options: ReadOptions) throws -> Bool {
        if let format = options.format { return format == .ees }
        guard path != "-" else { return false }
        let csv = try CSVReader(path: path, blockSize: 1 << 16)
        // Peeking into a pipe (`/dev/stdin`, `<(zcat file.gz)`, a named pipe) would consume the bytes that the
        // real read needs: such an input is streamed as standard input is.
        guard csv.isRegularFile else { return false }
        guard try csv.nextRecord() else { return false }
        return (try? detect(header: try csv.strings(), options: options)) == .ees
    }

    private static func readOnce(
        path: String, options: ReadOptions, mode: SeriesAssembler.Mode, _ body: (Series) throws -> Void
    ) throws -> ReadReport {
        let reader = try open(path: path, options: options, mode: mode)
        while let series = try reader.nextSeries() { try body(series) }
        return reader.report
    }

    static func open(path: String, options: ReadOptions, mode: SeriesAssembler.Mode) throws -> any SeriesReader {
        let reader = try openOnce(path: path, options: options, mode: mode)
        if mode == .streaming, let rows = reader as? any RowSeriesReader {
            rows.assembler.keyMemoryBudget = options.keyMemoryBudget
        }
        if mode == .streaming, path != "-", let rows = reader as? any RowSeriesReader {
            // A regular file can be read again: its keys need not be remembered while they come in order.
            let reopenable = try CSVReader(path: path, blockSize: 4).isRegularFile
            if reopenable {
                rows.assembler.rescan = { visit in
                    var again = options
                    again.problemLimit = Int.max  // the rows skipped the first time are skipped again
                    let reader = try openOnce(path: path, options: again, mode: .streaming)
                    while let series = try reader.nextSeries() {
                        let first = series.observations.lazy.map(\.line).min() ?? 0
                        guard try visit(series.key, first) else { return }
                    }
                }
            }
        }
        return reader
    }

    private static func openOnce(path: String, options: ReadOptions, mode: SeriesAssembler.Mode) throws -> any SeriesReader {
        let csv = try CSVReader(path: path)
        guard try csv.nextRecord() else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "the file is empty: a header row is expected")
        }
        let header = try csv.strings()
        let format = try options.format ?? detect(header: header, options: options, file: csv.displayName)
        switch format {
        case .tidy:
            return try LongReader(csv: csv, header: header, format: .tidy, options: options, mode: mode)
        case .lait:
            return try LAITReader.make(csv: csv, header: header, options: options, mode: mode)
        case .wide:
            return try WideReader(csv: csv, header: header, options: options, mode: mode)
        case .ees:
            return try EESReader(csv: csv, header: header, options: options, mode: mode)
        }
    }

    /// The format a header announces.
    public static func detect(header: [String], options: ReadOptions = ReadOptions(), file: String = "") throws -> InputFormat {
        let names = Set(header.map { $0.trimmingSpaces().lowercased() })
        if EESReader.mandatoryColumns.allSatisfy(names.contains) { return .ees }
        if LAITReader.columns.allSatisfy(names.contains) { return .lait }
        if NumericColumns.columnIndex(of: options.periodColumn, in: header) != nil,
            NumericColumns.columnIndex(of: options.valueColumn, in: header) != nil
        {
            return .tidy
        }
        if header.filter({ (try? Period.parse($0)) != nil }).count >= 2 { return .wide }
        throw DataError(
            SourceLocation(file: file, line: 1, column: 1),
            "cannot tell the format from the header (\(header.prefix(8).map { "'\($0)'" }.joined(separator: ", "))\(header.count > 8 ? ", …" : "")): expected a tidy file with '\(options.periodColumn)' and '\(options.valueColumn)' columns, a wide file with periods as column names, an EES file (time_period, time_identifier, geographic_level, …) or a LAIT file (measure_code, measure, period, area, …)")
    }
}
