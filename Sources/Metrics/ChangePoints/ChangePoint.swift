/// Where a homogeneity test puts the change in level of a series, and the levels either side of it.
///
/// Convention (pyhomogeneity 1.1's `cp`, which is the index of the last value of the first segment): the
/// change is reported on the *before* side. `countBefore` values are before the change, `lastIndexBefore` is
/// the position in the input of the last of them and `periodBefore` its period; the level shift happens
/// between that observation and the next non-missing one (`firstIndexAfter`, `periodAfter`).
/// `meanBefore` and `meanAfter` are the arithmetic means of the two segments (pyhomogeneity's `avg.mu1` and
/// `avg.mu2`). Missing values are left out of both segments; input positions still count them. The tests run
/// on the values' `ValueScale` (their statistics are scale-free) and the means are taken back to the values'
/// units.
public struct ChangePoint: Sendable, Hashable {
    /// How many of the analysed (non-missing) values lie before the change, 1…n − 1.
    public let countBefore: Int
    /// The 0-based input position of the last observation before the change.
    public let lastIndexBefore: Int
    /// The 0-based input position of the first observation after the change.
    public let firstIndexAfter: Int
    /// The period of the last observation before the change, when periods were given.
    public let periodBefore: Period?
    /// The period of the first observation after the change, when periods were given.
    public let periodAfter: Period?
    /// The mean of the values up to and including `lastIndexBefore`.
    public let meanBefore: Double
    /// The mean of the values from `firstIndexAfter` on.
    public let meanAfter: Double

    init(_ input: HomogeneityInput, countBefore k: Int) {
        countBefore = k
        lastIndexBefore = input.positions[k - 1]
        firstIndexAfter = input.positions[k]
        periodBefore = input.periods?[k - 1]
        periodAfter = input.periods?[k]
        meanBefore = input.scale.level(mean(input.values[..<k])!)
        meanAfter = input.scale.level(mean(input.values[k...])!)
    }
}

/// The values a homogeneity test works on: the non-missing values in time order on their `ValueScale`, with
/// their input positions and, when known, their periods.
struct HomogeneityInput {
    let values: [Double]
    let positions: [Int]
    let periods: [Period]?
    let scale: ValueScale

    /// NaN marks a missing value; `periods`, when given, has one period per value.
    init(values: [Double], periods: [Period]?) {
        self.init(onScale: ValueScale(values: values), values: values.map { ($0, 0) }, periods: periods)
    }

    /// A series' observations in period order; missing values (GSS symbols) are left out.
    init(observations: [Series.Observation]) {
        self.init(
            onScale: ValueScale(observations: observations), values: observations.map { ($0.value.number ?? .nan, $0.residual) },
            periods: observations.map(\.period))
    }

    /// Values as doubles and residuals (NaN for missing), taken on `scale`.
    private init(onScale scale: ValueScale, values: [(Double, Double)], periods: [Period]?) {
        precondition(periods == nil || periods!.count == values.count, "one period per value")
        var kept: [Double] = []
        var positions: [Int] = []
        var keptPeriods: [Period] = []
        for (i, (x, r)) in values.enumerated() where !x.isNaN {
            kept.append(scale.scaled(x, residual: r))
            positions.append(i)
            if let periods { keptPeriods.append(periods[i]) }
        }
        self.values = kept
        self.positions = positions
        self.periods = periods == nil ? nil : keptPeriods
        self.scale = scale
    }
}
