import Metrics
import Testing

/// Funnel-plot control limits against independent 40-digit computations (scripts/funnel_references.py, run
/// with mpmath 1.3): PHE's closed-form `sigma_adjustment` for proportions, and the exact Poisson funnel
/// solved with mpmath's regularised incomplete gamma for rates. Tolerance: 1e-12 relative.
struct FunnelLimitsTests {
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    @Test("proportions: Wilson-based limits agree with PHE's closed form", arguments: [
        (0.3, 50.0, 0.95, 17.297981637977638, 42.70201836202236),
        (0.3, 50, 0.998, 9.9730057258834723, 50.026994274116525),
        (0.3, 1000, 0.95, 27.159742349106746, 32.840257650893252),
        (0.3, 1000, 0.998, 25.521827941807638, 34.47817205819236),
        (0.05, 200, 0.95, 1.9794926420966056, 8.020507357903395),
        (0.05, 200, 0.998, 0.23763217485800479, 9.7623678251419958),
        (0.9, 10, 0.95, 71.406149030863159, 100),
        (0.9, 10, 0.998, 60.683482240424743, 100),
        (0.5, 1_000_000, 0.95, 49.902001800772997, 50.097998199227003),
        (0.5, 1_000_000, 0.998, 49.845488384691609, 50.154511615308391),
    ])
    func proportions(_ c: (Double, Double, Double, Double, Double)) throws {
        let limits = try #require(try FunnelLimits(baseline: c.0, denominator: c.1, level: c.2, statistic: .proportion(multiplier: 100)))
        #expect(Self.close(limits.lower, c.3), "lower \(limits.lower) vs \(c.3)")
        #expect(Self.close(limits.upper, c.4), "upper \(limits.upper) vs \(c.4)")
    }

    @Test("rates: exact Poisson limits agree with the incomplete-gamma inversion", arguments: [
        (0.007, 38000.0, 10000.0, 0.95, 61.583564302551456, 78.665821262789791),
        (0.007, 38000, 10000, 0.998, 56.988622196249472, 83.762133429110993),
        (0.007, 500, 10000, 0.95, 0, 161.4162549292376),
        (0.007, 500, 10000, 0.998, 0, 220.31449933829268),
        (0.0001, 20000, 100000, 0.95, 0, 28.291675308130745),
        (0.0001, 20000, 100000, 0.998, 0, 40.311892415499557),
        (0.02, 100000, 1000, 0.95, 19.123249124864505, 20.886223085566135),
        (0.02, 100000, 1000, 0.998, 18.627368220142472, 21.401134240068591),
    ])
    func rates(_ c: (Double, Double, Double, Double, Double, Double)) throws {
        let limits = try #require(try FunnelLimits(baseline: c.0, denominator: c.1, level: c.3, statistic: .rate(per: c.2)))
        #expect(Self.close(limits.lower, c.4), "lower \(limits.lower) vs \(c.4)")
        #expect(Self.close(limits.upper, c.5), "upper \(limits.upper) vs \(c.5)")
    }

    @Test("limits narrow as the denominator grows, the 99.8% funnel is wider, and no denominator gives none")
    func shape() throws {
        var previous = Double.infinity
        for n in [100.0, 1000, 10000, 100_000] {
            let f95 = try #require(try FunnelLimits(baseline: 0.01, denominator: n, level: 0.95, statistic: .rate(per: 1000)))
            let f998 = try #require(try FunnelLimits(baseline: 0.01, denominator: n, level: 0.998, statistic: .rate(per: 1000)))
            #expect(f95.upper - f95.lower < previous)
            #expect(f998.lower <= f95.lower && f998.upper > f95.upper)
            #expect(f95.position(of: 10) == 0)
            previous = f95.upper - f95.lower
        }
        #expect(try FunnelLimits(baseline: 0.01, denominator: 0, level: 0.95, statistic: .rate(per: 1000)) == nil)
        #expect(try FunnelLimits(baseline: 1.5, denominator: 10, level: 0.95, statistic: .proportion(multiplier: 100)) == nil)
    }
}
