/// `metrics stream`: tidy rows in, one summary row per series out, as a script that a distributed engine
/// runs on each partition (Spark SQL's `TRANSFORM … USING`, Hadoop Streaming).
///
/// Input: headerless rows on standard input (or a file), tab-separated by default (`StreamingText` has the
/// conventions: TAB between fields, LF after each row, `\N` for NULL) or RFC 4180 CSV. The columns are
/// named by `columns` (the tidy reader's roles: `period`, `value`, optional `unit`, `polarity`, …; every
/// other column is key), or by the first line when `columns` is `nil`. Each series' rows must be adjacent
/// (`StreamingSeriesReader`); within a series they may come in any period order.
///
/// Output: one row per series as soon as its last row has been read, in input order: the key fields, then
/// SPEC.md's summary fields in order (`SeriesSummary.fieldNames`), then the measures asked for beyond them,
/// then `unit`, `polarity` and `reasons`, exactly the columns of `metrics summarize --format csv`.
/// - `.tsv`: TAB-separated, LF-terminated, a missing measure (and a missing unit or period) as `\N`, which
///   Spark reads back as NULL; text escaped as `StreamingText.escape` says; no spreadsheet neutralising.
/// - `.csv`: exactly `metrics summarize --format csv`'s records (`SummaryFormat`).
/// A header row is written before the first record when `header` is set; empty input writes nothing at all.
///
/// Memory is constant in the number of series: one series is held at a time. Errors in the input are
/// `DataError`s at `FILE:LINE:COLUMN` and stop the run; a series whose summary fails numerically is listed in
/// `Outcome.failures` and the others are still written. The library never prints: text goes to `write`.
public struct StreamingSummary: Sendable {
    /// How input fields are separated.
    public enum Delimiter: String, Sendable, Hashable, CaseIterable {
        /// Hadoop Streaming / Spark `ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'` text.
        case tab
        /// RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks).
        case csv
    }

    /// How output rows are written.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case tsv
        case csv
    }

    /// `-` for standard input.
    public var input: String
    /// The input's column names, or `nil` when its first line names them.
    public var columns: [String]?
    public var delimiter: Delimiter
    /// Tab-separated input escapes backslash, TAB, LF and CR as `\\`, `\t`, `\n`, `\r` (Spark sends text
    /// unescaped: leave this off for Spark unless the query escapes key text itself).
    public var escapedInput: Bool
    /// The period and value column names and what two-year labels mean (the other fields are not used).
    public var read: ReadOptions
    public var summarizer: Summarizer
    public var format: Format
    /// Write a header row before the first record.
    public var header: Bool

    public init(
        input: String = "-", columns: [String]?, delimiter: Delimiter = .tab, escapedInput: Bool = false,
        read: ReadOptions = ReadOptions(), summarizer: Summarizer = Summarizer(), format: Format = .tsv,
        header: Bool = false
    ) {
        self.input = input
        self.columns = columns
        self.delimiter = delimiter
        self.escapedInput = escapedInput
        self.read = read
        self.summarizer = summarizer
        self.format = format
        self.header = header
    }

    /// A series that could not be summarised, or an analysis that failed for it (a numerical failure); the
    /// others were written.
    public struct Failure: Sendable {
        public let key: SeriesKey
        public let message: String
    }

    public struct Outcome: Sendable {
        /// Series written.
        public var series = 0
        /// Input rows read (blank lines and a header line not counted).
        public var rows = 0
        public var failures: [Failure] = []
    }

    /// Reads the input to its end, calling `write` with each output row (and the header first, if asked).
    public func run(write: (String) throws -> Void) throws -> Outcome {
        switch delimiter {
        case .tab:
            let records = try TabSeparatedReader(path: input, escaped: escapedInput)
            return try run(records, write: write)
        case .csv:
            return try run(try CSVReader(path: input), write: write)
        }
    }

    private func run<Records: FieldRecords>(_ records: Records, write: (String) throws -> Void) throws -> Outcome {
        var outcome = Outcome()
        let names: [String]
        if let columns {
            names = columns
        } else {
            guard try records.nextRecord() else { return outcome }  // empty input: nothing to do
            var header: [String] = []
            for i in 0..<records.fieldCount {
                header.append(try records.withField(i) { String(decoding: $0, as: UTF8.self) }.trimmingSpaces())
            }
            names = header
        }
        let reader = try StreamingSeriesReader(records: records, columns: names, options: read)
        let additionalNames = summarizer.additional.fieldNames
        let csv = SummaryFormat(format: .csv, keyNames: reader.keyNames, additionalNames: additionalNames)
        var wroteHeader = !header
        while let series = try reader.nextSeries() {
            if !wroteHeader {
                wroteHeader = true
                switch format {
                case .csv: try write(csv.header())
                case .tsv: try write(StreamingSummary.tsvHeader(keyNames: reader.keyNames, additionalNames: additionalNames))
                }
            }
            let summary: SeriesSummary
            do throws(GSLError) {
                summary = try summarizer.summarize(series)
            } catch {
                outcome.failures.append(Failure(key: series.key, message: error.description))
                continue
            }
            switch format {
            case .csv: try write(csv.recordBody(summary))
            case .tsv: try write(StreamingSummary.tsvRecord(summary))
            }
            for failure in summary.failures {
                outcome.failures.append(Failure(key: series.key, message: "\(failure.analysis): \(failure.message)"))
            }
            outcome.series += 1
        }
        outcome.rows = reader.rows
        return outcome
    }

    /// The TSV header: the CSV header's names, escaped.
    public static func tsvHeader(keyNames: [String], additionalNames: [String] = []) -> String {
        let names = keyNames + SeriesSummary.fieldNames + additionalNames + ["unit", "polarity", "reasons"]
        return names.map(StreamingText.escape).joined(separator: "\t") + "\n"
    }

    /// One TSV record, ending in LF: the fields of `SummaryFormat`'s CSV record, `\N` where that has an
    /// empty measure, unit or period, text escaped.
    public static func tsvRecord(_ s: SeriesSummary) -> String {
        SummaryFormat.delimitedRecord(s, encoding: TabSeparatedFields.self)
    }
}

/// Hadoop Streaming's fields: tabs between, `\N` for absent values, text escaped (`StreamingText`).
enum TabSeparatedFields: SummaryFieldEncoding {
    static let separator: UInt8 = 0x09
    static func appendText(_ value: String, to out: RecordBytes) { out.append(StreamingText.escape(value)) }
    static func appendOptionalText(_ value: String?, to out: RecordBytes) { out.append(StreamingText.field(value)) }
    static func appendNumber(_ value: Double?, to out: RecordBytes) { out.append(StreamingText.number(value)) }
    static func appendReasons(_ reasons: [(field: String, reason: String)], to out: RecordBytes) {
        appendReasons(reasons, to: out) { !StreamingText.needsEscaping(utf8: $0) }
    }
}
