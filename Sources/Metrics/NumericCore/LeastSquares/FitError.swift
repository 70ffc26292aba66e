/// Why a least-squares fit could not be made. Observation indices are 0-based positions in the data given
/// to the fit, so a caller that read them from a file can name the file's line.
public enum FitError: Error, Sendable, Hashable {
    /// Fewer usable observations than coefficients to estimate.
    case tooFewObservations(available: Int, required: Int)
    /// A predictor column takes one value only, so its slope cannot be estimated.
    case constantPredictor(predictor: Int)
    /// A polynomial of degree K needs K + 1 distinct x values.
    case tooFewDistinctValues(predictor: Int, distinct: Int, required: Int)
    /// The design columns are linearly dependent (to 26 significant digits): the named term is a
    /// combination of the ones before it.
    case linearlyDependent(term: Int)
    /// An observation holds NaN or an infinity.
    case nonFiniteValue(observation: Int, predictor: Int?)
    /// A weight is negative or not finite.
    case invalidWeight(observation: Int)
    /// The log-linear model needs y > 0.
    case nonPositiveResponse(observation: Int)
    /// The columns given have different lengths.
    case lengthMismatch
    /// A degree below 1 or a model with no terms.
    case invalidModel(String)
    /// GSL failed while computing an interval or p-value.
    case numeric(GSLError)
}
