import GSLBridge
import Metrics
import Testing

/// The GSL bridge: GSL's abort-on-error handler is replaced once per process, errors come back as typed
/// Swift errors with code, reason and function, and threads do not see each other's errors.
struct GSLBridgeTests {
    @Test("the recording handler is installed exactly once, at load time")
    func installedOnce() {
        metrics_gsl_install_error_handler()
        metrics_gsl_install_error_handler()
        #expect(metrics_gsl_error_handler_installations() == 1)
    }

    @Test("a GSL error is recorded, not an abort")
    func errorDoesNotAbort() {
        metrics_gsl_clear_error()
        metrics_gsl_raise_for_testing("deliberate failure", Int32(GSL_EDOM))
        var record = metrics_gsl_error()
        #expect(metrics_gsl_take_error(&record) == 1)
        #expect(record.code == Int32(GSL_EDOM))
        let reason = withUnsafeBytes(of: &record.reason) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        #expect(reason == "deliberate failure")
        #expect(metrics_gsl_take_error(&record) == 0, "taking the error clears it")
    }

    @Test("invalid arguments to GSL surface as GSLError with code, reason and function")
    func typedError() {
        #expect {
            _ = try StudentT(degreesOfFreedom: -3).quantile(0.5)
        } throws: { error in
            guard let error = error as? GSLError else { return false }
            return error.function == "gsl_cdf_tdist_Pinv" && error.code != 0 && !error.reason.isEmpty
        }
        #expect(throws: GSLError.self) { _ = try StandardNormal.quantile(1.5) }
    }

    @Test("errors stay on their own thread under concurrency")
    func threadLocal() async {
        await withTaskGroup(of: Bool.self) { group in
            for k in 0..<64 {
                group.addTask {
                    if k % 2 == 0 {
                        return (try? StudentT(degreesOfFreedom: -1).quantile(0.5)) == nil
                    }
                    let value = try? StudentT(degreesOfFreedom: Double(k)).quantile(0.975)
                    return value != nil && value! > 1.9
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}

/// Student's t and the normal distribution through GSL, against SciPy 1.17.1 (`scipy.stats.t.ppf`,
/// `2 * t.sf`, `norm.sf`).
struct DistributionTests {
    // (ν, t.ppf(0.975), t.ppf(0.999), 2·sf(2.5), 2·sf(40))
    static let reference: [(Double, Double, Double, Double, Double)] = [
        (1, 12.706204736174694, 318.30883898555015, 0.24223788318168682, 0.015912179824051624),
        (2, 4.302652729749462, 22.327124770119866, 0.12961172022151082, 0.0006244146721847406),
        (3, 3.1824463052837078, 10.214531852407383, 0.08770664700806556, 3.4380680789158506e-05),
        (5, 2.5705818356363146, 5.893429531356009, 0.05449009934237626, 1.8411962171772954e-07),
        (9, 2.262157162798205, 4.296805662729918, 0.033861827682985735, 1.8982998449339822e-11),
        (34, 2.0322445093177186, 3.347934313333527, 0.01740644549368469, 3.525124478917627e-30),
        (100, 1.9839715185235518, 3.173739493738783, 0.014045789124077172, 2.462107602140071e-63),
    ]

    @Test("t quantiles to 1e-12 and two-sided p-values to 1e-12, far tails included")
    func studentT() throws {
        for (nu, q975, q999, p25, p40) in Self.reference {
            let t = StudentT(degreesOfFreedom: nu)
            #expect(abs(try t.quantile(0.975) - q975) <= 1e-12 * q975, "ν = \(nu)")
            #expect(abs(try t.quantile(0.999) - q999) <= 1e-12 * q999, "ν = \(nu)")
            #expect(abs(try t.twoSidedP(2.5) - p25) <= 1e-12 * p25, "ν = \(nu)")
            #expect(abs(try t.twoSidedP(-40) - p40) <= 1e-12 * p40, "ν = \(nu)")
        }
    }

    @Test("normal tails do not underflow where 1 − Φ would")
    func normalTail() throws {
        #expect(abs(try StandardNormal.twoSidedP(8.5) - 1.89590696444065e-17) <= 1e-13 * 1.89590696444065e-17)
        #expect(try StandardNormal.twoSidedP(37) > 0)
        #expect(abs(try StandardNormal.quantile(0.975) - 1.959963984540054) <= 1e-15 * 2)
    }
}
