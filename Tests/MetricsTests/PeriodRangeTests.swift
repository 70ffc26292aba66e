import Metrics
import Testing

/// The years a period may lie in (`Period.representableYears`, 0001 to 9999): every label the tool writes
/// parses back to the same period, nothing outside the range is read or stepped to, and forecasts stop at
/// its end with a reason instead of naming year 10000.
struct PeriodRangeTests {
    /// Periods of every kind the reader makes, at both ends of the range and at century and month-like
    /// boundaries (the label, and the year type that reads it).
    static let edgeLabels: [(label: String, type: YearType)] = [
        ("0001", .financial), ("9999", .financial), ("0999", .financial), ("1000", .financial),
        ("0001-02", .financial), ("9998-99", .financial), ("0099-00", .financial), ("0001-02", .academic), ("9998-99", .academic),
        ("0001-Q1", .financial), ("9999-Q4", .financial),
        ("0001-02 Q1", .financial), ("9999-00 Q3", .financial), ("0001-02 Q4", .academic), ("9999-00 Q1", .academic),
        ("0001-01", .financial), ("9999-12", .financial), ("Dec 2011", .financial), ("Jan 2000", .financial),
        ("0001-01-01", .financial), ("9999-12-31", .financial), ("0004-02-29", .financial),
        ("0001-0003", .financial), ("9997-99", .financial), ("2014-16", .financial), ("2010-2012", .financial), ("1998-2001", .financial),
        ("0001/02-03/04", .financial), ("9996/97-98/99", .academic), ("2098/99-00/01", .financial),
        ("0001-02 Autumn term", .academic), ("0001-02 Spring term", .academic), ("9998-99 Summer term", .academic),
        ("9999-00 Autumn term", .academic), ("2020-21 Autumn and spring term", .academic),
        ("0001 (prov)", .financial),
    ]

    @Test("label → parse → label gives the same label and the same period, for every kind at the range ends")
    func roundTrip() throws {
        for (label, type) in Self.edgeLabels {
            let period = try Period.parse(label, yearType: type)
            #expect(period.isRepresentable, "\(label)")
            #expect(period.description == label, "\(label) is written \(period.description)")
            let again = try Period.parse(period.description, yearType: type)
            #expect(again == period && again.kind == period.kind, "\(label)")
        }
    }

    @Test("every period stepped to inside the range is labelled so that it reads back as itself")
    func steppedLabelsReadBack() throws {
        let starts: [(String, YearType)] = [
            ("0001", .financial), ("0001-02", .financial), ("0001-02", .academic), ("0001-Q1", .financial),
            ("0001-02 Q1", .financial), ("0001-02 Q1", .academic), ("0001-01", .financial), ("2014-16", .financial),
            ("0001/02-03/04", .academic), ("9990-9992", .financial),
        ]
        for (label, type) in starts {
            var period: Period? = try Period.parse(label, yearType: type)
            var count = 0
            // Years: all of them; quarters and months: every 97th step, to the end of the range.
            let stride = period!.kind == .month || period!.kind == .quarter || period!.kind.family.hasSuffix("quarter") ? 97 : 1
            while let current = period {
                let back = try Period.parse(current.label, yearType: type)
                #expect(back == current && back.kind == current.kind, "\(current.label) from \(label)")
                count += 1
                period = current.advanced(by: stride)
            }
            #expect(count >= 8, "\(label)")
        }
        // Dates: every 1,009th day from 0001-01-01, and the last week of 9999.
        var date: Period? = try Period.parse("0001-01-01")
        while let current = date {
            #expect(try Period.parse(current.label) == current, "\(current.label)")
            date = current.advanced(byDays: current.year < 9999 ? 1009 : 1)
        }
    }

    @Test("periods outside 0001–9999 are refused by the readers and never stepped to")
    func outsideTheRange() throws {
        for label in ["0000", "0000-01", "0000-01-01", "0000-Q4", "9999-00", "9999-00 Q4", "9999-00 Spring term", "0000-01 Spring term", "9997/98-99/00"] {
            #expect(throws: PeriodError.self, "\(label)") { try Period.parse(label, yearType: .academic) }
            #expect(throws: PeriodError.self, "\(label)") { try Period.parse(label, yearType: .financial) }
        }
        do {
            _ = try Period.parse("0000")
        } catch {
            #expect(error.reason.contains("0001 to 9999"))
        }
        #expect(throws: PeriodError.self) { try Period.ees(code: "0000", identifier: "Calendar year") }
        #expect(throws: PeriodError.self) { try Period.ees(code: "999900", identifier: "Financial year") }
        #expect(throws: PeriodError.self) { try Period.ees(code: "999900", identifier: "Spring term") }
        #expect(try Period.ees(code: "999900", identifier: "Autumn term").label == "9999-00 Autumn term")

        #expect(try Period.parse("9999").advanced(by: 1) == nil)
        #expect(try Period.parse("0001").advanced(by: -1) == nil)
        #expect(try Period.parse("9998-99").advanced(by: 1) == nil)
        #expect(try Period.parse("9999-12").advanced(by: 1) == nil)
        #expect(try Period.parse("9999-Q4").advanced(byMonths: 3) == nil)
        #expect(try Period.parse("9999-12-31").advanced(byDays: 1) == nil)
        #expect(try Period.parse("0001-01-01").advanced(byDays: -1) == nil)
        #expect(try Period.parse("9999-12-30").advanced(byDays: 1)?.label == "9999-12-31")
    }

    @Test("a forecast horizon stops at the last period in the range, with the reason")
    func horizonStops() throws {
        func horizon(_ labels: [String], _ steps: Int) throws -> ForecastHorizon {
            try ForecastHorizon(observed: labels.map { try Period.parse($0) }, steps: steps)
        }
        let annual = try horizon(["9997", "9998"], 3)
        #expect(annual.periods?.map(\.label) == ["9999"])
        #expect(annual.times == [2] && annual.requestedSteps == 3)
        #expect(annual.stopReason?.contains("after 9999") == true)
        #expect(annual.stopReason?.contains("0001 to 9999") == true)
        let monthly = try horizon(["9999-10", "9999-11"], 3)
        #expect(monthly.periods?.map(\.label) == ["9999-12"])
        let snapshots = try horizon(["9998-03-31", "9999-03-31"], 2)
        #expect(snapshots.periods?.isEmpty == true && snapshots.times.isEmpty)
        #expect(snapshots.stopReason?.contains("after 9999-03-31") == true)
        let financial = try horizon(["9996-97", "9997-98"], 3)
        #expect(financial.periods?.map(\.label) == ["9998-99"], "9999-00 ends in 10000")
        let inside = try horizon(["2020", "2021"], 3)
        #expect(inside.periods?.count == 3 && inside.stopReason == nil)
    }

    @Test("forecasts from a series ending near 9999 write no period beyond it: the missing steps are empty with the reason")
    func forecastNearTheEnd() throws {
        let observations = (9990...9998).map { year in
            Series.Observation(period: try! Period.parse(String(year)), value: .number(Double(year % 7) + 0.5 * Double(year - 9990)))
        }
        let series = Series(key: SeriesKey(names: ["area"], values: ["A"]), observations: observations)
        for method in ForecastRequest.Method.allCases {
            let request = ForecastRequest(run: SeriesModelRequest(paths: []), method: method, horizon: 3)
            let rows = request.rows(for: series)
            #expect(rows.count == 3, "\(method)")
            let periods = rows.map { row -> String in if case .text(let t) = row[2] { t } else { "?" } }
            #expect(periods == ["9999", "", ""], "\(method)")
            for label in periods where !label.isEmpty { #expect(throws: Never.self) { try Period.parse(label) } }
            for row in rows.dropFirst() {
                #expect(row[3] == .number(nil), "\(method)")
                if case .text(let reason) = row[row.count - 1] { #expect(reason.contains("after 9999"), "\(method)") }
            }
        }
        let summary = try Summarizer(additional: AdditionalMeasures([.holt], horizon: 3)).summarize(series)
        let fields = Dictionary(uniqueKeysWithValues: zip(AdditionalMeasures([.holt], horizon: 3).fieldNames, summary.additional))
        #expect(fields["holt_forecast_1"] != .number(nil))
        #expect(fields["holt_forecast_2"] == .number(nil) && fields["holt_forecast_3"] == .number(nil))
        #expect(summary.reasons.contains { $0.field == "holt_forecast_2" && $0.reason.contains("0001 to 9999") })
    }
}
