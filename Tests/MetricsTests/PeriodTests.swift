import Foundation
@testable import Metrics
import Testing

/// Period labels decoded onto SPEC.md's time axis (years; month = 1/12, quarter = 1/4, financial year from
/// April = +3/12, academic year from September = +8/12, dates by day of year).
struct PeriodTests {
    func start(_ label: String, _ type: YearType = .financial) throws -> Double { try Period.parse(label, yearType: type).start }

    @Test("a note in parentheses has at most 64 characters, and a process keeps a bounded number of notes")
    func qualifierBounds() throws {
        let longest = String(repeating: "n", count: 64)
        #expect(try Period.parse("2016-17 (\(longest))").qualifier == longest)
        #expect(throws: PeriodError.self) { try Period.parse("2016-17 (\(longest)n)") }
        // Past the capacity a new note is refused and a known one still read (the real capacity, 65,536,
        // is not filled here: the registry is the whole test process's).
        #expect(!PeriodQualifier.canRegister("never seen \(UUID())", capacity: 0))
        _ = try Period.parse("2016-17 (seen)")
        #expect(PeriodQualifier.canRegister("seen", capacity: 0))
    }

    @Test("every form in SPEC.md lands where the time axis says")
    func timeAxis() throws {
        #expect(try start("2021") == 2021)
        #expect(try start("2020-21") == 2020.25)
        #expect(try start("2020/21") == 2020.25)
        #expect(try start("2020-2021") == 2020.25)
        #expect(try start("2020-21", .academic) == 2020 + 8.0 / 12)
        #expect(try start("2021-Q3") == 2021.5)
        #expect(try start("Q3 2021") == 2021.5)
        #expect(try start("2021 Q3") == 2021.5)
        #expect(try start("2021-07") == 2021.5)
        #expect(try start("Jul 2021") == 2021.5)
        #expect(try start("July 2021") == 2021.5)
        #expect(try start("jul-21") == 2021.5)
        #expect(try start("2021-03-31") == 2021 + 89.0 / 365)
        #expect(try start("31/03/2021") == 2021 + 89.0 / 365)
        #expect(try start("31 March 2021") == 2021 + 89.0 / 365)
        #expect(try start("2020-12-31") == 2020 + 365.0 / 366, "2020 is a leap year")
        #expect(try start("2020-21 Q2") == 2020.5)
    }

    @Test("August 2020 to July 2021 is 11/12 of a year")
    func elapsed() throws {
        let from = try Period.parse("2020-08")
        let to = try Period.parse("2021-07")
        #expect(abs(from.years(to: to) - 11.0 / 12) < 1e-12)
    }

    @Test("LAIT's labels: two-year labels, ranges and qualifiers")
    func lait() throws {
        let ot = try Period.parse("2016-17 (OT)")
        #expect(ot.kind == .financialYear && ot.qualifier == "OT" && ot.start == 2016.25)
        #expect(try Period.parse("2025 (prov)").qualifier == "prov")
        let range = try Period.parse("2014-16")
        #expect(range.kind == .yearRange(years: 3, of: nil) && range.start == 2014 && range.length == 3)
        let pooled = try Period.parse("2013/14-15/16", yearType: .academic)
        #expect(pooled.kind == .yearRange(years: 3, of: .academic) && pooled.label == "2013/14-15/16")
        #expect(try Period.parse("2099/00").start == 2099.25, "across a century")
    }

    @Test("consecutive years mean a two-year label, never a month")
    func ambiguity() throws {
        #expect(try Period.parse("2011-12").kind == .financialYear)
        #expect(try Period.parse("2011-11").kind == .month)
        #expect(try Period.parse("Dec 2011").start == 2011 + 11.0 / 12)
    }

    @Test("labels that are not periods, and dates that do not exist, are errors naming them")
    func refusals() {
        for label in ["", "0", "abc", "2021-13-01", "2021-02-29", "31/04/2021", "2021-Q5", "20211", "2020/19", "Smarch 2021", "2021-7-1x"] {
            #expect(throws: PeriodError.self, "\(label)") { try Period.parse(label) }
        }
        do {
            _ = try Period.parse("2021-02-29")
        } catch {
            #expect(error.description.contains("February 2021 has no day 29"))
        }
    }

    @Test("EES time_period with time_identifier")
    func ees() throws {
        #expect(try Period.ees(code: "202021", identifier: "Financial year").start == 2020.25)
        #expect(try Period.ees(code: "202021", identifier: "Academic year").start == 2020 + 8.0 / 12)
        #expect(try Period.ees(code: "2025", identifier: "Reporting year").start == 2025)
        #expect(try Period.ees(code: "2025", identifier: "Calendar year").kind == .year)
        #expect(try Period.ees(code: "2021", identifier: "Calendar year Q3").start == 2021.5)
        #expect(try Period.ees(code: "202122", identifier: "Financial year Q2").start == 2021.5)
        #expect(try Period.ees(code: "2021", identifier: "July").start == 2021.5)
        #expect(try Period.ees(code: "202021", identifier: "Spring term").start == 2021)
        #expect(throws: PeriodError.self) { try Period.ees(code: "2021", identifier: "Financial year") }
        #expect(throws: PeriodError.self) { try Period.ees(code: "202021", identifier: "Fortnight 3") }
    }
}
