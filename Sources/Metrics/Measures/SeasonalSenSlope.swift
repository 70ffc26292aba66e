/// The seasonal Sen slope: the median of the pairwise slopes between values of the same season in
/// different years.
///
/// Method: Hirsch, R. M., Slack, J. R. & Smith, R. A. (1982), "Techniques of trend analysis for monthly
/// water quality data", *Water Resources Research* 18(1), 107–121, the seasonal Kendall slope estimator;
/// Hipel & McLeod (1994), *Time Series Modelling of Water Resources and Environmental Systems*, §23; as
/// pymannkendall 1.4.3's `seasonal_sens_slope`: the median over every season g and pair of years i < j of
/// (xɡⱼ − xɡᵢ)/(j − i), where j − i is the number of years between the two observations.
///
/// Conventions:
/// - Time axis: per year. The season and the year of an observation are read from its time
///   (`Seasonality`), so seasons line up whatever is missing; pymannkendall assigns them by position
///   (per cycle of `period` positions, which is also per year when the series keeps its missing rows).
///   The year difference is an exact integer, not a difference of rounded month times.
/// - Missing values: left out by the caller; a season observed once contributes no slope.
/// - Ties: tied values give zero slopes, which count.
/// - `nil` (`measure` gives the reason) when no season is observed in two years, a time is not at the start
///   of a month (quarter), or one period has two values.
/// - Complexity: O(Σ nɡ² log n) up to `listedPairLimit` pairs, O(n log n) expected beyond.
public struct SeasonalSenSlope: Sendable, Hashable {
    public let seasonality: Seasonality
    /// Change per year.
    public let slope: Double
    /// The number of within-season pairs whose slopes were pooled.
    public let pairCount: Int

    /// The slope of observations (times in years, Y + (m − 1)/12 or Y + (q − 1)/4; values at those times),
    /// or `nil` when it cannot be computed (`measure` gives the reason).
    public init?(times: [Double], values: [Double], seasonality: Seasonality) {
        guard let slope = Self.measure(times: times, values: values, seasonality: seasonality).value else { return nil }
        self = slope
    }

    private init(seasonality: Seasonality, slope: Double, pairCount: Int) {
        self.seasonality = seasonality
        self.slope = slope
        self.pairCount = pairCount
    }

    /// The slope, or the reason it has none.
    public static func measure(times: [Double], values: [Double], seasonality: Seasonality) -> Measured<Self> {
        let groups: [[SeasonalObservation]]
        switch seasonality.seasons(times: times, values: values) {
        case .undefined(let reason): return .undefined(reason)
        case .value(let g): groups = g
        }
        let pairs = groups.reduce(0) { $0 + $1.count * ($1.count - 1) / 2 }
        guard pairs > listedPairLimit else {
            var slopes: [Double] = []
            for group in groups {
                for i in group.indices {
                    for j in group.indices where j > i {
                        slopes.append((group[j].value - group[i].value) / Double(group[j].cycle - group[i].cycle))
                    }
                }
            }
            slopes.sort()
            guard let slope = median(sorted: slopes) else { return .undefined("no season is observed in two years") }
            return .value(Self(seasonality: seasonality, slope: slope, pairCount: slopes.count))
        }
        // Many pairs: the median selected without listing them. A season's cycles are distinct integers below
        // 2⁵³, so Double(cⱼ) − Double(cᵢ) is exactly Double(cⱼ − cᵢ) and the slopes are the same doubles.
        let selection = PairwiseSlopeSelection(groups: groups.map { group in (group.map { Double($0.cycle) }, group.map(\.value)) })
        let middle = (pairs - 1) / 2
        let slope: Double
        switch selection.slopes(atRanks: pairs % 2 == 1 ? [middle] : [middle, middle + 1]) {
        case .value(let order): slope = pairs % 2 == 1 ? order[0] : median(sorted: order)!
        case .undefined(let reason): return .undefined(reason)
        }
        return .value(Self(seasonality: seasonality, slope: slope, pairCount: pairs))
    }

    /// Up to this many within-season pairs are listed and sorted; more are selected without listing them
    /// (`PairwiseSlopeSelection`), which gives the same median in O(n log n) time and O(n) memory.
    static let listedPairLimit = 1 << 16
}
