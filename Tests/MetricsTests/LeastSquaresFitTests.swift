import Foundation
import Metrics
import Testing

/// Least squares beyond NIST: agreement with statsmodels on real and synthetic indicator series, the
/// model variants (weights, through the origin, log-linear, polynomial), and every way a fit can be refused.
struct LeastSquaresFitTests {
    // MARK: statsmodels 0.15.0 OLS on the reference cases

    @Test(
        "straight line agrees with statsmodels OLS: estimates, SE, R² to 1e-12; CIs and p to 1e-9",
        .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)),
        arguments: TrendCase.all)
    func statsmodelsOLS(case reference: TrendCase) throws {
        let (x, y) = reference.completeCases
        let fit = try LeastSquaresFit(x: x, y: y)
        let params = try #require(reference.output("statsmodels_ols", "params") as? [String: Any])
        let bse = reference.output("statsmodels_ols", "bse") as? [String: Any]
        let pvalues = reference.output("statsmodels_ols", "pvalues") as? [String: Any]
        let intervals = reference.output("statsmodels_ols", "conf_int_95") as? [String: Any]
        let ssr = referenceNumber(reference.output("statsmodels_ols", "ssr")) ?? 0
        let tss = y.map { ($0 - y.reduce(0, +) / Double(y.count)) * ($0 - y.reduce(0, +) / Double(y.count)) }.reduce(0, +)
        // Where the data lie exactly on a line, statsmodels' SE and p-values are rounding noise (p ≈ 1e-39
        // from SE ≈ 1e-15); exact arithmetic gives SE 0. Only the estimates are comparable there.
        let exactFit = ssr <= 1e-20 * max(tss, 1)

        for (j, name) in ["const", "x"].enumerated() {
            let coefficient = fit.coefficients[j]
            #expect(agrees(coefficient.estimate, referenceNumber(params[name]), relative: 1e-12, absolute: 1e-9),
                    "\(reference.id) \(name): \(coefficient.estimate) vs \(String(describing: params[name]))")
            guard fit.degreesOfFreedom > 0, !exactFit else { continue }
            #expect(agrees(coefficient.standardError, referenceNumber(bse?[name]), relative: 1e-12), "\(reference.id) se(\(name))")
            #expect(agrees(coefficient.p, referenceNumber(pvalues?[name]), relative: 1e-9, absolute: 1e-300), "\(reference.id) p(\(name))")
            let interval = intervals?[name] as? [Any]
            #expect(agrees(coefficient.low, referenceNumber(interval?[0]), relative: 1e-9), "\(reference.id) low(\(name))")
            #expect(agrees(coefficient.high, referenceNumber(interval?[1]), relative: 1e-9), "\(reference.id) high(\(name))")
        }
        if fit.degreesOfFreedom == 0 {
            // n = 2: statsmodels reports infinite SE and no intervals; we report none.
            #expect(fit.coefficients.allSatisfy { $0.standardError == nil && $0.p == nil && $0.low == nil })
            #expect(fit.residualStandardDeviation == nil)
        } else if !exactFit {
            #expect(agrees(fit.rSquared, referenceNumber(reference.output("statsmodels_ols", "rsquared")), relative: 1e-12))
        }
    }

    // MARK: Model variants, checked against values derived by hand

    @Test("weighted fit equals the unweighted fit on replicated rows")
    func weightsAreReplication() throws {
        let x: [Double] = [1, 2, 3, 4, 5]
        let y: [Double] = [2.1, 3.9, 6.2, 7.8, 10.1]
        let w: [Double] = [1, 2, 1, 3, 1]
        let weighted = try LeastSquaresFit(x: x, y: y, weights: w)
        var xr: [Double] = []
        var yr: [Double] = []
        for i in x.indices { for _ in 0..<Int(w[i]) { xr.append(x[i]); yr.append(y[i]) } }
        let replicated = try LeastSquaresFit(x: xr, y: yr)
        for j in 0..<2 {
            #expect(abs(weighted.coefficients[j].estimate - replicated.coefficients[j].estimate) <= 1e-14)
        }
        // RSS agrees; SEs differ only by the degrees of freedom (n − p = 3 weighted, 6 replicated).
        #expect(abs(weighted.residualSumOfSquares - replicated.residualSumOfSquares) <= 1e-14)
        #expect(weighted.degreesOfFreedom == 3)
    }

    @Test("zero weights leave the row out, as R's lm does")
    func zeroWeights() throws {
        let full = try LeastSquaresFit(x: [1, 2, 3, 4, 5], y: [1, 3, 2, 5, 4], weights: [1, 1, 0, 1, 1])
        let dropped = try LeastSquaresFit(x: [1, 2, 4, 5], y: [1, 3, 5, 4])
        #expect(full.n == 4 && full.degreesOfFreedom == 2)
        #expect(full.coefficients.map(\.estimate) == dropped.coefficients.map(\.estimate))
        #expect(full.residualStandardDeviation == dropped.residualStandardDeviation)
    }

    @Test("through the origin: slope Σxy/Σx², uncentred R²")
    func throughOrigin() throws {
        let x: [Double] = [1, 2, 3, 4]
        let y: [Double] = [2, 4.5, 5.5, 8.5]
        let fit = try LeastSquaresFit(x: x, y: y, model: .polynomial(degree: 1, includesIntercept: false))
        // Σxy = 2 + 9 + 16.5 + 34 = 61.5; Σx² = 30 → 2.05. RSS = Σy² − 61.5²/30 = 126.75 − 126.075 = 0.675.
        #expect(fit.coefficients.count == 1 && fit.coefficients[0].term == "x")
        #expect(fit.coefficients[0].estimate == 2.05)
        #expect(abs(fit.residualSumOfSquares - 0.675) <= 1e-14)
        #expect(abs(try #require(fit.rSquared) - (1 - 0.675 / 126.75)) <= 1e-15)
        #expect(fit.degreesOfFreedom == 3)
        #expect(abs(try #require(fit.coefficients[0].standardError) - (0.675 / 3 / 30).squareRoot()) <= 1e-15)
    }

    @Test("a polynomial through exact points recovers its coefficients")
    func exactPolynomial() throws {
        // y = 3 − 2x + 0.5x² − 0.25x³ on x = 1990 … 2005 (badly scaled: x³ ≈ 8·10⁹).
        let x = (1990...2005).map(Double.init)
        let y = x.map { 3 - 2 * $0 + 0.5 * $0 * $0 - 0.25 * $0 * $0 * $0 }
        let fit = try LeastSquaresFit(x: x, y: y, model: .polynomial(degree: 3))
        let expected = [3.0, -2, 0.5, -0.25]
        for (c, e) in zip(fit.coefficients, expected) {
            #expect(abs(c.estimate - e) <= 1e-9 * max(1, abs(e)), "\(c.term): \(c.estimate)")
        }
        #expect(fit.coefficients.map(\.term) == ["intercept", "x", "x^2", "x^3"])
    }

    @Test("log-linear: constant growth is recovered exactly")
    func logLinear() throws {
        let x = (0..<8).map { Double($0) }
        let y = x.map { 250 * pow(1.07, $0) }
        let fit = try LogLinearFit(x: x.map { DoubleDouble($0) }, y: y.map { DoubleDouble($0) })
        #expect(abs(fit.growthRate - 0.07) <= 1e-14)
        #expect(abs(fit.logScaleFit.coefficients[0].estimate - log(250)) <= 1e-14)
    }

    @Test("n = p: coefficients given, no residual SD, no intervals")
    func exactlyDetermined() throws {
        let fit = try LeastSquaresFit(x: [2020, 2021], y: [702, 539])
        #expect(fit.degreesOfFreedom == 0)
        #expect(fit.coefficients[1].estimate == -163)
        #expect(fit.coefficients.allSatisfy { $0.standardError == nil && $0.low == nil && $0.p == nil })
        #expect(fit.residualStandardDeviation == nil && fit.covariance == nil)
    }

    // MARK: Refusals

    @Test("every refusal is a typed error that names the problem")
    func refusals() {
        #expect(throws: FitError.tooFewObservations(available: 1, required: 2)) { try LeastSquaresFit(x: [1], y: [2]) }
        #expect(throws: FitError.constantPredictor(predictor: 0)) { try LeastSquaresFit(x: [3, 3, 3], y: [1, 2, 3]) }
        #expect(throws: FitError.tooFewDistinctValues(predictor: 0, distinct: 2, required: 3)) {
            try LeastSquaresFit(x: [1, 1, 2, 2], y: [1, 2, 3, 4], model: .polynomial(degree: 2))
        }
        #expect(throws: FitError.nonFiniteValue(observation: 1, predictor: nil)) { try LeastSquaresFit(x: [1, 2, 3], y: [1, .nan, 3]) }
        #expect(throws: FitError.nonFiniteValue(observation: 2, predictor: 0)) { try LeastSquaresFit(x: [1, 2, .infinity], y: [1, 2, 3]) }
        #expect(throws: FitError.invalidWeight(observation: 0)) { try LeastSquaresFit(x: [1, 2, 3], y: [1, 2, 3], weights: [-1, 1, 1]) }
        #expect(throws: FitError.lengthMismatch) { try LeastSquaresFit(x: [1, 2, 3], y: [1, 2]) }
        #expect(throws: FitError.nonPositiveResponse(observation: 1)) {
            try LogLinearFit(x: [1, 2, 3].map { DoubleDouble($0) }, y: [1, 0, 3].map { DoubleDouble($0) })
        }
        #expect(throws: FitError.self) { try LeastSquaresFit(x: [1, 2, 3], y: [1, 2, 3], model: .polynomial(degree: 0)) }
    }

    @Test("collinear predictors are reported, not solved into nonsense")
    func collinear() {
        let x1: [Double] = [1, 2, 3, 4, 5, 6]
        let x2 = x1.map { 2 * $0 + 1 }
        #expect(throws: FitError.linearlyDependent(term: 2)) {
            try LeastSquaresFit(
                predictors: [x1.map { DoubleDouble($0) }, x2.map { DoubleDouble($0) }],
                response: [1, 3, 2, 5, 4, 6].map { DoubleDouble(Double($0)) },
                model: LinearModel(form: .multiple(predictors: 2)))
        }
    }
}
