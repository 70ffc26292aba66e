internal import GSLBridge

/// Steffen's monotone cubic interpolant over GSL (`gsl_interp_steffen`): through every point, with no
/// overshoot between them (Steffen 1990, Astron. Astrophys. 239:443; GSL Reference Manual §28.3).
///
/// The GSL object is built once and is read-only afterwards (safe to share); each evaluation uses its own
/// accelerator-free call. x must be strictly increasing with at least 3 points; evaluation outside
/// [x₀, xₙ₋₁] is an error (GSL returns `GSL_EDOM` there without calling the error handler, so the status is
/// checked too).
final class SteffenSpline: @unchecked Sendable {
    private let interp: UnsafeMutablePointer<gsl_interp>
    private let x: [Double]
    private let y: [Double]

    init(x: [Double], y: [Double]) throws(GSLError) {
        guard x.count == y.count, x.count >= 3 else {
            throw GSLError(code: Int32(GSL_EINVAL), reason: "Steffen interpolation needs at least 3 points", function: "gsl_interp_init")
        }
        for i in 1..<x.count where !(x[i] > x[i - 1]) {
            throw GSLError(code: Int32(GSL_EINVAL), reason: "x must be strictly increasing", function: "gsl_interp_init")
        }
        let count = x.count
        guard let interp = try GSL.call("gsl_interp_alloc", { gsl_interp_alloc(metrics_gsl_interp_steffen(), count) }) else {
            throw GSLError(code: Int32(GSL_ENOMEM), reason: "gsl_interp_alloc failed", function: "gsl_interp_alloc")
        }
        self.interp = interp
        self.x = x
        self.y = y
        try x.withUnsafeBufferPointer { xs throws(GSLError) in
            try y.withUnsafeBufferPointer { ys throws(GSLError) in
                try GSL.check("gsl_interp_init") { gsl_interp_init(interp, xs.baseAddress, ys.baseAddress, count) }
            }
        }
    }

    deinit { gsl_interp_free(interp) }

    func value(at t: Double) throws(GSLError) -> Double {
        var result = 0.0
        let interp = self.interp
        try x.withUnsafeBufferPointer { xs throws(GSLError) in
            try y.withUnsafeBufferPointer { ys throws(GSLError) in
                try GSL.check("gsl_interp_eval_e") { gsl_interp_eval_e(interp, xs.baseAddress, ys.baseAddress, t, nil, &result) }
            }
        }
        return result
    }
}
