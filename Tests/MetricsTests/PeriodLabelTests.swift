import Foundation
@testable import Metrics
import Testing

/// Labels that name a year and a month alike (`2000-01` to `2011-12`): decided by the other labels of their
/// series and column, or by `--period-type` (`PeriodLabel`, `AmbiguousLabels`, `PeriodType`; issue 17).
/// Every file here is synthetic.
struct PeriodLabelTests {
    static func read(_ text: String, _ options: ReadOptions = ReadOptions()) throws -> [Series] {
        let dir = try ReaderTests.directory()
        let path = try ReaderTests.write(text, "labels.csv", in: dir)
        return try ReaderTests.read(path, options).series
    }

    static func labels(_ series: Series) -> [String] { series.observations.map(\.period.description) }

    @Test("a label alone: which could be a month, which a year only, which a month only")
    func alone() throws {
        for (text, kind, couldBeMonth) in [
            ("2000-01", Period.Kind.financialYear, true), ("2009-10", .financialYear, true), ("2011-12", .financialYear, true),
            ("2011/12", .financialYear, true), ("2012-13", .financialYear, false), ("1999-00", .financialYear, false),
            ("2000-2001", .financialYear, false), ("2000-02", .month, false), ("Jan 2000", .month, false),
            ("2009-10 (prov)", .financialYear, true),
        ] {
            let label = try Period.read(text)
            #expect(label.period.kind == kind && label.couldBeMonth == couldBeMonth, "\(text)")
        }
        #expect(PeriodLabel.monthReading(of: try Period.parse("2009-10")) == Period.month(2009, 10))
        #expect(PeriodLabel.monthReading(of: try Period.parse("2009-10 (prov)")).description == "Oct 2009 (prov)")
    }

    @Test("--period-type decides a label alone, and refuses a label of another kind")
    func periodType() throws {
        #expect(try Period.parse("2009-10", periodType: .month) == Period.month(2009, 10))
        #expect(try Period.parse("2000-01", periodType: .month) == Period.month(2000, 1))
        #expect(try Period.parse("2009-10", periodType: .academic).kind == .academicYear)
        #expect(try Period.parse("2009-10", yearType: .financial, periodType: .academic).kind == .academicYear, "the period type's year type wins")
        #expect(try Period.parse("2010-12", periodType: .year) == Period.yearRange(2010, years: 3, of: nil), "a range of years, not December")
        #expect(try Period.parse("2010-12").kind == .month)
        #expect(try Period.read("2009-10", periodType: .financial).couldBeMonth == false)
        #expect(throws: PeriodError.self) { try Period.parse("2012-13", periodType: .month) }
        #expect(throws: PeriodError.self) { try Period.parse("2021", periodType: .month) }
        #expect(throws: PeriodError.self) { try Period.parse("2010-12", periodType: .financial) }
        #expect(throws: PeriodError.self) { try Period.parse("2021-Q3", periodType: .date) }
        #expect(try Period.parse("2020-21 Q1", periodType: .quarter).kind == .quarterOfYear(.financial))
        #expect(try Period.parse("2020-21 Autumn term", periodType: .academic).kind == .term(.autumn))
        do {
            _ = try Period.parse("2012-13", periodType: .month)
        } catch {
            #expect(error.description == "'2012-13' is not a period: it is a financial year, not a month as --period-type month says")
        }
    }

    @Test("tidy: a monthly series from January 2000 is months (it was refused as mixed period types)")
    func monthlySeries() throws {
        var text = "area,period,value\n"
        for m in 0..<24 { text += "E1,\(2000 + m / 12)-\(String(format: "%02d", m % 12 + 1)),\(10 + m)\n" }
        let series = try Self.read(text)
        #expect(series.count == 1)
        #expect(series[0].observations.allSatisfy { $0.period.kind == .month })
        #expect(series[0].observations.map(\.period) == (0..<24).map { Period.month(2000 + $0 / 12, $0 % 12 + 1) })
        #expect(Self.labels(series[0]).prefix(3) == ["Jan 2000", "2000-02", "2000-03"])
        #expect(series[0].observations[13].period.description == "Feb 2001", "2001-02 is February 2001 here")
    }

    @Test("tidy: a series of years from 2000-01 stays years; the month reading comes only from a month")
    func yearlySeries() throws {
        var text = "area,period,value\n"
        for y in 2000..<2015 { text += "E1,\(y)-\(String(format: "%02d", (y + 1) % 100)),\(y - 1990)\n" }
        let series = try Self.read(text)
        #expect(series[0].observations.allSatisfy { $0.period.kind == .financialYear })
        #expect(series[0].observations.count == 15)
    }

    @Test("tidy: a series of labels that could all be either follows its column: months after months, years after years or alone")
    func followsColumn() throws {
        let months = "E1,2009-10,1\nE1,2009-11,2\nE1,2009-12,3\n"
        let ambiguous = "E2,2009-10,1\nE2,2010-11,2\n"
        let years = "E3,2011-12,1\nE3,2012-13,2\n"
        let afterMonths = try Self.read("area,period,value\n" + months + ambiguous)
        #expect(afterMonths[1].observations.map(\.period) == [Period.month(2009, 10), Period.month(2010, 11)])
        let alone = try Self.read("area,period,value\n" + ambiguous)
        #expect(alone[0].observations.allSatisfy { $0.period.kind == .financialYear }, "DfE's way: 2009-10 is a year")
        let mixedColumn = try Self.read("area,period,value\n" + years + months + ambiguous)
        #expect(mixedColumn[2].observations.allSatisfy { $0.period.kind == .financialYear }, "a column of years and months: years")
        let explicit = try Self.read("area,period,value\n" + ambiguous, ReadOptions(periodType: .month))
        #expect(explicit[0].observations.map(\.period) == [Period.month(2009, 10), Period.month(2010, 11)])
        let academic = try Self.read("area,period,value\n" + ambiguous, ReadOptions(periodType: .academic))
        #expect(academic[0].observations.allSatisfy { $0.period.kind == .academicYear })
    }

    @Test("tidy: a month-only label late in a series reads its earlier labels again; rows not adjacent too")
    func lateEvidence() throws {
        let late = try Self.read("area,period,value\nE1,2000-01,1\nE1,2000-12,2\nE1,2001-02,3\nE1,2001-03,4\n")
        #expect(late[0].observations.map(\.period) == [Period.month(2000, 1), Period.month(2000, 12), Period.month(2001, 2), Period.month(2001, 3)])
        let interleaved = try Self.read("area,period,value\nA,2000-01,1\nB,2000-01,5\nA,2000-02,2\nB,2000-02,6\nA,2000-03,3\nB,2000-03,7\n", ReadOptions(grouping: .grouping))
        #expect(interleaved.count == 2)
        for series in interleaved { #expect(series.observations.map(\.period) == (1...3).map { Period.month(2000, $0) }) }
    }

    @Test("tidy: a year that is no month and a month in one series are still mixed period types")
    func stillMixed() throws {
        #expect(throws: DataError.self) { try Self.read("area,period,value\nE1,2011-12,1\nE1,2012-13,2\nE1,2013-02,3\n") }
        #expect(throws: DataError.self) { try Self.read("area,period,value\nE1,2012-13,1\nE1,2013-14,2\n", ReadOptions(periodType: .month)) }
    }

    @Test("wide: a header of months from 2000-01 is months; a header of two-year labels stays years")
    func wide() throws {
        let months = try Self.read("area,2000-01,2000-02,2000-03,2000-04\nE1,1,2,3,4\n")
        #expect(months[0].observations.map(\.period) == (1...4).map { Period.month(2000, $0) })
        let years = try Self.read("area,2009-10,2010-11,2011-12,2012-13\nE1,1,2,3,4\n")
        #expect(years[0].observations.allSatisfy { $0.period.kind == .financialYear })
        let ambiguous = try Self.read("area,2009-10,2010-11\nE1,1,2\n", ReadOptions(format: .wide, periodType: .month))
        #expect(ambiguous[0].observations.map(\.period) == [Period.month(2009, 10), Period.month(2010, 11)])
        #expect(throws: DataError.self) { try Self.read("area,2012-13,2013-14\nE1,1,2\n", ReadOptions(format: .wide, periodType: .month)) }
    }

    @Test("fit and describe: a time column of months from 2000-01 is months; of years, years")
    func numericColumns() throws {
        let dir = try ReaderTests.directory()
        let months = try ReaderTests.write("period,y\n2000-01,1\n2000-02,2\n2000-03,4\n", "m.csv", in: dir)
        let read = try NumericColumns.read(path: months, columns: ["period"], requirements: [.timeAxis(.financial)])
        let expected: [Double] = [Period.month(2000, 1).start, Period.month(2000, 2).start, Period.month(2000, 3).start]
        #expect(read.values[0].map(\.doubleValue) == expected)
        let years = try ReaderTests.write("period,y\n2010-11,1\n2011-12,2\n2012-13,4\n", "y.csv", in: dir)
        let yearly = try NumericColumns.read(path: years, columns: ["period"], requirements: [.timeAxis(.financial)])
        let expectedYears: [Double] = [2010.25, 2011.25, 2012.25]
        #expect(yearly.values[0].map(\.doubleValue) == expectedYears)
        let mixed = try ReaderTests.write("period,y\n2021,1\n2010-11,2\n", "x.csv", in: dir)
        #expect(throws: DataError.self) { try NumericColumns.read(path: mixed, columns: ["period"], requirements: [.timeAxis(.financial)]) }
    }

    @Test("stream: the streaming reader decides the same way")
    func streaming() throws {
        var text = ""
        for m in 0..<6 { text += "E1\t2000-\(String(format: "%02d", m + 1))\t\(m)\n" }
        let path = try StreamingSummaryTests.file(text)
        var lines: [String] = []
        let request = StreamingSummary(
            input: path, columns: ["area", "period", "value"], delimiter: .tab, escapedInput: false,
            read: ReadOptions(), summarizer: Summarizer(), format: .csv, header: false)
        _ = try request.run { lines.append($0) }
        #expect(lines.joined().contains("Jan 2000,2000-06"), "\(lines)")
    }
}
