import Foundation
import Testing

@testable import Metrics

/// Inputs that made the library trap, found by the libFuzzer harnesses (`Tests/Fuzz`, `scripts/fuzz.sh`) or while
/// writing them, each kept here inline: the library must refuse such input with an error, or read it, and never
/// crash. The fuzzer's own inputs are kept byte for byte beside a reduced case that says what went wrong.
struct FuzzRegressionTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-fuzz-regression-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        try write(Array(text.utf8), name, in: directory)
    }

    static func read(_ path: String, _ options: ReadOptions = ReadOptions()) throws -> (series: [Series], report: ReadReport) {
        var series: [Series] = []
        let report = try SeriesSource.read(path: path, options: options, restart: { series.removeAll() }) { series.append($0) }
        return (series, report)
    }

    // MARK: Period labels: a run of digits longer than Int holds (FuzzPeriod)

    /// `Period.parse` read every run of digits with `Int(_:)!`; past 19 digits that is nil, and the parser
    /// trapped. The first label is the fuzzer's; the others reach the other shapes that did the same.
    @Test(
        "period labels with more digits than Int holds are not periods",
        arguments: [
            "9191-1444444444444444444444444444-1",  // FuzzPeriod, crash-471315857beb4242e5b5e491365efb37cf94efde
            "2021-123456789012345678901",
            "2013/14-99999999999999999999/16",
            "2021-01-99999999999999999999",
            "99999999999999999999/03/2021",
            "2021Q99999999999999999999",
            "Q99999999999999999999 2021",
            "2020-99999999999999999999 Q1",
            "99999999999999999999 March 2021",
        ])
    func overlongNumbersInPeriods(label: String) {
        for yearType in [YearType.financial, .academic] {
            #expect(throws: PeriodError.self) { try Period.parse(label, yearType: yearType) }
        }
    }

    @Test("labels with numbers of ordinary length still read")
    func ordinaryLabels() throws {
        #expect(try Period.parse("2020-21").label == "2020-21")
        #expect(try Period.parse("2013/14-15/16").label == "2013/14-15/16")
        #expect(try Period.parse("31/03/2021").label == "2021-03-31")
        #expect(try Period.parse("Q3 2021").label == "2021-Q3")
    }

    @Test("a tidy file with such a period is a data error at its cell")
    func overlongPeriodInFile() throws {
        let dir = try Self.directory()
        let path = try Self.write("indicator,period,value\na,2020,1\na,2021-123456789012345678901,2\n", "tidy.csv", in: dir)
        #expect(throws: DataError.self) { try Self.read(path) }
        let (series, report) = try Self.read(path, ReadOptions(collectProblems: true))
        #expect(series.count == 1)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.location.line == 3)
    }

    // MARK: Long reader: a key field that is not UTF-8, problems collected (FuzzTidy)

    /// When a row's key differed from the previous row's, the reader replaced its copy of the previous key's
    /// bytes field by field; a field that was not UTF-8 threw half-way, leaving the old key current but its
    /// bytes those of part of the new key. Collecting problems (`metrics validate`), the next row
    /// was compared against those bytes: it indexed past their end (a trap: the fuzzer's input), or, when they
    /// matched, its value went into the old key's series (the reduced case: b's 2022 became a value of a, x).
    @Test("tidy: a key that is not UTF-8 is a problem of its row, and reading goes on")
    func keyNotUTF8() throws {
        let dir = try Self.directory()
        var bytes = Array("indicator,area,period,value\na,x,2020,1\nb,".utf8)
        bytes += [0x95] + Array(",2021,2\nb,".utf8) + [0x95] + Array(",2022,3\na,x,2021,4\n".utf8)
        let path = try Self.write(bytes, "tidy.csv", in: dir)

        #expect(throws: DataError.self) { try Self.read(path) }
        let (series, report) = try Self.read(path, ReadOptions(collectProblems: true))
        #expect(report.problems.map(\.location.line) == [3, 4])
        #expect(report.problems.allSatisfy { $0.message.contains("UTF-8") })
        // The rows after the bad ones continue the series before them: the key in force is still a, x.
        #expect(series.count == 1)
        #expect(series.first?.key.values == ["a", "x"])
        #expect(series.first?.observations.map(\.period.label) == ["2020", "2021"])
        #expect(report.regrouped == nil)
    }

    @Test("tidy: the fuzzer's input for the key that is not UTF-8")
    func keyNotUTF8FuzzInput() throws {
        // FuzzTidy, crash-f6437ab2be48b29a6b30a5b7fa3bcbef39fb8948, minimised by libFuzzer (-minimize_crash=1).
        var bytes = Array("meate,measure,period,area,old_,region,value,valaw\nN_K2W,,2016,Black,890,North West,57.0,57\n".utf8)
        bytes += Array("NoID_SEN_NEW_KS2_RWM,KS2 attainment in RWM for pupils with No Ident".utf8) + [0x95, 0x99, 0x96, 0x9A]
        bytes += Array("d SEN,17,Blool,0,Nort,57.0,7\n".utf8)
        bytes += Array("NoID_SEN_NEW_KS2_RWM,KS2 attainment in RWM for pupils with No Ident".utf8) + [0x95, 0x99, 0x96, 0x9A]
        bytes += Array("d SEN,2017,Bll,890,No99999999est,0,71\nW\n".utf8)
        let dir = try Self.directory()
        let path = try Self.write(bytes, "tidy.csv", in: dir)
        let (series, report) = try Self.read(path, ReadOptions(yearType: .academic, grouping: .grouping, collectProblems: true, problemLimit: 5))
        #expect(series.count == 1)
        #expect(report.problems.count == 3)
    }

    // MARK: EES: a format given by the caller with a header that lacks the EES columns (FuzzEES)

    /// Format detection only picks the EES reader for a header with its columns, but `--format ees` (or
    /// `format: ees` in a batch configuration) reached it with any header, where it force-unwrapped the
    /// index of `time_period`.
    @Test("ees: a header without time_period, time_identifier or geographic_level is a data error")
    func eesWithoutTimeColumns() throws {
        let dir = try Self.directory()
        // FuzzEES, crash-137374aae4874f0012c98c015b0bb2d4d6221e13: a header only, whose first column is not time_period.
        let fuzzed = try Self.write(
            "time_periotime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,inpost_fte,inpost_headcount,starters_fte,starters_headcount,leavers_fte,leavers_headcount,turnover_rate_fte,turnover_rate_headcount,agency_fte,agency_headcount,agency_rated,time_identifier,geog_fte,agency_rate_headcount,agency_cover_fte,r",
            "fuzzed.csv", in: dir)
        let plain = try Self.write("area,value\nMiddlesbrough,1\n", "plain.csv", in: dir)
        for path in [fuzzed, plain] {
            for grouping in [ReadOptions.Grouping.automatic, .streaming, .grouping] {
                let error = #expect(throws: DataError.self) { try Self.read(path, ReadOptions(format: .ees, grouping: grouping)) }
                #expect(error?.message.contains("time_period") == true)
            }
        }
        let noLevel = try Self.write("time_period,time_identifier,value\n2021,Calendar year,1\n", "nolevel.csv", in: dir)
        let error = #expect(throws: DataError.self) { try Self.read(noLevel, ReadOptions(format: .ees)) }
        #expect(error?.message.contains("'geographic_level'") == true)
    }

    // MARK: Units: a rate per a number beyond Int (found writing the harnesses' output step)

    /// `Unit.description` wrote a whole-number rate with `String(Int(n))`, which traps beyond Int's range: a
    /// `unit` cell of `rate per 1e300` crashed every output that names the unit.
    @Test("units: a rate per a huge or infinite number does not trap")
    func hugeRateUnit() throws {
        #expect(SeriesMetadata.Unit.rate(per: 1e300).description == "rate per 1e+300")
        #expect(SeriesMetadata.Unit.rate(per: 10_000).description == "rate per 10000")
        #expect(SeriesMetadata.Unit.rate(per: 2.5).description == "rate per 2.5")
        #expect(SeriesMetadata.Unit(text: "rate per 1e300") == .rate(per: 1e300))
        #expect(SeriesMetadata.Unit(text: "rate per inf") == .other("rate per inf"))

        let dir = try Self.directory()
        let path = try Self.write("indicator,period,value,unit\na,2020,1,rate per 1e300\na,2021,2,rate per 1e300\n", "tidy.csv", in: dir)
        let (series, _) = try Self.read(path)
        let summary = try Summarizer().summarize(try #require(series.first))
        for format in OutputFormat.allCases {
            let writer = SummaryFormat(format: format, keyNames: summary.key.names)
            _ = writer.record(summary, index: 0)
            _ = writer.readable([summary])
        }
        #expect(SummaryFormat(format: .csv, keyNames: summary.key.names).record(summary, index: 0).contains("rate per 1e+300"))
    }

    // MARK: Decimal places out of range (found writing the harnesses' output step)

    /// Decimal places came from files as any Int: `-1` made an empty range `0..<-1` (a trap) in the readable
    /// table, 30 overflowed the Int64 of the scaled fraction, and Int.max overflowed `dp + 1`. Readers now
    /// keep only 0…15, like text that is not a number; `HumanNumber` clamps what callers pass.
    @Test("decimal places outside 0…15 are ignored by the readers", arguments: ["-1", "30", "16", "9223372036854775807"])
    func decimalPlacesOutOfRange(dp: String) throws {
        let dir = try Self.directory()
        let tidy = try Self.write("indicator,period,value,dp\na,2020,1.5,\(dp)\na,2021,2.25,\(dp)\n", "tidy.csv", in: dir)
        let wide = try Self.write("indicator,dp,2020,2021\na,\(dp),1.5,2.25\n", "wide.csv", in: dir)
        for path in [tidy, wide] {
            let (series, _) = try Self.read(path)
            let only = try #require(series.first)
            #expect(only.metadata.decimalPlaces == nil)
            let summary = try Summarizer().summarize(only)
            for format in [OutputFormat.table, .markdown] {
                #expect(SummaryFormat(format: format, keyNames: summary.key.names).readable([summary]).contains("1.5"))
            }
        }
    }

    @Test("decimal places from EES metadata and the LAIT dictionary are checked too")
    func decimalPlacesFromMetadata() throws {
        let dir = try Self.directory()
        let ees = try Self.write(
            "time_period,time_identifier,geographic_level,country_code,country_name,rate\n2021,Calendar year,National,E92000001,England,1.5\n2022,Calendar year,National,E92000001,England,2\n",
            "ees.csv", in: dir)
        _ = try Self.write("col_name,col_type,label,indicator_unit,indicator_dp\nrate,Indicator,Rate,%,-3\n", "ees.meta.csv", in: dir)
        let (eesSeries, _) = try Self.read(ees)
        #expect(eesSeries.first?.metadata.decimalPlaces == nil)
        #expect(eesSeries.first?.metadata.unit == .percent)

        let laitDir = try Self.directory()
        let lait = try Self.write(
            "measure_code,measure,period,area,old_la_code,region,value\nCLA,,2020,Middlesbrough,806,North East,1.5\nCLA,,2021,Middlesbrough,806,North East,2\n",
            "lait.csv", in: laitDir)
        _ = try Self.write("Measure_short,Polarity,dps,Year_Type\nCLA,Low,99,Financial Year\n", "lait_data_dictionary.csv", in: laitDir)
        let (laitSeries, _) = try Self.read(lait)
        #expect(laitSeries.first?.metadata.decimalPlaces == nil)
        #expect(laitSeries.first?.metadata.polarity == .lowerIsBetter)

        #expect(SeriesMetadata.decimalPlaces(text: " 2 ") == 2)
        #expect(SeriesMetadata.decimalPlaces(text: "15") == 15)
        #expect(SeriesMetadata.decimalPlaces(text: "-1") == nil)
    }

    @Test("people's numbers: decimal places beyond 0…15 are clamped, not trapped")
    func humanNumberDecimals() {
        #expect(HumanNumber.format(1.5, decimals: -1) == "2")
        #expect(HumanNumber.format(1.5, decimals: 400) == "1.500000000000000")
        #expect(HumanNumber.format(1.5, decimals: 2) == "1.50")
        #expect(HumanNumber.signed(-1234.5, decimals: Int.max) == "−1,234.500000000000000")
    }
}
