import Foundation
import Metrics
import Testing

/// The plot of a series: every layer is the summary's own numbers on the absolute time axis.
struct PlotBuilderTests {
    static func series(_ values: [Double?], periods: [String], area: (String, String) = ("E06000002", "Middlesbrough"), unit: SeriesMetadata.Unit? = .count) throws -> Series {
        let observations = try zip(periods, values).map { label, value in
            Series.Observation(period: try Period.parse(label), value: value.map { .number($0) } ?? .missing(.confidential))
        }
        return Series(
            key: SeriesKey(names: ["area_code", "area_name", "indicator"], values: [area.0, area.1, "children_looked_after"]),
            observations: observations, metadata: SeriesMetadata(unit: unit))
    }

    static let periods = (2016...2025).map { "\($0)-03-31" }
    static let values: [Double?] = [377, 444, 466, 518, 618, nil, 530, 510, 476, 493]

    @Test("the trend band is the confidence interval of the fitted mean, s·√(1/n + (t − t̄)²/Sₜₜ), computed afresh here")
    func trendBand() throws {
        let series = try Self.series(Self.values, periods: Self.periods)
        let summary = try Summarizer().summarize(series)
        let plot = PlotBuilder(level: 0.95).plot(series, summary: summary, index: 0)
        let trend = try #require(plot.trend)
        #expect(trend.name == "OLS trend (95% CI)")
        let points = series.observations.filter { $0.value.number != nil }
        let t = points.map(\.period.start)
        let y = points.compactMap(\.value.number)
        let n = Double(t.count)
        let tbar = t.reduce(0, +) / n
        let ybar = y.reduce(0, +) / n
        let sxx = t.reduce(0) { $0 + ($1 - tbar) * ($1 - tbar) }
        let sxy = zip(t, y).reduce(0) { $0 + ($1.0 - tbar) * ($1.1 - ybar) }
        let b = sxy / sxx
        let a = ybar - b * tbar
        let sse = zip(t, y).reduce(0) { $0 + pow($1.1 - (a + b * $1.0), 2) }
        let s = (sse / (n - 2)).squareRoot()
        let critical = 2.364624251592785  // t(0.975, 7) for 9 values, R: qt(0.975, 7)
        #expect(trend.points.count == 9)
        for (point, time) in zip(trend.points, t) {
            let fit = a + b * time
            let half = critical * s * (1 / n + (time - tbar) * (time - tbar) / sxx).squareRoot()
            #expect(abs(point.value - fit) <= 1e-9 * abs(fit))
            #expect(abs((point.upper ?? .nan) - (fit + half)) <= 1e-9 * abs(fit), "\(point)")
            #expect(abs((point.lower ?? .nan) - (fit - half)) <= 1e-9 * abs(fit))
            #expect(point.time == time)
        }
    }

    @Test("gaps, Sen line, forecast from the last value, events in the span only, a readable id and description")
    func layers() throws {
        let series = try Self.series(Self.values, periods: Self.periods)
        let summary = try Summarizer().summarize(series)
        let events = [
            EventList.Event(period: try Period.parse("2010"), label: "long before"),
            EventList.Event(period: try Period.parse("2019-11"), label: "Ofsted: inadequate", category: "ofsted_inspection"),
            EventList.Event(period: try Period.parse("2027-06"), label: "after the forecast"),
        ]
        let plot = PlotBuilder(horizon: 2, forecast: .linear).plot(series, summary: summary, index: 6, events: events)
        #expect(plot.id == "007-middlesbrough-children-looked-after")
        #expect(plot.title == "Children looked after" && plot.subtitle == "Middlesbrough (E06000002) · count")
        #expect(plot.observations.count == 10)
        #expect(plot.observations[5].value == nil && plot.observations[5].missingReason?.hasPrefix("c: confidential") == true)
        #expect(plot.observations[0].time == 2016 + 90.0 / 366)  // 31 March of a leap year
        let sen = try #require(plot.sen)
        let s = try #require(summary.sen)
        #expect(sen.points.first?.value == s.intercept)
        #expect(abs((sen.points.last?.value ?? 0) - (s.intercept + s.slope * (sen.points.last!.time - sen.points.first!.time))) < 1e-9)
        let forecast = try #require(plot.forecast)
        #expect(forecast.points.count == 3, "the last observed value, then two steps")
        #expect(forecast.points[0].value == 493 && forecast.points[0].period == "2025-03-31")
        let direct = try LinearTrendForecast(series: series, horizon: 2)
        #expect(forecast.points.dropFirst().map(\.value) == direct.points.map(\.mean))
        #expect(forecast.points.dropFirst().map(\.period) == ["2026-03-31", "2027-03-31"])
        #expect(plot.events.map(\.label) == ["Ofsted: inadequate"])
        #expect(plot.description.contains("377 in 2016-03-31 to 493 in 2025-03-31"), "\(plot.description)")
        #expect(plot.description.contains("1 missing value shown as gaps") && plot.description.contains("Ofsted: inadequate (2019-11)"))
    }

    @Test("a series too short for a band or a forecast still plots; no forecast when asked for none")
    func thinData() throws {
        let series = try Self.series([702, 539], periods: ["2020-08", "2021-07"])
        let summary = try Summarizer().summarize(series)
        let plot = PlotBuilder(forecast: .holt).plot(series, summary: summary, index: 0)
        #expect(plot.trend?.name == "OLS trend" && plot.trend?.points.allSatisfy { $0.lower == nil } == true)
        #expect(plot.forecast == nil, "Holt needs five values")
        let empty = try Self.series([nil, nil], periods: ["2020", "2021"])
        let none = PlotBuilder(forecast: .none).plot(empty, summary: try Summarizer().summarize(empty), index: 0)
        #expect(none.trend == nil && none.sen == nil && none.forecast == nil && none.observations.count == 2)
        #expect(none.description.hasSuffix("no values to show."))
    }
}
