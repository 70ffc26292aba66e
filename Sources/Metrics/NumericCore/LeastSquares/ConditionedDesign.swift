/// The design matrix of a `LinearModel`, built in well-conditioned variables, with the exact change of basis
/// back to the caller's coefficients.
///
/// Raw polynomial columns 1, x, x², … on badly scaled x (NIST's Filip: x ≈ −3…−9, degree 10; Wampler) are
/// nearly parallel. We fit instead in z = (x − c)/s, with c the mean of x rounded to a double and s a power of
/// two with |z| ≤ 1, so the columns zᵏ are far better conditioned; z is formed exactly in double-double.
/// Since zᵏ = Σⱼ C(k, j)(−c)^(k−j) xʲ / sᵏ, the design satisfies Z = X·M with M upper triangular, and the
/// coefficients of x are β = M·γ, their covariance M·Cov(γ)·Mᵀ, all in double-double.
/// Multiple regression centres and scales each predictor the same way: z_j = (x_j − c_j)/s_j.
/// Without an intercept nothing is centred (centring would add one); columns are only scaled.
struct ConditionedDesign {
    /// Columns of Z, each of length n.
    let columns: [[DoubleDouble]]
    /// The change of basis M (p×p, row-major): β = M·γ.
    let basis: [DoubleDouble]
    let parameterCount: Int

    /// `predictors[j][i]` is predictor j at observation i.
    init(model: LinearModel, predictors: [[DoubleDouble]]) {
        let intercept = model.includesIntercept
        let p = model.parameterCount
        let n = predictors.first?.count ?? 0
        parameterCount = p
        var basis = [DoubleDouble](repeating: .zero, count: p * p)
        var columns: [[DoubleDouble]] = []
        columns.reserveCapacity(p)
        if intercept {
            columns.append([DoubleDouble](repeating: .one, count: n))
            basis[0] = .one
        }
        switch model.form {
        case .polynomial(let degree):
            let x = predictors[0]
            let (centre, scale) = ConditionedDesign.centreAndScale(x, centred: intercept)
            let z = x.map { ($0 - DoubleDouble(centre)) / DoubleDouble(scale) }
            var power = [DoubleDouble](repeating: .one, count: n)
            for _ in 1...degree {
                for i in 0..<n { power[i] = power[i] * z[i] }
                columns.append(power)
            }
            // M[j][k] (raw power j, z power k) = C(k, j)(−c)^(k−j)/s^k, shifted by the intercept's column.
            let offset = intercept ? 0 : -1
            let negativeCentre = DoubleDouble(-centre)
            for k in 1...degree {
                let inverseScale = DoubleDouble.one / DoubleDouble(scale).power(k)
                var binomial = DoubleDouble.one  // C(k, j), j descending from k
                for j in stride(from: k, through: intercept ? 0 : 1, by: -1) {
                    let entry = binomial * negativeCentre.power(k - j) * inverseScale
                    basis[(j + offset) * p + (k + offset)] = entry
                    binomial = binomial * DoubleDouble(j) / DoubleDouble(k - j + 1)
                }
            }
        case .multiple(let count):
            let first = intercept ? 1 : 0
            for j in 0..<count {
                let x = predictors[j]
                let (centre, scale) = ConditionedDesign.centreAndScale(x, centred: intercept)
                columns.append(x.map { ($0 - DoubleDouble(centre)) / DoubleDouble(scale) })
                basis[(first + j) * p + (first + j)] = DoubleDouble.one / DoubleDouble(scale)
                if intercept { basis[first + j] = DoubleDouble(-centre) / DoubleDouble(scale) }
            }
        }
        self.columns = columns
        self.basis = basis
    }

    /// c = the mean rounded to a double (0 when not centring); s = the power of two at or above max|x − c|.
    static func centreAndScale(_ x: [DoubleDouble], centred: Bool) -> (centre: Double, scale: Double) {
        let centre = centred && !x.isEmpty ? (DoubleDouble.sum(x) / DoubleDouble(x.count)).doubleValue : 0
        var spread = 0.0
        for value in x { spread = max(spread, Swift.abs((value - DoubleDouble(centre)).hi)) }
        guard spread > 0, spread.isFinite else { return (centre, 1) }
        return (centre, Double(sign: .plus, exponent: spread.exponent + 1, significand: 1))
    }

    /// β = M·γ.
    func rawCoefficients(_ gamma: [DoubleDouble]) -> [DoubleDouble] {
        let p = parameterCount
        return (0..<p).map { j in
            var total = DoubleDouble.zero
            for k in 0..<p { total += basis[j * p + k] * gamma[k] }
            return total
        }
    }

    /// M·C·Mᵀ for a p×p row-major C.
    func rawCovariance(_ c: [DoubleDouble]) -> [DoubleDouble] {
        let p = parameterCount
        var mc = [DoubleDouble](repeating: .zero, count: p * p)
        for i in 0..<p {
            for j in 0..<p {
                var total = DoubleDouble.zero
                for k in 0..<p { total += basis[i * p + k] * c[k * p + j] }
                mc[i * p + j] = total
            }
        }
        var result = [DoubleDouble](repeating: .zero, count: p * p)
        for i in 0..<p {
            for j in 0..<p {
                var total = DoubleDouble.zero
                for k in 0..<p { total += mc[i * p + k] * basis[j * p + k] }
                result[i * p + j] = total
            }
        }
        return result
    }
}
