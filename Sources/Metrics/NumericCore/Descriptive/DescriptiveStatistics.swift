/// The descriptive statistics of one numeric column or series, as `metrics describe` reports them.
///
/// Each figure comes from its own function (`mean`, `standardDeviation`, `median`, `quantile`,
/// `lag1Autocorrelation`), computed in the arithmetic of `T`; see those for methods and conventions.
/// Values are in the order given (time order for a series); missing values are removed by the caller.
/// `nil` marks a figure that is undefined for this sample: everything but `n` for n = 0, `sd` and the
/// autocorrelation for n < 2, the autocorrelation for a constant sample.
public struct DescriptiveStatistics: Sendable, Hashable {
    public let n: Int
    public let mean: Double?
    public let standardDeviation: Double?
    public let minimum: Double?
    public let maximum: Double?
    public let median: Double?
    public let lag1Autocorrelation: Double?
    /// Quartiles (type 7 by default): 25%, 50%, 75%.
    public let quartiles: [Double]?

    public init<T: StatisticalReal>(_ values: [T], quantileDefinition: QuantileDefinition = .default) {
        self.init(values, sorted: values.sorted(), quantileDefinition: quantileDefinition)
    }

    /// With the values also given in ascending order; without the quartiles when `quartiles` is false (the
    /// summary has no quartile fields, and this saves it an array per series).
    init<T: StatisticalReal>(_ values: [T], sorted: [T], quantileDefinition: QuantileDefinition = .default, quartiles wantsQuartiles: Bool = true) {
        n = values.count
        mean = Metrics.mean(values)?.doubleValue
        standardDeviation = Metrics.standardDeviation(values)?.doubleValue
        minimum = sorted.first?.doubleValue
        maximum = sorted.last?.doubleValue
        median = Metrics.median(sorted: sorted)?.doubleValue
        lag1Autocorrelation = Metrics.lag1Autocorrelation(values)?.doubleValue
        guard wantsQuartiles else {
            quartiles = nil
            return
        }
        let qs = [0.25, 0.5, 0.75].compactMap {
            quantile(sorted: sorted, probability: $0, definition: quantileDefinition)?.doubleValue
        }
        quartiles = qs.count == 3 ? qs : nil
    }

    private init(
        n: Int, mean: Double?, standardDeviation: Double?, minimum: Double?, maximum: Double?, median: Double?,
        lag1Autocorrelation: Double?, quartiles: [Double]?
    ) {
        self.n = n
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.minimum = minimum
        self.maximum = maximum
        self.median = median
        self.lag1Autocorrelation = lag1Autocorrelation
        self.quartiles = quartiles
    }

    /// The statistics of values z on `scale` (`ValueScale`), in the values' own units: the location figures
    /// through `level`, the SD through `difference`, the autocorrelation as it is.
    func rescaled(_ scale: ValueScale) -> DescriptiveStatistics {
        DescriptiveStatistics(
            n: n, mean: mean.map(scale.level), standardDeviation: standardDeviation.map(scale.difference),
            minimum: minimum.map(scale.level), maximum: maximum.map(scale.level), median: median.map(scale.level),
            lag1Autocorrelation: lag1Autocorrelation, quartiles: quartiles?.map(scale.level))
    }
}
