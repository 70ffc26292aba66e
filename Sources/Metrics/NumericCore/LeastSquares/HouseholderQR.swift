/// Least squares by Householder QR in double-double arithmetic.
///
/// Method: Golub & Van Loan, *Matrix Computations* (4th ed., 2013), Algorithm 5.2.1 (Householder QR) and §5.3.3
/// (the QR solution of the full-rank least-squares problem), with the columns first scaled to unit length
/// (Björck, *Numerical Methods for Least Squares Problems*, 1996, §2.8). Working in double-double (≈32 digits)
/// leaves the double result correct to the last digit or two for condition numbers up to about 10¹⁵.
///
/// Input: an n×p matrix A (column-major) and right-hand side b. Output: x minimising ‖Ax − b‖ and
/// (AᵀA)⁻¹, both in the unscaled variables. A column whose remaining norm falls below 10⁻²⁶ of the largest
/// is reported as linearly dependent.
struct HouseholderQR {
    let rowCount: Int
    let columnCount: Int
    /// The solution x.
    private(set) var solution: [DoubleDouble]
    /// (AᵀA)⁻¹, row-major p×p.
    private(set) var inverseGram: [DoubleDouble]

    static let dependenceThreshold = 1e-26

    enum Failure: Error { case dependentColumn(Int) }

    init(columns: [[DoubleDouble]], rightHandSide: [DoubleDouble]) throws(Failure) {
        let n = rightHandSide.count
        let p = columns.count
        rowCount = n
        columnCount = p
        precondition(columns.allSatisfy { $0.count == n } && n >= p)

        // Scale every column to unit length; remember the scales to undo them.
        var a = columns
        var scale = [DoubleDouble](repeating: .one, count: p)
        for j in 0..<p {
            let norm = HouseholderQR.norm(a[j], from: 0)
            if norm.isZero { throw .dependentColumn(j) }
            scale[j] = norm
            for i in 0..<n { a[j][i] = a[j][i] / norm }
        }
        var b = rightHandSide
        var diagonal = [DoubleDouble](repeating: .zero, count: p)

        for k in 0..<p {
            let sigma = HouseholderQR.norm(a[k], from: k)
            if sigma.hi <= HouseholderQR.dependenceThreshold { throw .dependentColumn(k) }
            // v = a[k:, k] − α e₁ with α = −sign(a_kk)·σ (no cancellation in v₁).
            let alpha = a[k][k].hi >= 0 ? -sigma : sigma
            a[k][k] = a[k][k] - alpha
            // vᵀv = 2σ² − 2α·a_kk(original) = 2σ(σ + |a_kk|) ... computed directly for robustness.
            var vtv = DoubleDouble.zero
            for i in k..<n { vtv += a[k][i] * a[k][i] }
            let twoOverVtv = DoubleDouble(2) / vtv
            for j in (k + 1)..<max(p, k + 1) {
                var dot = DoubleDouble.zero
                for i in k..<n { dot += a[k][i] * a[j][i] }
                let factor = dot * twoOverVtv
                for i in k..<n { a[j][i] = a[j][i] - factor * a[k][i] }
            }
            var dot = DoubleDouble.zero
            for i in k..<n { dot += a[k][i] * b[i] }
            let factor = dot * twoOverVtv
            for i in k..<n { b[i] = b[i] - factor * a[k][i] }
            diagonal[k] = alpha
        }

        // R is upper triangular: R_kk = diagonal[k], R_kj = a[j][k] for j > k.
        func r(_ row: Int, _ column: Int) -> DoubleDouble { row == column ? diagonal[row] : a[column][row] }

        // Back substitution R y = (Qᵀb)[0..<p].
        var y = [DoubleDouble](repeating: .zero, count: p)
        for row in stride(from: p - 1, through: 0, by: -1) {
            var total = b[row]
            for column in (row + 1)..<max(p, row + 1) { total -= r(row, column) * y[column] }
            y[row] = total / r(row, row)
        }

        // R⁻¹ (upper triangular), then (RᵀR)⁻¹ = R⁻¹R⁻ᵀ.
        var rInverse = [DoubleDouble](repeating: .zero, count: p * p)
        for column in 0..<p {
            rInverse[column * p + column] = DoubleDouble.one / r(column, column)
            for row in stride(from: column - 1, through: 0, by: -1) {
                var total = DoubleDouble.zero
                for k in (row + 1)...column { total += r(row, k) * rInverse[k * p + column] }
                rInverse[row * p + column] = -total / r(row, row)
            }
        }
        var gramInverse = [DoubleDouble](repeating: .zero, count: p * p)
        for i in 0..<p {
            for j in i..<p {
                var total = DoubleDouble.zero
                for k in j..<p { total += rInverse[i * p + k] * rInverse[j * p + k] }
                gramInverse[i * p + j] = total / (scale[i] * scale[j])
                gramInverse[j * p + i] = gramInverse[i * p + j]
            }
        }
        solution = (0..<p).map { y[$0] / scale[$0] }
        inverseGram = gramInverse
    }

    /// ‖v[from...]‖₂, scaled to avoid overflow.
    static func norm(_ v: [DoubleDouble], from start: Int) -> DoubleDouble {
        var largest = 0.0
        for i in start..<v.count { largest = max(largest, Swift.abs(v[i].hi)) }
        guard largest > 0, largest.isFinite else { return DoubleDouble(largest) }
        // Scale by a power of two so that the scaling itself is exact.
        let shift = largest.exponent
        let down = DoubleDouble(Double(sign: .plus, exponent: -shift, significand: 1))
        var total = DoubleDouble.zero
        for i in start..<v.count {
            let scaled = v[i] * down
            total += scaled * scaled
        }
        return total.squareRoot() * DoubleDouble(Double(sign: .plus, exponent: shift, significand: 1))
    }
}
