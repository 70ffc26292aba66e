import Metrics
import Testing

/// Period stepping, moving averages and gap filling, with answers worked by hand.
struct SmoothingTests {
    static func series(_ points: [(String, Double?)], symbol: MissingValue = .notAvailable) throws -> Series {
        Series(
            key: SeriesKey(names: ["indicator"], values: ["x"]),
            observations: try points.map { label, value in
                Series.Observation(period: try Period.parse(label), value: value.map { .number($0) } ?? .missing(symbol))
            })
    }

    @Test("stepping: months across a year end, quarters, financial years; dates have no step")
    func stepping() throws {
        #expect(try Period.parse("2019-11").advanced(by: 3)?.label == "2020-02")
        #expect(try Period.parse("2020-02").advanced(by: -3)?.label == "2019-11")
        #expect(try Period.parse("2021-Q4").advanced(by: 1)?.label == "2022-Q1")
        #expect(try Period.parse("2020-21").advanced(by: 2)?.label == "2022-23")
        #expect(try Period.parse("2020-21 Q3").advanced(by: 1)?.label == "2020-21 Q4")
        #expect(try Period.parse("2020-21 Q4").advanced(by: 1)?.label == "2021-22 Q1")
        #expect(try Period.parse("2021-22 Q1").advanced(by: -1)?.label == "2020-21 Q4")
        #expect(try Period.parse("2021-03-31").advanced(by: 1) == nil)
        #expect(try Period.parse("2019-11").steps(to: try Period.parse("2021-01")) == 14)
        #expect(try Period.parse("2019").steps(to: try Period.parse("2019-11")) == nil)
    }

    @Test("moving averages: trailing and centred; a window with a missing or absent period has none")
    func movingAverages() throws {
        let s = try Self.series([("2016", 1), ("2017", 2), ("2018", 6), ("2019", nil), ("2021", 10), ("2022", 11), ("2023", 12)])
        let trailing = try MovingAverage(series: s, width: 3, alignment: .trailing)
        #expect(trailing.periods.map(\.label) == ["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023"])
        #expect(trailing.averages == [nil, nil, 3, nil, nil, nil, nil, 11])
        let centred = try MovingAverage(series: s, width: 3, alignment: .centred)
        #expect(centred.averages == [nil, 3, nil, nil, nil, nil, 11, nil])
        #expect(throws: MovingAverage.Problem.self) { try MovingAverage(series: s, width: 4, alignment: .centred) }
    }

    @Test("linear gaps: on the time axis, flagged, never beyond the ends; suppressed values kept unless asked")
    func linear() throws {
        let s = try Self.series([("2019-01", 10), ("2019-02", nil), ("2019-04", 40), ("2019-05", nil)])
        let filled = try GapFilling(series: s, method: .linear)
        #expect(filled.entries.map(\.period.label) == ["2019-01", "2019-02", "2019-03", "2019-04", "2019-05"])
        #expect(filled.entries.map(\.value) == [10, 20, 30, 40, nil])
        #expect(filled.entries.map(\.filledBy) == [nil, .linear, .linear, nil, nil])
        #expect(filled.entries[1].symbol == .notAvailable && filled.entries[2].symbol == nil)
        #expect(filled.filledCount == 2)
        let suppressed = try Self.series([("2019", 1), ("2020", nil), ("2021", 3)], symbol: .confidential)
        #expect(try GapFilling(series: suppressed, method: .linear).entries[1].value == nil)
        #expect(try GapFilling(series: suppressed, method: .linear, fillSuppressed: true).entries[1].value == 2)
    }

    @Test("Steffen (GSL): exact on a straight line, no overshoot on monotone data, needs 3 points")
    func steffen() throws {
        let line = try Self.series([("2010", 5), ("2011", 7), ("2012", nil), ("2013", 11), ("2014", nil), ("2015", 15)])
        let filled = try GapFilling(series: line, method: .steffen)
        #expect(abs(filled.entries[2].value! - 9) < 1e-12 && abs(filled.entries[4].value! - 13) < 1e-12)
        // A step: a cubic spline would overshoot 100 or dip below 0; Steffen's stays inside each interval.
        let step = try Self.series([("2010", 0), ("2011", 0), ("2012", nil), ("2013", 100), ("2014", nil), ("2015", 100), ("2016", 100)])
        let values = try GapFilling(series: step, method: .steffen).entries.map { $0.value! }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(values[2] > 0 && values[2] < 100 && values[4] == 100)
        let two = try Self.series([("2010", 0), ("2011", nil), ("2012", 2)])
        #expect(throws: MovingAverage.Problem.self) { try GapFilling(series: two, method: .steffen) }
    }
}
