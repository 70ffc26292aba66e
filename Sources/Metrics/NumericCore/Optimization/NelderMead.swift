internal import GSLBridge

/// Minimises a function of several real variables without derivatives: the Nelder–Mead simplex method
/// (Nelder & Mead 1965, "A simplex method for function minimization", Computer Journal 7:308–313) as GSL's
/// `gsl_multimin_fminimizer_nmsimplex2` implements it (GSL Reference Manual §39.9, "Algorithms without
/// Derivatives").
///
/// Contract:
/// - The search starts from a simplex around `start` with one edge of length `steps[i]` along each axis.
/// - It stops when GSL's simplex size (for nmsimplex2, the RMS distance of the vertices from their
///   centre) falls below `sizeTolerance`, or after `maximumIterations` iterations; either way the best
///   vertex is returned, with `converged` telling which. Choose the tolerance on the scale of the
///   variables: a size far below √(ε·|f|) in the variables' units is never reached (GSL_NOTES).
/// - After converging it restarts from the best vertex with the original steps, up to `restarts` times,
///   while a restart still lowers the minimum by more than 10⁻¹² relative: the simplex can collapse on a
///   point that is not a minimiser (McKinnon 1998, SIAM J. Optim. 9:148–158), and a fresh simplex is the
///   standard remedy.
/// - Deterministic: the same objective, start and steps give the same result, bit for bit.
/// - The objective may return `.infinity` or NaN for a point it refuses; GSL then moves away from it
///   (a simplex that cannot is reported as a `GSLError`).
///
/// One minimiser per call: GSL's state is allocated and freed inside `minimize`, never shared.
struct NelderMead {
    struct Minimum: Sendable, Hashable {
        let point: [Double]
        let value: Double
        /// Iterations over all restarts.
        let iterations: Int
        let converged: Bool
    }

    var sizeTolerance: Double = 1e-9
    var maximumIterations: Int = 2000
    var restarts: Int = 4

    func minimize(
        _ objective: ([Double]) -> Double, from start: [Double], steps: [Double]
    ) throws(GSLError) -> Minimum {
        precondition(!start.isEmpty && start.count == steps.count, "one step per variable")
        var best = try run(objective, from: start, steps: steps)
        var iterations = best.iterations
        var round = 0
        while best.converged, round < restarts {
            round += 1
            let next = try run(objective, from: best.point, steps: steps)
            iterations += next.iterations
            let improved = next.value < best.value - 1e-12 * Swift.abs(best.value)
            if next.value <= best.value { best = next }
            if !improved { break }
        }
        return Minimum(point: best.point, value: best.value, iterations: iterations, converged: best.converged)
    }

    /// The objective as GSL calls it: `params` points at an `Objective` that lives for the whole run.
    private struct Objective {
        let evaluate: ([Double]) -> Double
        var point: [Double]
    }

    private static let callback: @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?) -> Double = {
        x, params in
        guard let x, let params else { return .nan }
        let objective = params.assumingMemoryBound(to: Objective.self)
        for i in 0..<objective.pointee.point.count {
            objective.pointee.point[i] = gsl_vector_get(x, i)
        }
        return objective.pointee.evaluate(objective.pointee.point)
    }

    private func run(_ evaluate: ([Double]) -> Double, from start: [Double], steps: [Double]) throws(GSLError) -> Minimum {
        let dimension = start.count
        let outcome: Result<Minimum, GSLError> = withoutActuallyEscaping(evaluate) { escapable in
            var objective = Objective(evaluate: escapable, point: start)
            return withUnsafeMutablePointer(to: &objective) { objectivePointer in
                // The function record stays at this one address for the whole minimisation.
                var function = gsl_multimin_function(f: NelderMead.callback, n: dimension, params: UnsafeMutableRawPointer(objectivePointer))
                return withUnsafeMutablePointer(to: &function) { functionPointer in
                    Result { () throws(GSLError) -> Minimum in try iterate(functionPointer, start: start, steps: steps) }
                }
            }
        }
        return try outcome.get()
    }

    private func iterate(
        _ function: UnsafeMutablePointer<gsl_multimin_function>, start: [Double], steps: [Double]
    ) throws(GSLError) -> Minimum {
        let dimension = start.count
        guard let x = try GSL.call("gsl_vector_alloc", { gsl_vector_alloc(dimension) }) else {
            throw GSLError(code: Int32(GSL_ENOMEM), reason: "cannot allocate the start point", function: "gsl_vector_alloc")
        }
        defer { gsl_vector_free(x) }
        guard let step = try GSL.call("gsl_vector_alloc", { gsl_vector_alloc(dimension) }) else {
            throw GSLError(code: Int32(GSL_ENOMEM), reason: "cannot allocate the steps", function: "gsl_vector_alloc")
        }
        defer { gsl_vector_free(step) }
        for i in 0..<dimension {
            gsl_vector_set(x, i, start[i])
            gsl_vector_set(step, i, steps[i])
        }
        let minimizer = try GSL.call("gsl_multimin_fminimizer_alloc") {
            gsl_multimin_fminimizer_alloc(metrics_gsl_multimin_nmsimplex2(), dimension)
        }
        guard let minimizer else {
            throw GSLError(code: Int32(GSL_ENOMEM), reason: "cannot allocate the minimiser", function: "gsl_multimin_fminimizer_alloc")
        }
        defer { gsl_multimin_fminimizer_free(minimizer) }
        try GSL.check("gsl_multimin_fminimizer_set") { gsl_multimin_fminimizer_set(minimizer, function, x, step) }

        var iterations = 0
        var converged = false
        while iterations < maximumIterations {
            iterations += 1
            try GSL.check("gsl_multimin_fminimizer_iterate") { gsl_multimin_fminimizer_iterate(minimizer) }
            let size = gsl_multimin_fminimizer_size(minimizer)
            if gsl_multimin_test_size(size, sizeTolerance) == GSL_SUCCESS {
                converged = true
                break
            }
        }
        let best = gsl_multimin_fminimizer_x(minimizer)
        let point = (0..<dimension).map { gsl_vector_get(best, $0) }
        return Minimum(point: point, value: gsl_multimin_fminimizer_minimum(minimizer), iterations: iterations, converged: converged)
    }
}
