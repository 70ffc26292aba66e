import Metrics
import Testing

/// Short and awkward series are normal: every measure gives a value or a stated reason, never NaN.
struct SummarizerTests {
    static func series(_ values: [Double?], periods: [String]? = nil, unit: SeriesMetadata.Unit? = nil, polarity: SeriesMetadata.Polarity = .none) throws -> Series {
        let labels = periods ?? values.indices.map { String(2015 + $0) }
        let observations = try zip(labels, values).map { label, value in
            Series.Observation(period: try Period.parse(label), value: value.map { .number($0) } ?? .missing(.notAvailable))
        }
        return Series(key: SeriesKey(names: ["area"], values: ["A"]), observations: observations, metadata: SeriesMetadata(unit: unit, polarity: polarity))
    }

    func noNaN(_ s: SeriesSummary) {
        for (name, field) in zip(SeriesSummary.fieldNames, s.fields) {
            if case .number(let x?) = field { #expect(x.isFinite, "\(name) is \(x)") }
        }
    }

    func reason(_ s: SeriesSummary, _ field: String) -> String? { s.reasons.first { $0.field == field }?.reason }

    @Test("no values at all: every measure absent with a reason")
    func allMissing() throws {
        let s = try Summarizer().summarize(try Self.series([nil, nil, nil]))
        #expect(s.n == 0 && s.nMissing == 3 && s.direction == .insufficientData && s.change == nil)
        #expect(s.trend == nil && s.mannKendall == nil && s.sen == nil)
        #expect(reason(s, "ols_slope") != nil && reason(s, "mk_p") != nil && reason(s, "abs_change") != nil)
        noNaN(s)
    }

    @Test("one value: the value, no change over time")
    func oneValue() throws {
        let s = try Summarizer().summarize(try Self.series([nil, 42, nil]))
        #expect(s.n == 1 && s.change?.absoluteChange == 0 && s.change?.compoundAnnualGrowth.value == nil)
        #expect(s.descriptive.mean == 42 && s.descriptive.standardDeviation == nil)
        #expect(reason(s, "cagr") == "no time elapses between the first and last values")
        noNaN(s)
    }

    @Test("two values: the line through them, no standard error, insufficient for a direction")
    func twoValues() throws {
        let s = try Summarizer().summarize(try Self.series([702, 539], periods: ["2020-08", "2021-07"]))
        #expect(abs((s.trend?.slope ?? 0) - (-163 / (11.0 / 12))) < 1e-13 * 178)
        #expect(s.trend?.standardError.value == nil && reason(s, "ols_slope_se") == "two points: no residual degrees of freedom")
        #expect(s.mannKendall?.s == -1 && s.mannKendall?.p == 1)
        #expect(s.sen?.slope == -163 / (11.0 / 12), "the one pairwise slope")
        #expect(s.direction == .insufficientData && s.assessment == .notAssessed)
        noNaN(s)
    }

    @Test("zero and negative bases: percent change, ratio and CAGR undefined, not infinite")
    func bases() throws {
        let zero = try Summarizer().summarize(try Self.series([0, 5, 9]))
        #expect(zero.change?.percentChange.value == nil && zero.change?.ratio.value == nil)
        #expect(reason(zero, "pct_change") == "the first value is zero")
        let negative = try Summarizer().summarize(try Self.series([-4, 2, 6]))
        #expect(reason(negative, "cagr") == "the first value is negative")
        let toZero = try Summarizer().summarize(try Self.series([10, 4, 0]))
        #expect(toZero.change?.compoundAnnualGrowth.value == -100)
        noNaN(zero)
        noNaN(negative)
    }

    @Test("a constant series: slope 0 with SE 0, no p for the slope, Mann–Kendall p = 1")
    func constant() throws {
        let s = try Summarizer().summarize(try Self.series([5, 5, 5, 5]))
        #expect(s.trend?.slope == 0 && s.trend?.standardError.value == 0)
        #expect(s.trend?.p.value == nil && s.trend?.rSquared.value == nil)
        #expect(s.mannKendall?.s == 0 && s.mannKendall?.z == 0 && s.mannKendall?.p == 1)
        #expect(s.descriptive.lag1Autocorrelation == nil && s.direction == .noSignificantChange)
        noNaN(s)
    }

    @Test("percentages get percentage points; gaps keep the real time axis")
    func percentAndGaps() throws {
        let s = try Summarizer().summarize(try Self.series([13, nil, nil, 20, 35], periods: ["2010", "2011", "2012", "2015", "2020"], unit: .percent))
        #expect(s.change?.percentagePointChange.value == 22 && s.change?.years == 10)
        #expect(s.firstPeriod?.label == "2010" && s.lastPeriod?.label == "2020" && s.nMissing == 2)
        // Through (0, 13), (5, 20), (10, 35) in years since 2010: slope 2.2 per year.
        #expect(abs((s.trend?.slope ?? 0) - 2.2) < 1e-12)
    }

    @Test("direction from Mann–Kendall, assessment through polarity")
    func directionAndAssessment() throws {
        let rising: [Double?] = [0.5, 2, 4, 6.5, 8, 10, 12.5, 14, 16, 18.5]
        let lower = try Summarizer().summarize(try Self.series(rising, polarity: .lowerIsBetter))
        #expect(lower.direction == .increasing && lower.assessment == .worsening)
        let higher = try Summarizer(polarity: .higherIsBetter).summarize(try Self.series(rising))
        #expect(higher.assessment == .improving)
        let flat = try Summarizer().summarize(try Self.series([3, 1, 4, 1, 5, 9, 2, 6], polarity: .higherIsBetter))
        #expect(flat.direction == .noSignificantChange && flat.assessment == .noSignificantChange)
        let short = try Summarizer(minimumPoints: 5).summarize(try Self.series([1, 2, 3, 4]))
        #expect(short.direction == .insufficientData)
    }

    @Test("far tails: a long monotone series keeps a positive p-value")
    func farTail() throws {
        let values: [Double?] = (0..<200).map { Double($0) }
        let s = try Summarizer().summarize(try Self.series(values, periods: (0..<200).map { String(1800 + $0) }))
        let p = try #require(s.mannKendall?.p)
        // z = 19899/√895500 = 21.028…; 2Q(z) = 3.6347975605812252e-98 (mpmath, 40 digits).
        #expect(abs(p - 3.6347975605812252e-98) < 1e-12 * 3.6e-98, "\(p)")
        #expect(s.trend?.standardError.value == 0 && s.trend?.p.value == nil, "a perfect line: SE 0, and no p (no residual variance)")
        #expect(s.trend?.p.reason?.contains("straight line") == true)
    }

    @Test("numbers for people: grouped thousands, and huge or non-finite values shown without trapping")
    func humanNumbers() {
        #expect(HumanNumber.format(1234567.891, decimals: 2) == "1,234,567.89")
        #expect(HumanNumber.format(-28672, decimals: 0, unit: .currency(code: "GBP", priceYear: nil)) == "−£28,672")
        #expect(HumanNumber.format(9.3e18, decimals: 0) == "9.3e+18")
        #expect(HumanNumber.format(-1e300, decimals: 1) == "−1e+300")
        #expect(HumanNumber.format(.infinity) == "–" && HumanNumber.format(.nan) == "–")
    }
}
