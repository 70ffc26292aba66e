/// `metrics fit`: a least-squares model fitted to columns of a CSV file, with every failure placed at
/// `FILE:LINE:COLUMN`.
public struct FitRequest: Sendable {
    public enum Model: Sendable, Hashable {
        /// y = β₀ + β₁x (with several x columns: a multiple regression).
        case linear
        /// y = β₀ + β₁x + … + β_K x^K.
        case polynomial(degree: Int)
        /// ln y = β₀ + β₁x.
        case logLinear

        /// Reads `linear`, `poly:K` (or `polynomial:K`, `quadratic`, `cubic`) and `loglinear`.
        public init?(argument: String) {
            let lowered = argument.lowercased()
            switch lowered {
            case "linear", "line", "straight": self = .linear
            case "quadratic": self = .polynomial(degree: 2)
            case "cubic": self = .polynomial(degree: 3)
            case "loglinear", "log-linear", "exponential": self = .logLinear
            default:
                let parts = lowered.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0] == "poly" || parts[0] == "polynomial",
                    let degree = Int(parts[1]), degree >= 1, degree <= 30
                else { return nil }
                self = degree == 1 ? .linear : .polynomial(degree: degree)
            }
        }
    }

    public var path: String
    public var x: [String]
    public var y: String
    public var weights: String?
    public var model: Model
    public var throughOrigin: Bool
    public var level: Double
    /// Keep only rows whose columns hold these values.
    public var filters: [NumericColumns.Filter]
    /// What two-year labels in an x column mean.
    public var yearType: YearType

    public init(
        path: String, x: [String], y: String, weights: String? = nil, model: Model = .linear,
        throughOrigin: Bool = false, level: Double = 0.95, filters: [NumericColumns.Filter] = [],
        yearType: YearType = .financial
    ) {
        self.filters = filters
        self.yearType = yearType
        self.path = path
        self.x = x
        self.y = y
        self.weights = weights
        self.model = model
        self.throughOrigin = throughOrigin
        self.level = level
    }

    /// Reads the columns and fits the model.
    public func run() throws -> FitResult {
        if case .polynomial = model, x.count > 1 {
            throw UsageError("a polynomial is fitted in one x column; \(x.count) were given")
        }
        if model == .logLinear, x.count > 1 {
            throw UsageError("the log-linear model is fitted in one x column; \(x.count) were given")
        }
        if model == .logLinear, throughOrigin {
            throw UsageError("the log-linear model always has an intercept (--through-origin does not apply)")
        }
        let names = x + [y] + (weights.map { [$0] } ?? [])
        var requirements = [NumericColumns.Requirement](repeating: .any, count: names.count)
        for j in 0..<x.count { requirements[j] = .timeAxis(yearType) }
        if model == .logLinear { requirements[x.count] = .positive }
        if weights != nil { requirements[names.count - 1] = .nonNegative }
        let data = try NumericColumns.read(path: path, columns: names, requirements: requirements, filters: filters)
        let predictors = Array(data.values[0..<x.count])
        let response = data.values[x.count]
        let w = weights == nil ? nil : data.values[names.count - 1]
        let xNames = Array(data.names[0..<x.count])
        do {
            switch model {
            case .logLinear:
                let fit = try LogLinearFit(x: predictors[0], y: response, weights: w, predictorName: xNames[0], level: level)
                return FitResult(request: self, data: data, fit: fit.logScaleFit, logLinear: fit)
            case .linear, .polynomial:
                let form: LinearModel.Form = switch model {
                case .polynomial(let degree): .polynomial(degree: degree)
                default: x.count == 1 ? .polynomial(degree: 1) : .multiple(predictors: x.count)
                }
                let fit = try LeastSquaresFit(
                    predictors: predictors, response: response, weights: w,
                    model: LinearModel(form: form, includesIntercept: !throughOrigin),
                    predictorNames: xNames, level: level)
                return FitResult(request: self, data: data, fit: fit, logLinear: nil)
            }
        } catch {
            throw placed(error, data: data)
        }
    }

    /// A `FitError` as a `DataError` at the line, column or header cell it concerns.
    private func placed(_ error: FitError, data: NumericColumns) -> any Error {
        let file = SourceLocation(file: data.file, line: 1, column: 1)
        func row(_ i: Int) -> SourceLocation { SourceLocation(file: data.file, line: data.lines[i]) }
        let leftOut = data.leftOut.values.reduce(0, +)
        let leftOutNote = leftOut > 0 ? " (\(leftOut) row(s) with missing values left out)" : ""
        switch error {
        case .tooFewObservations(let available, let required):
            return DataError(file, "\(describeModel()) needs at least \(required) rows with values, and there are \(available)\(leftOutNote)")
        case .constantPredictor(let j):
            return DataError(data.headerLocations[j], "column '\(data.names[j])' has the same value in every row, so no slope can be estimated")
        case .tooFewDistinctValues(let j, let distinct, let required):
            return DataError(data.headerLocations[j], "\(describeModel()) needs at least \(required) distinct values of '\(data.names[j])', and there are \(distinct)")
        case .linearlyDependent(let term):
            return DataError(file, "the model's terms are linearly dependent (term \(term + 1) is a combination of the others): drop a column or lower the degree")
        case .nonFiniteValue(let i, _):
            return DataError(row(i), "a value is not finite")
        case .invalidWeight(let i):
            return DataError(row(i), "weights must be zero or positive")
        case .nonPositiveResponse(let i):
            return DataError(row(i), "the log-linear model needs every y above zero")
        case .lengthMismatch, .invalidModel:
            return UsageError("\(error)")
        case .numeric(let gslError):
            return gslError
        }
    }

    private func describeModel() -> String {
        switch model {
        case .linear: x.count > 1 ? "a regression on \(x.count) columns" : "a straight line"
        case .polynomial(let degree): "a polynomial of degree \(degree)"
        case .logLinear: "the log-linear model"
        }
    }
}

/// A request that makes no sense whatever the data (exit status 64 in the CLI).
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
