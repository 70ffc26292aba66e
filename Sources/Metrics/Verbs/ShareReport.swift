/// `metrics share`: a share's change and its decomposition, as a sentence and as numbers.
public struct ShareReport: Sendable {
    public let change: ShareChange
    public let from: Period?
    public let to: Period?

    public init(change: ShareChange, from: Period? = nil, to: Period? = nil) {
        self.change = change
        self.from = from
        self.to = to
    }

    public var sentence: String {
        let c = change
        func pp(_ x: Double) -> String { HumanNumber.signed(x, decimals: 1) + " pp" }
        let when = from.flatMap { f in to.map { " from \(f) to \($0)" } } ?? ""
        let verb = c.change > 0 ? "rose" : (c.change < 0 ? "fell" : "did not change")
        var text = "The share \(verb)\(when): \(HumanNumber.format(c.share0, decimals: 1))% to \(HumanNumber.format(c.share1, decimals: 1))% (\(pp(c.change)))"
        text += "; the part's change accounts for \(pp(c.partEffect)) and the total's for \(pp(c.totalEffect))."
        return text
    }

    public func json() -> JSONValue {
        .object([
            ("from", from.map { .string($0.description) } ?? .null), ("to", to.map { .string($0.description) } ?? .null),
            ("share_from", .number(change.share0)), ("share_to", .number(change.share1)), ("pp_change", .number(change.change)),
            ("part_effect_pp", .number(change.partEffect)), ("total_effect_pp", .number(change.totalEffect)),
            ("log_part_effect", .number(change.logPartEffect)), ("log_total_effect", .number(change.logTotalEffect)),
            ("sentence", .string(sentence)),
        ])
    }

    public func rendered(as format: OutputFormat) -> String {
        let table = ResultTable(
            columns: ["share_from", "share_to", "pp_change", "part_effect_pp", "total_effect_pp"],
            rows: [[.number(change.share0), .number(change.share1), .number(change.change), .number(change.partEffect), .number(change.totalEffect)]])
        switch format {
        case .json: return json().rendered() + "\n"
        case .ndjson: return json().rendered(indent: 0) + "\n"
        case .csv: return table.csv()
        case .markdown: return ResultTable.markdownCell(sentence) + "\n\n" + table.markdown()
        case .table: return TerminalText.escape(sentence) + "\n"
        }
    }
}
