/// The Jupyter notebook of a report bundle (`report.ipynb`), built as a `JSONValue`: nbformat 4.5, every
/// cell with an `id` (`cell-0000`, `cell-0001`… by position, so the same report gives the same bytes),
/// code cells unexecuted (`execution_count` null, no outputs), kernel `python3`.
///
/// Cells, in order:
/// 1. Markdown: the title, the caller's introduction, the provenance table, how the bundle is laid out and
///    what the plot-data columns mean.
/// 2. Code: imports pandas and matplotlib and defines the helpers the chart cells use (`read_plot_data`,
///    `draw_series`).
/// 3. Code: loads `summary.csv` with pandas and displays it.
/// 4. Per plot, in the order given: a Markdown heading (title, subtitle, description, links to the chart's
///    files), then a code cell that loads `data/ID.csv` and redraws the chart with matplotlib (observed line
///    with gaps, trend band and line, Sen line, forecast band and line, benchmarks, events as vertical
///    rules with labels, missing periods marked along the bottom).
///
/// Paths are relative, so the notebook runs with the bundle directory as its working directory. Text from
/// the data (titles, names, labels) is escaped for Markdown in Markdown cells, and enters Python code only as
/// JSON string literals (which Python reads as the same string), so no name can break or inject into a cell.
/// `introduction` is Markdown written by the caller and is inserted as is: escape any user text in it with
/// `ReportNotebook.markdownEscaped(_:)`.
public struct ReportNotebook: Sendable {
    /// One row of the provenance table (`Input`, `metrics version`, `Options`…), both sides escaped.
    public struct ProvenanceItem: Sendable, Hashable {
        public let label: String
        public let value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var introduction: String
    public var plots: [SeriesPlot]
    public var provenance: [ProvenanceItem]

    public init(title: String, introduction: String, plots: [SeriesPlot], provenance: [ProvenanceItem] = []) {
        self.title = title
        self.introduction = introduction
        self.plots = plots
        self.provenance = provenance
    }

    /// The notebook document; write it with `json.rendered(indent: 1)` (Jupyter's own indentation).
    public var json: JSONValue {
        var cells: [JSONValue] = []
        func add(_ kind: CellKind, _ source: String) {
            cells.append(Self.cell(kind, id: Self.cellID(cells.count), source: source))
        }
        add(.markdown, introductionMarkdown)
        add(.code, Self.helperCode)
        add(.code, Self.summaryCode)
        for plot in plots {
            add(.markdown, Self.headingMarkdown(plot))
            add(.code, Self.chartCode(plot))
        }
        return .object([
            ("cells", .array(cells)),
            ("metadata", .object([
                ("kernelspec", .object([
                    ("display_name", .string("Python 3")),
                    ("language", .string("python")),
                    ("name", .string("python3")),
                ])),
                ("language_info", .object([
                    ("file_extension", .string(".py")),
                    ("mimetype", .string("text/x-python")),
                    ("name", .string("python")),
                ])),
            ])),
            ("nbformat", .integer(4)),
            ("nbformat_minor", .integer(5)),
        ])
    }

    // MARK: cells

    enum CellKind { case markdown, code }

    /// `cell-0000`, `cell-0001`…: unique, stable, and within nbformat's `^[a-zA-Z0-9-_]+$`, 1–64 characters.
    static func cellID(_ index: Int) -> String {
        let digits = String(index)
        return "cell-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func cell(_ kind: CellKind, id: String, source: String) -> JSONValue {
        let lines = sourceLines(source)
        switch kind {
        case .markdown:
            return .object([
                ("cell_type", .string("markdown")),
                ("id", .string(id)),
                ("metadata", .object([])),
                ("source", lines),
            ])
        case .code:
            return .object([
                ("cell_type", .string("code")),
                ("execution_count", .null),
                ("id", .string(id)),
                ("metadata", .object([])),
                ("outputs", .array([])),
                ("source", lines),
            ])
        }
    }

    /// A cell's source as Jupyter writes it: a list of lines, each but the last ending in a line feed.
    static func sourceLines(_ source: String) -> JSONValue {
        var trimmed = Substring(source)
        while trimmed.last == "\n" { trimmed = trimmed.dropLast() }
        let lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false)
        return .array(lines.enumerated().map { k, line in
            .string(k + 1 < lines.count ? String(line) + "\n" : String(line))
        })
    }

    // MARK: Markdown

    var introductionMarkdown: String {
        var md = "# " + Self.markdownEscaped(title) + "\n"
        var intro = Substring(introduction)
        while let c = intro.first, c.isWhitespace { intro = intro.dropFirst() }
        while let c = intro.last, c.isWhitespace { intro = intro.dropLast() }
        if !intro.isEmpty { md += "\n" + intro + "\n" }
        if !provenance.isEmpty {
            md += "\n## Provenance\n\n| | |\n|---|---|\n"
            for item in provenance {
                md += "| " + Self.markdownEscaped(item.label) + " | " + Self.markdownEscaped(item.value) + " |\n"
            }
        }
        md += """

            ## How this bundle is laid out

            | Path | What it holds |
            |---|---|
            | `summary.csv`, `summary.json`, `summary.md` | The trend summary, one row per series |
            | `index.html` | The offline HTML report, every chart inlined as SVG |
            | `report.ipynb` | This notebook |
            | `charts/ID.svg` | Each chart as an SVG image |
            | `charts/ID.vl.json` | Each chart as a self-contained Vega-Lite v5 specification, its data inlined |
            | `data/ID.csv` | The numbers behind each chart, one row per drawn item |

            The plot-data files start with the series' key columns, then `layer`, `name`, `period`, `time`, \
            `value`, `lower`, `upper`, `note`. `layer` is `observed` (an empty `value` is a missing period, \
            `note` says why), `trend` (the OLS fit; `lower`/`upper` its confidence band), `sen` (the Sen line), \
            `forecast` (`lower`/`upper` the prediction interval), `benchmark` (`name` the comparator) or \
            `event` (`name` the event, `note` its category). `time` is in decimal years (2020-08 is \
            2020.583…); `period` is the period as published. Text that a spreadsheet would run as a formula \
            starts with an apostrophe, which `read_plot_data` below removes.

            The notebook reads only files of this bundle, by relative paths: run it with the bundle directory \
            as the working directory (for example `jupyter nbconvert --to notebook --execute report.ipynb` \
            there). It needs pandas and matplotlib.

            """
        return md
    }

    static func headingMarkdown(_ plot: SeriesPlot) -> String {
        var md = "## " + markdownEscaped(plot.title) + "\n"
        if !plot.subtitle.isEmpty { md += "\n" + markdownEscaped(plot.subtitle) + "\n" }
        if !plot.description.isEmpty { md += "\n" + markdownEscaped(plot.description) + "\n" }
        let id = plot.id
        md += "\nData: [" + markdownEscaped("data/\(id).csv") + "](" + urlPathEscaped("data/\(id).csv") + ")"
        md += " · Vega-Lite: [" + markdownEscaped("charts/\(id).vl.json") + "](" + urlPathEscaped("charts/\(id).vl.json") + ")"
        md += " · SVG: [" + markdownEscaped("charts/\(id).svg") + "](" + urlPathEscaped("charts/\(id).svg") + ")\n"
        return md
    }

    /// `text` as literal Markdown on one line: every ASCII punctuation character backslash-escaped (CommonMark
    /// reads `\x` as a literal `x` for any of them, so no emphasis, link, HTML, heading or table cell can
    /// start); every hidden character (`ControlCharacters.isHidden`: controls, tab and line breaks included,
    /// bidirectional formatting characters, U+2028, U+2029) written as its visible escape (`\u{1B}`, its own
    /// punctuation escaped), as the terminal table and `summary.md` show it.
    public static func markdownEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        func append(_ scalar: Unicode.Scalar) {
            switch scalar {
            case "!"..."/", ":"..."@", "["..."`", "{"..."~": out += "\\"; out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        for scalar in text.unicodeScalars {
            if ControlCharacters.isHidden(scalar) {
                ControlCharacters.visible(scalar).unicodeScalars.forEach(append)
            } else {
                append(scalar)
            }
        }
        return out
    }

    /// A relative path as a URL path: bytes other than unreserved characters and `/` percent-encoded.
    static func urlPathEscaped(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    // MARK: Python

    /// `text` as a Python string literal: its JSON string literal, which Python reads as the same string
    /// (JSON's escapes `\"`, `\\`, `\n`, `\uXXXX`… are all Python's), so quotes, backslashes and line breaks
    /// in data cannot end the literal.
    static func pythonString(_ text: String) -> String {
        var out = ""
        JSONValue.writeString(text, to: &out)
        return out
    }

    static func chartCode(_ plot: SeriesPlot) -> String {
        """
        data = read_plot_data(\(pythonString("data/\(plot.id).csv")))
        draw_series(
            data,
            title=\(pythonString(plot.title)),
            subtitle=\(pythonString(plot.subtitle)),
            value_label=\(pythonString(plot.valueLabel)),
            footnote=\(pythonString(([plot.source] + plot.notes).filter { !$0.isEmpty }.joined(separator: "\n"))),
        )
        """
    }

    static let summaryCode = #"""
        # The trend summary, one row per series (empty cells are missing values).
        summary = read_table("summary.csv")
        summary
        """#

    static let helperCode = #"""
        # Helpers for the cells below: read a plot-data CSV of this bundle and redraw its chart with matplotlib.
        import textwrap

        import pandas as pd
        import matplotlib.pyplot as plt

        NUMERIC_COLUMNS = ["time", "value", "lower", "upper"]
        FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
        COLOURS = {
            "observed": "#1f4e79", "trend": "#d55e00", "sen": "#7570b3", "forecast": "#009e73",
            "event": "#555555", "missing": "#b00020",
        }
        BENCHMARK_COLOURS = ["#6b6b6b", "#a6761d", "#cc79a7", "#56b4e9", "#999999", "#e69f00"]


        def unneutralise(text):
            """Undo the CSV's spreadsheet protection: an apostrophe before a leading =, +, -, @, tab or CR."""
            if isinstance(text, str) and len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
                return text[1:]
            return text


        def read_table(path):
            """A CSV of this bundle: empty cells missing, other text kept as written (even "NA")."""
            table = pd.read_csv(path, keep_default_na=False, na_values=[""])
            for column in table.columns:
                if not pd.api.types.is_numeric_dtype(table[column]):
                    table[column] = table[column].map(unneutralise)
            return table


        def read_plot_data(path):
            """A plot-data CSV: text columns as text ("" when absent), time/value/lower/upper as floats (NaN when missing)."""
            data = pd.read_csv(path, dtype=str, keep_default_na=False)
            for column in data.columns:
                if column in NUMERIC_COLUMNS:
                    data[column] = pd.to_numeric(data[column], errors="coerce")
                else:
                    data[column] = data[column].map(unneutralise)
            return data


        def plain(text):
            """Text that matplotlib shows as written: no mathtext, no hidden legend entries."""
            text = str(text).replace("$", r"\$")
            return "\u200b" + text if text.startswith("_") else text


        def period_ticks(data, most=12):
            """The observed and forecast periods, thinned to at most `most` ticks."""
            rows = data[data["layer"].isin(["observed", "forecast"]) & (data["period"] != "")]
            rows = rows.drop_duplicates("time").sort_values("time")
            step = max(1, -(-len(rows) // most))
            rows = rows.iloc[::step]
            return list(rows["time"]), [plain(period) for period in rows["period"]]


        def draw_line(ax, part, colour, label, linestyle="-", linewidth=2.0, band=False):
            if band and part["lower"].notna().any():
                ax.fill_between(part["time"], part["lower"], part["upper"], color=colour, alpha=0.18, linewidth=0)
            ax.plot(part["time"], part["value"], color=colour, linestyle=linestyle, linewidth=linewidth, label=plain(label))


        def draw_series(data, title, subtitle, value_label, footnote=""):
            """The chart of one series: bands first, then lines (NaN values leave gaps), points, events.

            More than four events are numbered, with a key under the chart, so their names never overlap;
            missing periods are dotted rules, never points at a value; the source line goes under the chart.
            """
            fig, ax = plt.subplots(figsize=(10, 5.6), layout="constrained")
            layer = data["layer"]
            for name, part in data[layer == "trend"].groupby("name", sort=False):
                draw_line(ax, part, COLOURS["trend"], name, band=True)
            for name, part in data[layer == "sen"].groupby("name", sort=False):
                draw_line(ax, part, COLOURS["sen"], name, linestyle="--", linewidth=1.5)
            for name, part in data[layer == "forecast"].groupby("name", sort=False):
                draw_line(ax, part, COLOURS["forecast"], name, linestyle=":", band=True)
            benchmarks = data[layer == "benchmark"].groupby("name", sort=False)
            for k, (name, part) in enumerate(benchmarks):
                draw_line(ax, part, BENCHMARK_COLOURS[k % len(BENCHMARK_COLOURS)], name, linewidth=1.5)
            observed = data[layer == "observed"]
            ax.plot(observed["time"], observed["value"], color=COLOURS["observed"], linewidth=2,
                    marker="o", markersize=4, label="Observed")
            missing = observed[observed["value"].isna()]
            for k, (_, row) in enumerate(missing.iterrows()):
                ax.axvline(row["time"], color=COLOURS["missing"], linestyle=":", linewidth=1.2, alpha=0.7,
                           label="No value" if k == 0 else None)
            events = data[layer == "event"]
            numbered = len(events) > 4
            key = []
            for k, (_, event) in enumerate(events.iterrows(), start=1):
                ax.axvline(event["time"], color=COLOURS["event"], linestyle=(0, (4, 3)), linewidth=1)
                if numbered:
                    ax.text(event["time"], 0.98 - 0.05 * ((k - 1) % 3), str(k), transform=ax.get_xaxis_transform(),
                            ha="left", va="top", fontsize=8, fontweight="bold", color=COLOURS["event"])
                    key.append(f"{k} {plain(event['period'])} {plain(event['name'])}")
                else:
                    ax.text(event["time"], 0.98, plain(event["name"]), transform=ax.get_xaxis_transform(),
                            rotation=90, ha="right", va="top", fontsize=8, color=COLOURS["event"])
            notes = []
            if key:
                notes.append(textwrap.fill("Events: " + " · ".join(key), 150))
            if footnote:
                notes += [textwrap.fill(plain(line), 150) for line in footnote.split("\n")]
            if notes:
                ax.set_xlabel("\n".join(notes), fontsize=7, loc="left")
            ticks, labels = period_ticks(data)
            if ticks:
                ax.set_xticks(ticks, labels)
            ax.set_ylabel(plain(value_label))
            ax.set_title(plain(title) + ("\n" + plain(subtitle) if subtitle else ""), loc="left")
            ax.grid(axis="y", alpha=0.3)
            if ax.get_legend_handles_labels()[0]:
                ax.legend(fontsize=8, loc="best")
            plt.show()
        """#
}
