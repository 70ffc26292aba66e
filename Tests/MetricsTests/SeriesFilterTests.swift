import Foundation
import Metrics
import Testing

/// `SeriesFilter`: which series a verb (or a batch's `select`) keeps.
struct SeriesFilterTests {
    static let names = ["area_code", "area_name", "indicator"]
    static func key(_ code: String, _ name: String, _ indicator: String) -> SeriesKey {
        SeriesKey(names: names, values: [code, name, indicator])
    }

    @Test("areas and indicators match their dimensions ignoring case and surrounding spaces; kinds combine with and")
    func matching() {
        let middlesbrough = Self.key("E06000002", "Middlesbrough", "cla_rate")
        #expect(SeriesFilter().matches(middlesbrough))
        #expect(SeriesFilter(areas: [" middlesbrough "]).matches(middlesbrough))
        #expect(SeriesFilter(areas: ["e06000002"]).matches(middlesbrough))
        #expect(!SeriesFilter(areas: ["cla_rate"]).matches(middlesbrough), "an area is not looked for in the indicator")
        #expect(SeriesFilter(indicators: ["CLA_RATE"], areas: ["Hartlepool", "Middlesbrough"]).matches(middlesbrough))
        #expect(!SeriesFilter(indicators: ["agency_rate"], areas: ["Middlesbrough"]).matches(middlesbrough))
        var changed = SeriesFilter(areas: ["Hartlepool"])
        #expect(!changed.matches(middlesbrough))
        changed.areas.append("MIDDLESBROUGH")
        #expect(changed.matches(middlesbrough), "values set after the filter was made count too")
        changed.indicators = ["other"]
        #expect(!changed.matches(middlesbrough))
    }

    /// A selection is folded once, not for every series: 100,000 areas over 20,000 series took minutes when
    /// each series folded the whole selection again (2·10⁹ foldings); now a few set lookups a series.
    @Test("a selection of 100,000 areas over 20,000 series: a set lookup per series, not the whole selection again")
    func largeSelection() {
        let filter = SeriesFilter(areas: (0..<100_000).map { "Area \($0)" })
        let started = ContinuousClock.now
        var kept = 0
        for i in 0..<20_000 where filter.matches(Self.key("E\(i)", "area \(i * 7)", "rate")) { kept += 1 }
        let took = ContinuousClock.now - started
        #expect(kept == 14_286)  // i · 7 < 100,000 for i ≤ 14,285
        #expect(took < .seconds(10), "took \(took)")
    }
}
