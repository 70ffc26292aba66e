import Foundation
@testable import Metrics
import Testing

/// `StreamingSummary` and its tab-separated text: the Hadoop Streaming / Spark `TRANSFORM` contract.
struct StreamingSummaryTests {
    static func file(_ text: String, name: String = "rows.tsv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs a request over `text` and returns what it wrote.
    static func run(_ text: String, _ request: StreamingSummary) throws -> (output: String, outcome: StreamingSummary.Outcome) {
        var request = request
        request.input = try file(text)
        var output = ""
        let outcome = try request.run { output += $0 }
        return (output, outcome)
    }

    /// Every field of every record of a tab-separated reader, decoded (`nil` for NULL).
    static func fields(of path: String, escaped: Bool) throws -> [[String?]] {
        let reader = try TabSeparatedReader(path: path, escaped: escaped)
        var rows: [[String?]] = []
        while try reader.nextRecord() {
            var row: [String?] = []
            for i in 0..<reader.fieldCount {
                row.append(reader.isNull(i) ? nil : try reader.withField(i) { String(decoding: $0, as: UTF8.self) })
            }
            rows.append(row)
        }
        return rows
    }

    static let tricky = [
        "Durham, County", "\"Quoted\" name", "tab\there", "new\nline", "carriage\rreturn", "back\\slash",
        "\\N", "\\\\N", "ends with backslash\\", "\\t is not a tab", "", "Ynys Môn — Anglesey", "a,\"b\"\t\\\n\r,c",
    ]

    // MARK: Text

    @Test("escaping leaves no TAB, LF or CR and round-trips through the escaped reader exactly")
    func escapingRoundTrip() throws {
        let line = Self.tricky.map(StreamingText.escape).joined(separator: "\t") + "\t" + StreamingText.null + "\n"
        #expect(!line.dropLast().contains("\n") && !line.contains("\r"))
        #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == Self.tricky.count + 1)
        let rows = try Self.fields(of: try Self.file(line + line), escaped: true)
        #expect(rows.count == 2)
        let expected: [String?] = Self.tricky + [nil]
        #expect(rows[0] == expected && rows[1] == expected)
    }

    @Test("text without backslash, TAB, LF or CR is written as it is: commas and quotes need nothing")
    func plainTextUnchanged() {
        for text in ["Durham, County", "\"Quoted\" name", "=SUM(A1)", "Ynys Môn", "", "N"] {
            #expect(StreamingText.escape(text) == text)
        }
        #expect(StreamingText.escape("a\\b\tc\nd\re") == #"a\\b\tc\nd\re"#)
        #expect(StreamingText.escape("\\N") == #"\\N"#, "the text \\N is not NULL")
        #expect(StreamingText.field(nil) == #"\N"#)
        #expect(StreamingText.number(nil) == #"\N"# && StreamingText.number(.nan) == #"\N"#)
        #expect(StreamingText.number(14.700000000000001) == "14.700000000000001" && StreamingText.number(-3) == "-3")
    }

    @Test("unescaped input (what Spark sends) keeps backslashes; \\N alone is NULL; CRLF and a BOM are fine")
    func rawInput() throws {
        let path = try Self.file("\u{FEFF}a\\tb\tC:\\new\t\\N\t\\\\N\r\n\n\nlast\t\tx\\\t\\N")
        let rows = try Self.fields(of: path, escaped: false)
        #expect(rows == [["a\\tb", "C:\\new", nil, "\\\\N"], ["last", "", "x\\", nil]])
    }

    @Test("escaped input: an unknown escape is an error at its line and column")
    func badEscape() throws {
        let path = try Self.file("ok\tfine\nok\tC:\\x\n")
        #expect {
            _ = try Self.fields(of: path, escaped: true)
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.location.line == 2 && error.location.column == 6 && error.message.contains("'\\x'")
        }
    }

    // MARK: Summaries

    static let columns = ["area_code", "area_name", "indicator", "period", "value"]

    static let rows = """
        E06000047\tDurham, County\tcla\t2018\t10
        E06000047\tDurham, County\tcla\t2019\t12
        E06000047\tDurham, County\tcla\t2020\t\\N
        E06000047\tDurham, County\tcla\t2021\t15
        E06000047\tDurham, County\tcla\t2022\t19
        E06000002\t"Quoted" back\\slash\tcla\t2020\t5
        E06000002\t"Quoted" back\\slash\tcla\t2018\t7
        E06000002\t"Quoted" back\\slash\tcla\t2019\tc

        """

    @Test("one row per series in input order; keys with commas, quotes and backslashes come back exactly")
    func summaries() throws {
        let (output, outcome) = try Self.run(Self.rows, StreamingSummary(columns: Self.columns))
        #expect(outcome.series == 2 && outcome.rows == 8 && outcome.failures.isEmpty)
        let path = try Self.file(output)
        let records = try Self.fields(of: path, escaped: true)
        #expect(records.count == 2)
        let width = 3 + SeriesSummary.fieldNames.count + 3
        #expect(records.allSatisfy { $0.count == width })
        #expect(records[0][0...2] == ["E06000047", "Durham, County", "cla"])
        #expect(records[1][0...2] == ["E06000002", "\"Quoted\" back\\slash", "cla"])
        // n, n_missing, first_period, last_period: the second series' periods came out of order.
        #expect(records[0][3...6] == ["4", "1", "2018", "2022"])
        #expect(records[1][3...6] == ["2", "1", "2018", "2020"])
        // A measure that cannot be computed is NULL; pp_change has no value for a count.
        let pp = 3 + SeriesSummary.fieldNames.firstIndex(of: "pp_change")!
        #expect(records[0][pp] == nil)
        // No unit declared: whole numbers ≥ 0 are taken as a count (`UnitInference`), noted in reasons.
        #expect(records[0][width - 3] == "count", "the unit inferred from the values")
        #expect(records[0][width - 2] == "none")
    }

    @Test("tsv and csv carry the same values, and csv is summarize's CSV byte for byte")
    func formatsAgree() throws {
        let (tsv, _) = try Self.run(Self.rows, StreamingSummary(columns: Self.columns, header: true))
        let (csv, _) = try Self.run(Self.rows, StreamingSummary(columns: Self.columns, format: .csv, header: true))
        // The same data as a tidy CSV file through `summarize`'s own path.
        var tidy = "area_code,area_name,indicator,period,value\n"
        for line in Self.rows.split(separator: "\n") {
            tidy += line.split(separator: "\t", omittingEmptySubsequences: false).map { field -> String in
                let text = field == "\\N" ? "" : String(field)
                return text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            }.joined(separator: ",") + "\n"
        }
        var summarized = ""
        let summaries = try ReaderTests.read(try Self.file(tidy, name: "tidy.csv")).series.map { try Summarizer().summarize($0) }
        let format = SummaryFormat(format: .csv, keyNames: ["area_code", "area_name", "indicator"])
        summarized += format.header()
        for s in summaries { summarized += format.recordBody(s) }
        #expect(csv == summarized)

        let tsvRows = try Self.fields(of: try Self.file(tsv), escaped: true)
        let csvReader = try CSVReader(path: try Self.file(csv))
        var csvRows: [[String]] = []
        while try csvReader.nextRecord() { csvRows.append(try csvReader.strings()) }
        #expect(tsvRows.count == csvRows.count && tsvRows.count == 3)
        for (t, c) in zip(tsvRows, csvRows) {
            #expect(t.map { $0 ?? "" } == c)
        }
    }

    @Test("--header input: the first line names the columns; unit and polarity columns are metadata")
    func headerInput() throws {
        let text = "indicator\tperiod\tvalue\tunit\tpolarity\nagency\t2019\t10%\t\\N\tlower\nagency\t2020\t12%\t\\N\tlower\nagency\t2021\t15%\t\\N\tlower\n"
        let (output, _) = try Self.run(text, StreamingSummary(columns: nil, summarizer: Summarizer(), header: true))
        let records = try Self.fields(of: try Self.file(output), escaped: true)
        #expect(records.count == 2)
        #expect(records[0].first == "indicator" && records[0].suffix(3) == ["unit", "polarity", "reasons"])
        #expect(records[1].suffix(3).prefix(2) == ["percent", "lower_is_better"])
        let pp = 1 + SeriesSummary.fieldNames.firstIndex(of: "pp_change")!
        #expect(records[1][pp] == "5")
    }

    @Test("empty input (or only blank lines) writes nothing, not even a header")
    func emptyInput() throws {
        for text in ["", "\n\n", "\r\n"] {
            let (output, outcome) = try Self.run(text, StreamingSummary(columns: Self.columns, header: true))
            #expect(output.isEmpty && outcome.series == 0 && outcome.rows == 0)
            let (headerless, _) = try Self.run(text, StreamingSummary(columns: nil))
            #expect(headerless.isEmpty)
        }
    }

    @Test("a series whose rows come back later is an error at that line, never merged")
    func notAdjacent() throws {
        let text = "a\t2019\t1\na\t2020\t2\nb\t2019\t1\na\t2021\t3\n"
        var written = ""
        #expect {
            var request = StreamingSummary(columns: ["k", "period", "value"])
            request.input = try Self.file(text)
            _ = try request.run { written += $0 }
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.location.line == 4 && error.message.contains("not adjacent") && error.message.contains("DISTRIBUTE BY")
        }
        // Unsorted but grouped series are fine.
        let (output, outcome) = try Self.run("b\t2019\t1\nb\t2020\t2\na\t2019\t1\nc\t2020\t5\n", StreamingSummary(columns: ["k", "period", "value"]))
        #expect(outcome.series == 3 && output.split(separator: "\n").map { $0.prefix(2) } == ["b\t", "a\t", "c\t"])
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let label: String
        let text: String
        let line: Int
        let column: Int
        let words: String
        var testDescription: String { label }
    }

    static let malformed: [Malformed] = [
        Malformed(label: "too few fields", text: "a\t2019\t1\na\t2020\n", line: 2, column: 1, words: "2 field(s) but 3 columns"),
        Malformed(label: "too many fields (a TAB inside a key)", text: "a\t2019\t1\na\tb\t2020\t1\n", line: 2, column: 1, words: "4 field(s)"),
        Malformed(label: "Spark's default \\001 separator", text: "a\u{1}2019\u{1}1\n", line: 1, column: 1, words: "FIELDS TERMINATED BY"),
        Malformed(label: "unreadable value", text: "a\t2019\t1\na\t2020\tlots\n", line: 2, column: 8, words: "'lots' cannot be read"),
        Malformed(label: "bad period", text: "a\t2019\t1\na\t20x0\t1\n", line: 2, column: 3, words: "'20x0' is not a period"),
        Malformed(label: "NULL period", text: "a\t\\N\t1\n", line: 1, column: 3, words: "the period is NULL"),
        Malformed(label: "duplicate period", text: "a\t2019\t1\na\t2019\t2\n", line: 2, column: 1, words: "duplicate period"),
    ]

    @Test("malformed rows are DataErrors at LINE:COLUMN", arguments: malformed)
    func malformedRows(_ bad: Malformed) throws {
        var request = StreamingSummary(columns: ["k", "period", "value"])
        request.input = try Self.file(bad.text)
        do {
            _ = try request.run { _ in }
            Issue.record("no error for \(bad.label)")
        } catch let error as DataError {
            #expect(error.location.line == bad.line, "\(error)")
            if bad.words != "duplicate period" { #expect(error.location.column == bad.column, "\(error)") }
            #expect(error.message.contains(bad.words), "\(error)")
        }
    }

    @Test("a NULL key field is a key of its own, never the empty text, and is written back as \\N; NULL values are blanks")
    func nulls() throws {
        // The NULL series (with a NULL value: a blank), then the empty-text series.
        let text = "\\N\t2019\t1\n\\N\t2020\t\\N\n\\N\t2021\t3\n\t2019\t5\n\t2020\t6\n"
        let (output, outcome) = try Self.run(text, StreamingSummary(columns: ["k", "period", "value"]))
        #expect(outcome.series == 2)
        let records = try Self.fields(of: try Self.file(output), escaped: true)
        #expect(records.count == 2)
        #expect(records.first?[0] == nil && records.first?[1] == "2" && records.first?[2] == "1", "NULL: \(records.first ?? [])")
        #expect(records.last?[0] == "" && records.last?[1] == "2" && records.last?[2] == "0", "empty: \(records.last ?? [])")
        // CSV has no NULL: `\N` there too, and the empty text stays empty.
        let (csv, _) = try Self.run(text, StreamingSummary(columns: ["k", "period", "value"], format: .csv))
        #expect(csv.split(separator: "\n").map { $0.prefix(3) } == ["\\N,", ",2,"])
        // Escaped input: the text `\N` (written `\\N`) is a third key, neither NULL nor empty.
        let (escaped, three) = try Self.run(text + "\\\\N\t2019\t7\n", StreamingSummary(columns: ["k", "period", "value"], escapedInput: true))
        let keys = try Self.fields(of: try Self.file(escaped), escaped: true).map { $0[0] }
        #expect(three.series == 3 && keys == [nil, "", "\\N"], "\(keys)")
    }

    @Test("a NULL in key column 65 or later is an error at its column; in column 64 it is a key value")
    func nullsBeyondTheMask() throws {
        let columns = (1...65).map { "k\($0)" } + ["period", "value"]
        func row(nullAt column: Int) -> String {
            (1...65).map { $0 == column ? "\\N" : "v" }.joined(separator: "\t") + "\t2019\t1\n"
        }
        let (_, outcome) = try Self.run(row(nullAt: 64), StreamingSummary(columns: columns))
        #expect(outcome.series == 1)
        do {
            _ = try Self.run(row(nullAt: 65), StreamingSummary(columns: columns))
            Issue.record("a NULL in key column 65 was accepted")
        } catch let error as DataError {
            // 64 fields of `v` and their tabs come first: column 129.
            #expect(error.location.line == 1 && error.location.column == 129 && error.message.contains("key column 65"), "\(error)")
        }
    }

    @Test("NULL and empty rows interleaved are not one series: the NULL key coming back is an error at its line")
    func nullsInterleaved() throws {
        do {
            _ = try Self.run("\\N\t2019\t1\n\t2020\t2\n\\N\t2021\t3\n", StreamingSummary(columns: ["k", "period", "value"]))
            Issue.record("NULL and empty text were merged")
        } catch let error as DataError {
            #expect(error.location.line == 3 && error.message.contains("k=\\N are not adjacent"), "\(error)")
        }
    }

    @Test("a NULL period is an error at its column; a NULL unit or polarity is absent")
    func nullPeriodAndMetadata() throws {
        do {
            _ = try Self.run("A\t2019\t1\nA\t\\N\t2\n", StreamingSummary(columns: ["k", "period", "value"]))
            Issue.record("a NULL period was accepted")
        } catch let error as DataError {
            #expect(error.location.line == 2 && error.location.column == 3 && error.message.contains("the period is NULL"), "\(error)")
        }
        // Values with decimals, so that no unit is inferred from them either (`UnitInference`).
        let (output, _) = try Self.run("A\t2019\t1.5\t\\N\t\\N\nA\t2020\t2.5\t\\N\t\\N\n", StreamingSummary(columns: ["k", "period", "value", "unit", "polarity"]))
        let record = try #require(try Self.fields(of: try Self.file(output), escaped: true).first)
        #expect(record[record.count - 3] == nil && record[record.count - 2] == "none", "\(record)")
    }

    @Test("many series stream through one process; --measures fields follow assessment")
    func manySeries() throws {
        var text = ""
        for s in 0..<2_000 {
            for year in 2015...2022 { text += "S\(s)\t\(year)\t\(Double(s % 7) + Double(year - 2015) * Double(s % 3))\n" }
        }
        let request = StreamingSummary(
            columns: ["k", "period", "value"], summarizer: Summarizer(additional: AdditionalMeasures([.pettitt])), header: true)
        let (output, outcome) = try Self.run(text, request)
        #expect(outcome.series == 2_000 && outcome.rows == 16_000)
        let lines = output.split(separator: "\n")
        #expect(lines.count == 2_001)
        #expect(lines[0].contains("\tassessment\tpettitt_period\t"))
        #expect(lines.last!.hasPrefix("S1999\t8\t0\t2015\t2022\t"))
    }
}
