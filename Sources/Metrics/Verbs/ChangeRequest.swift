internal import Foundation

/// `metrics change FROM TO`: the two-point numbers a journalist quotes, and the sentence.
///
/// With `--from`/`--to` periods the elapsed time is real (August 2020 to July 2021 is 11/12 year) and the
/// compound annual rate is given; without them it is not. Field names are the summary's.
public struct ChangeRequest: Sendable {
    public var from: Double
    public var to: Double
    public var fromPeriod: String?
    public var toPeriod: String?
    public var unit: SeriesMetadata.Unit
    public var yearType: YearType

    public init(from: Double, to: Double, fromPeriod: String? = nil, toPeriod: String? = nil, unit: SeriesMetadata.Unit = .count, yearType: YearType = .financial) {
        self.from = from
        self.to = to
        self.fromPeriod = fromPeriod
        self.toPeriod = toPeriod
        self.unit = unit
        self.yearType = yearType
    }

    public func run() throws -> ChangeResult {
        guard from.isFinite, to.isFinite else { throw UsageError("both values must be finite numbers") }
        var first: Period? = nil
        var last: Period? = nil
        do throws(PeriodError) {
            if let fromPeriod { first = try Period.parse(fromPeriod, yearType: yearType) }
            if let toPeriod { last = try Period.parse(toPeriod, yearType: yearType) }
        } catch {
            throw UsageError(error.description)
        }
        if (first == nil) != (last == nil) { throw UsageError("give both --from and --to, or neither") }
        let years = first.flatMap { f in last.map { f.years(to: $0) } } ?? 0
        if let first, let last, years < 0 { throw UsageError("--to (\(last)) comes before --from (\(first))") }
        let change = TwoPointChange(first: from, last: to, years: years, isPercentage: unit == .percent)
        return ChangeResult(change: change, firstPeriod: first, lastPeriod: last, unit: unit)
    }
}

public struct ChangeResult: Sendable {
    public let change: TwoPointChange
    public let firstPeriod: Period?
    public let lastPeriod: Period?
    public let unit: SeriesMetadata.Unit

    var hasTime: Bool { firstPeriod != nil && change.years > 0 }

    /// The elapsed time in words: months when it is a whole number of months, otherwise years.
    var elapsedText: String? {
        guard hasTime else { return nil }
        let months = change.years * 12
        if abs(months - months.rounded()) < 1e-9, months < 24 {
            let m = Int(months.rounded())
            return "\(m) month\(m == 1 ? "" : "s")"
        }
        let y = NumberText.significant(change.years, digits: 3)
        return "\(y) year\(change.years == 1 ? "" : "s")"
    }

    /// The sentence a journalist would write.
    public var sentence: String {
        let c = change
        let decimals = [c.first, c.last].allSatisfy { $0 == $0.rounded() } ? 0 : nil
        func value(_ x: Double) -> String { HumanNumber.format(x, decimals: decimals, unit: unit) }
        func when(_ p: Period?) -> String { p.map { " (\($0))" } ?? "" }
        var text = "From \(value(c.first))\(when(firstPeriod)) to \(value(c.last))\(when(lastPeriod)): "
        if let pp = c.percentagePointChange.value {
            text += "\(HumanNumber.signed(pp, decimals: decimals ?? 1)) percentage points"
            if let pct = c.percentChange.value { text += " (\(HumanNumber.signed(pct, decimals: 1))% relative)" }
        } else {
            text += HumanNumber.signed(c.absoluteChange, decimals: decimals, unit: unit == .percent ? nil : unit)
            if let pct = c.percentChange.value { text += " (\(HumanNumber.signed(pct, decimals: 1))%)" }
        }
        if let elapsed = elapsedText { text += " over \(elapsed)" }
        if let ratio = c.ratio.value { text += "; ×\(NumberText.significant(ratio, digits: 3))" }
        if let cagr = c.compoundAnnualGrowth.value, hasTime {
            text += "; \(HumanNumber.signed(cagr, decimals: 1))% a year compound"
            if c.years < 1 { text += " (annualised from \(elapsedText ?? "less than a year"))" }
        } else if let reason = c.compoundAnnualGrowth.reason, hasTime {
            text += "; no annual rate (\(reason))"
        }
        return text + "."
    }

    public func json() -> JSONValue {
        let c = change
        var reasons: [(String, JSONValue)] = []
        if let r = c.percentChange.reason { reasons.append(("pct_change", .string(r))) }
        if let r = c.percentagePointChange.reason { reasons.append(("pp_change", .string(r))) }
        if let r = c.ratio.reason { reasons.append(("ratio", .string(r))) }
        if !hasTime { reasons.append(("cagr", .string("no periods given (--from and --to)"))) } else if let r = c.compoundAnnualGrowth.reason { reasons.append(("cagr", .string(r))) }
        return .object([
            ("first_period", firstPeriod.map { .string($0.description) } ?? .null),
            ("last_period", lastPeriod.map { .string($0.description) } ?? .null),
            ("first_value", .number(c.first)), ("last_value", .number(c.last)),
            ("years", hasTime ? .number(c.years) : .null),
            ("abs_change", .number(c.absoluteChange)), ("pct_change", .number(c.percentChange.value)),
            ("pp_change", .number(c.percentagePointChange.value)), ("ratio", .number(c.ratio.value)),
            ("cagr", hasTime ? .number(c.compoundAnnualGrowth.value) : .null),
            ("unit", .string(unit.description)), ("sentence", .string(sentence)), ("reasons", .object(reasons)),
        ])
    }

    public func table() -> ResultTable {
        let c = change
        return ResultTable(
            columns: ["first_period", "last_period", "first_value", "last_value", "years", "abs_change", "pct_change", "pp_change", "ratio", "cagr"],
            rows: [[
                .text(firstPeriod?.description ?? ""), .text(lastPeriod?.description ?? ""), .number(c.first), .number(c.last),
                .number(hasTime ? c.years : nil), .number(c.absoluteChange), .number(c.percentChange.value),
                .number(c.percentagePointChange.value), .number(c.ratio.value), .number(hasTime ? c.compoundAnnualGrowth.value : nil),
            ]])
    }

    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json: json().rendered() + "\n"
        case .ndjson: json().rendered(indent: 0) + "\n"
        case .csv: table().csv()
        case .markdown: ResultTable.markdownCell(sentence) + "\n\n" + table().markdown()
        case .table: TerminalText.escape(sentence) + "\n"
        }
    }
}
