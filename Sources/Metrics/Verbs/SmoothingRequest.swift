/// `metrics smooth`: every chosen series on its regular sequence of periods, with gaps filled (when asked)
/// and a moving average (when asked); one row per series and period: `period`, `value`, `filled_by`,
/// `symbol`, `moving_average`, `reason`. Filling comes first, so the average can run over filled values;
/// both are flagged.
public struct SmoothingRequest: Sendable {
    public var run: SeriesModelRequest
    public var window: Int?
    public var alignment: MovingAverage.Alignment
    public var fill: GapFilling.Method?
    public var fillSuppressed: Bool

    public init(run: SeriesModelRequest, window: Int?, alignment: MovingAverage.Alignment = .trailing, fill: GapFilling.Method?, fillSuppressed: Bool = false) {
        self.run = run
        self.window = window
        self.alignment = alignment
        self.fill = fill
        self.fillSuppressed = fillSuppressed
    }

    @discardableResult
    public func execute() throws -> Int {
        try run.run(columns: ["period", "value", "filled_by", "symbol", "moving_average", "reason"]) { series, _ in
            do throws(MovingAverage.Problem) {
                return try rows(series)
            } catch {
                return [[.text(""), .number(nil), .text(""), .text(""), .number(nil), .text(error.description)]]
            }
        }
    }

    func rows(_ series: Series) throws(MovingAverage.Problem) -> [[ResultTable.Cell]] {
        // With filling, the filled series is what gets averaged.
        let filling = try fill.map { method throws(MovingAverage.Problem) in try GapFilling(series: series, method: method, fillSuppressed: fillSuppressed) }
        var working = series
        if let filling {
            working.observations = filling.entries.map { entry in
                Series.Observation(
                    period: entry.period, value: entry.value.map { .number($0) } ?? .missing(entry.symbol ?? .blank), residual: entry.residual)
            }
        }
        let average = try window.map { width throws(MovingAverage.Problem) in try MovingAverage(series: working, width: width, alignment: alignment) }
        let periods = average?.periods ?? filling?.entries.map(\.period) ?? []
        return periods.indices.map { i in
            let entry = filling?.entries[i]
            let value = entry?.value ?? average?.values[i] ?? nil
            let symbol = entry?.symbol ?? series.observations.first { $0.period == periods[i] }.flatMap { observation -> MissingValue? in
                if case .missing(let s) = observation.value { return s }
                return nil
            }
            return [
                .text(periods[i].label), .number(value), .text(entry?.filledBy?.rawValue ?? ""),
                .text(symbol.map { $0 == .blank ? "" : $0.symbol } ?? ""), .number(average?.averages[i] ?? nil), .text(""),
            ]
        }
    }
}
