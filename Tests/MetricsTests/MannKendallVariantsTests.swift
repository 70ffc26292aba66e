import Foundation
import Metrics
import Testing

/// The Mann–Kendall variants against pymannkendall 1.4.3 on ../shared/reference/trend_cases.json: S and
/// Var(S) to 1e-12 relative, z and the accurate p (`p_sf`, where pymannkendall's p underflows) to 1e-9. The
/// engine's time axis is real: annual cases at their years, monthly cases at Y + (m − 1)/12 from their labels.
@Suite("Mann–Kendall variants vs pymannkendall", .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)))
struct MannKendallVariantsReferenceTests {
    /// The observations on the real time axis, and the same times in the reference's x units.
    static func points(_ reference: TrendCase) -> (times: [Double], values: [Double], x: [Double]) {
        let labels = CaseLabels.byID[reference.id] ?? []
        var times: [Double] = [], values: [Double] = [], x: [Double] = []
        for (i, y) in reference.y.enumerated() {
            guard let y else { continue }
            values.append(y)
            x.append(reference.x[i])
            if i < labels.count, let time = CaseLabels.monthTime(labels[i]) {
                times.append(time)
            } else {
                times.append(reference.x[i])
            }
        }
        return (times, values, x)
    }

    /// Whether the residuals around the reference's own Sen slope (SciPy, per x unit) are all equal: an
    /// exactly linear or constant series, where no autocorrelation is defined.
    static func residualsConstant(_ reference: TrendCase) -> Bool {
        let (_, y, x) = points(reference)
        guard let slope = referenceNumber(reference.output("scipy", "theilslopes_separate", "slope")) else { return true }
        let residuals = zip(x, y).map { $0.1 - slope * ($0.0 - x[0]) }
        return residuals.allSatisfy { $0 == residuals[0] }
    }

    /// Whether some residuals are closer than 1e-9 of the data's scale without being equal in binary: ties
    /// in exact decimal arithmetic that rounding breaks, so that the ranks pymannkendall's Hamed–Rao test
    /// uses are rounding noise.
    static func residualsNearlyTied(_ reference: TrendCase) -> Bool {
        let (_, y, x) = points(reference)
        guard let slope = referenceNumber(reference.output("scipy", "theilslopes_separate", "slope")) else { return false }
        let residuals = zip(x, y).map { $0.1 - slope * ($0.0 - x[0]) }.sorted()
        let scale = y.map(abs).max() ?? 0
        return zip(residuals, residuals.dropFirst()).contains { $1 > $0 && $1 - $0 < 1e-9 * scale }
    }

    static func compare(_ name: String, s: Double, varianceS: Double, z: Double, p: Double, with expected: [String: Any]) {
        #expect(agrees(s, referenceNumber(expected["s"]), relative: 1e-12), "\(name) S \(s)")
        #expect(agrees(varianceS, referenceNumber(expected["var_s"]), relative: 1e-12), "\(name) Var(S) \(varianceS)")
        #expect(agrees(z, referenceNumber(expected["z"]), relative: 1e-9), "\(name) z \(z)")
        #expect(agrees(p, referenceNumber(expected["p_sf"]), relative: 1e-9, absolute: 1e-300), "\(name) p \(p)")
        #expect([s, varianceS, z, p].allSatisfy(\.isFinite) && varianceS > 0)
    }

    @Test("Hamed–Rao: S, Var*(S) to 1e-12, z and p to 1e-9; no test below 3 points or on constant residuals", arguments: TrendCase.all)
    func hamedRao(case reference: TrendCase) throws {
        let (t, y, _) = Self.points(reference)
        let result = try HamedRaoMannKendallTest.measure(times: t, values: y)
        let expected = try #require(reference.output("pymannkendall", "hamed_rao_modification_test") as? [String: Any])
        if y.count < 3 || Self.residualsConstant(reference) {
            #expect(result.value == nil && result.reason != nil, "pymannkendall: \(expected)")
            return
        }
        let test = try #require(result.value, "\(result.reason ?? "")")
        if Self.residualsNearlyTied(reference) {
            // pymannkendall's ranks are rounding noise here; the exact values are checked below.
            #expect(agrees(test.s, referenceNumber(expected["s"]), relative: 1e-12))
            return
        }
        Self.compare("Hamed–Rao", s: test.s, varianceS: test.varianceS, z: test.z, p: test.p, with: expected)
    }

    @Test("Hamed–Rao where rounding breaks exact ties in the residuals: the exact-arithmetic values")
    func hamedRaoExactTies() throws {
        // scripts/mann_kendall_variants_hand_cases.py in rational arithmetic on the decimal data (pymannkendall,
        // whose rounding breaks the ties: Var*(S) = 0.6954732510287847 and 89.0).
        let exact: [String: (s: Double, variance: Double, z: Double, p: Double)] = [
            "syn_small_counts_ties_n10": (32, 169.0 / 75, 20.65137501332123, 9.488062376026706e-95),
            "syn_tiny_increments_n9": (33, 7387.0 / 63, 2.9551954098932023, 0.0031247106875690466),
        ]
        for reference in TrendCase.all {
            guard let expected = exact[reference.id] else { continue }
            #expect(Self.residualsNearlyTied(reference))
            let (t, y, _) = Self.points(reference)
            let test = try #require(try HamedRaoMannKendallTest(times: t, values: y))
            #expect(test.s == expected.s)
            #expect(agrees(test.varianceS, expected.variance, relative: 1e-12), "\(reference.id) \(test.varianceS)")
            #expect(agrees(test.z, expected.z, relative: 1e-9))
            #expect(agrees(test.p, expected.p, relative: 1e-9, absolute: 1e-300))
        }
    }

    @Test("Yue–Wang: S, Var*(S) to 1e-12, z and p to 1e-9; no test below 3 points or on constant residuals", arguments: TrendCase.all)
    func yueWang(case reference: TrendCase) throws {
        let (t, y, _) = Self.points(reference)
        let result = try YueWangMannKendallTest.measure(times: t, values: y)
        let expected = try #require(reference.output("pymannkendall", "yue_wang_modification_test") as? [String: Any])
        if y.count < 3 || Self.residualsConstant(reference) {
            #expect(result.value == nil && result.reason != nil, "pymannkendall: \(expected)")
            return
        }
        let test = try #require(result.value, "\(result.reason ?? "")")
        Self.compare("Yue–Wang", s: test.s, varianceS: test.varianceS, z: test.z, p: test.p, with: expected)
        let uncorrected = try #require(referenceNumber(reference.output("pymannkendall", "original_test", "var_s")))
        #expect(agrees(Double(test.n) / test.effectiveSampleSize, referenceNumber(expected["var_s"]).map { $0 / uncorrected }, relative: 1e-12), "n/n*")
    }

    @Test("pre-whitening: S, Var(S) to 1e-12, z and p to 1e-9; no test below 3 points or on a constant series", arguments: TrendCase.all)
    func prewhitened(case reference: TrendCase) throws {
        let (t, y, _) = Self.points(reference)
        let result = try PrewhitenedMannKendallTest.measure(times: t, values: y)
        let expected = try #require(reference.output("pymannkendall", "pre_whitening_modification_test") as? [String: Any])
        if y.count < 3 || y.allSatisfy({ $0 == y[0] }) {
            #expect(result.value == nil && result.reason != nil, "pymannkendall: \(expected)")
            return
        }
        let test = try #require(result.value, "\(result.reason ?? "")")
        #expect(test.n == y.count - 1)
        Self.compare("pre-whitened", s: test.s, varianceS: test.varianceS, z: test.z, p: test.p, with: expected)
    }

    @Test("trend-free pre-whitening: S, Var(S) to 1e-12, z and p to 1e-9; no test below 3 points or on constant residuals", arguments: TrendCase.all)
    func trendFreePrewhitened(case reference: TrendCase) throws {
        let (t, y, _) = Self.points(reference)
        let result = try TrendFreePrewhitenedMannKendallTest.measure(times: t, values: y)
        let expected = try #require(reference.output("pymannkendall", "trend_free_pre_whitening_modification_test") as? [String: Any])
        if y.count < 3 || Self.residualsConstant(reference) {
            #expect(result.value == nil && result.reason != nil, "pymannkendall: \(expected)")
            return
        }
        let test = try #require(result.value, "\(result.reason ?? "")")
        Self.compare("TFPW", s: test.s, varianceS: test.varianceS, z: test.z, p: test.p, with: expected)
    }

    @Test("seasonal (monthly): S, Var(S), τ to 1e-12, z and p to 1e-9; seasonal Sen slope per year to 1e-12", arguments: TrendCase.all.filter { $0.output("pymannkendall", "seasonal_test") != nil })
    func seasonal(case reference: TrendCase) throws {
        let (t, y, _) = Self.points(reference)
        let expected = try #require(reference.output("pymannkendall", "seasonal_test") as? [String: Any])
        let test = try #require(try SeasonalMannKendallTest(times: t, values: y, seasonality: .monthly))
        Self.compare("seasonal", s: test.s, varianceS: test.varianceS, z: test.z, p: test.p, with: expected)
        #expect(agrees(test.tau, referenceNumber(expected["Tau"]), relative: 1e-12), "τ")
        #expect(test.n == y.count)
        let sen = try #require(SeasonalSenSlope(times: t, values: y, seasonality: .monthly))
        // pymannkendall's slope is per cycle of 12 positions, which is per year on a complete monthly series.
        #expect(agrees(sen.slope, referenceNumber(reference.output("pymannkendall", "seasonal_sens_slope", "slope")), relative: 1e-12), "slope \(sen.slope)")
    }
}

/// The cases' period labels ("2021-04" for monthly cases), which `TrendCase` does not keep.
enum CaseLabels {
    static let byID: [String: [String]] = {
        guard let url = SharedReference.url("reference/trend_cases.json"),
            let data = try? Data(contentsOf: url),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let cases = root["cases"] as? [[String: Any]]
        else { return [:] }
        var result: [String: [String]] = [:]
        for c in cases {
            if let id = c["id"] as? String, let labels = c["labels"] as? [String] { result[id] = labels }
        }
        return result
    }()

    /// "YYYY-MM" → Y + (M − 1)/12.
    static func monthTime(_ label: String) -> Double? {
        let parts = label.split(separator: "-")
        guard parts.count == 2, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        return Double(year) + Double(month - 1) / 12
    }
}

/// Where the engine deliberately differs from pymannkendall, on hand-made series whose values
/// scripts/mann_kendall_variants_hand_cases.py derives in exact rational arithmetic from the papers'
/// definitions on the engine's conventions (real time axis, missing values left out, seasons from the time).
/// Exact quantities to 1e-12 relative, z and p to 1e-9.
@Suite("Mann–Kendall variants: gaps, seasons from the calendar, no-test cases")
struct MannKendallVariantsConventionTests {
    /// 2013 is missing. Sen slope on the real axis: exactly 1 per year, so the residuals are
    /// 3, 5, 2, 5, 2, 6, 3, 3. pymannkendall subtracts its slope at positions 1 … 8 instead, which leaves a step
    /// of 1 after the gap: its Hamed–Rao Var*(S) is 7.569105691056917 and Yue–Wang's 13.192307692307688.
    static let annualTimes: [Double] = [2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018]
    static let annualValues: [Double] = [3, 6, 4, 9, 7, 12, 10, 11]

    @Test("Hamed–Rao on an annual series with a gap: residuals around the real-axis Sen line")
    func hamedRaoWithGap() throws {
        let test = try #require(try HamedRaoMannKendallTest(times: Self.annualTimes, values: Self.annualValues))
        #expect(test.n == 8 && test.s == 20)
        #expect(agrees(test.varianceS, 49.0 / 117, relative: 1e-12), "\(test.varianceS)")
        #expect(agrees(test.varianceCorrection, (49.0 / 117) / (196.0 / 3), relative: 1e-12))
        #expect(agrees(test.z, 29.359488957349626, relative: 1e-9))
        #expect(agrees(test.p, 1.8080026590415455e-189, relative: 1e-9, absolute: 1e-300))
    }

    @Test("Hamed–Rao: a correction that makes Var*(S) negative gives no test, with the reason")
    func hamedRaoNegativeVariance() throws {
        // Same times, values 3, 5, 4, 9, 8, 11, 10, 13: the script's Var*(S) = −161/72.
        let result = try HamedRaoMannKendallTest.measure(times: Self.annualTimes, values: [3, 5, 4, 9, 8, 11, 10, 13])
        #expect(result.value == nil)
        #expect(result.reason?.contains("non-positive") == true, "\(result.reason ?? "")")
    }

    @Test("Yue–Wang on an annual series with a gap")
    func yueWangWithGap() throws {
        let test = try #require(try YueWangMannKendallTest(times: Self.annualTimes, values: Self.annualValues))
        #expect(test.s == 20)
        #expect(agrees(test.varianceS, 4067.0 / 762, relative: 1e-12), "\(test.varianceS)")
        #expect(agrees(test.effectiveSampleSize, 8 / ((4067.0 / 762) / (196.0 / 3)), relative: 1e-12))
        #expect(agrees(test.z, 8.224206386693306, relative: 1e-9))
        #expect(agrees(test.p, 1.9648750058190208e-16, relative: 1e-9))
    }

    @Test("pre-whitening and TFPW on an annual series with a gap")
    func prewhiteningWithGap() throws {
        let pw = try #require(try PrewhitenedMannKendallTest(times: Self.annualTimes, values: Self.annualValues))
        #expect(pw.n == 7 && pw.s == 9)
        #expect(agrees(pw.varianceS, 133.0 / 3, relative: 1e-12))
        #expect(agrees(pw.z, 1.2015028183722212, relative: 1e-9))
        #expect(agrees(pw.p, 0.22955621387891967, relative: 1e-9))
        let tfpw = try #require(try TrendFreePrewhitenedMannKendallTest(times: Self.annualTimes, values: Self.annualValues))
        #expect(tfpw.slope == 1)
        #expect(tfpw.n == 7 && tfpw.s == 15)
        #expect(agrees(tfpw.varianceS, 133.0 / 3, relative: 1e-12))
        #expect(agrees(tfpw.z, 2.102629932151387, relative: 1e-9))
        #expect(agrees(tfpw.p, 0.035498131320662527, relative: 1e-9))
    }

    @Test("detrending follows the real time axis: the same data stretched in time give the same test")
    func detrendingIsPerRealTime() throws {
        // Measured in months from 2010 instead of years, every residual is unchanged, so every test is.
        let months = Self.annualTimes.map { ($0 - 2010) * 12 }
        let a = try #require(try YueWangMannKendallTest(times: Self.annualTimes, values: Self.annualValues))
        let b = try #require(try YueWangMannKendallTest(times: months, values: Self.annualValues))
        #expect(agrees(a.varianceS, b.varianceS, relative: 1e-12))
        let c = try #require(try TrendFreePrewhitenedMannKendallTest(times: months, values: Self.annualValues))
        #expect(c.s == 15 && agrees(c.slope, 1.0 / 12, relative: 1e-15))
    }

    /// 2019 Q3 to 2022 Q2 with the 2020 Q4 row dropped. By quarter of the year:
    /// Q1 15, 17, 18 (S = 3, Var = 11/3); Q2 9, 11, 12 (3, 11/3); Q3 7, 9, 10 (3, 11/3); Q4 12, 16 (1, 1):
    /// S = 10, Var(S) = 12. pymannkendall's seasons by position are shifted after the dropped row: S = 6.
    static let quarterTimes: [Double] = [
        2019.5, 2019.75, 2020, 2020.25, 2020.5, 2021, 2021.25, 2021.5, 2021.75, 2022, 2022.25,
    ]
    static let quarterValues: [Double] = [7, 12, 15, 9, 9, 17, 11, 10, 16, 18, 12]

    @Test("seasonal Mann–Kendall, quarterly: seasons come from the quarter, not the position")
    func seasonalQuarterly() throws {
        let test = try #require(try SeasonalMannKendallTest(times: Self.quarterTimes, values: Self.quarterValues, seasonality: .quarterly))
        #expect(test.s == 10 && test.n == 11)
        #expect(agrees(test.varianceS, 12, relative: 1e-12))
        #expect(agrees(test.tau, 10.0 / 10, relative: 1e-12))  // pairs: 3 + 3 + 3 + 1
        #expect(agrees(test.z, 2.598076211353316, relative: 1e-9))
        #expect(agrees(test.p, 0.009374768459434893, relative: 1e-9))
        // Seasonal Sen slope: per year, the median of 1, 1.5, 3, 2, 1.5, 1, 2, 1.5, 0.5, 1.5, 1, 4 (the Q4 pair).
        let sen = try #require(SeasonalSenSlope(times: Self.quarterTimes, values: Self.quarterValues, seasonality: .quarterly))
        #expect(sen.slope == 1.5 && sen.pairCount == 10)
    }

    @Test("seasonal Mann–Kendall: monthly times at Y + (m − 1)/12 find their months whatever is missing")
    func seasonalMonthlyWithGaps() throws {
        // Two months (January and July) over four years, the others missing; 2021 July missing too.
        var times: [Double] = [], values: [Double] = []
        for year in 2019...2022 {
            times.append(Double(year)); values.append(Double(10 + year - 2019))  // January rises: S = 6
            if year != 2021 { times.append(Double(year) + 6.0 / 12); values.append(Double(30 - (year - 2019))) }  // July falls: S = −3
        }
        let test = try #require(try SeasonalMannKendallTest(times: times, values: values, seasonality: .monthly))
        #expect(test.s == 3)
        #expect(agrees(test.varianceS, 4.0 * 3 * 13 / 18 + 3.0 * 2 * 11 / 18, relative: 1e-12))
        #expect(agrees(test.z, 2 / (4.0 * 3 * 13 / 18 + 3.0 * 2 * 11 / 18).squareRoot(), relative: 1e-12))
        let sen = try #require(SeasonalSenSlope(times: times, values: values, seasonality: .monthly))
        #expect(sen.pairCount == 6 + 3)
        #expect(sen.slope == 1)  // January: six slopes of 1; July: three of −1
    }

    @Test("no test, with a reason, never NaN: n < 3, constant series, bad times", arguments: [0, 1, 2])
    func tooFewPoints(count: Int) throws {
        let t = (0..<count).map { Double(2020 + $0) }
        let y = (0..<count).map { Double($0 * $0 + 1) }
        #expect(try HamedRaoMannKendallTest.measure(times: t, values: y).reason != nil)
        #expect(try YueWangMannKendallTest.measure(times: t, values: y).reason != nil)
        #expect(try PrewhitenedMannKendallTest.measure(times: t, values: y).reason != nil)
        #expect(try TrendFreePrewhitenedMannKendallTest.measure(times: t, values: y).reason != nil)
        #expect(try SeasonalMannKendallTest.measure(times: t, values: y, seasonality: .quarterly).reason != nil)
        #expect(try HamedRaoMannKendallTest(times: t, values: y) == nil)
    }

    @Test("constant and exactly linear series: no autocorrelation, no test")
    func allTies() throws {
        let t = (0..<8).map { Double(2010 + $0) }
        let constant = [Double](repeating: 42, count: 8)
        let linear = t.map { 3 * ($0 - 2010) + 1 }
        for y in [constant, linear] {
            #expect(try HamedRaoMannKendallTest.measure(times: t, values: y).reason != nil)
            #expect(try YueWangMannKendallTest.measure(times: t, values: y).reason != nil)
            #expect(try TrendFreePrewhitenedMannKendallTest.measure(times: t, values: y).reason != nil)
        }
        #expect(try PrewhitenedMannKendallTest.measure(times: t, values: constant).reason != nil)
        let pw = try #require(try PrewhitenedMannKendallTest(times: t, values: linear))  // r₁ is defined for a line
        #expect(pw.s.isFinite && pw.z.isFinite && pw.p.isFinite && pw.varianceS > 0)
        // Quarterly, every quarter constant over the years: Var(S) = 0.
        let quarters = (0..<12).map { 2019 + Double($0) / 4 }
        let seasonal = (0..<12).map { Double($0 % 4) }
        #expect(try SeasonalMannKendallTest.measure(times: quarters, values: seasonal, seasonality: .quarterly).reason != nil)
        #expect(SeasonalSenSlope(times: quarters, values: seasonal, seasonality: .quarterly)?.slope == 0)
    }

    @Test("times: not increasing, off the monthly grid, two values in one quarter, one year only")
    func badTimes() throws {
        let y: [Double] = [1, 3, 2, 5, 4]
        #expect(try YueWangMannKendallTest.measure(times: [2010, 2011, 2011, 2012, 2013], values: y).reason != nil)
        #expect(try HamedRaoMannKendallTest.measure(times: [2010, 2011, 2012], values: y).reason != nil)
        #expect(try SeasonalMannKendallTest.measure(times: [2010, 2010.1, 2011, 2011.1, 2012], values: y, seasonality: .monthly).reason != nil)
        #expect(try SeasonalMannKendallTest.measure(times: [2010, 2010.25, 2010.25, 2011, 2011.25], values: y, seasonality: .quarterly).reason != nil)
        #expect(try SeasonalMannKendallTest.measure(times: [2010, 2010.25, 2010.5, 2010.75], values: [1, 2, 3, 4], seasonality: .quarterly).reason != nil)
        #expect(SeasonalSenSlope(times: [2010, 2010.25, 2010.5, 2010.75], values: [1, 2, 3, 4], seasonality: .quarterly) == nil)
    }
}
