import Metrics
import Testing

/// Directly standardised rates against an independent computation: scripts/indicator_method_references.py
/// evaluates Dobson's interval with Byar's (or exact Poisson) limits of the total count in mpmath at 50 digits.
/// Its values agree with PHEindicatormethods 2.x's own expected values (tests/testthat/testdata_DSR_ISR.xlsx,
/// sheet testresults_DSR) to 4.7·10⁻¹⁶ relative. The data are that spreadsheet's test areas
/// ("testdata_big", "testdata_small", "testdata_tiny", "testdata_1976").
@Suite("Directly standardised rates (Dobson)")
struct StandardisedRateTests {
    static let population: [Double] = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207]
    static let big: [Double] = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91]
    static let small: [Double] = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4]
    // "testdata_tiny": one band is NA in the spreadsheet (PHE counts it as 0).
    static let tiny: [Double] = [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3]
    static let esp1976: [Double] = [8000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 6000, 5000, 4000, 3000, 2000, 1000, 1000]

    /// Sums of at most 19 terms and one cube: 10⁻¹³ relative leaves room for rounding only.
    func close(_ value: Measured<Double>, _ expected: Double, _ label: String) {
        #expect(agrees(value.value, expected, relative: 1e-13), "\(label): \(value) vs \(expected)")
    }

    @Test("ESP 2013 in PHE's 19 bands sums to 100,000")
    func europeanStandardPopulation() {
        #expect(StandardisedRate.europeanStandardPopulation2013.count == 19)
        #expect(StandardisedRate.europeanStandardPopulation2013Bands.count == 19)
        #expect(StandardisedRate.europeanStandardPopulation2013.reduce(0, +) == 100_000)
        #expect(StandardisedRate.europeanStandardPopulation2013Bands.last == "90+")
    }

    @Test("PHE's test areas per 100,000 and per 10,000, 95% and 99.8% (mpmath, 50 digits)")
    func pheAreas() throws {
        // (counts, multiplier, value, lower95, upper95, lower99.8, upper99.8, variance)
        let cases: [([Double], Double, [Double])] = [
            (Self.big, 100_000, [10430.247991469425, 9717.709067985685, 11178.940915479252, 9323.287880219905, 11620.595999522056, 136566.18995147286]),
            (Self.small, 100_000, [1103.212025300104, 877.4557675367088, 1367.0882227251795, 763.6420357939877, 1530.032894824476, 14746.349648336987]),
            (Self.big, 10_000, [1043.0247991469425, 971.7709067985685, 1117.8940915479252, 932.3287880219905, 1162.0595999522056, 1365.6618995147285]),
            (Self.small, 10_000, [110.32120253001038, 87.74557675367087, 136.70882227251795, 76.36420357939878, 153.0032894824476, 147.46349648336988]),
        ]
        for (counts, multiplier, expected) in cases {
            let label = "O = \(counts.reduce(0, +)) ×\(multiplier)"
            let at95 = try StandardisedRate(
                counts: counts, populations: Self.population, standardPopulation: StandardisedRate.europeanStandardPopulation2013,
                multiplier: multiplier)
            let at998 = try StandardisedRate(
                counts: counts, populations: Self.population, standardPopulation: StandardisedRate.europeanStandardPopulation2013,
                multiplier: multiplier, level: 0.998)
            close(at95.value, expected[0], label + " value")
            close(at95.lower, expected[1], label + " lower 95%")
            close(at95.upper, expected[2], label + " upper 95%")
            close(at998.lower, expected[3], label + " lower 99.8%")
            close(at998.upper, expected[4], label + " upper 99.8%")
            close(at95.variance, expected[5], label + " variance")
            #expect(at95.countMethod == .byars)
            #expect(at95.totalPopulation == 8970)
        }
        // PHEindicatormethods' own figure for testdata_big per 100,000 (spreadsheet value, R's arithmetic).
        let big = try StandardisedRate(
            counts: Self.big, populations: Self.population, standardPopulation: StandardisedRate.europeanStandardPopulation2013)
        close(big.lower, 9717.709067985681, "PHE's spreadsheet lower 95%")
    }

    @Test("a caller's standard population: ESP 1976 in 18 bands")
    func europeanStandardPopulation1976() throws {
        let rate = try StandardisedRate(
            counts: Array(Self.big.prefix(18)), populations: Array(Self.population.prefix(18)), standardPopulation: Self.esp1976,
            multiplier: 10_000)
        close(rate.value, 859.2097585022366, "value")
        close(rate.lower, 799.1160931442104, "lower")
        close(rate.upper, 922.5253880318317, "upper")
        #expect(rate.totalCount == 804)
    }

    @Test("fewer than 10 events: no DSR, with PHE's reason; a lower threshold uses exact limits")
    func suppression() throws {
        let tiny = try StandardisedRate(
            counts: Self.tiny, populations: Self.population, standardPopulation: StandardisedRate.europeanStandardPopulation2013)
        #expect(tiny.totalCount == 9)
        #expect(tiny.value.value == nil && tiny.lower.value == nil && tiny.upper.value == nil)
        #expect(tiny.value.reason?.contains("fewer than 10 events in total (9)") == true)

        // Three bands, 7 events, exact Poisson limits of O (mpmath).
        let exact = try StandardisedRate(
            counts: [0, 1, 6], populations: [1200, 800, 400], standardPopulation: [3000, 5000, 2000], multiplier: 1000,
            minimumCount: 0)
        #expect(exact.countMethod == .exact)
        close(exact.value, 3.625, "value")
        close(exact.lower, 1.4497196627696651, "exact lower")
        close(exact.upper, 7.48257292443107, "exact upper")
    }

    @Test("a band with no events counts as zero; Byar's from 10 events (mpmath)")
    func zeroEventBand() throws {
        let rate = try StandardisedRate(
            counts: [0, 3, 9], populations: [1200, 800, 400], standardPopulation: [3000, 5000, 2000], multiplier: 1000)
        close(rate.value, 6.375, "value")
        close(rate.variance, 3.421875, "variance")
        close(rate.lower, 3.2743328970073655, "lower")
        close(rate.upper, 11.161168298678156, "upper")
    }

    @Test("zero events in total, when allowed: DSR 0, lower 0, no upper limit")
    func zeroEvents() throws {
        let rate = try StandardisedRate(
            counts: [0, 0], populations: [100, 200], standardPopulation: [1, 1], minimumCount: 0)
        #expect(rate.value.value == 0 && rate.lower.value == 0)
        #expect(rate.upper.reason == "Dobson's interval needs at least one event")
    }

    @Test("zero or negative band populations: no DSR, with the band named")
    func unusablePopulations() throws {
        var populations = Self.population
        populations[1] = 0  // PHE's testdata_err2 puts a zero in the second band
        let zero = try StandardisedRate(
            counts: Self.big, populations: populations, standardPopulation: StandardisedRate.europeanStandardPopulation2013)
        #expect(zero.value.reason == "the population of band 2 of 19 is zero: its rate is not defined")
        #expect(zero.lower.value == nil && zero.upper.value == nil)
        populations[1] = -558  // testdata_err3
        let negative = try StandardisedRate(
            counts: Self.big, populations: populations, standardPopulation: StandardisedRate.europeanStandardPopulation2013)
        #expect(negative.value.reason == "the population of band 2 of 19 is negative: its rate is not defined")
    }

    @Test("errors in the input: mismatched bands, negative counts or weights, no standard population")
    func inputErrors() {
        #expect(throws: StandardisedRate.InputError.bandCountMismatch(counts: 19, populations: 19, standardPopulation: 18)) {
            try StandardisedRate(counts: Self.big, populations: Self.population, standardPopulation: Self.esp1976)
        }
        var counts = Self.big
        counts[5] = -26  // PHE's testdata_err1
        #expect(throws: StandardisedRate.InputError.invalidCount(band: 5)) {
            try StandardisedRate(counts: counts, populations: Self.population, standardPopulation: StandardisedRate.europeanStandardPopulation2013)
        }
        var weights = StandardisedRate.europeanStandardPopulation2013
        weights[5] = -6000  // testdata_err4
        #expect(throws: StandardisedRate.InputError.invalidStandardPopulation(band: 5)) {
            try StandardisedRate(counts: Self.big, populations: Self.population, standardPopulation: weights)
        }
        #expect(throws: StandardisedRate.InputError.emptyStandardPopulation) {
            try StandardisedRate(counts: [10, 10], populations: [5, 5], standardPopulation: [0, 0])
        }
        #expect(throws: StandardisedRate.InputError.noBands) {
            try StandardisedRate(counts: [], populations: [], standardPopulation: [])
        }
    }
}
