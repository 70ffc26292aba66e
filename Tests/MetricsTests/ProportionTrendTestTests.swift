import Metrics
import Testing

/// The chi-square test for trend in proportions against R's `prop.trend.test` formula reproduced in
/// scripts/indicator_method_references.py: the regression sum of squares of a statsmodels WLS fit of x/n on the
/// scores with weights n/(p̄(1 − p̄)), and the closed form in mpmath at 50 digits (they agree to 3·10⁻¹⁵); the
/// p-values are erfc(√(χ²/2)) in mpmath (scipy's chi2.sf agrees to 10⁻¹⁴). R prints X-squared = 8.2249,
/// p-value = 0.004132 for its own example.
@Suite("Chi-square test for trend in proportions")
struct ProportionTrendTestTests {
    static let smokers: [Double] = [83, 90, 129, 70]
    static let patients: [Double] = [86, 93, 136, 82]

    func close(_ value: Measured<Double>, _ expected: Double, _ label: String) {
        #expect(agrees(value.value, expected, relative: 1e-12), "\(label): \(value) vs \(expected)")
    }

    @Test("R's example: smokers among patients, scores 1…4 and 0, 0, 0, 1")
    func rExample() throws {
        let test = try ProportionTrendTest(counts: Self.smokers, denominators: Self.patients, scores: [1, 2, 3, 4])
        close(test.chiSquare, 8.224922285197676, "X-squared")
        close(test.p, 0.004131897477641565, "p")
        #expect(test.degreesOfFreedom == 1)
        #expect((test.z.value ?? 0) < 0, "the proportion of smokers falls with the score")
        let scored = try ProportionTrendTest(counts: Self.smokers, denominators: Self.patients, scores: [0, 0, 0, 1])
        close(scored.chiSquare, 12.173146220740241, "X-squared, scores 0 0 0 1")
        close(scored.p, 0.0004848245934416773, "p, scores 0 0 0 1")
    }

    @Test("scores default to the periods' positions on the time axis (a missing year is respected)")
    func periodsAsScores() throws {
        let periods = try ["2015-16", "2016-17", "2018-19", "2019-20", "2020-21"].map { try Period.parse($0, yearType: .financial) }
        let test = try ProportionTrendTest(counts: [52, 61, 70, 88, 95], denominators: [400, 410, 405, 420, 415], periods: periods)
        #expect(test.scores == [0, 1, 3, 4, 5])
        close(test.chiSquare, 18.328077381966008, "X-squared")
        close(test.p, 1.8594636443407984e-05, "p")
        #expect((test.z.value ?? 0) > 0)
    }

    @Test("the statistic does not depend on the scores' origin or unit")
    func affineInvariance() throws {
        let base = try ProportionTrendTest(counts: Self.smokers, denominators: Self.patients, scores: [1, 2, 3, 4])
        let moved = try ProportionTrendTest(counts: Self.smokers, denominators: Self.patients, scores: [2019.25, 2019.5, 2019.75, 2020])
        close(moved.chiSquare, try #require(base.chiSquare.value), "shifted and scaled scores")
    }

    @Test("no variation: a flat series gives 0 and p = 1; all-zero or constant scores have no statistic")
    func degenerate() throws {
        let flat = try ProportionTrendTest(counts: [30, 30, 30], denominators: [100, 100, 100], scores: [0, 1, 2])
        #expect(abs(try #require(flat.chiSquare.value)) < 1e-12)
        #expect(flat.p.value == 1)
        let none = try ProportionTrendTest(counts: [0, 0, 0], denominators: [10, 20, 30], scores: [0, 1, 2])
        #expect(none.chiSquare.reason == "every proportion is 0: there is no trend to test")
        let all = try ProportionTrendTest(counts: [10, 20], denominators: [10, 20], scores: [0, 1])
        #expect(all.p.reason == "every proportion is 1: there is no trend to test")
        let same = try ProportionTrendTest(counts: [3, 5], denominators: [10, 20], scores: [4, 4])
        #expect(same.chiSquare.reason == "the scores do not vary: there is no trend to test")
        // A group with no denominator carries no weight: the same statistic as without it.
        let withEmpty = try ProportionTrendTest(counts: Self.smokers + [0], denominators: Self.patients + [0], scores: [1, 2, 3, 4, 9])
        close(withEmpty.chiSquare, 8.224922285197676, "with an empty group")
    }

    @Test("errors in the input")
    func inputErrors() {
        #expect(throws: ProportionTrendTest.InputError.lengthMismatch(counts: 4, denominators: 4, scores: 3)) {
            try ProportionTrendTest(counts: Self.smokers, denominators: Self.patients, scores: [1, 2, 3])
        }
        #expect(throws: ProportionTrendTest.InputError.invalidCount(group: 1)) {
            try ProportionTrendTest(counts: [1, 12], denominators: [10, 10], scores: [0, 1])
        }
        #expect(throws: ProportionTrendTest.InputError.invalidDenominator(group: 0)) {
            try ProportionTrendTest(counts: [0, 1], denominators: [-1, 10], scores: [0, 1])
        }
        #expect(throws: ProportionTrendTest.InputError.tooFewGroups(1)) {
            try ProportionTrendTest(counts: [1], denominators: [10], scores: [0])
        }
    }
}
