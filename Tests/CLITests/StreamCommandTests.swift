import Foundation
import Testing

/// `metrics stream` end to end: rows on standard input, one row per series on standard output, the exit
/// statuses a distributed engine relies on.
struct StreamCommandTests {
    typealias CLI = CommandLineTests

    static let columns = "area_code,area_name,indicator,period,value,unit,polarity"

    /// A tidy CSV with tricky key text (commas, quotes, a backslash, a formula-like name), a suppressed and a
    /// blank value, periods out of order inside a series, and series not sorted by key.
    static let csv = """
        area_code,area_name,indicator,period,value,unit,polarity
        E06000047,"Durham, County",agency_rate,2017,5.1,percent,lower
        E06000047,"Durham, County",agency_rate,2018,7.9,percent,lower
        E06000047,"Durham, County",agency_rate,2019,9.4,percent,lower
        E06000047,"Durham, County",agency_rate,2020,c,percent,lower
        E06000047,"Durham, County",agency_rate,2021,15.2,percent,lower
        E06000047,"Durham, County",agency_rate,2022,19.8,percent,lower
        E06000002,"The ""Boro"" \\ Middlesbrough",children_looked_after,2019,702,count,lower
        E06000002,"The ""Boro"" \\ Middlesbrough",children_looked_after,2018,650,count,lower
        E06000002,"The ""Boro"" \\ Middlesbrough",children_looked_after,2020,,count,lower
        E06000002,"The ""Boro"" \\ Middlesbrough",children_looked_after,2021,539,count,lower
        E92000001,=England,children_looked_after,2018,75420,count,
        E92000001,=England,children_looked_after,2019,78150,count,
        E92000001,=England,children_looked_after,2020,80080,count,
        E92000001,=England,children_looked_after,2021,80850,count,

        """

    /// The same rows as Spark sends them: headerless, TAB-separated, NULL as \N, text unescaped.
    static var tsv: String {
        csvRows(csv).dropFirst().map { row in
            row.map { $0.isEmpty ? "\\N" : $0 }.joined(separator: "\t")
        }.joined(separator: "\n") + "\n"
    }

    /// A minimal RFC 4180 reader for the tests' own expectations.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); field = ""; rows.append(row); row = [] }
            else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Tab-separated output decoded: `\N` as nil, `\\ \t \n \r` unescaped.
    static func tsvRows(_ text: String) -> [[String?]] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { field -> String? in
                if field == "\\N" { return nil }
                var out = ""
                var escape = false
                for c in field {
                    if escape {
                        out.append(c == "t" ? "\t" : c == "n" ? "\n" : c == "r" ? "\r" : c)
                        escape = false
                    } else if c == "\\" { escape = true } else { out.append(c) }
                }
                return out
            }
        }
    }

    @Test("stream on Spark's rows gives summarize --format csv's records, field for field")
    func sameAsSummarize() throws {
        let path = try CLI.file(Self.csv)
        let summarize = try CLI.run(["summarize", path, "--format", "csv"])
        #expect(summarize.status == 0, "\(summarize.stderr)")
        let stream = try CLI.run(["stream", "--columns", Self.columns], stdin: Self.tsv)
        #expect(stream.status == 0, "\(stream.stderr)")
        #expect(stream.stderr.isEmpty)
        let expected = Self.csvRows(summarize.stdout).dropFirst()
        let got = Self.tsvRows(stream.stdout)
        #expect(got.count == 3 && expected.count == 3)
        for (g, e) in zip(got, expected) {
            // CSV writes a missing measure as empty and neutralises formula-like text with an apostrophe;
            // the TSV is for machines and keeps the text as it is.
            let csvText = e.map { $0.hasPrefix("'=") ? String($0.dropFirst()) : $0 }
            #expect(g.map { $0 ?? "" } == csvText)
        }
        #expect(got.map { $0[1] } == ["Durham, County", "The \"Boro\" \\ Middlesbrough", "=England"])
        // The same through the CSV door, byte for byte.
        let csvStream = try CLI.run(["stream", "--delimiter", "csv", "--header", "--format", "csv"], stdin: Self.csv)
        #expect(csvStream.status == 0, "\(csvStream.stderr)")
        #expect(csvStream.stdout == summarize.stdout)
    }

    @Test("the TSV header names summarize's columns; no header unless asked")
    func header() throws {
        let plain = try CLI.run(["stream", "--columns", Self.columns], stdin: Self.tsv)
        #expect(plain.stdout.hasPrefix("E06000047\tDurham, County\tagency_rate\t5\t1\t2017\t2022\t"))
        let headed = try CLI.run(["stream", "--columns", Self.columns, "--print-header"], stdin: Self.tsv)
        let summarize = try CLI.run(["summarize", try CLI.file(Self.csv), "--format", "csv"])
        let csvHeader = try #require(summarize.stdout.split(separator: "\n").first)
        #expect(headed.stdout.split(separator: "\n").first == Substring(csvHeader.replacingOccurrences(of: ",", with: "\t")))
        let noHeaderCSV = try CLI.run(["stream", "--columns", Self.columns, "--format", "csv", "--no-print-header"], stdin: Self.tsv)
        #expect(noHeaderCSV.stdout.hasPrefix("E06000047,\"Durham, County\","))
    }

    @Test("text with tabs, newlines and backslashes survives the round trip with --escaped")
    func escapedRoundTrip() throws {
        let names = ["tab\there", "two\nlines", "back\\slash", "\\N as text", "cr\rhere", "comma, \"quote\""]
        var input = ""
        for name in names {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
            for year in 2019...2021 { input += "\(escaped)\t\(year)\t\(year - 2000)\n" }
        }
        let run = try CLI.run(["stream", "--columns", "name,period,value", "--escaped"], stdin: input)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\r"))
        let rows = Self.tsvRows(run.stdout)
        #expect(rows.map { $0[0] } == names)
        #expect(rows.allSatisfy { $0.count == 1 + 36 + 3 })
    }

    @Test("empty input: no output, exit 0")
    func empty() throws {
        for arguments in [["--columns", Self.columns], ["--columns", Self.columns, "--print-header"], ["--header"], ["--delimiter", "csv", "--header", "--format", "csv"]] {
            let run = try CLI.run(["stream"] + arguments, stdin: "")
            #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty, "\(arguments): \(run.stderr)")
        }
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let label: String
        let stdin: String
        let arguments: [String]
        let status: Int32
        let prefix: String
        let words: String
        var testDescription: String { label }
    }

    static let bad: [Bad] = [
        Bad(label: "rows of a series not adjacent", stdin: "a\t2019\t1\nb\t2019\t2\na\t2020\t3\n", arguments: ["--columns", "k,period,value"], status: 65, prefix: "metrics: error: <stdin>:3:1: ", words: "not adjacent"),
        Bad(label: "wrong field count", stdin: "a\t2019\t1\na\t2020\n", arguments: ["--columns", "k,period,value"], status: 65, prefix: "metrics: error: <stdin>:2:1: ", words: "2 field(s)"),
        Bad(label: "unreadable value", stdin: "a\t2019\tmany\n", arguments: ["--columns", "k,period,value"], status: 65, prefix: "metrics: error: <stdin>:1:8: ", words: "'many' cannot be read"),
        Bad(label: "bad period", stdin: "a\tsoon\t1\n", arguments: ["--columns", "k,period,value"], status: 65, prefix: "metrics: error: <stdin>:1:3: ", words: "'soon' is not a period"),
        Bad(label: "bad escape", stdin: "a\\q\t2019\t1\n", arguments: ["--columns", "k,period,value", "--escaped"], status: 65, prefix: "metrics: error: <stdin>:1:2: ", words: "escape"),
        Bad(label: "CSV unterminated quote", stdin: "k,period,value\n\"a,2019,1\n", arguments: ["--delimiter", "csv", "--header"], status: 65, prefix: "metrics: error: <stdin>:2:1: ", words: "unterminated"),
        Bad(label: "no columns", stdin: "", arguments: [], status: 64, prefix: "metrics: error: ", words: "--columns"),
        Bad(label: "columns without value", stdin: "", arguments: ["--columns", "k,period,amount"], status: 64, prefix: "metrics: error: ", words: "value column"),
        Bad(label: "columns and header", stdin: "", arguments: ["--columns", "k,period,value", "--header"], status: 64, prefix: "metrics: error: ", words: "exclude"),
        Bad(label: "unknown delimiter", stdin: "", arguments: ["--columns", "k,period,value", "--delimiter", "pipe"], status: 64, prefix: "metrics: error: ", words: "delimiter"),
        Bad(label: "missing input file", stdin: "", arguments: ["--columns", "k,period,value", "--input", "/nonexistent/rows.tsv"], status: 66, prefix: "metrics: error: /nonexistent/rows.tsv: ", words: "no such file"),
    ]

    @Test("errors: exit status and message, as the engine reports them", arguments: bad)
    func errors(_ bad: Bad) throws {
        let run = try CLI.run(["stream"] + bad.arguments, stdin: bad.stdin)
        #expect(run.status == bad.status, "\(run.stderr)")
        #expect(run.stderr.hasPrefix(bad.prefix), "\(run.stderr)")
        #expect(run.stderr.contains(bad.words), "\(run.stderr)")
    }

    @Test("--alpha, --min-points, --polarity and --measures act as in summarize")
    func options() throws {
        let path = try CLI.file(Self.csv)
        let arguments = ["--alpha", "0.1", "--min-points", "5", "--polarity", "higher", "--measures", "pettitt,mk_hamed_rao"]
        let summarize = try CLI.run(["summarize", path, "--format", "csv"] + arguments)
        let stream = try CLI.run(["stream", "--delimiter", "csv", "--header", "--format", "csv"] + arguments, stdin: Self.csv)
        #expect(stream.status == 0, "\(stream.stderr)")
        #expect(stream.stdout == summarize.stdout)
        #expect(stream.stdout.contains(",pettitt_period,"))
    }
}
