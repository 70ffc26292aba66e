/// The chi-square test for a linear trend in proportions (Cochran–Armitage), as R's `prop.trend.test` computes
/// it: are xᵢ events out of nᵢ rising or falling with a score sᵢ (here, by default, the time)?
///
/// Method: with N = Σnᵢ, p̄ = Σxᵢ/N and the n-weighted mean score s̄ = Σnᵢsᵢ/N,
/// χ² = [Σxᵢ(sᵢ − s̄)]² / (p̄(1 − p̄) Σnᵢ(sᵢ − s̄)²) on 1 degree of freedom: the regression sum of squares of
/// the proportions on the scores with weights nᵢ/(p̄(1 − p̄)), which is how `prop.trend.test` obtains it
/// (`anova(lm(x/n ~ score, weights = w))`). The p-value is the upper tail of χ²₁, P = 2·Q(√χ²).
/// Sources: Cochran WG, "Some methods for strengthening the common χ² tests", *Biometrics* 10 (1954) 417–451;
/// Armitage P, "Tests for linear trends in proportions and frequencies", *Biometrics* 11 (1955) 375–386;
/// R Core Team, `stats::prop.trend.test`. The statistic is also the score test of the slope in the logistic
/// regression of the proportions on the scores, and the one Fingertips' trend marker uses for proportions.
///
/// Conventions:
/// - Scores are the caller's (R's `score`); `init(counts:denominators:periods:)` uses the periods' positions on
///   the time axis in years from the first, so irregular spacing is respected. The test does not depend on the
///   scores' origin or unit.
/// - No continuity correction, as R. `z` is the signed root √χ², positive when the proportions rise with the
///   score.
/// - A group with no denominator (nᵢ = 0, xᵢ = 0) carries no weight. When every proportion is 0 or every one
///   is 1, or the scores do not vary among the groups that carry weight, there is nothing to test: the
///   statistic and p-value are undefined with the reason (R returns NaN). A negative or non-finite value,
///   xᵢ > nᵢ, fewer than two groups, or arrays of different lengths are errors in the input.
public struct ProportionTrendTest: Sendable, Hashable {
    /// Why the test could not be run on these inputs. Group indices are 0-based.
    public enum InputError: Error, Sendable, Hashable {
        case lengthMismatch(counts: Int, denominators: Int, scores: Int)
        case tooFewGroups(Int)
        /// A count is negative, NaN or infinite, or exceeds its denominator.
        case invalidCount(group: Int)
        /// A denominator is negative, NaN or infinite.
        case invalidDenominator(group: Int)
        /// A score is NaN or infinite.
        case invalidScore(group: Int)
        case numeric(GSLError)
    }

    public let counts: [Double]
    public let denominators: [Double]
    public let scores: [Double]
    /// The statistic X-squared.
    public let chiSquare: Measured<Double>
    /// Always 1.
    public let degreesOfFreedom: Int
    /// P(χ²₁ ≥ X-squared).
    public let p: Measured<Double>
    /// √χ² with the sign of the trend: positive when the proportions rise with the score.
    public let z: Measured<Double>

    /// - Parameters:
    ///   - counts: events xᵢ per group.
    ///   - denominators: group sizes nᵢ.
    ///   - scores: the score of each group (R's `score`).
    /// - Complexity: O(k) for k groups.
    public init(counts: [Double], denominators: [Double], scores: [Double]) throws(InputError) {
        guard counts.count == denominators.count, counts.count == scores.count else {
            throw .lengthMismatch(counts: counts.count, denominators: denominators.count, scores: scores.count)
        }
        guard counts.count >= 2 else { throw .tooFewGroups(counts.count) }
        for group in counts.indices {
            guard denominators[group].isFinite, denominators[group] >= 0 else { throw .invalidDenominator(group: group) }
            guard counts[group].isFinite, counts[group] >= 0, counts[group] <= denominators[group] else {
                throw .invalidCount(group: group)
            }
            guard scores[group].isFinite else { throw .invalidScore(group: group) }
        }
        self.counts = counts
        self.denominators = denominators
        self.scores = scores
        degreesOfFreedom = 1

        let total = denominators.reduce(0, +)
        let events = counts.reduce(0, +)
        func undefined(_ reason: String) -> (Measured<Double>, Measured<Double>, Measured<Double>) {
            (.undefined(reason), .undefined(reason), .undefined(reason))
        }
        guard events > 0, events < total else {
            (chiSquare, p, z) = undefined(events == 0 ? "every proportion is 0: there is no trend to test" : "every proportion is 1: there is no trend to test")
            return
        }
        // Centre the scores on their n-weighted mean first, in double-double: Σxᵢ(sᵢ − s̄) cancels heavily when
        // the trend is weak and the scores are calendar years.
        var weightedScore = DoubleDouble.zero
        var totalDD = DoubleDouble.zero
        for group in scores.indices {
            weightedScore += DoubleDouble(denominators[group]) * DoubleDouble(scores[group])
            totalDD += DoubleDouble(denominators[group])
        }
        let centre = weightedScore / totalDD
        var covariationDD = DoubleDouble.zero  // Σ xᵢ(sᵢ − s̄)
        var spreadDD = DoubleDouble.zero  // Σ nᵢ(sᵢ − s̄)²
        for group in scores.indices {
            let d = DoubleDouble(scores[group]) - centre
            covariationDD += DoubleDouble(counts[group]) * d
            spreadDD += DoubleDouble(denominators[group]) * d * d
        }
        let covariation = covariationDD.doubleValue
        guard spreadDD.hi > 0 else {
            (chiSquare, p, z) = undefined("the scores do not vary: there is no trend to test")
            return
        }
        // χ² = N²·[Σxᵢ(sᵢ − s̄)]² / (X(N − X)·Σnᵢ(sᵢ − s̄)²), with p̄(1 − p̄) = X(N − X)/N² kept exact.
        let eventsDD = DoubleDouble(events)
        let statistic = (totalDD * totalDD * covariationDD * covariationDD / (eventsDD * (totalDD - eventsDD) * spreadDD)).doubleValue
        let root = statistic.squareRoot()
        let tail: Double
        do { tail = try StandardNormal.upperTail(root) } catch { throw .numeric(error) }
        chiSquare = .value(statistic)
        p = .value(min(1, 2 * tail))
        z = .value(covariation < 0 ? -root : root)
    }

    /// The test with the periods' positions on the time axis as scores (years since the first period).
    public init(counts: [Double], denominators: [Double], periods: [Period]) throws(InputError) {
        guard let first = periods.first else {
            throw counts.isEmpty && denominators.isEmpty
                ? .tooFewGroups(0) : .lengthMismatch(counts: counts.count, denominators: denominators.count, scores: 0)
        }
        try self.init(counts: counts, denominators: denominators, scores: periods.map { first.years(to: $0) })
    }
}
