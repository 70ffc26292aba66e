/// Everything a chart of one series shows, in numbers: the observed values (with gaps where values are
/// missing), the fitted OLS trend and its confidence band, the Sen line, a forecast with its prediction
/// interval, dated events and benchmark lines (England, the region). The SVG chart (`SVGChart`), the
/// Vega-Lite specification (`VegaLiteChart`), the tidy plot-data CSV (`PlotDataTable`) and the notebook are
/// all drawn from this one value, so they always agree.
///
/// Conventions: `time` is SPEC.md's time axis in years (a month m of year Y at Y + (m − 1)/12, a financial
/// year at Y + 0.25…), absolute rather than since the first period, so charts of different series line up;
/// `period` is the period's label as the input wrote it (`2020-21`, `2021-07`); values are in the series'
/// unit. Every list is in ascending time.
public struct SeriesPlot: Sendable, Hashable {
    /// One observed period: its value, or `nil` when it is missing, with the reason (a GSS symbol such as
    /// `c` or `x` and what it means), so the chart leaves a gap and says why.
    public struct Observation: Sendable, Hashable {
        public let period: String
        public let time: Double
        public let value: Double?
        public let missingReason: String?

        public init(period: String, time: Double, value: Double?, missingReason: String? = nil) {
            self.period = period
            self.time = time
            self.value = value
            self.missingReason = missingReason
        }
    }

    /// A point of a line with an optional band: the fitted trend (band: the confidence interval of the
    /// mean), the Sen line (no band) or a forecast (band: the prediction interval).
    public struct BandPoint: Sendable, Hashable {
        public let period: String?
        public let time: Double
        public let value: Double
        public let lower: Double?
        public let upper: Double?

        public init(period: String?, time: Double, value: Double, lower: Double? = nil, upper: Double? = nil) {
            self.period = period
            self.time = time
            self.value = value
            self.lower = lower
            self.upper = upper
        }
    }

    /// A line drawn with its name: the fitted trend, the Sen line, a forecast, or a benchmark.
    public struct Line: Sendable, Hashable {
        /// What the legend says: `OLS trend (95% CI)`, `Sen slope`, `Holt forecast (95% PI)`, `England`…
        public let name: String
        public let points: [BandPoint]

        public init(name: String, points: [BandPoint]) {
            self.name = name
            self.points = points
        }
    }

    /// A benchmark series (England, the region, a neighbour average), drawn as a thin line with gaps.
    public struct Benchmark: Sendable, Hashable {
        public let name: String
        public let observations: [Observation]

        public init(name: String, observations: [Observation]) {
            self.name = name
            self.observations = observations
        }
    }

    /// A dated event (an Ofsted judgement, a commissioner, a direction revoked), marked by a vertical rule.
    public struct Event: Sendable, Hashable {
        public let period: String
        public let time: Double
        /// The short label written on the chart.
        public let label: String
        /// The event's category (`ofsted_inspection`, `intervention`…), when the events file gives one.
        public let category: String?

        public init(period: String, time: Double, label: String, category: String? = nil) {
            self.period = period
            self.time = time
            self.label = label
            self.category = category
        }
    }

    /// A file-safe stem, unique within a report: `003-middlesbrough-social-workers-fte`.
    public var id: String
    /// The chart's title: the indicator's label, or its name.
    public var title: String
    /// The area and unit: `Middlesbrough (E06000002) · count`.
    public var subtitle: String
    /// A sentence or two for screen readers and the HTML report: what the chart shows and the trend found.
    public var description: String
    /// The series' key, for the plot-data CSV's leading columns.
    public var key: SeriesKey
    public var unit: SeriesMetadata.Unit?
    /// Decimal places to show values with (the series' published ones, or the fewest that show its values).
    public var decimalPlaces: Int?
    /// The value axis' title: the unit for people (`Children`, `%`, `£`…), or empty.
    public var valueLabel: String
    public var observations: [Observation]
    public var trend: Line?
    public var sen: Line?
    public var forecast: Line?
    public var events: [Event]
    public var benchmarks: [Benchmark]
    /// The source line written under the chart (`Source: DfE (LAIT), lait_….csv`), or empty.
    public var source: String
    /// Cautions about what is drawn (a forecast from too short a series…), written under the chart.
    public var notes: [String]

    public init(
        id: String, title: String, subtitle: String, description: String, key: SeriesKey,
        unit: SeriesMetadata.Unit?, decimalPlaces: Int?, valueLabel: String, observations: [Observation],
        trend: Line? = nil, sen: Line? = nil, forecast: Line? = nil, events: [Event] = [], benchmarks: [Benchmark] = [],
        source: String = "", notes: [String] = []
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.description = description
        self.key = key
        self.unit = unit
        self.decimalPlaces = decimalPlaces
        self.valueLabel = valueLabel
        self.observations = observations
        self.trend = trend
        self.sen = sen
        self.forecast = forecast
        self.events = events
        self.benchmarks = benchmarks
        self.source = source
        self.notes = notes
    }
}
