/// `metrics band`: a salary band, the salaries in it, an overlapping band, a one-off payment spread over
/// time, and, given a price index, the band in real terms.
public struct BandReport: Sendable {
    public let band: PayBand
    public let salaries: [Double]
    public let other: PayBand?
    public let payment: Double?
    public let paymentYears: Double?
    /// The band in real terms: (minimum, maximum, price basis).
    public let real: (minimum: Double, maximum: Double, basis: String)?

    public init(band: PayBand, salaries: [Double] = [], other: PayBand? = nil, payment: Double? = nil, paymentYears: Double? = nil, real: (Double, Double, String)? = nil) {
        self.band = band
        self.salaries = salaries
        self.other = other
        self.payment = payment
        self.paymentYears = paymentYears
        self.real = real.map { (minimum: $0.0, maximum: $0.1, basis: $0.2) }
    }

    func money(_ x: Double) -> String { HumanNumber.format(x, decimals: x == x.rounded() ? 0 : 2, unit: .currency(code: "GBP", priceYear: nil)) }

    /// The report as lines of plain text (the price basis comes from the index file, so it is data).
    public var text: String { lines.joined(separator: "\n") + "\n" }

    var lines: [String] {
        var lines = ["Band \(money(band.minimum))–\(money(band.maximum)): midpoint \(money(band.midpoint)), width \(money(band.width)), spread \(NumberText.significant(band.spread, digits: 4))% of the minimum."]
        for salary in salaries {
            let position = band.rangePosition(of: salary).map { "\(NumberText.significant($0, digits: 3))% of the way up" } ?? "in a band of zero width"
            lines.append("\(money(salary)): \(position), compa-ratio \(NumberText.significant(band.compaRatio(of: salary), digits: 3)).")
        }
        if let other {
            if let o = band.overlap(with: other) {
                lines.append("Overlap with \(money(other.minimum))–\(money(other.maximum)): \(money(o.amount))" + (o.percentOfNarrower.map { " (\(NumberText.significant($0, digits: 3))% of the narrower band)" } ?? "") + ".")
            } else {
                lines.append("No overlap with \(money(other.minimum))–\(money(other.maximum)).")
            }
        }
        if let payment, let years = paymentYears, let annual = PayBand.annualised(payment: payment, over: years) {
            lines.append("A one-off \(money(payment)) over \(NumberText.significant(years, digits: 3)) year(s) is \(money(annual)) a year: the band's first year becomes \(money(band.minimum + annual))–\(money(band.maximum + annual)).")
        }
        if let real {
            lines.append("In \(real.basis): \(money(real.minimum))–\(money(real.maximum)).")
        }
        return lines
    }

    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("minimum", .number(band.minimum)), ("maximum", .number(band.maximum)), ("midpoint", .number(band.midpoint)),
            ("width", .number(band.width)), ("spread_pct", .number(band.spread)),
            ("salaries", .array(salaries.map { s in
                .object([("salary", .number(s)), ("range_position_pct", .number(band.rangePosition(of: s))), ("compa_ratio", .number(band.compaRatio(of: s)))])
            })),
        ]
        if let other {
            let o = band.overlap(with: other)
            members.append(("overlap", .object([("minimum", .number(other.minimum)), ("maximum", .number(other.maximum)), ("amount", .number(o?.amount ?? 0)), ("pct_of_narrower", .number(o?.percentOfNarrower))])))
        }
        if let payment, let years = paymentYears {
            members.append(("one_off_payment", .object([("payment", .number(payment)), ("years", .number(years)), ("per_year", .number(PayBand.annualised(payment: payment, over: years)))])))
        }
        if let real {
            members.append(("real_terms", .object([("minimum", .number(real.minimum)), ("maximum", .number(real.maximum)), ("price_basis", .string(real.basis))])))
        }
        return .object(members)
    }

    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json: json().rendered() + "\n"
        case .ndjson: json().rendered(indent: 0) + "\n"
        case .table: TerminalText.lines(lines)
        case .markdown: lines.map { ResultTable.markdownCell($0) + "\n" }.joined()
        case .csv:
            ResultTable(
                columns: ["minimum", "maximum", "midpoint", "width", "spread_pct"],
                rows: [[.number(band.minimum), .number(band.maximum), .number(band.midpoint), .number(band.width), .number(band.spread)]]
            ).csv()
        }
    }
}
