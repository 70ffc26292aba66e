import Foundation
import Metrics
import Testing

/// Shares, pay bands and real terms: definitions checked on figures whose answers are known by hand.
/// The price index here is synthetic (the project ships no index values).
struct IndicatorToolsTests {
    @Test("share change: the part's and the total's effects add up to the change exactly")
    func share() throws {
        // 26/200 = 13% to 56/160 = 35% (synthetic totals).
        let change = try ShareChange(part0: 26, total0: 200, part1: 56, total1: 160)
        #expect(change.share0 == 13 && change.share1 == 35 && change.change == 22)
        // Part: ½(30/200 + 30/160)·100 = 16.875; total: ½(26 + 56)(1/160 − 1/200)·100 = 5.125.
        #expect(abs(change.partEffect - 16.875) < 1e-12 && abs(change.totalEffect - 5.125) < 1e-12)
        #expect(abs(change.partEffect + change.totalEffect - change.change) < 1e-12)
        #expect(abs((change.logPartEffect ?? 0) + change.logTotalEffect - log(35.0 / 13)) < 1e-14)
        #expect(throws: ShareChange.Problem.nonPositiveTotal) { try ShareChange(part0: 1, total0: 0, part1: 1, total1: 2) }
        let unchangedTotal = try ShareChange(part0: 10, total0: 100, part1: 20, total1: 100)
        #expect(unchangedTotal.totalEffect == 0 && unchangedTotal.partEffect == 10)
    }

    @Test("pay band: Middlesbrough's £28,672–£36,922 social-worker band (seed 003)")
    func band() throws {
        let band = try PayBand(minimum: 28_672, maximum: 36_922)
        #expect(band.midpoint == 32_797 && band.width == 8_250)
        #expect(abs(band.spread - 8_250.0 / 28_672 * 100) < 1e-12)
        #expect(band.rangePosition(of: 28_672) == 0 && band.rangePosition(of: 36_922) == 100)
        #expect(band.compaRatio(of: 32_797) == 1)
        #expect(PayBand.annualised(payment: 5_000, over: 2) == 2_500)
        let overlap = try #require(band.overlap(with: try PayBand(minimum: 35_000, maximum: 42_000)))
        #expect(overlap.amount == 1_922 && abs((overlap.percentOfNarrower ?? 0) - 1_922.0 / 7_000 * 100) < 1e-12)
        #expect(band.overlap(with: try PayBand(minimum: 40_000, maximum: 45_000)) == nil)
        #expect(throws: PayBand.Invalid.self) { try PayBand(minimum: 30_000, maximum: 20_000) }
    }

    @Test("real terms: exact periods, time-weighted overlap for financial years, gaps refused")
    func realTerms() throws {
        let index = PriceIndex(
            name: "synthetic test index", source: nil,
            points: [(try Period.parse("2021"), 90), (try Period.parse("2022"), 95), (try Period.parse("2023"), 100)])
        let exact = try RealTerms(index: index, base: try Period.parse("2023"))
        let deflated = try exact.deflate(1_000, at: try Period.parse("2021"))
        #expect(abs(deflated.real - 1_000 * 100 / 90.0) < 1e-12 && deflated.index == 90)
        #expect(throws: PriceIndex.Gap.self) { try exact.deflate(1_000, at: try Period.parse("2021-22")) }
        let overlap = try RealTerms(index: index, base: try Period.parse("2023"), alignment: .overlap)
        // FY 2021-22 = April 2021 – March 2022: ¾·90 + ¼·95 = 91.25.
        #expect(abs(try overlap.deflate(1_000, at: try Period.parse("2021-22")).index - 91.25) < 1e-12)
        #expect(try overlap.deflate(1_000, at: try Period.parse("2022-07-01")).index == 95, "a date takes its year's index")
        #expect(throws: PriceIndex.Gap.self) { try overlap.deflate(1_000, at: try Period.parse("2023-24")) }
        #expect(overlap.priceBasis == "2023 prices (synthetic test index)")
    }
}
