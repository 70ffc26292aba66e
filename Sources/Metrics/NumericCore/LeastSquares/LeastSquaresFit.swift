/// A fitted linear least-squares model with the inference an analyst reads off R's `summary(lm(...))`.
///
/// Method: ordinary (or weighted) least squares, solved by Householder QR in double-double arithmetic on a
/// centred and scaled design (`ConditionedDesign`, `HouseholderQR`); see those types for the sources. The
/// result agrees with NIST StRD certified values to 13–15 digits on every linear and polynomial set given,
/// Filip (degree 10) included.
///
/// Conventions:
/// - Standard errors are √(σ̂² · [(XᵀWX)⁻¹]ⱼⱼ) with σ̂² = RSS / (n − p), the residual variance on n − p
///   degrees of freedom (NIST, R's `lm`).
/// - `rSquared` is 1 − RSS/TSS with TSS about the (weighted) mean when the model has an intercept, and the
///   uncentred TSS = Σ wᵢyᵢ² through the origin, as NIST certifies and R reports.
/// - Intervals are t-based at `level` (default 0.95) on n − p degrees of freedom; p-values are two-sided for
///   the hypothesis that the coefficient is 0. With n = p the fit is exact: no residual SD, no standard
///   errors, no intervals (they are `nil`), but the coefficients are given.
/// - Weights are analytic (inverse-variance) weights: observation i counts wᵢ times in the sums of squares.
///   An observation with weight 0 is left out of the fit and of n, as R's `lm` does; a negative or non-finite
///   weight is an error.
/// - The response is fitted on a power-of-two scale (`ValueScale`: exact, so every digit is kept), so
///   responses near 10⁻³⁰⁰ or 10³⁰⁰ neither underflow nor overflow in the sums of squares: estimates, SEs,
///   intervals and the residual SD come back × 2^k, the RSS and covariance × 2^2k, and p-values and R² are
///   those of the same data near 1. (The predictors are conditioned by `ConditionedDesign`.)
public struct LeastSquaresFit: Sendable {
    public struct Coefficient: Sendable, Hashable {
        public let term: String
        public let estimate: Double
        public let standardError: Double?
        public let low: Double?
        public let high: Double?
        public let p: Double?
    }

    public let model: LinearModel
    /// Observations used (weights > 0).
    public let n: Int
    /// n − p.
    public let degreesOfFreedom: Int
    public let coefficients: [Coefficient]
    /// The coefficients' covariance σ̂²(XᵀWX)⁻¹, row-major p×p; `nil` when n = p.
    public let covariance: [Double]?
    /// σ̂ = √(RSS / (n − p)); `nil` when n = p.
    public let residualStandardDeviation: Double?
    public let residualSumOfSquares: Double
    public let rSquared: Double?
    /// The confidence level of the intervals.
    public let level: Double

    /// Fits `model` to `response` on `predictors` (`predictors[j][i]`: predictor j at observation i).
    public init(
        predictors: [[DoubleDouble]],
        response: [DoubleDouble],
        weights: [DoubleDouble]? = nil,
        model: LinearModel = .straightLine,
        predictorNames: [String] = [],
        level: Double = 0.95
    ) throws(FitError) {
        let p = model.parameterCount
        switch model.form {
        case .polynomial(let degree) where degree < 1: throw .invalidModel("a polynomial needs degree 1 or more")
        case .multiple(let count) where count < 1: throw .invalidModel("a regression needs at least one predictor")
        default: break
        }
        guard predictors.count == model.predictorCount, p >= 1 else {
            throw .invalidModel("the model reads \(model.predictorCount) predictor column(s), \(predictors.count) given")
        }
        guard predictors.allSatisfy({ $0.count == response.count }),
            weights.map({ $0.count == response.count }) ?? true
        else { throw .lengthMismatch }
        guard level > 0, level < 1 else { throw .invalidModel("the confidence level must lie between 0 and 1") }

        // Validate and keep observations with positive weight.
        var kept: [Int] = []
        kept.reserveCapacity(response.count)
        for i in response.indices {
            guard response[i].isFinite else { throw .nonFiniteValue(observation: i, predictor: nil) }
            for j in predictors.indices where !predictors[j][i].isFinite {
                throw .nonFiniteValue(observation: i, predictor: j)
            }
            if let w = weights?[i] {
                guard w.isFinite, w.hi >= 0 else { throw .invalidWeight(observation: i) }
                if w.isZero { continue }
            }
            kept.append(i)
        }
        let n = kept.count
        guard n >= p else { throw .tooFewObservations(available: n, required: p) }
        let x = predictors.map { column in kept.map { column[$0] } }
        let scale = ValueScale(values: kept.map { response[$0].hi })
        let y = kept.map { DoubleDouble(hi: scale.scaled(response[$0].hi), lo: scale.scaled(response[$0].lo)) }
        func back(_ z: DoubleDouble) -> Double { scale.difference(z.doubleValue) }
        let w = weights.map { all in kept.map { all[$0] } }
        try LeastSquaresFit.checkPredictorsVary(x, model: model)

        // Solve in conditioned variables on √w-scaled rows.
        let design = ConditionedDesign(model: model, predictors: x)
        let root = w?.map { $0.squareRoot() }
        let scaledColumns = root.map { r in design.columns.map { column in zip(column, r).map { $0 * $1 } } }
        let qr: HouseholderQR
        do {
            qr = try HouseholderQR(
                columns: scaledColumns ?? design.columns,
                rightHandSide: root.map { r in zip(y, r).map { $0 * $1 } } ?? y)
        } catch {
            switch error {
            case .dependentColumn(let column): throw .linearlyDependent(term: column)
            }
        }
        let beta = design.rawCoefficients(qr.solution)

        // Residuals from the conditioned design (exactly equivalent, and better conditioned than raw powers).
        var rss = DoubleDouble.zero
        for i in 0..<n {
            var fitted = DoubleDouble.zero
            for k in 0..<p { fitted += design.columns[k][i] * qr.solution[k] }
            let r = y[i] - fitted
            rss += (w?[i] ?? .one) * r * r
        }
        var tss = DoubleDouble.zero
        if model.includesIntercept {
            var sumW = DoubleDouble.zero
            var sumWY = DoubleDouble.zero
            for i in 0..<n {
                let wi = w?[i] ?? .one
                sumW += wi
                sumWY += wi * y[i]
            }
            let mean = sumWY / sumW
            for i in 0..<n {
                let d = y[i] - mean
                tss += (w?[i] ?? .one) * d * d
            }
        } else {
            for i in 0..<n { tss += (w?[i] ?? .one) * y[i] * y[i] }
        }

        let dof = n - p
        let names = model.termNames(predictors: predictorNames)
        self.model = model
        self.n = n
        self.degreesOfFreedom = dof
        self.level = level
        self.residualSumOfSquares = scale.difference(back(rss))
        self.rSquared = tss.isZero ? nil : (DoubleDouble.one - rss / tss).doubleValue

        guard dof > 0 else {
            coefficients = zip(names, beta).map {
                Coefficient(term: $0, estimate: back($1), standardError: nil, low: nil, high: nil, p: nil)
            }
            covariance = nil
            residualStandardDeviation = nil
            return
        }
        let sigma2 = rss / DoubleDouble(dof)
        let cov = design.rawCovariance(qr.inverseGram).map { $0 * sigma2 }
        let t = StudentT(degreesOfFreedom: Double(dof))
        let critical: Double
        do { critical = try t.criticalValue(level: level) } catch { throw .numeric(error) }
        var coefficients: [Coefficient] = []
        for j in 0..<p {
            let estimate = beta[j].doubleValue
            let se = cov[j * p + j].squareRoot().doubleValue
            let pValue: Double?
            if se > 0 {
                do { pValue = try t.twoSidedP(estimate / se) } catch { throw .numeric(error) }
            } else {
                pValue = estimate == 0 ? 1 : 0  // a perfect fit: the coefficient is known exactly
            }
            coefficients.append(
                Coefficient(
                    term: names[j], estimate: scale.difference(estimate), standardError: scale.difference(se),
                    low: scale.difference(estimate - critical * se), high: scale.difference(estimate + critical * se), p: pValue))
        }
        self.coefficients = coefficients
        self.covariance = cov.map { scale.difference(back($0)) }
        self.residualStandardDeviation = back(sigma2.squareRoot())
    }

    /// Convenience for data already in doubles.
    public init(
        x: [Double], y: [Double], weights: [Double]? = nil, model: LinearModel = .straightLine,
        level: Double = 0.95
    ) throws(FitError) {
        try self.init(
            predictors: [x.map { DoubleDouble($0) }], response: y.map { DoubleDouble($0) },
            weights: weights?.map { DoubleDouble($0) }, model: model, level: level)
    }

    /// Constant predictors and too few distinct x values get their own, clearer, errors.
    private static func checkPredictorsVary(_ x: [[DoubleDouble]], model: LinearModel) throws(FitError) {
        for (j, column) in x.enumerated() {
            guard let first = column.first else { continue }
            // Through the origin a constant non-zero x still identifies a slope.
            let constant = column.allSatisfy { $0 == first }
            if constant, model.includesIntercept || first.isZero { throw .constantPredictor(predictor: j) }
            if case .polynomial(let degree) = model.form, degree > 1 {
                let distinct = Set(column).count
                let required = degree + (model.includesIntercept ? 1 : 0)
                if distinct < required {
                    throw .tooFewDistinctValues(predictor: j, distinct: distinct, required: required)
                }
            }
        }
    }
}
