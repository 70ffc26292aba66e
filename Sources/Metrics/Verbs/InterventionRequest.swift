/// `metrics its`: an interrupted-time-series analysis (`InterruptedTimeSeries`) of every chosen series
/// around dated events, one row per series and event.
///
/// Columns after the series key: `event`, `event_period`, `points_before`, `points_after`, `level_change`
/// (`_se`, `_low`, `_high`, `_p`), `slope_change` (the same), `slope_after` (`_se`, `_low`, `_high`),
/// `baseline_level`, `baseline_slope`, `residual_sd`, `lag1_autocorrelation`, `durbin_watson`, `control`,
/// `warnings` and `reason`. Slopes are per year; levels in the series' unit. The regression runs on the values'
/// `ValueScale` — one scale for the series and its control, which are fitted together — and its estimates
/// are taken back to the values' units (levels as values; changes, slopes and SDs as differences), so the
/// same series × 2^k gives the same p-values and estimates 2^k times as large. A control of a size-dependent
/// measure (a count, money, FTE) is first indexed to the area's level before the first event, with a
/// warning naming the factor, or refused with the reason (`BenchmarkComparability.controlScaling`).
public struct InterventionRequest: Sendable {
    public struct EventPeriod: Sendable, Hashable {
        public let period: Period
        public let label: String
        /// The area (code or name) the event belongs to; `nil` for every series.
        public let area: String?

        public init(period: Period, label: String, area: String? = nil) {
            self.period = period
            self.label = label
            self.area = area
        }
    }

    public var run: SeriesModelRequest
    public var events: [EventPeriod]
    /// The control area's code or name: the same indicator for that area is fitted alongside.
    public var control: String?
    public var level: Double

    public init(run: SeriesModelRequest, events: [EventPeriod], control: String? = nil, level: Double = 0.95) {
        self.run = run
        self.events = events
        self.control = control
        self.level = level
    }

    public static let columns = [
        "event", "event_period", "points_before", "points_after",
        "level_change", "level_change_se", "level_change_low", "level_change_high", "level_change_p",
        "slope_change", "slope_change_se", "slope_change_low", "slope_change_high", "slope_change_p",
        "slope_after", "slope_after_se", "slope_after_low", "slope_after_high",
        "baseline_level", "baseline_slope", "residual_sd", "lag1_autocorrelation", "durbin_watson", "control", "warnings", "reason",
    ]

    @discardableResult
    public func execute() throws -> Int {
        try run.run(columns: InterventionRequest.columns) { series, all in
            try rows(for: series, among: all)
        }
    }

    /// The rows of one series (one per event; one row with the reason when no model can be fitted).
    public func rows(for series: Series, among all: [Series]) throws -> [[ResultTable.Cell]] {
        let events = self.events.filter { event in event.area.map { SeriesFilter(areas: [$0]).matches(series.key) } ?? true }
        let empty = [ResultTable.Cell](repeating: .number(nil), count: InterventionRequest.columns.count - 7)
        func failed(_ reason: String, control: String = "") -> [[ResultTable.Cell]] {
            events.map { event in
                [.text(event.label), .text(event.period.label), .text(""), .text("")] + empty + [.text(control), .text(""), .text(reason)]
            }
        }
        guard let origin = series.observations.first(where: { $0.value.number != nil })?.period else {
            return failed("the series has no values")
        }
        var controlSeries: Series?
        if let control {
            guard let found = SeriesModelRequest.counterpart(of: series, area: control, in: all) else {
                return failed("no series for the control area '\(control)' with this series' other key fields", control: control)
            }
            controlSeries = found
        }
        // A size-dependent control is put on the area's scale first, or refused (`BenchmarkComparability`).
        var controlWarning: String?
        if let found = controlSeries {
            switch BenchmarkComparability.controlScaling(control: found, for: series, before: events.map(\.period).min(), among: all) {
            case .success(nil): break
            case .success(let scaling?):
                controlWarning = scaling.warning
                controlSeries = Series(
                    key: found.key,
                    observations: found.observations.map { o in
                        guard let x = o.value.number else { return o }
                        return Series.Observation(period: o.period, value: .number(x * scaling.factor), line: o.line)
                    },
                    metadata: found.metadata)
            case .failure(let refusal):
                return failed(refusal.description, control: control ?? "")
            }
        }
        let scale = ValueScale(observations: series.observations + (controlSeries?.observations ?? []))
        func points(_ s: Series) -> (times: [Double], values: [Double]) {
            let kept = s.observations.compactMap { o in scale.scaled(o).map { (origin.years(to: o.period), $0) } }
            return (kept.map(\.0), kept.map(\.1))
        }
        let area = points(series)
        let its: InterruptedTimeSeries
        do throws(InterruptedTimeSeries.Problem) {
            its = try InterruptedTimeSeries(
                times: area.times, values: area.values,
                events: events.map { InterruptedTimeSeries.Event(label: $0.label, time: origin.years(to: $0.period)) },
                control: controlSeries.map(points), level: level)
        } catch {
            return failed(error.description, control: control ?? "")
        }
        let warnings = ((controlWarning.map { [$0] } ?? []) + its.warnings).joined(separator: "; ")
        let controlLabel = controlSeries.map { s in s.key.values.first { SeriesModelRequest.areaLike($0, of: s.key) } ?? control ?? "" } ?? ""
        /// An estimate that is a difference of values (a change, a slope), in the values' units.
        func cells(_ e: InterruptedTimeSeries.Estimate?, p: Bool = true) -> [ResultTable.Cell] {
            let d = scale.difference
            var out: [ResultTable.Cell] = [.number(e.map { d($0.estimate) }), .number(e?.standardError.map(d)), .number(e?.low.map(d)), .number(e?.high.map(d))]
            if p { out.append(.number(e?.p)) }
            return out
        }
        return events.map { event in
            guard let effect = its.effects.first(where: { $0.event.label == event.label }) else {
                return [.text(event.label), .text(event.period.label), .text(""), .text("")] + empty
                    + [.text(controlLabel), .text(warnings), .text("no observations after this event before the next")]
            }
            let before = its.times.filter { $0 < effect.event.time }.count
            var row: [ResultTable.Cell] = [.text(event.label), .text(event.period.label), .integer(before), .integer(effect.pointsAfter)]
            row += cells(effect.levelChange)
            row += cells(effect.slopeChange)
            row += cells(effect.slopeAfter, p: false)
            row += [
                .number(scale.level(its.baselineLevel.estimate)), .number(scale.difference(its.baselineSlope.estimate)),
                .number(its.residualStandardDeviation.map(scale.difference)),
                .number(its.lag1Autocorrelation), .number(its.durbinWatson), .text(controlLabel),
                .text(warnings), .text(""),
            ]
            return row
        }
    }
}

extension SeriesModelRequest {
    /// Whether `value` is one of `key`'s area fields (to name a control series by its area).
    static func areaLike(_ value: String, of key: SeriesKey) -> Bool {
        zip(key.names, key.values).contains { SeriesFilter.areaDimensions.contains($0.0.lowercased()) && $0.1 == value }
    }
}
