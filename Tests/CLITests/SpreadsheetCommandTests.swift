import Foundation
import Testing

/// `summarize --decimals`, `--excel` and `--format xlsx` (issue 17): CSV keeps full precision unless asked,
/// CSV for Excel keeps "£" and "–" readable, and the workbook opens in openpyxl and pandas with numbers as
/// numbers and text as text.
struct SpreadsheetCommandTests {
    typealias CLI = CommandLineTests

    /// Synthetic: a rate with one published decimal place, and an area name that looks like a formula.
    static let data = """
        area,period,value,decimal_places
        North – East,2016,10.25,1
        North – East,2017,11.35,1
        North – East,2018,12.45,1
        North – East,2019,13.15,1
        North – East,2020,14.95,1
        =SUM(A1),2016,1,1
        =SUM(A1),2017,2,1
        =SUM(A1),2018,4,1

        """

    static func field(_ csv: String, row: Int, _ name: String) -> String? {
        let rows = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let index = rows.first?.firstIndex(of: name), row < rows.count - 1 else { return nil }
        return rows[row + 1][index]
    }

    @Test("--decimals N rounds the values, changes, slopes and percentages, half away from zero; p-values keep full precision")
    func decimals() throws {
        let path = try CLI.file(Self.data)
        let full = try CLI.run(["summarize", path, "--format", "csv"])
        let rounded = try CLI.run(["summarize", path, "--format", "csv", "--decimals", "1"])
        #expect(full.status == 0 && rounded.status == 0, "\(rounded.stderr)")
        #expect(Self.field(full.stdout, row: 0, "abs_change") == "4.699999999999999")
        #expect(Self.field(rounded.stdout, row: 0, "abs_change") == "4.7")
        #expect(Self.field(rounded.stdout, row: 0, "first_value") == "10.3", "10.25 rounds away from zero")
        #expect(Self.field(rounded.stdout, row: 0, "mean") == "12.4")
        #expect(Self.field(rounded.stdout, row: 0, "pct_change") == "45.9")
        #expect(Self.field(rounded.stdout, row: 0, "mk_p") == Self.field(full.stdout, row: 0, "mk_p"))
        #expect(Self.field(rounded.stdout, row: 0, "ols_r2") == Self.field(full.stdout, row: 0, "ols_r2"))
        // source: the series' own decimal places (1) for values, one more for slopes.
        let source = try CLI.run(["summarize", path, "--format", "csv", "--decimals", "source"])
        #expect(Self.field(source.stdout, row: 0, "first_value") == "10.3")
        #expect(Self.field(source.stdout, row: 0, "ols_slope") == "1.12", "\(source.stdout)")
        #expect(Self.field(source.stdout, row: 0, "pct_change") == Self.field(full.stdout, row: 0, "pct_change"))
        let json = try CLI.run(["summarize", path, "--format", "json", "--decimals", "1"])
        #expect(json.status == 64 && json.stderr.hasPrefix("metrics: error: --decimals is for csv and xlsx output"), "\(json.stderr)")
        let bad = try CLI.run(["summarize", path, "--format", "csv", "--decimals", "one"])
        #expect(bad.status == 64, "\(bad.stderr)")
    }

    @Test("--excel: CSV that begins with the UTF-8 byte order mark and ends its records with CR LF, otherwise the same")
    func excel() throws {
        let path = try CLI.file(Self.data)
        let plain = try CLI.run(["summarize", path, "--format", "csv"])
        let excel = try CLI.run(["summarize", path, "--format", "csv", "--excel"])
        #expect(excel.status == 0, "\(excel.stderr)")
        let bytes = Array(excel.stdout.utf8)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(excel.stdout.contains("North – East"))
        #expect(String(excel.stdout.unicodeScalars.dropFirst()).replacingOccurrences(of: "\r\n", with: "\n") == plain.stdout)
        #expect(excel.stdout.components(separatedBy: "\r\n").count == plain.stdout.components(separatedBy: "\n").count)
        let table = try CLI.run(["summarize", path, "--format", "table", "--excel"])
        #expect(table.status == 64 && table.stderr.hasPrefix("metrics: error: --excel is for CSV output"), "\(table.stderr)")
    }

    /// A Python that has openpyxl: `METRICS_TEST_PYTHON`, the report check's virtual environment, or the
    /// system's.
    static var pythonWithOpenpyxl: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates: [String?] = [ProcessInfo.processInfo.environment["METRICS_TEST_PYTHON"], root.appendingPathComponent(".report-venv/bin/python").path, "/usr/bin/python3"]
        for python in candidates.compactMap({ $0 }) where FileManager.default.isExecutableFile(atPath: python) {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: python)
            check.arguments = ["-c", "import openpyxl"]
            check.standardError = FileHandle.nullDevice
            if (try? check.run()) != nil {
                check.waitUntilExit()
                if check.terminationStatus == 0 { return python }
            }
        }
        return nil
    }

    @Test("--format xlsx: a workbook with summary and data sheets, byte-identical from run to run, read back by openpyxl")
    func workbook() throws {
        let path = try CLI.file(Self.data)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let first = directory.appendingPathComponent("summary.xlsx").path
        let second = directory.appendingPathComponent("again.xlsx").path
        let run = try CLI.run(["summarize", path, "-o", first])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try CLI.run(["summarize", path, "--format", "xlsx", "-o", second]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))))
        #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
        guard let python = Self.pythonWithOpenpyxl else {
            print("SpreadsheetCommandTests: openpyxl is not installed (scripts/check-report.sh installs it in .report-venv); the workbook's contents were not read back")
            return
        }
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": book.sheetnames}
            s = book["summary"]
            rows = list(s.iter_rows(values_only=True))
            header = list(rows[0])
            out["area"] = [r[header.index("area")] for r in rows[1:]]
            out["n"] = [r[header.index("n")] for r in rows[1:]]
            out["abs_change"] = rows[1][header.index("abs_change")]
            out["pp_change"] = rows[1][header.index("pp_change")]
            out["types"] = [s.cell(row=2, column=header.index("area") + 1).data_type, s.cell(row=3, column=1).data_type, s.cell(row=2, column=header.index("n") + 1).data_type]
            d = list(book["data"].iter_rows(values_only=True))
            out["data"] = [list(r) for r in d[:3]]
            out["data_rows"] = len(d) - 1
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, first]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(object["sheets"] as? [String] == ["summary", "data"])
        #expect(object["area"] as? [String] == ["North – East", "=SUM(A1)"], "text stays text, never a formula")
        #expect(object["n"] as? [Int] == [5, 3])
        #expect(object["abs_change"] as? Double == 14.95 - 10.25)
        #expect(object["pp_change"] is NSNull)
        #expect(object["types"] as? [String] == ["s", "s", "n"])
        #expect(object["data_rows"] as? Int == 8)
        let data = try #require(object["data"] as? [[Any]])
        #expect(data[0].map { "\($0)" } == ["area", "period", "time", "value", "missing"])
        #expect(data[1][1] as? String == "2016" && data[1][2] as? Double == 2016 && data[1][3] as? Double == 10.25)
    }
}

/// `report` writes `summary.xlsx` beside summary.csv: the summary and every series' plot data.
struct ReportWorkbookTests {
    typealias CLI = CommandLineTests

    @Test("the report bundle has summary.xlsx with a summary sheet and a plot data sheet (data/ID.csv's rows, numbers as numbers)")
    func reportWorkbook() throws {
        let path = try CLI.file(TableRoundingTests.data)
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("bundle").path
        let run = try CLI.run(["report", path, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.xlsx"))
        let text = String(decoding: bytes, as: UTF8.self)  // stored entries: the XML is there as it is
        #expect(text.contains(#"<sheet name="summary" sheetId="1" r:id="rId1"/><sheet name="plot data" sheetId="2" r:id="rId2"/>"#))
        
        #expect(text.contains(#"<t xml:space="preserve">001-ne-area-ne</t></is></c>"#), "the series column holds data/ID.csv's ID")
        #expect(text.contains(#"<t xml:space="preserve">observed</t>"#) && text.contains("<v>10.2</v>"))
        let again = try CLI.run(["report", path, "-o", out + "-again", "--jobs", "1"])
        #expect(again.status == 0)
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: out + "-again/summary.xlsx"))))
    }
}

/// The `table` format rounds to the source's decimal places in every verb that reads series (issue 17):
/// the model verbs' values, forecasts and limits, and the summary's added measures in the data's scale.
struct TableRoundingTests {
    typealias CLI = CommandLineTests

    /// Synthetic: five values published to one decimal place.
    static let data = "area,period,value,decimal_places\nNE,2016,10.2,1\nNE,2017,11.3,1\nNE,2018,12.4,1\nNE,2019,13.1,1\nNE,2020,14.9,1\n"

    @Test("forecast, spc and summarize --measures tables show values to the series' decimal places (one more for SEs and moving ranges); CSV keeps every digit")
    func modelTables() throws {
        let path = try CLI.file(Self.data)
        let table = try CLI.run(["forecast", path, "--method", "linear", "--format", "table"])
        #expect(table.status == 0, "\(table.stderr)")
        let first = table.stdout.split(separator: "\n")[2].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(first == ["NE", "linear", "1", "2021", "15.7", "0.41", "14.4", "17.1", "–", "–", "–"], "\(table.stdout)")
        let csv = try CLI.run(["forecast", path, "--method", "linear", "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n")[1].hasPrefix("NE,linear,1,2021,15.7"), "\(csv.stdout)")
        #expect(csv.stdout.split(separator: "\n")[1].count > 60, "full precision: \(csv.stdout)")
        let spc = try CLI.run(["spc", path, "--format", "markdown"])
        #expect(spc.stdout.split(separator: "\n")[3].hasPrefix("| NE | 2017 | 11.3 | 1.10 | 1 | 12.4 |"), "\(spc.stdout)")
        let summary = try CLI.run(["summarize", path, "--measures", "holt", "--format", "table"])
        let row = summary.stdout.split(separator: "\n")[2].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(Array(row.suffix(3)) == ["15.7", "16.9", "18.0"], "holt_forecast_k to one place, as first and last: \(summary.stdout)")
    }
}
