/// `summarize --format xlsx`: the summaries, and the observations they were computed from, as an Excel
/// workbook (`Workbook`).
///
/// Sheet "summary" has the columns of the CSV output (the key fields, SPEC.md's fields, the added measures,
/// `unit`, `polarity`, `reasons`), one row per series, numbers as numbers (rounded by `--decimals` when
/// asked, full precision otherwise) and text as text. Sheet "data" is the plot data a chart in Excel needs:
/// one row per series and period, in the order of the summary rows: the key fields, `period`, `time` (the
/// period's place on SPEC.md's time axis, in years, for an x axis with real spacing), `value` (empty when
/// missing) and `missing` (the GSS symbol, `c` or `x`, and its meaning).
public enum SummaryWorkbook {
    public static func workbook(
        summaries: [SeriesSummary], series: [Series], keyNames: [String], additionalNames: [String], decimals: SummaryDecimals?
    ) -> Workbook {
        let format = SummaryFormat(format: .csv, keyNames: keyNames, additionalNames: additionalNames)
        var summarySheet = Workbook.Sheet(name: "summary", columns: keyNames + SeriesSummary.fieldNames + additionalNames + format.extraNames)
        let scales = SummaryDecimals.scales(additionalNames: additionalNames)
        for s in summaries {
            var row: [Workbook.Cell] = s.key.values.map { .text($0) }
            let places = decimals?.places(for: s, scales: scales)
            for (i, field) in (s.fields + s.additional).enumerated() {
                switch field {
                case .number(let x):
                    if let x, let n = places?[i] { row.append(.number(DecimalRounding.rounded(x, places: n))) } else { row.append(.number(x)) }
                case .integer(let n): row.append(.number(Double(n)))
                case .text(let t): row.append(t.map { .text($0) } ?? .number(nil))
                }
            }
            row.append(s.metadata.unit.map { .text($0.description) } ?? .number(nil))
            row.append(.text(s.metadata.polarity.rawValue))
            row.append(.text(s.reasons.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")))
            summarySheet.rows.append(row)
        }
        var dataSheet = Workbook.Sheet(name: "data", columns: keyNames + ["period", "time", "value", "missing"])
        let order = Dictionary(summaries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        let kept = series.filter { order[$0.key] != nil }.sorted { order[$0.key]! < order[$1.key]! }
        for one in kept {
            let key: [Workbook.Cell] = one.key.values.map { .text($0) }
            for observation in one.observations {
                var row = key
                row.append(.text(observation.period.description))
                row.append(.number(observation.period.start))
                switch observation.value {
                case .number(let x):
                    row.append(.number(x))
                    row.append(.number(nil))
                case .missing(let symbol):
                    row.append(.number(nil))
                    row.append(.text(symbol.symbol.isEmpty ? "blank" : "\(symbol.symbol): \(symbol.reason)"))
                }
                dataSheet.rows.append(row)
            }
        }
        return Workbook(sheets: [summarySheet, dataSheet])
    }
}
