internal import Foundation

extension HoltSmoothing {
    /// Holt's linear or damped trend with α, β (and φ) and the initial states l₋₁, b₋₁ chosen to minimise the
    /// sum of squared one-step errors, as statsmodels' `Holt(..., initialization_method="estimated").fit()`
    /// does (for additive errors, least squares is also the Gaussian maximum likelihood: Hyndman et al.
    /// 2008, §5.1).
    ///
    /// Method: GSL's Nelder–Mead simplex (`NelderMead`, `gsl_multimin_fminimizer_nmsimplex2`) on
    /// transformed parameters, so that the bounds hold without constraints: α = sin²u₁, β = sin²u₂ (both in
    /// [0, 1], the ends included and reached smoothly), φ = 0.8 + 0.18 sin²u₃ (`HoltTrend.dampingRange`);
    /// the initial states are free and scaled by the series' standard deviation. The objective is
    /// SSE / Σ(y − ȳ)², so the tolerances do not depend on the units.
    ///
    /// Starting points, all deterministic: the initial states of statsmodels' "estimated" method (its
    /// `_initialization_simple` below 10 observations: l₋₁ = y₀, b₋₁ = y₁ − y₀; from 10 on its
    /// `_initialization_heuristic`: the least-squares line through the first 10 values, read one step before
    /// the first) and the least-squares line through the whole series (the α = β = 0 limit of Holt's method),
    /// each with α and β on a 6 × 6 grid (and φ ∈ {0.8, 0.9, 0.98}); the three best grid points start a
    /// simplex each, restarted until it stops improving, and the lowest SSE wins (the first on ties).
    ///
    /// Conventions: β ranges over [0, 1] independently of α (Holt's form, as R's `HoltWinters`); statsmodels
    /// also imposes β ≤ α, so its optimum lies in this feasible set and the SSE here is never larger than
    /// its SSE at the same φ range. The initial states count as estimated parameters: k = 4 for the linear
    /// trend, 5 for the damped one, and the series must have n ≥ k + 1 values (one residual degree of
    /// freedom); shorter series are refused with `ForecastError.tooFewObservations` (with n ≤ 3 the fit is
    /// exact and meaningless, as trend_cases.json's notes say of statsmodels' fit). A constant series gives
    /// SSE 0 with a flat trend.
    ///
    /// - Complexity: O(n) per SSE evaluation; a few thousand evaluations.
    public static func estimated(values: [Double], trend: HoltTrend = .linear) throws(ForecastError) -> HoltSmoothing {
        let k = trend == .damped ? 5 : 4
        guard values.count >= k + 1 else {
            throw .tooFewObservations(count: values.count, required: k + 1, method: trend == .damped ? "Holt's damped trend" : "Holt's method")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad) }
        let n = values.count
        let mean = values.reduce(0, +) / Double(n)
        let totalSquares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard totalSquares > 0 else {
            return try HoltSmoothing(
                values: values, parameters: HoltParameters(alpha: 0.5, beta: 0.1, phi: trend == .damped ? 0.98 : 1, initialLevel: values[0], initialTrend: 0),
                estimatedParameterCount: k)
        }
        let scale = (totalSquares / Double(n)).squareRoot()
        let damped = trend == .damped
        let phiLow = HoltTrend.dampingRange.lowerBound
        let phiWidth = HoltTrend.dampingRange.upperBound - phiLow

        // The search space: (u_α, u_β, [u_φ,] v_l, v_b) with states = anchor + scale·v.
        let starts = startingStates(values)
        let anchor = starts[0]
        func parameters(_ p: [Double]) -> HoltParameters {
            let sa = sin(p[0])
            let sb = sin(p[1])
            let phi: Double
            if damped {
                let sp = sin(p[2])
                phi = phiLow + phiWidth * sp * sp
            } else {
                phi = 1
            }
            let offset = damped ? 3 : 2
            return HoltParameters(
                alpha: sa * sa, beta: sb * sb, phi: phi,
                initialLevel: anchor.level + scale * p[offset], initialTrend: anchor.trend + scale * p[offset + 1])
        }
        func objective(_ p: [Double]) -> Double {
            let q = parameters(p)
            let sse = HoltSmoothing.sumOfSquaredErrors(
                values, alpha: q.alpha, beta: q.beta, phi: q.phi, initialLevel: q.initialLevel, initialTrend: q.initialTrend)
            return sse.isFinite ? sse / totalSquares : .infinity
        }
        func angle(_ value: Double) -> Double { asin(value.squareRoot()) }

        // Grid of starting points.
        let grid = [0.05, 0.2, 0.4, 0.6, 0.8, 0.95]
        let phis = damped ? [0.8, 0.9, 0.98] : [1.0]
        var candidates: [(value: Double, point: [Double])] = []
        for state in starts {
            let v = [(state.level - anchor.level) / scale, (state.trend - anchor.trend) / scale]
            for a in grid {
                for b in grid {
                    for phi in phis {
                        var point = [angle(a), angle(b)]
                        if damped { point.append(angle((phi - phiLow) / phiWidth)) }
                        point += v
                        candidates.append((objective(point), point))
                    }
                }
            }
        }
        // Stable order: by value, then by grid position (the sort is stable).
        let ordered = candidates.enumerated().sorted { lhs, rhs in
            lhs.element.value != rhs.element.value ? lhs.element.value < rhs.element.value : lhs.offset < rhs.offset
        }
        let steps = [Double](repeating: 0.1, count: damped ? 5 : 4)
        let minimizer = NelderMead(sizeTolerance: 1e-7, maximumIterations: 2000, restarts: 4)
        var best: NelderMead.Minimum?
        for start in ordered.prefix(3) {
            let found: NelderMead.Minimum
            do {
                found = try minimizer.minimize(objective, from: start.element.point, steps: steps)
            } catch {
                throw .numerical(error)
            }
            if let current = best, current.value <= found.value { continue }
            best = found
        }
        guard let best, best.value.isFinite else {
            throw .numerical(GSLError(code: 1, reason: "no finite sum of squares was found", function: "gsl_multimin_fminimizer_iterate"))
        }
        return try HoltSmoothing(values: values, parameters: parameters(best.point), estimatedParameterCount: k)
    }

    /// statsmodels' starting states for `initialization_method="estimated"` (first), then the least-squares
    /// line through the whole series, both as (l₋₁, b₋₁).
    static func startingStates(_ values: [Double]) -> [(level: Double, trend: Double)] {
        let statsmodels: (level: Double, trend: Double)
        if values.count < 10 {
            statsmodels = (values[0], values[1] - values[0])
        } else {
            statsmodels = lineOneStepBefore(Array(values.prefix(10)))
        }
        return [statsmodels, lineOneStepBefore(values)]
    }

    /// The least-squares line through (t, y_t), t = 0…m−1, as its value at t = −1 and its slope.
    private static func lineOneStepBefore(_ y: [Double]) -> (level: Double, trend: Double) {
        let m = Double(y.count)
        let tBar = (m - 1) / 2
        let yBar = y.reduce(0, +) / m
        var sxx = 0.0
        var sxy = 0.0
        for (t, value) in y.enumerated() {
            let dt = Double(t) - tBar
            sxx += dt * dt
            sxy += dt * (value - yBar)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        return (yBar - slope * (tBar + 1), slope)
    }
}
