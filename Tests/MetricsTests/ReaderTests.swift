import Foundation
import Metrics
import Testing

/// The readers: tidy, wide, EES (with and without metadata), LAIT (with its dictionary), gzip and
/// grouping, on small files written here and on the real DfE files in ../shared.
struct ReaderTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func read(_ path: String, _ options: ReadOptions = ReadOptions()) throws -> (series: [Series], report: ReadReport) {
        var series: [Series] = []
        let report = try SeriesSource.read(path: path, options: options, restart: { series.removeAll() }) { series.append($0) }
        return (series, report)
    }

    // MARK: Tidy

    @Test("tidy: key columns, metadata columns, units, analyst numbers and symbols")
    func tidy() throws {
        let dir = try Self.directory()
        let path = try Self.write("""
            area_code,area_name,indicator,period,value,unit,source
            E06000002,Middlesbrough,cla,2020,"1,234",count,DfE
            E06000002,Middlesbrough,cla,2021,c,count,DfE
            E06000002,Middlesbrough,cla,2022,1200,count,DfE
            E06000002,Middlesbrough,share,2010,13%,,seed
            E06000002,Middlesbrough,share,2020,35%,,seed

            """, "tidy.csv", in: dir)
        let (series, report) = try Self.read(path)
        #expect(report.format == .tidy && report.keyColumns == ["area_code", "area_name", "indicator"])
        #expect(series.count == 2)
        #expect(series[0].key.values == ["E06000002", "Middlesbrough", "cla"])
        #expect(series[0].observations.map(\.value) == [.number(1234), .missing(.confidential), .number(1200)])
        #expect(series[0].metadata.unit == .count && series[0].metadata.source == "DfE")
        #expect(series[1].metadata.unit == .percent, "the % sign sets the unit")
        #expect(series[1].observations.map(\.value) == [.number(13), .number(35)])
        #expect(report.missingBySymbol == [.confidential: 1])
    }

    @Test("tidy: observations are sorted by period; lines are kept")
    func sorting() throws {
        let path = try Self.write("a,period,value\nx,2022,3\nx,2020,1\nx,2021,2\n", "unsorted.csv", in: try Self.directory())
        let (series, _) = try Self.read(path)
        #expect(series[0].observations.map(\.period.label) == ["2020", "2021", "2022"])
        #expect(series[0].observations.map(\.line) == [3, 4, 2])
        #expect(series[0].numericPoints.times == [0, 1, 2])
    }

    /// The reader reuses the period found at the same row position of the previous series when the bytes
    /// match; series that list other periods, or the same ones in another order, must still read their own.
    @Test("each series reads its own periods, whatever the previous series listed at the same positions")
    func periodsByPosition() throws {
        let path = try Self.write("""
            a,period,value
            x,2020-21,1
            x,2021-22,2
            x,2022-23,3
            y,2021-22,4
            y,2020-21,5
            z,2020-21,6
            z,2021-22,7
            w,2019-Q3,8
            w,2020-Q1,9
            v,2021-22,10
            v,2022-23,11

            """, "positions.csv", in: try Self.directory())
        let (series, _) = try Self.read(path)
        #expect(series.map { $0.observations.map(\.period.label) } == [
            ["2020-21", "2021-22", "2022-23"], ["2020-21", "2021-22"], ["2020-21", "2021-22"], ["2019-Q3", "2020-Q1"],
            ["2021-22", "2022-23"],
        ])
        #expect(series[1].observations.map(\.value) == [.number(5), .number(4)])
        #expect(series[0].observations[0].period.start == 2020.25, "a financial year starts in April")
        #expect(series[3].observations.map(\.period.start) == [2019.5, 2020])
        #expect(series[4].observations.map(\.period.start) == [2021.25, 2022.25])
    }

    @Test("duplicate periods and mixed period types are errors naming both lines")
    func seriesErrors() throws {
        let dir = try Self.directory()
        let duplicate = try Self.write("a,period,value\nx,2020,1\nx,2021,2\nx,2020,3\n", "dup.csv", in: dir)
        #expect {
            _ = try Self.read(duplicate)
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.location.line == 4 && error.message.contains("duplicate period 2020") && error.message.contains("line 2")
        }
        let mixed = try Self.write("a,period,value\nx,2020,1\nx,2020-21,2\n", "mixed.csv", in: dir)
        #expect {
            _ = try Self.read(mixed)
        } throws: { error in
            (error as? DataError)?.message.contains("mixed period types") == true
        }
    }

    @Test("a bad value is an error at its line and column")
    func badValue() throws {
        let path = try Self.write("a,period,value\nx,2020,1\nx,2021,12*\n", "bad.csv", in: try Self.directory())
        #expect {
            _ = try Self.read(path)
        } throws: { error in
            (error as? DataError)?.location == SourceLocation(file: path, line: 3, column: 8)
        }
    }

    @Test("rows of a series that are not adjacent: regrouped for files, an error when streaming is required")
    func grouping() throws {
        let path = try Self.write("a,period,value\nx,2020,1\ny,2020,5\nx,2021,2\ny,2021,6\n", "split.csv", in: try Self.directory())
        let (series, report) = try Self.read(path)
        #expect(series.count == 2, "the restart discards what was streamed before")
        #expect(series.map { $0.observations.count } == [2, 2])
        #expect(report.regrouped?.contains("not adjacent") == true)
        #expect(throws: DataError.self) { try Self.read(path, ReadOptions(grouping: .streaming)) }
        let (grouped, groupedReport) = try Self.read(path, ReadOptions(grouping: .grouping))
        #expect(grouped.count == 2 && groupedReport.regrouped == nil)
    }

    @Test("keys that arrive out of order but adjacent stream without regrouping")
    func unsortedButAdjacent() throws {
        let path = try Self.write("a,period,value\nz,2020,1\nz,2021,1\nb,2020,5\nb,2021,6\nm,2020,1\n", "order.csv", in: try Self.directory())
        let (series, report) = try Self.read(path, ReadOptions(grouping: .streaming))
        #expect(series.map { $0.key.values[0] } == ["z", "b", "m"])
        #expect(report.regrouped == nil)
    }

    @Test("a sorted file whose order breaks later: an earlier key coming back is found (its keys are read again), adjacent ones stream on")
    func orderBreaksLate() throws {
        let dir = try Self.directory()
        var rows = "a,period,value\n"
        for key in ["k01", "k02", "k03", "k04", "k05", "k06"] { rows += "\(key),2020,1\n\(key),2021,2\n" }
        // Adjacent but out of order from here: streams on.
        let adjacent = try Self.write(rows + "b99,2020,3\nb99,2021,4\nk00,2020,5\n", "late-adjacent.csv", in: dir)
        let (streamed, streamedReport) = try Self.read(adjacent, ReadOptions(grouping: .streaming))
        #expect(streamed.count == 8 && streamedReport.regrouped == nil)
        // k03 comes back after the break: not adjacent, found although nothing was kept while sorted.
        let split = try Self.write(rows + "b99,2020,3\nk03,2022,4\n", "late-split.csv", in: dir)
        #expect(throws: DataError.self) { try Self.read(split, ReadOptions(grouping: .streaming)) }
        let (regrouped, report) = try Self.read(split)
        #expect(report.regrouped?.contains("not adjacent") == true)
        #expect(regrouped.first { $0.key.values == ["k03"] }?.observations.count == 3)
        // The key that breaks the order can itself be the one coming back.
        let back = try Self.write(rows + "k02,2022,4\n", "late-back.csv", in: dir)
        #expect(throws: DataError.self) { try Self.read(back, ReadOptions(grouping: .streaming)) }
    }

    @Test("a key written quoted in one row and plain in the next is the same series; raw bytes that match are the same key")
    func quotedAndPlainKeys() throws {
        let path = try Self.write("area,period,note,value\n\"a,b\",2020,n1,1\n\"a,b\",2021,n2,2\nx,2020,n1,1\n\"x\",2021,n1,2\n\"x\",2022,n1,3\n", "quoted-keys.csv", in: try Self.directory())
        let (series, report) = try Self.read(path, ReadOptions(grouping: .streaming))
        #expect(series.map { $0.key.values } == [["a,b"], ["x"]])
        #expect(series.map { $0.observations.count } == [2, 3])
        #expect(report.regrouped == nil)
    }

    @Test("validation collects every problem and goes on")
    func collecting() throws {
        let path = try Self.write("a,period,value\nx,2020,1\nx,2021,oops\nx,20x2,3\ny,2020,1,extra\ny,2021,2\n", "many.csv", in: try Self.directory())
        let result = try ValidateRequest(paths: [path]).run()
        let problems = result.reports[0].problems
        #expect(problems.map { $0.location.line } == [3, 4, 5])
        #expect(result.reports[0].series == 2)
    }

    // MARK: Wide

    @Test("wide: periods as column names")
    func wide() throws {
        let path = try Self.write("area,indicator,2019,2020,2021\nMiddlesbrough,cla,518,618,570\nEngland,cla,78150,80000,x\n", "wide.csv", in: try Self.directory())
        let (series, report) = try Self.read(path)
        #expect(report.format == .wide)
        #expect(series.count == 2 && series[0].key.values == ["Middlesbrough", "cla"])
        #expect(series[1].observations.map(\.value) == [.number(78150), .number(80000), .missing(.notAvailable)])
    }

    // MARK: EES

    static let eesData = """
        time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,population_type,children_count,rate_per_10000
        2021,Reporting year,National,E92000001,England,,,,,,In care,80850,67
        2021,Reporting year,Local authority,E92000001,England,E12000001,North East,806,E06000002,Middlesbrough,In care,570,172
        2022,Reporting year,National,E92000001,England,,,,,,In care,82080,70
        2022,Reporting year,Local authority,E92000001,England,E12000001,North East,806,E06000002,Middlesbrough,In care,c,150

        """

    @Test("EES: a series per geography, filter and indicator; time decoded with its identifier")
    func ees() throws {
        let dir = try Self.directory()
        let path = try Self.write(Self.eesData, "cla.csv", in: dir)
        let (series, report) = try Self.read(path)
        #expect(report.format == .ees)
        #expect(report.keyColumns == ["geographic_level", "area_code", "area_name", "population_type", "indicator"])
        #expect(series.count == 4)
        let middlesbrough = try #require(series.first { $0.key["area_code"] == "E06000002" && $0.key["indicator"] == "children_count" })
        #expect(middlesbrough.key.values == ["Local authority", "E06000002", "Middlesbrough", "In care", "children_count"])
        #expect(middlesbrough.observations.map(\.value) == [.number(570), .missing(.confidential)])
        #expect(middlesbrough.observations.map(\.period.start) == [2021, 2022])
        #expect(report.regrouped == nil, "EES files are gathered from the start")
    }

    @Test("EES with .meta.csv: labels, units and decimal places; col_type decides")
    func eesMetadata() throws {
        let dir = try Self.directory()
        let path = try Self.write(Self.eesData, "cla.csv", in: dir)
        _ = try Self.write("""
            col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column
            population_type,Filter,Population type,,,,,
            children_count,Indicator,Number of children,,,0,,
            rate_per_10000,Indicator,Rate per 10000 children,,,0,,

            """, "cla.meta.csv", in: dir)
        let (series, _) = try Self.read(path)
        let rate = try #require(series.first { $0.key["indicator"] == "rate_per_10000" })
        #expect(rate.metadata.label == "Rate per 10000 children" && rate.metadata.decimalPlaces == 0)
    }

    // MARK: LAIT

    @Test("LAIT: its key, its qualifiers, and the dictionary's polarity and year type")
    func lait() throws {
        let dir = try Self.directory()
        let path = try Self.write("""
            measure_code,measure,period,area,old_la_code,region,value,value_raw
            KS2,,2016/17,Middlesbrough,806,North East,55.0,55
            KS2,,2017/18,Middlesbrough,806,North East,57.0,57
            KS2,,0,Middlesbrough,806,North East,,-
            Spend,,2016-17 (OT),Middlesbrough,806,North East,100,100

            """, "lait.csv", in: dir)
        _ = try Self.write("""
            "Measure_code","Topic","Measure","Chart_title","Measure_short","Polarity","y_axis_name","dps","Year_Type"
            "1","Education","Key stage 2","KS2 attainment","KS2","High","%","0","Academic Year"
            "2","Finance","Spend","Spending","Spend","Low","£","0","Financial Year"

            """, "lait_data_dictionary.csv", in: dir)
        let (series, report) = try Self.read(path)
        #expect(report.format == .lait && series.count == 2)
        let ks2 = series[0]
        #expect(ks2.metadata.polarity == .higherIsBetter && ks2.metadata.yearType == .academic)
        #expect(ks2.observations.map(\.period.kind) == [.academicYear, .academicYear])
        #expect(ks2.observations[0].period.start == 2016 + 8.0 / 12)
        #expect(series[1].metadata.polarity == .lowerIsBetter)
        #expect(series[1].observations[0].period.qualifier == "OT")
        #expect(report.notes.contains { $0.contains("placeholder") })
    }

    // MARK: gzip

    @Test("gzip input reads like the plain file; a truncated one is an error")
    func gzip() throws {
        let dir = try Self.directory()
        let plain = try Self.write("a,period,value\n" + (0..<2000).map { "s\($0 / 10),\(2000 + $0 % 10),\($0)" }.joined(separator: "\n") + "\n", "big.csv", in: dir)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-k", plain]
        try process.run()
        process.waitUntilExit()
        let (fromPlain, _) = try Self.read(plain)
        let (fromGzip, _) = try Self.read(plain + ".gz")
        #expect(fromPlain.count == 200 && fromGzip.count == 200)
        #expect(fromPlain.map(\.observations) == fromGzip.map(\.observations))
        let compressed = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        let truncated = dir.appendingPathComponent("truncated.csv.gz")
        try compressed.prefix(compressed.count / 2).write(to: truncated)
        #expect(throws: DataError.self) { try Self.read(truncated.path) }
    }

    // MARK: The real DfE files

    @Test(
        "every real DfE series file reads without a problem",
        .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)),
        arguments: ["data/dfe/ees/cla_number_and_rate_per_10k_children.csv", "data/dfe/ees/csww_indicators_2017_to_2025.csv",
                    "data/dfe/ees/ons_mid-year_population_estimates_2012_to_2024.csv",
                    "data/dfe/lait/lait_middlesbrough_sn_northeast_england_all_measures.csv"])
    func realFiles(relative: String) throws {
        let path = try #require(SharedReference.url(relative)).path
        let result = try ValidateRequest(paths: [path]).run()
        let report = result.reports[0]
        #expect(report.problems.isEmpty, "\(report.problems.prefix(3))")
        #expect(report.series > 100 && report.observations > 2000)
        #expect(report.observations == report.numericValues + report.missingBySymbol.values.reduce(0, +))
        print("\(relative): \(report.format?.rawValue ?? "?") \(report.rows) rows, \(report.series) series, missing \(report.missingBySymbol.map { "\($0.key.symbol.isEmpty ? "blank" : $0.key.symbol)=\($0.value)" }.sorted().joined(separator: " "))")
    }

    @Test(
        "Middlesbrough in the real EES file: children looked after at 31 March, 2021–2025",
        .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)))
    func middlesbrough() throws {
        let path = try #require(SharedReference.url("data/dfe/ees/cla_number_and_rate_per_10k_children.csv")).path
        var found: Series?
        try SeriesSource.read(path: path) { series in
            if series.key["area_code"] == "E06000002", series.key["indicator"] == "children_count",
                series.key["population_type"]?.contains("31 March") == true
            {
                found = series
            }
        }
        let series = try #require(found)
        // DfE, Children looked after in England including adoptions, 2025: Middlesbrough 570, 502, 509, 513, 493.
        #expect(series.observations.compactMap(\.value.number) == [570, 502, 509, 513, 493])
    }
}
