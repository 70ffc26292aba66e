import Metrics
import Testing

/// Hyndman & Fan's nine sample quantiles against NumPy 2.4.6 `np.quantile(x, p, method=…)`, whose methods
/// are the same nine definitions (inverted_cdf … normal_unbiased = R types 1 … 9).
struct QuantileTests {
    static let sample: [Double] = [3.1, 1.2, 7.5, 7.5, 2.2, 9.0, 4.4, 5.0, 6.1].sorted()
    // numpy 2.4.6, for p = 0.1, 0.25, 0.5, 0.75, 0.9; rows are types 1…9.
    static let expected: [[Double]] = [
        [1.2, 3.1, 5.0, 7.5, 9.0],
        [1.2, 3.1, 5.0, 7.5, 9.0],
        [1.2, 2.2, 4.4, 7.5, 7.5],
        [1.2, 2.4250000000000003, 4.7, 7.15, 7.6499999999999995],
        [1.6, 2.875, 5.0, 7.5, 8.399999999999999],
        [1.2, 2.6500000000000004, 5.0, 7.5, 9.0],
        [2.0, 3.1, 5.0, 7.5, 7.800000000000001],
        [1.4666666666666666, 2.8, 5.0, 7.5, 8.599999999999998],
        [1.5, 2.81875, 5.0, 7.5, 8.549999999999999],
    ]

    @Test("types 1–9 agree with NumPy to 1e-14", arguments: QuantileDefinition.allCases)
    func nineTypes(definition: QuantileDefinition) throws {
        for (k, p) in [0.1, 0.25, 0.5, 0.75, 0.9].enumerated() {
            let value = try #require(quantile(sorted: Self.sample, probability: p, definition: definition))
            let reference = Self.expected[definition.rawValue - 1][k]
            #expect(abs(value - reference) <= 1e-14 * abs(reference), "type \(definition.rawValue) p \(p): \(value) vs \(reference)")
        }
    }

    @Test("even n: types 1–9 at the quartiles of 1, 2, 3, 4 (NumPy 2.4.6)")
    func evenSample() throws {
        let x: [Double] = [1, 2, 3, 4]
        let reference: [[Double]] = [
            [1, 2, 3], [1.5, 2.5, 3.5], [1, 2, 3], [1, 2, 3], [1.5, 2.5, 3.5], [1.25, 2.5, 3.75], [1.75, 2.5, 3.25],
            [1.4166666666666667, 2.5, 3.5833333333333335], [1.4375, 2.5, 3.5625],
        ]
        for definition in QuantileDefinition.allCases {
            for (k, p) in [0.25, 0.5, 0.75].enumerated() {
                let value = try #require(quantile(sorted: x, probability: p, definition: definition))
                #expect(abs(value - reference[definition.rawValue - 1][k]) <= 1e-15 * 4)
            }
        }
    }

    @Test("ends, one value and bad probabilities")
    func edges() {
        for definition in QuantileDefinition.allCases {
            #expect(quantile(sorted: Self.sample, probability: 0, definition: definition) == 1.2)
            #expect(quantile(sorted: Self.sample, probability: 1, definition: definition) == 9.0)
            #expect(quantile(sorted: [42.0], probability: 0.3, definition: definition) == 42)
        }
        #expect(quantile(sorted: [Double](), probability: 0.5) == nil)
        #expect(quantile(sorted: [1.0, 2.0], probability: 1.5) == nil)
        #expect(quantile(sorted: [1.0, 2.0], probability: -0.1) == nil)
    }

    @Test("median is the middle value or the mean of the two middle values")
    func medianDefinition() {
        #expect(median(sorted: [1.0, 3.0, 8.0]) == 3)
        #expect(median(sorted: [1.0, 3.0, 8.0, 10.0]) == 5.5)
        #expect(median(sorted: [Double]()) == nil)
        #expect(median(sorted: Self.sample) == quantile(sorted: Self.sample, probability: 0.5))
    }
}
