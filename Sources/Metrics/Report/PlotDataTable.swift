/// The numbers behind one chart as a tidy table, one row per drawn item: the plot-data CSV of a report
/// bundle (`data/ID.csv`), and the inline data of the Vega-Lite specification (`VegaLiteChart`).
///
/// Columns: the series' key columns (`SeriesPlot.key.names`, in order), then `columns`:
/// `layer,name,period,time,value,lower,upper,note`. A key column whose name is already taken (by a fixed
/// column or an earlier key column) is written as `key_` + its name (repeated until unique), so every
/// column name is unique.
///
/// Rows, in this order (each group in ascending time, as the plot holds it):
/// - `observed`: one row per period, `name` = `Observed`; `value` empty when missing, `note` = the reason;
/// - `trend`: the OLS fit, `lower`/`upper` = its confidence band (empty when the plot has none);
/// - `sen`: the Sen line;
/// - `forecast`: `lower`/`upper` = the prediction interval;
/// - `benchmark`: one row per benchmark period, `name` = the benchmark (`England`…); `value` empty when
///   missing, `note` = the reason;
/// - `event`: `name` = the event's label, `value`/`lower`/`upper` empty, `note` = its category.
///
/// `time` is the plot's absolute time axis in decimal years (2020-08 → 2020.5833…); `period` is the label
/// as the input wrote it (empty for line points without one). Numbers are full precision
/// (`CSVText.number`), text goes through `CSVText.text` (quoted as needed; a leading `=`, `+`, `-`, `@`,
/// tab or carriage return gets an apostrophe so spreadsheets keep it text). The text is deterministic:
/// the same plot always gives the same bytes; lines end in a line feed.
public struct PlotDataTable: Sendable, Hashable {
    /// What a row draws.
    public enum Layer: String, Sendable, Hashable, CaseIterable {
        case observed, trend, sen, forecast, benchmark, event
    }

    /// One drawn item. Text here is as the plot holds it; CSV neutralisation happens only in `csv`.
    public struct Row: Sendable, Hashable {
        public let layer: Layer
        public let name: String
        public let period: String?
        public let time: Double
        public let value: Double?
        public let lower: Double?
        public let upper: Double?
        public let note: String?

        public init(
            layer: Layer, name: String, period: String?, time: Double, value: Double?,
            lower: Double? = nil, upper: Double? = nil, note: String? = nil
        ) {
            self.layer = layer
            self.name = name
            self.period = period
            self.time = time
            self.value = value
            self.lower = lower
            self.upper = upper
            self.note = note
        }
    }

    /// The fixed columns that follow the key columns.
    public static let columns = ["layer", "name", "period", "time", "value", "lower", "upper", "note"]

    /// The `name` of the observed rows.
    public static let observedName = "Observed"

    /// The key's dimension names as written in the header (renamed only when they clash; see above).
    public let keyColumns: [String]
    /// The key's values, written at the start of every row.
    public let keyValues: [String]
    public let rows: [Row]

    public init(plot: SeriesPlot) {
        keyColumns = PlotDataTable.keyColumns(for: plot.key.names)
        keyValues = plot.key.values
        var rows: [Row] = []
        rows.reserveCapacity(
            plot.observations.count + (plot.trend?.points.count ?? 0) + (plot.sen?.points.count ?? 0)
                + (plot.forecast?.points.count ?? 0) + plot.events.count
                + plot.benchmarks.reduce(0) { $0 + $1.observations.count }
        )
        for o in plot.observations {
            rows.append(Row(layer: .observed, name: Self.observedName, period: o.period, time: o.time,
                            value: o.value, note: o.missingReason))
        }
        for (layer, line) in [(Layer.trend, plot.trend), (.sen, plot.sen), (.forecast, plot.forecast)] {
            guard let line else { continue }
            for p in line.points {
                rows.append(Row(layer: layer, name: line.name, period: p.period, time: p.time, value: p.value,
                                lower: p.lower, upper: p.upper))
            }
        }
        for b in plot.benchmarks {
            for o in b.observations {
                rows.append(Row(layer: .benchmark, name: b.name, period: o.period, time: o.time, value: o.value,
                                note: o.missingReason))
            }
        }
        for e in plot.events {
            rows.append(Row(layer: .event, name: e.label, period: e.period, time: e.time, value: nil,
                            note: e.category))
        }
        self.rows = rows
    }

    /// Every column name, key columns first.
    public var header: [String] { keyColumns + Self.columns }

    /// The CSV text: the header, then one record per row.
    public var csv: String {
        var out = CSVText.record(header.map(CSVText.text))
        let key = keyValues.map(CSVText.text)
        for row in rows {
            out += CSVText.record(key + [
                row.layer.rawValue,
                CSVText.text(row.name),
                CSVText.text(row.period ?? ""),
                CSVText.number(row.time),
                CSVText.number(row.value),
                CSVText.number(row.lower),
                CSVText.number(row.upper),
                CSVText.text(row.note ?? ""),
            ])
        }
        return out
    }

    /// The plot-data CSV of `plot`.
    public static func csv(for plot: SeriesPlot) -> String { PlotDataTable(plot: plot).csv }

    /// Key dimension names made unique against `columns` and each other by prefixing `key_`.
    public static func keyColumns(for names: [String]) -> [String] {
        var taken = Set(columns)
        var result: [String] = []
        result.reserveCapacity(names.count)
        for name in names {
            var candidate = name
            while taken.contains(candidate) { candidate = "key_" + candidate }
            taken.insert(candidate)
            result.append(candidate)
        }
        return result
    }
}
