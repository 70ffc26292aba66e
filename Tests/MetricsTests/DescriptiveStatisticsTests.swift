import Metrics
import Testing

/// Descriptive statistics: definitions checked on small samples whose values are known exactly, and the
/// conventions for n < 2 and constant samples.
struct DescriptiveStatisticsTests {
    @Test("mean, sd (n − 1), lag-1 autocorrelation on an exact sample")
    func exactSample() throws {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x−x̄)² = 32, s² = 32/7.
        let x: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
        let s = DescriptiveStatistics(x)
        #expect(s.n == 8)
        #expect(s.mean == 5)
        #expect(try #require(s.standardDeviation) == (32.0 / 7).squareRoot())
        // Σ(xᵢ−5)(xᵢ₊₁−5) = (−3)(−1) + (−1)(−1) + (−1)(−1) + (−1)(0) + 0·0 + 0·2 + 2·4 = 13 → 13/32.
        #expect(s.lag1Autocorrelation == 13.0 / 32)
        #expect(s.median == 4.5)
        #expect(s.minimum == 2 && s.maximum == 9)
        #expect(s.quartiles == [4, 4.5, 5.5])
    }

    @Test("a huge offset costs no digits (two-pass, corrected)")
    func hugeOffset() throws {
        let offset = 1e12
        let x = [offset + 0.25, offset + 0.75, offset + 0.5]  // NumAcc1's pattern, 10⁵ times further out
        let s = DescriptiveStatistics(x)
        #expect(s.mean == offset + 0.5)
        #expect(s.standardDeviation == 0.25)
        #expect(s.lag1Autocorrelation == -0.5)
    }

    @Test("n = 0, n = 1 and constant samples give nil, not NaN")
    func thinSamples() {
        let empty = DescriptiveStatistics([Double]())
        #expect(empty.n == 0 && empty.mean == nil && empty.median == nil && empty.standardDeviation == nil)
        let one = DescriptiveStatistics([3.5])
        #expect(one.mean == 3.5 && one.standardDeviation == nil && one.lag1Autocorrelation == nil)
        let constant = DescriptiveStatistics([2.0, 2.0, 2.0])
        #expect(constant.standardDeviation == 0 && constant.lag1Autocorrelation == nil)
    }

    @Test("double-double input gives the same figures as exact arithmetic")
    func doubleDouble() throws {
        let values = ["10000000.2", "10000000.1", "10000000.3", "10000000.1"].map { text -> DoubleDouble in
            guard case .number(let x) = DecimalText.parse(text) else { fatalError() }
            return x
        }
        let s = DescriptiveStatistics(values)
        // mean 10000000.175, deviations .025, −.075, .125, −.075: Σd² = 0.0275 → s² = 0.0275/3.
        #expect(s.mean == 10000000.175)
        #expect(abs(try #require(s.standardDeviation) - (0.0275 / 3).squareRoot()) <= 1e-16)
    }
}
