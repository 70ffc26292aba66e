/// Why a forecast could not be made for a series. The summary shows `description` as the reason for empty
/// `holt_` fields. `numerical` is a failure of the analysis, not data too thin for it: the CLI lists it and
/// exits with status 1 (the series failed, the run went on).
public enum ForecastError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fewer observations than the method needs.
    case tooFewObservations(count: Int, required: Int, method: String)
    /// A value is missing between the first and the last observed period (`symbol` is its GSS symbol).
    case missingValue(period: String, symbol: String)
    /// The observed periods are not evenly spaced: the step before `period` differs from the first step.
    case unevenSpacing(period: String)
    /// A value or time is NaN or infinite (`index` counts from 0).
    case nonFiniteValue(index: Int)
    /// A parameter or option outside its domain (α outside [0, 1], a horizon below 1, a level outside (0, 1)).
    case invalidArgument(String)
    /// GSL reported a failure inside the optimiser or a distribution.
    case numerical(GSLError)

    public var description: String {
        switch self {
        case .tooFewObservations(let count, let required, let method):
            "\(method) needs at least \(required) observations, the series has \(count)"
        case .missingValue(let period, let symbol):
            "the value for \(period) is missing (\(symbol)); Holt's method needs a complete, evenly spaced series"
        case .unevenSpacing(let period):
            "the periods are not evenly spaced (the step to \(period) differs from the first step); Holt's method needs an evenly spaced series"
        case .nonFiniteValue(let index):
            "observation \(index + 1) is not a finite number"
        case .invalidArgument(let text):
            text
        case .numerical(let error):
            error.description
        }
    }
}
