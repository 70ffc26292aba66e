/// Builds the `SeriesPlot` of a series from its summary: what `metrics report` draws.
///
/// What each layer is, and its conventions:
/// - Observations: every period of the series in order; a missing value (a blank or a GSS symbol) is a gap
///   with its reason, never interpolated.
/// - Trend: the summary's OLS line (`ols_slope`, `ols_intercept`, value at the first period) at each observed
///   period, with the confidence interval of the fitted mean at `level`:
///   ŷ(t) ± t₁₋α/₂,ₙ₋₂ · SE(b)·√(Sₜₜ/n + (t − t̄)²), since s² = SE(b)²·Sₜₜ (Draper & Smith 1998, §3.1). No band
///   for fewer than 3 points.
/// - Sen line: the summary's `sen_slope` through `sen_intercept` at the first period, at each observed period.
/// - Forecast: `ForecastMethod` over `horizon` periods of the series' own step, with prediction intervals at
///   `level`, starting from the last observed period (drawn from there so the line joins the data). A series
///   the method cannot forecast (too short, gaps inside, uneven spacing) simply has no forecast. The forecast
///   and its band are kept within the unit's range (`UnitBounds`: a percentage in [0, 100], a count never
///   negative) by clamping (`ForecastPoint.bounded(by:)`), and the description says when the band was cut.
/// - Events: those within the chart's span (from a year before the first period to the end of the forecast).
/// - Benchmarks: the comparator series given (England, the region) with their gaps; the caller leaves out
///   those that do not compare (`BenchmarkComparability`) and passes its sentence in `notes`, added to the
///   description with the note on how the unit was inferred (`UnitInference`).
/// - Title: the measure's name, never its code: the metadata's label (LAIT's dictionary `Chart_title`, EES
///   metadata's `label`), else a name column of the key (LAIT's `measure`, `indicator_name`), else the code
///   made readable.
/// - Source line: `Source: ` the publisher the metadata names (LAIT's "Data Owner"), the file the series was
///   read from, and the publisher's page when the metadata gives one (`SourceLine`).
/// - Notes under the chart: cautions about the forecast drawn (`HoltForecast.cautions`: too short a series for
///   Holt's method, α at 0), so the chart says when the linear method should be preferred, and the caller's
///   notes (benchmarks withheld).
/// Time is SPEC.md's axis, absolute (`Period.start`), so every layer and every series share one axis.
/// Labels composed from the data (the subtitle `area (code) · unit`, the description) isolate each part
/// that holds a bidirectional formatting character (`BidiIsolation.isolated`), so a U+202E in an area name
/// reverses nothing but that name; other text is as the data wrote it.
public struct PlotBuilder: Sendable {
    public enum ForecastMethod: String, Sendable, Hashable, CaseIterable {
        /// The OLS line continued, with t prediction intervals (`LinearTrendForecast`).
        case linear
        /// Holt's linear trend (`HoltForecast`).
        case holt
        /// Holt's damped trend.
        case damped
        /// No forecast.
        case none
    }

    public var level: Double
    public var horizon: Int
    public var forecast: ForecastMethod

    public init(level: Double = 0.95, horizon: Int = 3, forecast: ForecastMethod = .linear) {
        self.level = level
        self.horizon = max(1, horizon)
        self.forecast = forecast
    }

    /// The plot of `series` (summarised as `summary`); `index` numbers it within the report (its file names).
    public func plot(
        _ series: Series, summary: SeriesSummary, index: Int, events: [EventList.Event] = [],
        benchmarks: [(name: String, series: Series)] = [], notes: [String] = []
    ) -> SeriesPlot {
        let observations = series.observations.map(Self.observation)
        let numbered = series.observations.filter { $0.value.number != nil }
        let origin = numbered.first?.period
        let times = numbered.map(\.period.start)
        let percent = Int((level * 100).rounded()) == Int(level * 100) ? String(Int((level * 100).rounded())) : String(level * 100)

        var trend: SeriesPlot.Line?
        if let ols = summary.trend, let origin {
            let t0 = origin.start
            let n = Double(times.count)
            let mean = times.reduce(0, +) / n
            let sxx = times.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let critical = times.count >= 3 ? try? StudentT(degreesOfFreedom: n - 2).criticalValue(level: level) : nil
            let points = numbered.map { o -> SeriesPlot.BandPoint in
                let t = o.period.start
                let fit = ols.intercept + ols.slope * (t - t0)
                if let critical, let se = ols.standardError.value {
                    let half = critical * se * (sxx / n + (t - mean) * (t - mean)).squareRoot()
                    return SeriesPlot.BandPoint(period: o.period.label, time: t, value: fit, lower: fit - half, upper: fit + half)
                }
                return SeriesPlot.BandPoint(period: o.period.label, time: t, value: fit)
            }
            trend = SeriesPlot.Line(name: critical == nil ? "OLS trend" : "OLS trend (\(percent)% CI)", points: points)
        }

        var sen: SeriesPlot.Line?
        if let s = summary.sen, let origin {
            sen = SeriesPlot.Line(name: "Sen slope", points: numbered.map { o in
                SeriesPlot.BandPoint(period: o.period.label, time: o.period.start, value: s.intercept + s.slope * (o.period.start - origin.start))
            })
        }

        let bounds = (summary.unitInference ?? UnitInference(series)).bounds
        var cautions: [String] = []
        let made = origin.flatMap { makeForecast(series, origin: $0, percent: percent, bounds: bounds, cautions: &cautions) }
        let forecastLine = made?.line
        let forecastCut = made?.cut ?? false
        let first = observations.first?.time ?? 0
        let last = max(forecastLine?.points.last?.time ?? -.infinity, observations.last.map { o in
            series.observations.last.map { $0.period.end } ?? o.time
        } ?? 0)
        let shownEvents = events.filter { $0.period.start >= first - 1 && $0.period.start <= last }.map { e in
            SeriesPlot.Event(period: e.period.label, time: e.period.start, label: e.label, category: e.category)
        }
        let comparators = benchmarks.map { b in
            SeriesPlot.Benchmark(name: b.name, observations: b.series.observations.map(Self.observation))
        }

        let title = Self.title(series)
        let area = Self.area(series.key)
        let unitText = series.metadata.unit.map { " · " + BidiIsolation.isolated($0.description) } ?? ""
        let decimals = series.metadata.decimalPlaces ?? HumanNumber.decimals(for: numbered.compactMap(\.value.number))
        return SeriesPlot(
            id: Self.identifier(index: index, series: series, title: title, area: area),
            title: title,
            subtitle: (area ?? Self.keyText(series.key)) + unitText,
            description: Self.describe(summary, title: title, area: area, decimals: decimals, events: shownEvents)
                + Self.unitSentences(summary, forecastCut: forecastCut, bounds: bounds, notes: notes),
            key: series.key, unit: series.metadata.unit, decimalPlaces: decimals,
            valueLabel: series.metadata.valueLabel.map(ChartTextFit.singleLine).flatMap { $0.isEmpty ? nil : $0 } ?? Self.valueLabel(series.metadata.unit),
            observations: observations, trend: trend, sen: sen, forecast: forecastLine, events: shownEvents,
            benchmarks: comparators, source: SourceLine.text(series.metadata), notes: cautions + notes)
    }

    /// The forecast line kept within `bounds` (`ForecastPoint.bounded(by:)`), and whether it was cut; Holt's
    /// cautions are added to `cautions`.
    private func makeForecast(_ series: Series, origin: Period, percent: String, bounds: UnitBounds, cautions notes: inout [String]) -> (line: SeriesPlot.Line, cut: Bool)? {
        let points: [ForecastPoint]
        let name: String
        do throws(ForecastError) {
            switch forecast {
            case .none: return nil
            case .linear:
                points = try LinearTrendForecast(series: series, horizon: horizon, level: level).points
                name = "Linear forecast (\(percent)% PI)"
            case .holt, .damped:
                let holt = try HoltForecast(series: series, trend: forecast == .damped ? .damped : .linear, horizon: horizon, level: level)
                points = holt.points
                notes += holt.cautions(comparedWith: try? LinearTrendForecast(series: series, horizon: horizon, level: level))
                name = forecast == .damped ? "Damped Holt forecast (\(percent)% PI)" : "Holt forecast (\(percent)% PI)"
            }
        } catch {
            return nil
        }
        guard let lastObserved = series.observations.last(where: { $0.value.number != nil }), let lastValue = lastObserved.value.number else { return nil }
        var line = [SeriesPlot.BandPoint(period: lastObserved.period.label, time: lastObserved.period.start, value: lastValue, lower: lastValue, upper: lastValue)]
        let cut = points.contains { $0.isCut(by: bounds) }
        for p in points.map({ $0.bounded(by: bounds) }) {
            line.append(SeriesPlot.BandPoint(
                period: p.period?.label, time: p.period?.start ?? origin.start + p.time, value: p.mean,
                lower: p.lower.value, upper: p.upper.value))
        }
        return (SeriesPlot.Line(name: name, points: line), cut)
    }

    /// The sentences after the description: how the unit was inferred (the summary's `unit` reason), the
    /// forecast's bound when it cut the band, and the caller's notes (benchmarks withheld).
    static func unitSentences(_ s: SeriesSummary, forecastCut: Bool, bounds: UnitBounds, notes: [String]) -> String {
        var text = ""
        if let note = s.reasons.first(where: { $0.field == "unit" })?.reason {
            text += " Unit: \(BidiIsolation.isolated(note))."
        }
        if forecastCut { text += " The forecast's prediction interval is cut at \(bounds.description): \(bounds.reason)." }
        for note in notes { text += " " + BidiIsolation.isolated(note.prefix(1).uppercased() + note.dropFirst()) }
        return text
    }

    static func observation(_ o: Series.Observation) -> SeriesPlot.Observation {
        switch o.value {
        case .number(let x): SeriesPlot.Observation(period: o.period.label, time: o.period.start, value: x)
        case .missing(let m): SeriesPlot.Observation(period: o.period.label, time: o.period.start, value: nil, missingReason: m == .blank ? "missing (blank)" : "\(m.symbol): \(m.reason)")
        }
    }

    /// The indicator's label, or its key value made readable (`children_looked_after` → `Children looked after`).
    static func title(_ series: Series) -> String {
        if let label = series.metadata.label, !label.isEmpty { return label }
        // A column that names the measure in words (LAIT's `measure` beside its `measure_code`).
        for name in ["measure", "indicator_name", "measure_name", "indicator_label"] {
            if let words = series.key[name]?.trimmingSpaces(), !words.isEmpty { return words }
        }
        let name = series.key.names.first { SeriesFilter.indicatorDimensions.contains($0.lowercased()) }
        guard let raw = name.flatMap({ series.key[$0] }), !raw.isEmpty else { return keyText(series.key) }
        let words = raw.replacingAll("_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// `area_code=E06000002, indicator=cla`: the key as `SeriesKey.description` writes it, each name and
    /// value isolated (`BidiIsolation`) when it holds a bidirectional formatting character.
    static func keyText(_ key: SeriesKey) -> String {
        zip(key.names, key.values).map { BidiIsolation.isolated($0) + "=" + BidiIsolation.isolated($1) }.joined(separator: ", ")
    }

    /// `Middlesbrough (E06000002)`, from whichever area fields the key has; a name or code holding a
    /// bidirectional formatting character is isolated (`BidiIsolation`), so it cannot reorder the rest.
    static func area(_ key: SeriesKey) -> String? {
        let lower = key.names.map { $0.lowercased() }
        func value(_ names: [String]) -> String? {
            for n in names { if let i = lower.firstIndex(of: n), !key.values[i].isEmpty { return BidiIsolation.isolated(key.values[i]) } }
            return nil
        }
        let name = value(["area_name", "la_name", "area", "region_name", "country_name", "region"])
        let code = value(["area_code", "new_la_code", "geography_code", "old_la_code", "region_code", "country_code"])
        switch (name, code) {
        case let (n?, c?): return "\(n) (\(c))"
        case let (n?, nil): return n
        case let (nil, c?): return c
        default: return nil
        }
    }

    static func valueLabel(_ unit: SeriesMetadata.Unit?) -> String {
        switch unit {
        case nil: ""
        case .count?: "Number"
        case .percent?: "Percent"
        case .rate(let per)?: "Rate per \(HumanNumber.format(per, decimals: 0))"
        case .currency(let code, let year)?: code == "GBP" ? "£" + (year.map { " (\($0) prices)" } ?? "") : code
        case .other(let text)?: text.prefix(1).uppercased() + text.dropFirst()
        }
    }

    /// `003-middlesbrough-social-workers-fte`: the index (for order and uniqueness) and a readable slug of
    /// ASCII letters and digits.
    static func identifier(index: Int, series: Series, title: String, area: String?) -> String {
        let areaName = series.key.names.first { ["area_name", "la_name", "area", "region_name", "country_name"].contains($0.lowercased()) }
            .flatMap { series.key[$0] } ?? ""
        var slug = ""
        for scalar in (areaName + " " + title).lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 60 {
            slug = String(slug.prefix(60))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        let number = String(index + 1)
        let padded = String(repeating: "0", count: max(0, 3 - number.count)) + number
        return slug.isEmpty ? padded : padded + "-" + slug
    }

    /// What the chart shows, for screen readers and the report: the first and last values, the change, the
    /// trend found and the events marked.
    static func describe(_ s: SeriesSummary, title: String, area: String?, decimals: Int, events: [SeriesPlot.Event]) -> String {
        let subject = area.map { "\(BidiIsolation.isolated(title)), \($0)" } ?? title
        guard let change = s.change, let first = s.firstPeriod, let last = s.lastPeriod else {
            return "\(subject): no values to show."
        }
        let unit = s.metadata.unit
        var text = "\(subject): \(HumanNumber.format(change.first, decimals: decimals, unit: unit)) in \(first.label)"
        if s.n == 1 {
            text += ", the only value."
        } else {
            text += " to \(HumanNumber.format(change.last, decimals: decimals, unit: unit)) in \(last.label)"
            if unit == .percent, let pp = change.percentagePointChange.value {
                text += " (\(HumanNumber.signed(pp, decimals: decimals)) percentage points)."
            } else {
                let pct = change.percentChange.value.map { ", \(HumanNumber.signed($0, decimals: 1))%" } ?? ""
                text += " (\(HumanNumber.signed(change.absoluteChange, decimals: decimals, unit: unit))\(pct))."
            }
        }
        switch s.direction {
        case .increasing, .decreasing:
            text += " Mann–Kendall trend: \(s.direction.rawValue) (p = \(HumanNumber.pValue(s.mannKendall?.p ?? 1)))"
            if let t = s.trend { text += "; OLS slope \(HumanNumber.signed(t.slope, decimals: decimals + 1)) a year" }
            text += "."
        case .noSignificantChange:
            text += " No significant trend (Mann–Kendall p = \(HumanNumber.pValue(s.mannKendall?.p ?? 1)))."
        case .insufficientData:
            text += " Too few values to test for a trend."
        }
        if s.assessment == .improving || s.assessment == .worsening { text += " Assessment: \(s.assessment.rawValue)." }
        if s.nMissing > 0 { text += " \(s.nMissing) missing value\(s.nMissing == 1 ? "" : "s") shown as gaps." }
        if !events.isEmpty {
            text += " Events marked: " + events.map { "\(BidiIsolation.isolated($0.label)) (\($0.period))" }.joined(separator: "; ") + "."
        }
        return text
    }
}
