import Foundation
import Testing

/// Bad input through the real executable: every case of the corpus in `BadInput/` (truncated files, wrong
/// encodings, byte-order marks in odd places, ragged rows, numbers and periods that do not exist, duplicate
/// keys) must stop `summarize`, `validate` and `report` with exit status 65 and
/// `metrics: error: FILE:LINE:COLUMN: …` naming the right line, write no output (or leave the previous one
/// byte-identical), and be listed in a batch's `errors.csv` (exit status 1) while the good inputs are
/// written. Cases too large to commit (a 10 MB field, numbers of 1.6·10⁷ and 10⁸ digits, 10⁶ columns) are generated.
/// Thin data (a header only, one point, every value missing) is not bad data: it is summarised.
struct BadInputTests {
    typealias CLI = CommandLineTests

    /// `Tests/CLITests/BadInput`, beside this file.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadInput")

    struct Case: Sendable, CustomTestStringConvertible {
        /// The corpus file.
        let file: String
        /// `:LINE:COLUMN` of the problem.
        let location: String
        /// Words the message must contain.
        let words: String
        var testDescription: String { file }
        var path: String { BadInputTests.corpus.appendingPathComponent(file).path }
        var line: String { String(location.dropFirst().prefix { $0 != ":" }) }
    }

    static let cases: [Case] = [
        // Truncated: mid-record, mid-quoted field, mid-UTF-8 sequence, a gzip stream cut at two thirds.
        Case(file: "truncated-mid-record.csv", location: ":4:1", words: "this row has 2 field(s) but the header has 3"),
        Case(file: "truncated-mid-quoted-field.csv", location: ":3:1", words: "unterminated quoted field"),
        Case(file: "truncated-mid-utf8-sequence.csv", location: ":3:11", words: "not valid UTF-8"),
        Case(file: "truncated.csv.gz", location: ":24:7", words: "the gzip file is truncated"),
        // Wrong encodings.
        Case(file: "utf16le-with-bom.csv", location: ":1:1", words: "UTF-16"),
        Case(file: "utf16be-with-bom.csv", location: ":1:1", words: "UTF-16"),
        Case(file: "utf16le-without-bom.csv", location: ":1:1", words: "UTF-16"),
        Case(file: "utf16be-without-bom.csv", location: ":1:1", words: "UTF-16"),
        Case(file: "latin1.csv", location: ":2:1", words: "not valid UTF-8"),
        Case(file: "invalid-utf8-header.csv", location: ":1:6", words: "not valid UTF-8"),
        Case(file: "invalid-utf8-key.csv", location: ":3:3", words: "not valid UTF-8"),
        Case(file: "invalid-utf8-period.csv", location: ":3:3", words: "not valid UTF-8"),
        Case(file: "invalid-utf8-value.csv", location: ":3:8", words: "not valid UTF-8"),
        // A lone surrogate cannot be in a Swift string: its CESU-8 bytes (ED A0 80) are refused; so is an overlong form.
        Case(file: "invalid-utf8-encoded-surrogate.csv", location: ":3:1", words: "not valid UTF-8"),
        Case(file: "invalid-utf8-overlong.csv", location: ":3:8", words: "not valid UTF-8"),
        // Byte-order marks where they do not belong (an invisible U+FEFF would make another series or period).
        Case(file: "bom-at-start-of-line-2.csv", location: ":2:1", words: "byte-order mark"),
        Case(file: "bom-inside-key.csv", location: ":3:2", words: "byte-order mark"),
        Case(file: "bom-inside-period.csv", location: ":3:3", words: "byte-order mark"),
        Case(file: "bom-inside-value.csv", location: ":3:8", words: "byte-order mark"),
        Case(file: "bom-doubled.csv", location: ":1:1", words: "byte-order mark"),
        // Ragged rows and broken quoting; nothing to read.
        Case(file: "ragged-too-few-fields.csv", location: ":3:1", words: "this row has 2 field(s) but the header has 3"),
        Case(file: "ragged-too-many-fields.csv", location: ":3:1", words: "this row has 4 field(s) but the header has 3"),
        Case(file: "text-after-closing-quote.csv", location: ":3:9", words: "unexpected text after a closing quote"),
        Case(file: "empty-file.csv", location: ":1:1", words: "the file is empty"),
        Case(file: "header-of-no-known-format.csv", location: ":1:1", words: "cannot tell the format"),
        // Numbers: beyond the double range, hexadecimal, NaN (every spelling: `nonFiniteSpellings`).
        Case(file: "number-too-large.csv", location: ":3:8", words: "outside the range of double precision"),
        Case(file: "number-hexadecimal.csv", location: ":3:8", words: "'0x1p3' cannot be read"),
        Case(file: "number-nan.csv", location: ":3:8", words: "NaN and infinity are not values"),
        // Periods that do not exist.
        Case(file: "date-2021-02-29.csv", location: ":3:3", words: "February 2021 has no day 29"),
        Case(file: "date-2021-13-01.csv", location: ":3:3", words: "there is no month 13"),
        Case(file: "date-2021-04-31.csv", location: ":3:3", words: "April 2021 has no day 31"),
        Case(file: "month-2020-00.csv", location: ":3:3", words: "'2020-00' is not a period"),
        Case(file: "quarter-2021-Q5.csv", location: ":3:3", words: "quarters are Q1 to Q4"),
        Case(file: "quarter-Q5-without-year.csv", location: ":3:3", words: "'Q5' is not a period"),
        Case(file: "financial-year-2019-18.csv", location: ":3:3", words: "'2019-18' is not a period"),
        Case(file: "mixed-period-types.csv", location: ":4:1", words: "mixed period types"),
        // The same series and period twice (adjacent, and read again after the series ended).
        Case(file: "duplicate-period.csv", location: ":4:1", words: "duplicate period 2020 in series area=A: line 3 already gives it"),
        Case(file: "duplicate-period-not-adjacent.csv", location: ":5:1", words: "duplicate period 2020 in series area=A: line 3 already gives it"),
    ]

    /// A new empty folder.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The files in `folder`, recursively, with their bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let root = folder.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
        for case let name as String in walker {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[name] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + name))
            }
        }
        return out
    }

    @Test("the corpus holds every case, and every case has a file")
    func corpusComplete() throws {
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { !$0.hasSuffix(".md") && !$0.hasPrefix(".") })
        #expect(files == Set(Self.cases.map(\.file)))
    }

    @Test("summarize: exit 65 at FILE:LINE:COLUMN, no output file, a previous output byte-identical", arguments: cases)
    func summarize(_ bad: Case) throws {
        let folder = try Self.folder()
        let output = folder.appendingPathComponent("summary.csv").path
        let run = try CLI.run(["summarize", bad.path, "-o", output])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("metrics: error: \(bad.path)\(bad.location): "), "\(run.stderr)")
        #expect(run.stderr.contains(bad.words), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no output, no temporary file")

        let previous = Data("area,n\nold,1\n".utf8)
        try previous.write(to: URL(fileURLWithPath: output))
        let again = try CLI.run(["summarize", bad.path, "-o", output, "--format", "json"])
        #expect(again.status == 65, "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["summary.csv"])
    }

    @Test("validate: exit 65, the report and standard error name the problem at FILE:LINE:COLUMN", arguments: cases)
    func validate(_ bad: Case) throws {
        let run = try CLI.run(["validate", bad.path, "--format", "json"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("metrics: error: \(bad.path)\(bad.location): "), "\(run.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let problems = try #require(reports.first?["problems"] as? [[String: Any]])
        #expect(problems.first?["location"] as? String == bad.path + bad.location, "\(problems)")
        #expect((problems.first?["message"] as? String)?.contains(bad.words) == true, "\(problems)")
    }

    @Test("report: exit 65 at FILE:LINE:COLUMN, no bundle directory created", arguments: cases)
    func report(_ bad: Case) throws {
        let folder = try Self.folder()
        let bundle = folder.appendingPathComponent("bundle").path
        let run = try CLI.run(["report", bad.path, "-o", bundle])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("metrics: error: \(bad.path)\(bad.location): "), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bundle))
    }

    @Test("report over an earlier bundle: a bad input leaves every file of it byte-identical")
    func reportKeepsPreviousBundle() throws {
        let folder = try Self.folder()
        let good = folder.appendingPathComponent("good.csv")
        try Data("area,period,value\nA,2019,1\nA,2020,2\nA,2021,4\nB,2019,5\nB,2020,3\nB,2021,2\n".utf8).write(to: good)
        let bundle = folder.appendingPathComponent("bundle").path
        #expect(try CLI.run(["report", good.path, "-o", bundle]).status == 0)
        let before = try Self.snapshot(URL(fileURLWithPath: bundle))
        #expect(before.count > 5)
        for bad in Self.cases.prefix(8) {
            let run = try CLI.run(["report", bad.path, "-o", bundle])
            #expect(run.status == 65, "\(bad.file): \(run.stderr)")
            #expect(try Self.snapshot(URL(fileURLWithPath: bundle)) == before, "\(bad.file)")
        }
    }

    @Test("batch: the bad input is listed in errors.csv at its line (exit 1), the good input is summarised", arguments: cases)
    func batch(_ bad: Case) throws {
        let folder = try Self.folder()
        try Data("area,period,value\nGood,2019,1\nGood,2020,2\nGood,2021,4\n".utf8).write(to: folder.appendingPathComponent("good.csv"))
        let config = folder.appendingPathComponent("run.yaml")
        try Data("inputs: [good.csv, \"\(bad.path)\"]\nmodels: [forecast]\n".utf8).write(to: config)
        let out = folder.appendingPathComponent("out").path
        let run = try CLI.run(["batch", config.path, "-o", out])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("failure(s) listed in"), "\(run.stderr)")
        let errors = try #require(ParsedCSV(try String(contentsOfFile: out + "/errors.csv", encoding: .utf8)))
        #expect(errors.header == ["file", "line", "series", "analysis", "message"])
        let row = try #require(errors.rows.first { $0[0] == bad.path }, "\(errors.rows)")
        #expect(row[1] == bad.line && row[3] == "read" && row[4].contains(bad.words), "\(row)")
        let summary = try #require(ParsedCSV(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)))
        let good = try #require(summary.rows.first { $0.first == "Good" }, "\(summary.rows)")
        #expect(good[1] == "3", "the good input's series, all its points")
    }

    @Test("an input that is a pipe (/dev/stdin, <(zcat …)) is read once: detecting its format does not empty it")
    func pipeInput() throws {
        let run = try CLI.run(["summarize", "/dev/stdin", "--format", "csv"], stdin: "area,period,value\nA,2019,1\nA,2020,3\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(ParsedCSV(run.stdout)?.column("n") == ["2"], "\(run.stdout)")
        let bad = try CLI.run(["summarize", "/dev/stdin"], stdin: "area,period,value\nA,2019,1\nA,2020,x1\n")
        #expect(bad.status == 65 && bad.stderr.hasPrefix("metrics: error: /dev/stdin:3:8: "), "\(bad.stderr)")
    }

    @Test("stream (tab-separated and CSV): a byte-order mark inside a key or a period is exit 65 at its line")
    func streamByteOrderMark() throws {
        let tsv = try CLI.run(["stream", "--header"], stdin: "area\tperiod\tvalue\n\u{FEFF}A\t2019\t1\nA\t2020\t2\n")
        #expect(tsv.status == 65 && tsv.stderr.hasPrefix("metrics: error: <stdin>:2:1: ") && tsv.stderr.contains("byte-order mark"), "\(tsv.stderr)")
        let csv = try CLI.run(["stream", "--header", "--delimiter", "csv"], stdin: "area,period,value\nA,2019,1\nA,\u{FEFF}2020,2\n")
        #expect(csv.status == 65 && csv.stderr.hasPrefix("metrics: error: <stdin>:3:3: ") && csv.stderr.contains("byte-order mark"), "\(csv.stderr)")
        let leading = try CLI.run(["stream", "--header"], stdin: "\u{FEFF}area\tperiod\tvalue\nA\t2019\t1\nA\t2020\t2\n")
        #expect(leading.status == 0 && leading.stdout.hasPrefix("A\t2\t"), "the mark at the very start is skipped: \(leading.stderr)")
    }

    // MARK: NaN and infinity in every spelling

    /// Not numbers, or numbers beyond the double range: an error at the cell, never a NaN or an infinite value.
    static let nonFiniteSpellings = [
        "nan", "NaN", "NAN", "-nan", "+nan", "nan(0x1)", "NaN%", "1.#QNAN",
        "inf", "Inf", "INF", "-inf", "+inf", "infinity", "Infinity", "-Infinity", "+Infinity", "1.#INF", "£inf",
        "1e999", "-1e999", "1e+999", "1e309", "2e308", "1.8e308", "-1.8e308", "1e99999999999999999999",
        "−1e999", "-£1e999", "1e999%", "1,000e999", "0x1p3", "0X10",
    ]

    @Test("NaN, infinity and overflowing numbers are errors at their cell", arguments: nonFiniteSpellings)
    func nonFinite(_ spelling: String) throws {
        let cell = spelling.contains(",") ? "\"\(spelling)\"" : spelling
        let path = try CLI.file("area,period,value\nA,2019,1\nA,2020,\(cell)\nA,2021,3\n")
        let output = (path as NSString).deletingLastPathComponent + "/out.json"
        let run = try CLI.run(["summarize", path, "-o", output])
        #expect(run.status == 65, "\(spelling): \(run.stderr)")
        #expect(run.stderr.hasPrefix("metrics: error: \(path):3:8: the value "), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// Missing-value symbols are missing values, the largest double is a number, a value below the double
    /// range is 0: no error, and nothing infinite or NaN in the output.
    static let acceptedSpellings: [(cell: String, missing: Bool)] = [
        ("NA", true), ("x", true), ("c", true), ("[c]", true), ("", true), (":", true), ("~", true), ("z", true), ("low", true),
        ("1.7976931348623157e308", false), ("-1.7976931348623157e308", false), ("1e-400", false), ("5e-324", false),
    ]

    @Test("missing-value symbols, the largest double and underflow are accepted", arguments: acceptedSpellings.indices)
    func accepted(_ index: Int) throws {
        let (cell, missing) = Self.acceptedSpellings[index]
        let path = try CLI.file("area,period,value\nA,2019,1\nA,2020,\(cell)\nA,2021,3\nA,2022,5\n")
        let run = try CLI.run(["summarize", path, "--format", "csv"])
        #expect(run.status == 0, "\(cell): \(run.stderr)")
        let table = try #require(ParsedCSV(run.stdout))
        #expect(table.column("n_missing") == [missing ? "1" : "0"], "\(cell)")
        for cell in table.rows[0] where Double(cell) != nil {
            #expect(Double(cell)!.isFinite, "no inf or nan in any spelling: \(cell)")
        }
    }

    // MARK: Thin data is not bad data

    @Test("a header only, one point, every value missing: insufficient_data with the reason, exit 0")
    func thinData() throws {
        let empty = try CLI.file("area,period,value\n")
        let csv = try CLI.run(["summarize", empty, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let table = try #require(ParsedCSV(csv.stdout), "a header-only input gives a header-only CSV: \(csv.stdout)")
        #expect(table.header.first == "area" && table.header.contains("direction") && table.rows.isEmpty)
        let json = try CLI.run(["summarize", empty, "--format", "json"])
        #expect(json.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])?.isEmpty == true, "\(json.stdout)")
        for verb in ["forecast", "changepoints", "spc"] {
            let run = try CLI.run([verb, empty, "--format", "csv"])
            #expect(run.status == 0 && ParsedCSV(run.stdout)?.rows.isEmpty == true, "\(verb): \(run.stderr)")
        }
        let emptyBundle = (empty as NSString).deletingLastPathComponent + "/bundle"
        let emptyReport = try CLI.run(["report", empty, "-o", emptyBundle])
        #expect(emptyReport.status == 0, "\(emptyReport.stderr)")
        #expect(ParsedCSV(try String(contentsOfFile: emptyBundle + "/summary.csv", encoding: .utf8))?.rows.isEmpty == true)

        let thin = try CLI.file("area,period,value\nOne,2019,5\nNone,2019,x\nNone,2020,c\nNone,2021,\nFine,2019,1\nFine,2020,2\nFine,2021,4\n")
        let run = try CLI.run(["summarize", thin, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(ParsedCSV(run.stdout))
        #expect(summary.column("area") == ["One", "None", "Fine"])
        #expect(summary.column("direction") == ["insufficient_data", "insufficient_data", "no_significant_change"])
        #expect(summary.column("n") == ["1", "0", "3"] && summary.column("n_missing") == ["0", "3", "0"])
        let reasons = try #require(summary.column("reasons"))
        #expect(reasons[0].contains("direction: 1 value(s), fewer than the 3 needed"), "\(reasons[0])")
        #expect(reasons[1].contains("direction: 0 value(s)") && reasons[1].contains("first_value: no values"), "\(reasons[1])")

        let bundle = (thin as NSString).deletingLastPathComponent + "/bundle"
        let report = try CLI.run(["report", thin, "-o", bundle])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(ParsedCSV(try String(contentsOfFile: bundle + "/summary.csv", encoding: .utf8))?.column("direction")?.first == "insufficient_data")
    }

    // MARK: Negative counts and populations

    @Test("rate and proportion: a negative count or denominator is exit 65 at its cell, no output")
    func negativeDenominators() throws {
        for verb in ["rate", "proportion"] {
            for (text, location, name) in [
                ("area,count,pop\nA,5,1000\nB,3,-100\n", ":3:5:", "'pop' cannot be negative"),
                ("area,count,pop\nA,5,1000\nB,-3,100\n", ":3:3:", "'count' cannot be negative"),
            ] {
                let path = try CLI.file(text)
                let output = (path as NSString).deletingLastPathComponent + "/out.csv"
                let run = try CLI.run([verb, path, "--count", "count", "--denominator", "pop", "-o", output])
                #expect(run.status == 65, "\(verb): \(run.stderr)")
                #expect(run.stderr.hasPrefix("metrics: error: \(path)\(location) \(name)"), "\(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: output))
            }
        }
    }

    @Test("dsr: a negative population, count or standard weight is exit 65 at its cell; a zero population is a reason")
    func negativePopulations() throws {
        let header = "area,age,deaths,pop,std\n"
        for (rows, location, words) in [
            ("A,0-4,5,1000,5000\nA,5-9,6,-1000,5500\n", ":3:9:", "'pop' cannot be negative"),
            ("A,0-4,5,1000,5000\nA,5-9,-6,1000,5500\n", ":3:7:", "'deaths' cannot be negative"),
            ("A,0-4,5,1000,-5000\nA,5-9,6,1000,5500\n", ":2:14:", "'std' cannot be negative"),
        ] {
            let path = try CLI.file(header + rows)
            let output = (path as NSString).deletingLastPathComponent + "/out.csv"
            for standard in [["--standard", "std"], ["--esp2013", "--band", "age"]] where !(words.contains("std") && standard[0] == "--esp2013") {
                let run = try CLI.run(["dsr", path, "--count", "deaths", "--population", "pop", "--by", "area", "-o", output] + standard)
                #expect(run.status == 65, "\(run.stderr)")
                #expect(run.stderr.hasPrefix("metrics: error: \(path)\(location) \(words)"), "\(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: output))
            }
        }
        let zero = try CLI.file(header + "A,0-4,5,1000,5000\nA,5-9,6,0,5500\nB,0-4,50,1000,5000\nB,5-9,60,1000,5500\n")
        let run = try CLI.run(["dsr", zero, "--count", "deaths", "--population", "pop", "--by", "area", "--standard", "std", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let table = try #require(ParsedCSV(run.stdout))
        #expect(table.column("value")?.first == "" && table.column("reason")?.first?.contains("population of band 2 of 2 is zero") == true)
        #expect(Double(table.column("value")?.last ?? "") != nil)
    }

    // MARK: Generated huge cases

    /// Writes `parts` one after another into a new file, each `text` repeated `count` times, a megabyte at
    /// a time (nothing the size of the file is held in memory).
    static func generated(_ name: String, _ parts: [(text: String, count: Int)]) throws -> String {
        let path = try folder().appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        for part in parts {
            let perBlock = max(1, (1 << 20) / max(1, part.text.utf8.count))
            let block = Data(String(repeating: part.text, count: min(part.count, perBlock)).utf8)
            var left = part.count
            while left >= perBlock {
                try handle.write(contentsOf: block)
                left -= perBlock
            }
            if left > 0 { try handle.write(contentsOf: Data(String(repeating: part.text, count: left).utf8)) }
        }
        return path
    }

    @Test("a 10 MB field: a 10 MB key is read whole; a 10 MB number is an error with a short message")
    func tenMegabyteField() throws {
        let size = 10 << 20
        let key = try Self.generated("key.csv", [("area,period,value\n\"", 1), ("k", size), ("\",2019,1\nB,2019,1\nB,2020,2\n", 1)])
        defer { try? FileManager.default.removeItem(atPath: (key as NSString).deletingLastPathComponent) }
        let run = try CLI.run(["summarize", key, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr.prefix(300))")
        let table = try #require(ParsedCSV(run.stdout))
        #expect(table.column("area")?.map(\.count) == [size, 1], "the key is neither cut nor mangled")

        let number = try Self.generated("number.csv", [("area,period,value\nA,2019,1\nA,2020,", 1), ("1", size), ("\nA,2021,3\n", 1)])
        defer { try? FileManager.default.removeItem(atPath: (number as NSString).deletingLastPathComponent) }
        let output = (number as NSString).deletingLastPathComponent + "/out.csv"
        let bad = try CLI.run(["summarize", number, "-o", output])
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("metrics: error: \(number):3:8: ") && bad.stderr.contains("outside the range of double precision"))
        #expect(bad.stderr.utf8.count < 1000, "the message shows the start of the value, not 10 MB of it")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// A number of 1.6·10⁷ digits (just under the 16 MiB a field may hold) is read as a number and overflows
    /// the double range at its cell; one of 10⁸ digits (100 MB, the largest file this suite writes) makes a
    /// record longer than the 64 MiB a record may take, and stops the reader where it crosses that.
    @Test("a number of 1.6·10⁷ digits is exit 65 at its cell; one of 10⁸ digits at the record limit")
    func hundredMillionDigits() throws {
        for (digits, location, words) in [
            (16_000_000, ":3:8: ", "outside the range of double precision"),
            (100_000_000, ":3:67108865: ", "this record is longer than 64 MiB"),
        ] {
            let path = try Self.generated("digits.csv", [("area,period,value\nA,2019,1\nA,2020,", 1), ("9", digits), ("\nA,2021,3\n", 1)])
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            let output = (path as NSString).deletingLastPathComponent + "/out.csv"
            let run = try CLI.run(["summarize", path, "-o", output])
            #expect(run.status == 65)
            #expect(run.stderr.hasPrefix("metrics: error: \(path)\(location)") && run.stderr.contains(words), "\(run.stderr.prefix(300))")
            #expect(run.stderr.utf8.count < 1000, "the message shows the start of the value, not the digits")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test("10⁶ columns: a row one field short is exit 65 at its line, no output")
    func millionColumns() throws {
        let columns = 1_000_000
        let header = "period,value" + (2..<columns).map { ",c\($0)" }.joined()
        let path = try Self.generated("wide.csv", [
            (header, 1), ("\n2019,1", 1), (",x", columns - 2), ("\n2020,2", 1), (",x", columns - 3), ("\n", 1),
        ])
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let output = (path as NSString).deletingLastPathComponent + "/out.csv"
        let run = try CLI.run(["summarize", path, "-o", output])
        #expect(run.status == 65, "\(run.stderr.prefix(300))")
        #expect(run.stderr.hasPrefix("metrics: error: \(path):3:1: this row has 999999 field(s) but the header has 1000000"), "\(run.stderr.prefix(300))")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
