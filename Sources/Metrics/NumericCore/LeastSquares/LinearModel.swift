/// The shape of a linear least-squares model: which terms the fitted line or surface has.
///
/// - `polynomial(degree:)` in one predictor x: y = β₀ + β₁x + … + β_K x^K (degree 1 is the straight line).
/// - `multiple(predictors:)`: y = β₀ + β₁x₁ + … + β_p x_p, one term per predictor column (NIST's Longley).
/// Either may drop the intercept (`includesIntercept == false`), the regression through the origin.
public struct LinearModel: Sendable, Hashable {
    public enum Form: Sendable, Hashable {
        case polynomial(degree: Int)
        case multiple(predictors: Int)
    }

    public let form: Form
    public let includesIntercept: Bool

    public init(form: Form, includesIntercept: Bool = true) {
        self.form = form
        self.includesIntercept = includesIntercept
    }

    public static let straightLine = LinearModel(form: .polynomial(degree: 1))

    public static func polynomial(degree: Int, includesIntercept: Bool = true) -> LinearModel {
        LinearModel(form: .polynomial(degree: degree), includesIntercept: includesIntercept)
    }

    /// How many predictor columns the model reads.
    public var predictorCount: Int {
        switch form {
        case .polynomial: 1
        case .multiple(let count): count
        }
    }

    /// How many coefficients the model estimates.
    public var parameterCount: Int {
        let slopes = switch form {
        case .polynomial(let degree): degree
        case .multiple(let count): count
        }
        return slopes + (includesIntercept ? 1 : 0)
    }

    /// Coefficient names, intercept first when there is one, then ascending powers (or predictors in order):
    /// `intercept`, `x`, `x^2`, …
    public func termNames(predictors: [String]) -> [String] {
        var names: [String] = includesIntercept ? ["intercept"] : []
        switch form {
        case .polynomial(let degree):
            let x = predictors.first ?? "x"
            names += (1...max(degree, 1)).prefix(degree).map { $0 == 1 ? x : "\(x)^\($0)" }
        case .multiple(let count):
            names += (0..<count).map { $0 < predictors.count ? predictors[$0] : "x\($0 + 1)" }
        }
        return names
    }
}
