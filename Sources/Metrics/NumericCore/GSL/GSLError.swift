internal import GSLBridge

/// A failure reported by GNU GSL, as a Swift error instead of GSL's default `abort()`.
///
/// Every GSL status that is not `GSL_SUCCESS` surfaces as one of these, carrying GSL's own code and reason text
/// and the name of the GSL function that reported it.
public struct GSLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// GSL's status code (`GSL_EDOM` = 1, `GSL_ERANGE` = 2, `GSL_EINVAL` = 4, ...).
    public let code: Int32
    /// GSL's reason text (from its error handler), or GSL's description of the code when it gave none.
    public let reason: String
    /// The GSL function whose call failed, for example `gsl_cdf_tdist_Pinv`.
    public let function: String

    public init(code: Int32, reason: String, function: String) {
        self.code = code
        self.reason = reason
        self.function = function
    }

    public var description: String { "\(function): \(reason) (GSL error \(code))" }
}
