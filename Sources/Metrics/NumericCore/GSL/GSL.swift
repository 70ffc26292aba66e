internal import GSLBridge

/// The Swift side of the GSL bridge: every call into GSL goes through `GSL.call` or `GSL.check`.
///
/// The bridge replaces GSL's abort-on-error handler once per process (when the library loads); the handler
/// records the error on the calling thread. `call` clears that record, runs the GSL function and reads the
/// record back on the same thread, so functions that report only through the handler (`gsl_cdf_*`,
/// `*_alloc`) are caught, and functions that return a status are checked by `check` as well (some GSL calls
/// return an error status without calling the handler).
enum GSL {
    /// The version of the GSL library linked into this process, for example `2.7.1`.
    static var version: String { String(cString: metrics_gsl_version()) }

    /// Makes sure the recording handler is installed (idempotent; the bridge also installs it at load time).
    static func installErrorHandler() { metrics_gsl_install_error_handler() }

    /// Runs `body`, a call into GSL that reports failures only through GSL's error handler.
    static func call<T>(_ function: String, _ body: () -> T) throws(GSLError) -> T {
        metrics_gsl_install_error_handler()
        metrics_gsl_clear_error()
        let result = body()
        if let error = takeError(function: function) { throw error }
        return result
    }

    /// Runs `body`, a call into GSL that returns a status, and throws when either the status or the handler
    /// reports a failure.
    static func check(_ function: String, _ body: () -> Int32) throws(GSLError) {
        let status = try call(function, body)
        if status != 0 {
            throw GSLError(code: status, reason: String(cString: metrics_gsl_strerror(status)), function: function)
        }
    }

    /// I_x(a, b), GSL's `gsl_sf_beta_inc_e`; a result below the double range is 0, not an error
    /// (a p-value of 10⁻⁴⁰⁰ is reported as 0).
    static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) throws(GSLError) -> Double {
        var result = gsl_sf_result()
        metrics_gsl_install_error_handler()
        metrics_gsl_clear_error()
        let status = gsl_sf_beta_inc_e(a, b, x, &result)
        let recorded = takeError(function: "gsl_sf_beta_inc")
        if status == Int32(GSL_EUNDRFLW) || recorded?.code == Int32(GSL_EUNDRFLW) { return 0 }
        if let recorded { throw recorded }
        if status != 0 {
            throw GSLError(code: status, reason: String(cString: metrics_gsl_strerror(status)), function: "gsl_sf_beta_inc")
        }
        return result.val
    }

    /// The error GSL recorded on this thread since the last clear, if any, and clears it.
    static func takeError(function: String) -> GSLError? {
        var record = metrics_gsl_error()
        guard metrics_gsl_take_error(&record) == 1 else { return nil }
        let reason = withUnsafeBytes(of: &record.reason) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let text = reason.isEmpty ? String(cString: metrics_gsl_strerror(record.code)) : reason
        return GSLError(code: record.code, reason: text, function: function)
    }
}
