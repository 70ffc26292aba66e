import ArgumentParser
import Metrics

struct ShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "How a share changed, and how much came from the part and how much from the total.",
        discussion: """
            Shapley decomposition of the change in percentage points into the part's and the total's contributions (they add up exactly), and the log change split the same way.

            Example:
              metrics share --part0 26 --total0 200 --part1 56 --total1 160 --from 2010 --to 2020
            """
    )

    @Option(name: .long, help: "The part at the start.") var part0: Double
    @Option(name: .long, help: "The total at the start.") var total0: Double
    @Option(name: .long, help: "The part at the end.") var part1: Double
    @Option(name: .long, help: "The total at the end.") var total1: Double
    @Option(name: .long, help: "The start period.") var from: String?
    @Option(name: .long, help: "The end period.") var to: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let change: ShareChange
            do throws(ShareChange.Problem) {
                change = try ShareChange(part0: part0, total0: total0, part1: part1, total1: total1)
            } catch {
                throw UsageError(error.description)
            }
            let periods = try [from, to].map { label -> Period? in
                guard let label else { return nil }
                do throws(PeriodError) { return try Period.parse(label) } catch { throw UsageError(error.description) }
            }
            let report = ShareReport(change: change, from: periods[0], to: periods[1])
            try output.emit(report.rendered(as: output.format ?? (output.output.map(OutputOptions.formatFromExtension) ?? .table)))
        }
    }
}

struct BandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "band",
        abstract: "A pay band: midpoint, spread, where salaries sit, overlap, one-off payments, real terms.",
        discussion: """
            Example (Middlesbrough's social workers, 2022):
              metrics band --min 28672 --max 36922 --salary 32000 --payment 5000 --over 2
              metrics band --min 28672 --max 36922 --index deflator.csv --period 2022-23 --base 2024-25
            """
    )

    @Option(name: .long, help: "The band's minimum.") var min: Double
    @Option(name: .long, help: "The band's maximum.") var max: Double
    @Option(name: .long, parsing: .singleValue, help: "A salary to place in the band (repeatable).") var salary: [Double] = []
    @Option(name: .long, help: "Another band's minimum, for the overlap.") var otherMin: Double?
    @Option(name: .long, help: "Another band's maximum, for the overlap.") var otherMax: Double?
    @Option(name: .long, help: "A one-off payment (welcome, retention).") var payment: Double?
    @Option(name: .long, help: "The years a one-off payment is spread over.") var over: Double = 1
    @Option(name: .long, help: "A price index file (period,value) for real terms.") var index: String?
    @Option(name: .long, help: "The period of the band's figures (for real terms).") var period: String?
    @Option(name: .long, help: "The price base (for real terms).") var base: String?
    @Option(name: .long, help: "How the index meets the band's period: exact (the same period) or overlap (the index periods it overlaps, weighted by time).") var align: PriceIndex.Alignment = .exact
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if (otherMin == nil) != (otherMax == nil) { throw ValidationError("give both --other-min and --other-max") }
        if index != nil, period == nil || base == nil { throw ValidationError("--index needs --period and --base") }
        guard over > 0 else { throw ValidationError("--over must be positive") }
    }

    func run() throws {
        try reportingErrors {
            func band(_ low: Double, _ high: Double) throws -> PayBand {
                do throws(PayBand.Invalid) { return try PayBand(minimum: low, maximum: high) } catch { throw UsageError(error.description) }
            }
            let main = try band(min, max)
            let other = try otherMin.map { try band($0, otherMax!) }
            var real: (Double, Double, String)? = nil
            if let index, let period, let base {
                let priceIndex = try PriceIndex.read(path: index)
                do {
                    let terms = try RealTerms(index: priceIndex, base: try Period.parse(base), alignment: align)
                    let at = try Period.parse(period)
                    real = (try terms.deflate(min, at: at).real, try terms.deflate(max, at: at).real, terms.priceBasis)
                } catch {
                    throw UsageError("\(error)")
                }
            }
            let report = BandReport(band: main, salaries: salary, other: other, payment: payment, paymentYears: payment == nil ? nil : over, real: real)
            try output.emit(report.rendered(as: output.format ?? (output.output.map(OutputOptions.formatFromExtension) ?? .table)))
        }
    }
}

struct DeflateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deflate",
        abstract: "Money in real terms: every row's value at base-period prices, from a price index you supply.",
        discussion: """
            The index is a CSV with period and value columns (a GDP deflator, CPI or CPIH as published); its name and source go into every row's price_basis. With --align overlap, a financial-year value takes the time-weighted mean of the calendar-year index values it overlaps.

            Example:
              metrics deflate spend.csv --index gdp_deflator.csv --base 2024-25
            """
    )

    @Argument(help: "A tidy CSV with period and value columns.") var file: String
    @Option(name: .long, help: "The price index file.") var index: String
    @Option(name: .long, help: "The price base period.") var base: String
    @Option(name: .long, help: "How the index meets each row's period: exact (the same period) or overlap (the index periods it overlaps, weighted by time).") var align: PriceIndex.Alignment = .exact
    @Option(name: .long, help: "The period column.") var periodColumn = "period"
    @Option(name: .long, help: "The value column.") var valueColumn = "value"
    @Option(name: .long, help: "What two-year labels mean: financial or academic.") var yearType: YearType = .financial
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let priceIndex = try PriceIndex.read(path: index, yearType: yearType)
            let basePeriod: Period
            do throws(PeriodError) { basePeriod = try Period.parse(base, yearType: yearType) } catch { throw UsageError(error.description) }
            let terms: RealTerms
            do throws(PriceIndex.Gap) {
                terms = try RealTerms(index: priceIndex, base: basePeriod, alignment: align)
            } catch {
                throw UsageError(error.description)
            }
            try DeflateRequest(
                path: file, realTerms: terms, periodColumn: periodColumn, valueColumn: valueColumn, yearType: yearType,
                format: output.resolvedFormat, output: output.output
            ).run()
        }
    }
}
