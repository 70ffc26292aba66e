import Foundation
import Metrics
import Testing

/// The summary's trend measures against the established libraries on ../shared/reference/trend_cases.json
/// (pymannkendall 1.4.3, SciPy 1.17.1, statsmodels 0.15.0): exact quantities to 1e-12 relative, p-values and
/// t-based intervals to 1e-9, following the real time axis (x − first x) where pymannkendall uses the index.
@Suite("Trend measures vs pymannkendall, SciPy, statsmodels", .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)))
struct TrendMeasuresTests {
    static func points(_ reference: TrendCase) -> (times: [Double], values: [Double]) {
        let (x, y) = reference.completeCases
        return (x.map { $0 - x[0] }, y)
    }

    @Test("Mann–Kendall: S, Var(S), τ to 1e-12; z and the accurate p to 1e-9", arguments: TrendCase.all)
    func mannKendall(case reference: TrendCase) throws {
        let (_, y) = Self.points(reference)
        let test = try #require(try MannKendallTest(values: y))
        let expected = try #require(reference.output("pymannkendall", "original_test") as? [String: Any])
        #expect(agrees(test.s, referenceNumber(expected["s"]), relative: 1e-12), "S")
        #expect(agrees(test.varianceS, referenceNumber(expected["var_s"]), relative: 1e-12), "Var(S)")
        #expect(agrees(test.tau, referenceNumber(expected["Tau"]), relative: 1e-12), "τ")
        #expect(agrees(test.z, referenceNumber(expected["z"]), relative: 1e-9), "z")
        #expect(agrees(test.p, referenceNumber(expected["p_sf"]), relative: 1e-9, absolute: 1e-300), "p: \(test.p) vs \(String(describing: expected["p_sf"]))")
    }

    @Test("Sen slope and interval (SciPy theilslopes, separate) to 1e-12; Conover intercept at the first x", arguments: TrendCase.all)
    func sen(case reference: TrendCase) throws {
        let (t, y) = Self.points(reference)
        let sen = try #require(try SenSlope(times: t, values: y, alpha: 0.05))
        let expected = try #require(reference.output("scipy", "theilslopes_separate") as? [String: Any])
        #expect(agrees(sen.slope, referenceNumber(expected["slope"]), relative: 1e-12), "slope")
        #expect(agrees(sen.low.value, referenceNumber(expected["low_slope"]), relative: 1e-12), "low")
        #expect(agrees(sen.high.value, referenceNumber(expected["high_slope"]), relative: 1e-12), "high")
        #expect(agrees(sen.intercept, referenceNumber(expected["intercept_at_first_x"]), relative: 1e-12, absolute: 1e-9), "intercept")
    }

    @Test("OLS trend vs statsmodels (x − first x): slope, intercept, SE, R² to 1e-12; CI and p to 1e-9", arguments: TrendCase.all)
    func ols(case reference: TrendCase) throws {
        let (t, y) = Self.points(reference)
        let trend = try #require(try LinearTrend(times: t, values: y, alpha: 0.05))
        let params = try #require(reference.output("statsmodels_ols_x0", "params") as? [String: Any])
        #expect(agrees(trend.slope, referenceNumber(params["x"]), relative: 1e-12, absolute: 1e-12), "slope \(trend.slope)")
        #expect(agrees(trend.intercept, referenceNumber(params["const"]), relative: 1e-12, absolute: 1e-9), "intercept")
        let ssr = referenceNumber(reference.output("statsmodels_ols", "ssr")) ?? 0
        let exactFit = ssr < 1e-20 * max(1, y.map { $0 * $0 }.reduce(0, +))
        guard t.count > 2, !exactFit else { return }  // statsmodels' SEs there are rounding noise
        let bse = reference.output("statsmodels_ols_x0", "bse") as? [String: Any]
        let ci = (reference.output("statsmodels_ols_x0", "conf_int_95") as? [String: Any])?["x"] as? [Any]
        #expect(agrees(trend.standardError.value, referenceNumber(bse?["x"]), relative: 1e-12), "SE")
        #expect(agrees(trend.low.value, referenceNumber(ci?[0]), relative: 1e-9), "low")
        #expect(agrees(trend.high.value, referenceNumber(ci?[1]), relative: 1e-9), "high")
        #expect(agrees(trend.p.value, referenceNumber((reference.output("statsmodels_ols", "pvalues") as? [String: Any])?["x"]), relative: 1e-9, absolute: 1e-300), "p")
        #expect(agrees(trend.rSquared.value, referenceNumber(reference.output("statsmodels_ols", "rsquared")), relative: 1e-12), "R²")
    }

    @Test("two-point change and descriptive statistics", arguments: TrendCase.all)
    func changeAndDescriptive(case reference: TrendCase) throws {
        let (t, y) = Self.points(reference)
        let expected = try #require(reference.output("simple_change") as? [String: Any])
        let change = TwoPointChange(first: y[0], last: y[y.count - 1], years: t[t.count - 1], isPercentage: false)
        #expect(agrees(change.absoluteChange, referenceNumber(expected["abs_change"]), relative: 1e-12))
        #expect(agrees(change.percentChange.value, referenceNumber(expected["pct_change"]), relative: 1e-12))
        // CAGR per x unit: ours is expm1(ln(r)/years) (exact near 0), theirs r^(1/span) − 1.
        #expect(agrees(change.compoundAnnualGrowth.value, referenceNumber(expected["cagr_per_x_unit_pct"]), relative: 1e-10))
        let descriptive = try #require(reference.output("descriptive") as? [String: Any])
        let s = DescriptiveStatistics(y)
        #expect(agrees(s.mean, referenceNumber(descriptive["mean"]), relative: 1e-12))
        #expect(agrees(s.standardDeviation, referenceNumber(descriptive["sd_n_minus_1"]), relative: 1e-12))
        #expect(agrees(s.median, referenceNumber(descriptive["median"]), relative: 1e-12))
        #expect(s.minimum == referenceNumber(descriptive["min"]) && s.maximum == referenceNumber(descriptive["max"]))
    }
}
