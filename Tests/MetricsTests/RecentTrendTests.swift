import Metrics
import Testing

/// Fingertips' recent-trend marker against independent fits made by scripts/indicator_method_references.py:
/// - logistic regression: Newton's method on the score equations in mpmath at 50 digits (statsmodels' GLM,
///   IRLS at tol 1e-15, agrees with it to 3·10⁻¹⁴); Cochran–Armitage score chi-square in closed form, mpmath;
/// - CI-weighted regression: statsmodels WLS with the scale fixed at 1 (known variances), se = (U − L)/(2z₀.₉₇₅);
/// - p-values: erfc(√(χ²/2)) in mpmath (logistic) and scipy's chi2.sf (weighted).
/// Fingertips parity: its own unit test (fingertips-open, `TrendMarkerCalculatorTest`) expects chi-squares that
/// round to 47.9 (proportions, set 1) and 46.77 (the same data as values with 95% limits, se = width/3.92).
@Suite("Recent trend (Fingertips)")
struct RecentTrendTests {
    static let years: [Double] = [2014, 2015, 2016, 2017, 2018]

    static func proportions(_ times: [Double], _ counts: [Double], _ denominators: [Double]) -> [RecentTrend.ProportionPoint] {
        times.indices.map { RecentTrend.ProportionPoint(time: times[$0], count: counts[$0], denominator: denominators[$0]) }
    }

    static func estimates(_ times: [Double], _ values: [Double], _ lower: [Double], _ upper: [Double]) throws -> [RecentTrend.EstimatePoint] {
        try times.indices.map { try RecentTrend.EstimatePoint(time: times[$0], value: values[$0], lower: lower[$0], upper: upper[$0]) }
    }

    // Fingertips' test data (GetTrendDataForProportion_Set1 / GetTrendData_Set1 and Set2), 2014–2018.
    static let set1Counts: [Double] = [994, 1023, 1199, 1332, 1367]
    static let set1Denominators: [Double] = [40299, 41527, 42811, 44064, 44701]
    static let set1Values: [Double] = [24.67, 24.6, 28, 30.2, 30.6]
    static let set1Lower: [Double] = [23.16, 23.15, 26.44, 28.63, 28.98]
    static let set1Upper: [Double] = [26.25, 26.19, 29.64, 31.9, 32.25]

    /// Coefficients and chi-squares to 10⁻¹² relative; p-values to 10⁻¹¹ (a relative error ε in χ² becomes
    /// about χ²/2·ε in a small p, 24ε at χ² = 48).
    func close(_ value: Measured<Double>, _ expected: Double, _ label: String, relative: Double = 1e-12) {
        #expect(agrees(value.value, expected, relative: relative, absolute: 0), "\(label): \(value) vs \(expected)")
    }

    func closeAll(_ values: [Measured<Double>], _ expected: [Double], _ label: String) {
        #expect(values.count == expected.count)
        for (value, reference) in zip(values, expected) { close(value, reference, label + " leave-one-out", relative: 1e-11) }
    }

    // MARK: Proportions

    @Test("Fingertips' proportion test data: increasing, score χ² 47.90 (Fingertips: 47.9)")
    func fingertipsProportions() throws {
        let points = Self.proportions(Self.years, Self.set1Counts, Self.set1Denominators)
        let trend = try RecentTrend.proportions(points, polarity: .lowerIsBetter)
        #expect(trend.method == .logisticRegression && trend.statistic == .score)
        close(trend.intercept, -3.694824901932035, "intercept at 2014")
        close(trend.slope, 0.06492104263180472, "slope")
        close(trend.standardError, 0.00938882650206588, "se")
        close(trend.chiSquare, 47.896676707589116, "score χ²")
        close(trend.p, 4.4928251628660484e-12, "p", relative: 1e-11)
        #expect(((trend.chiSquare.value ?? 0) * 10).rounded() / 10 == 47.9)
        closeAll(trend.leaveOneOutSlopes, [0.07231865447689768, 0.05755642150818564, 0.0653265042744959, 0.06071764752108297, 0.07725319273472396], "set 1")
        #expect(trend.marker == .increasing)
        #expect(trend.label == "Increasing and getting worse")
        #expect(trend.reason == nil)

        let wald = try RecentTrend.proportions(points, polarity: .higherIsBetter, statistic: .wald)
        close(wald.chiSquare, 47.81325876413389, "Wald χ²")
        close(wald.p, 4.688108261332072e-12, "Wald p", relative: 1e-11)
        #expect(wald.label == "Increasing and getting better")
    }

    @Test("logistic fits against mpmath: flat, falling, irregularly spaced")
    func logisticReferences() throws {
        let flat = try RecentTrend.proportions(Self.proportions(Self.years, [209, 213, 213, 239, 210], [1017, 1087, 1119, 1117, 1139]))
        close(flat.intercept, -1.3686477793857226, "set 2 intercept")
        close(flat.slope, -0.015268655793751177, "set 2 slope")
        close(flat.standardError, 0.024134838575413892, "set 2 se")
        close(flat.chiSquare, 0.4002640632524542, "set 2 score χ²")
        closeAll(flat.leaveOneOutSlopes, [-0.007520980203939418, -0.019430865565798365, -0.015465478265667012, -0.03217509927632607, 0.01345907686225588], "set 2")
        #expect(flat.marker == .noSignificantChange && flat.label == "No significant change" && flat.reason == nil)

        // Financial years 2016-17 … 2020-21 (instants Y + 0.25).
        let falling = try RecentTrend.proportions(
            Self.proportions([2016.25, 2017.25, 2018.25, 2019.25, 2020.25], [320, 301, 270, 262, 231], [1000, 1010, 990, 1005, 998]),
            polarity: .higherIsBetter, statistic: .wald)
        close(falling.intercept, -0.7515358803718565, "falling intercept")
        close(falling.slope, -0.10751839218581295, "falling slope")
        close(falling.standardError, 0.02246996116577042, "falling se")
        close(falling.chiSquare, 22.896066567990747, "falling Wald χ²")
        close(falling.p, 1.7100142685318058e-06, "falling p", relative: 1e-11)
        closeAll(falling.leaveOneOutSlopes, [-0.10873699049105914, -0.10720155395242469, -0.10734597324436353, -0.11242541784991007, -0.09926685157072761], "falling")
        #expect(falling.marker == .decreasing && falling.label == "Decreasing and getting worse")

        // 2015, 2016, 2018, 2019, 2020: the gap is respected, the slope is per year.
        let irregular = try RecentTrend.proportions(
            Self.proportions([2015, 2016, 2018, 2019, 2020], [52, 61, 70, 88, 95], [400, 410, 405, 420, 415]))
        close(irregular.intercept, -1.905782159189023, "irregular intercept")
        close(irregular.slope, 0.1367891840919794, "irregular slope")
        close(irregular.standardError, 0.032138317535095835, "irregular se")
        close(irregular.chiSquare, 18.328077381966008, "irregular score χ²")
        close(irregular.p, 1.8594636443407984e-05, "irregular p", relative: 1e-11)
        closeAll(irregular.leaveOneOutSlopes, [0.13824876336682482, 0.1408130113958939, 0.13720786032728224, 0.13333843172715762, 0.13408938900626846], "irregular")
        #expect(irregular.marker == .increasing && irregular.label == "Increasing")
    }

    @Test("a significant rise carried by its last point is no significant change")
    func leaveOneOutProportions() throws {
        let trend = try RecentTrend.proportions(Self.proportions(Self.years, [150, 100, 100, 100, 210], [1000, 1000, 1000, 1000, 1000]))
        close(trend.slope, 0.10515552608218891, "slope")
        close(trend.chiSquare, 12.568077084206116, "score χ²")
        #expect((trend.chiSquare.value ?? 0) > 9.5495)
        closeAll(trend.leaveOneOutSlopes, [0.30294559882168376, 0.07749717212175698, 0.10015801121824189, 0.1481036912981531, -0.15105025787600385], "sign flip")
        #expect(trend.marker == .noSignificantChange)
        #expect(trend.reason?.contains("without the point at time 2018.0 the fit is falling") == true)
    }

    @Test("only the latest five points count")
    func latestFive() throws {
        let older = Self.proportions([2011, 2012], [5000, 10], [10000, 10000])
        let trend = try RecentTrend.proportions(older + Self.proportions(Self.years, Self.set1Counts, Self.set1Denominators).reversed())
        #expect(trend.times == Self.years)
        close(trend.chiSquare, 47.896676707589116, "score χ²")
    }

    @Test("could not be calculated, with the reason")
    func notCalculated() throws {
        let four = try RecentTrend.proportions(Self.proportions([1, 2, 3, 4], [1, 2, 3, 4], [10, 10, 10, 10]))
        #expect(four.marker == .couldNotBeCalculated && four.label == "Could not be calculated")
        #expect(four.reason == "fewer than 5 points (4)")
        #expect(four.slope.value == nil)
        let shared = try RecentTrend.proportions(Self.proportions([1, 2, 3, 3, 4], [1, 2, 3, 4, 5], [10, 10, 10, 10, 10]))
        #expect(shared.reason == "two points share the time 3.0")
        let zeros = try RecentTrend.proportions(Self.proportions(Self.years, [0, 0, 0, 0, 0], [10, 10, 10, 10, 10]))
        #expect(zeros.reason == "every proportion is 0")
        let tooMany = try RecentTrend.proportions(Self.proportions(Self.years, [1, 2, 11, 4, 5], [10, 10, 10, 10, 10]))
        #expect(tooMany.reason == "the point at time 2016.0 (3 of 5) has a count outside 0…denominator")
        let noDenominator = try RecentTrend.proportions(Self.proportions(Self.years, [0, 2, 3, 4, 5], [0, 10, 10, 10, 10]))
        #expect(noDenominator.reason == "the point at time 2014.0 (1 of 5) has no usable denominator")
        // Complete separation: nothing before 2017, everything from it. The MLE slope is infinite.
        let separated = try RecentTrend.proportions(Self.proportions(Self.years, [0, 0, 0, 5, 5], [5, 5, 5, 5, 5]))
        #expect(separated.marker == .couldNotBeCalculated)
        #expect(separated.reason == "the logistic regression does not converge (the proportions are separated in time)")
        let noInterval = try RecentTrend.estimates(Self.years.map { RecentTrend.EstimatePoint(time: $0, value: 1, standardError: 0) })
        #expect(noInterval.reason == "the point at time 2014.0 (1 of 5) has no usable confidence interval")
    }

    // MARK: Values with confidence intervals

    @Test("Fingertips' value test data: increasing, χ² 46.76 (46.77 with Fingertips' 3.92)")
    func fingertipsEstimates() throws {
        let trend = try RecentTrend.estimates(
            try Self.estimates(Self.years, Self.set1Values, Self.set1Lower, Self.set1Upper), polarity: .higherIsBetter)
        #expect(trend.method == .weightedRegression && trend.statistic == nil)
        close(trend.intercept, 24.089417126620692, "intercept at 2014")
        close(trend.slope, 1.751566222662955, "slope")
        close(trend.standardError, 0.2561371697041088, "se")
        close(trend.chiSquare, 46.76359716054989, "χ²")
        close(trend.p, 8.008733182365499e-12, "p", relative: 1e-11)
        closeAll(trend.leaveOneOutSlopes, [2.0480191905940535, 1.5697833347709373, 1.747841871790735, 1.628262972855671, 1.9901689751564966], "set 1")
        #expect(trend.marker == .increasing && trend.label == "Increasing and getting better")

        // Fingertips' own divisor: se = (upper − lower)/3.92.
        let fingertips = try RecentTrend.estimates(Self.years.indices.map {
            RecentTrend.EstimatePoint(time: Self.years[$0], value: Self.set1Values[$0], standardError: (Self.set1Upper[$0] - Self.set1Lower[$0]) / 3.92)
        })
        close(fingertips.chiSquare, 46.765315792063014, "χ² with 3.92")
        #expect(((fingertips.chiSquare.value ?? 0) * 100).rounded() / 100 == 46.77)
    }

    @Test("CI-weighted fits against statsmodels: no change, falling on a monthly axis, a sign flip")
    func weightedReferences() throws {
        let flat = try RecentTrend.estimates(try Self.estimates(
            Self.years, [20.5506, 19.5952, 19.0349, 21.3966, 18.4372], [18.1803, 17.3444, 16.8421, 19.0918, 16.2925],
            [23.1427, 22.0602, 21.4394, 23.8975, 20.7941]))
        close(flat.slope, -0.2599809643705968, "set 2 slope")
        close(flat.standardError, 0.38157227280027856, "set 2 se")
        close(flat.chiSquare, 0.46422602414288827, "set 2 χ²")
        #expect(flat.marker == .noSignificantChange)

        // Instants 2019, 2019.75, 2021, 2022.25, 2023 (months on the axis: Y + (m − 1)/12).
        let falling = try RecentTrend.estimates(try Self.estimates(
            [2019, 2019.75, 2021, 2022.25, 2023], [512.0, 498.5, 470.2, 455.9, 431.0], [480.1, 467.0, 440.3, 426.2, 402.8],
            [545.2, 531.1, 501.4, 487.0, 460.5]), polarity: .lowerIsBetter)
        close(falling.intercept, 512.2721818995418, "falling intercept")
        close(falling.slope, -19.41713587756382, "falling slope")
        close(falling.standardError, 4.714373013578724, "falling se")
        close(falling.chiSquare, 16.963773117384168, "falling χ²")
        close(falling.p, 3.809990536387152e-05, "falling p", relative: 1e-11)
        closeAll(falling.leaveOneOutSlopes, [-19.518908670389862, -19.28007882289363, -19.463112144022546, -20.451472656001734, -17.728982718765707], "falling")
        #expect(falling.marker == .decreasing && falling.label == "Decreasing and getting better")

        let flip = try RecentTrend.estimates(try Self.estimates(
            Self.years, [30, 20, 20, 20, 42], [28, 18, 18, 18, 40], [32, 22, 22, 22, 44]), polarity: .higherIsBetter)
        close(flip.slope, 2.400000000000003, "sign flip slope")
        close(flip.chiSquare, 55.31700701799556, "sign flip χ²")
        closeAll(flip.leaveOneOutSlopes, [6.599999999999996, 1.8285714285714247, 2.400000000000003, 3.657142857142861, -3.000000000000008], "sign flip")
        #expect(flip.marker == .noSignificantChange && flip.label == "No significant change")
        #expect(flip.reason?.contains("the trend rests on one point") == true)
    }

    @Test("the labels follow polarity")
    func labels() throws {
        let points = Self.proportions(Self.years, Self.set1Counts, Self.set1Denominators)
        let none = try RecentTrend.proportions(points, polarity: .none)
        #expect(none.label == "Increasing")
        let falling = Self.proportions(Self.years, Self.set1Counts.reversed(), Self.set1Denominators.reversed())
        #expect(try RecentTrend.proportions(falling, polarity: .none).label == "Decreasing")
        #expect(try RecentTrend.proportions(falling, polarity: .lowerIsBetter).label == "Decreasing and getting better")
        #expect(try RecentTrend.proportions(falling, polarity: .higherIsBetter).label == "Decreasing and getting worse")
    }
}
