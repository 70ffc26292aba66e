/// A directly standardised rate (DSR) per N with its confidence interval, as Public Health England's
/// Fingertips and the PHEindicatormethods R package (`calculate_dsr`, formerly `phe_dsr`) compute it.
///
/// Method: for bands (usually age bands) i with Oᵢ events in a local population nᵢ and a standard population
/// wᵢ, DSR = Σ(wᵢOᵢ/nᵢ)/Σwᵢ × N, and Var(DSR) = Σ(wᵢ²Oᵢ/nᵢ²)/(Σwᵢ)² × N². The interval is Dobson's: the
/// interval [O_L, O_U] of the total count O = ΣOᵢ, shifted and scaled onto the rate,
/// DSR + √(Var(DSR)/O) × (O_L − O) and DSR + √(Var(DSR)/O) × (O_U − O), with Byar's limits of O
/// (`RateInterval.countInterval`), as PHEindicatormethods 2.x does for every published DSR.
/// Sources: Dobson AJ, Kuulasmaa K, Eberle E, Scherer J, "Confidence intervals for weighted sums of Poisson
/// parameters", *Statistics in Medicine* 10 (1991) 457–462; Breslow NE, Day NE, *Statistical Methods in Cancer
/// Research II* (IARC, 1987) for Byar's limits; PHE, "Technical Guide: Confidence intervals" (2018) and
/// PHEindicatormethods 2.1.0, `R/DSR.R`.
///
/// Conventions:
/// - The standard population is the caller's (same bands, same order as the counts); the 2013 European
///   Standard Population in PHE's 19 bands is `europeanStandardPopulation2013`.
/// - Fewer than `minimumCount` events in total (PHE: 10) gives no DSR and no interval, with the reason, not an
///   error: PHE suppresses such DSRs as unreliable. With a lower `minimumCount`, totals under 10 use the exact
///   Poisson limits of O instead of Byar's (the library's rate rule); a total of zero gives DSR 0, lower limit
///   0 and no upper limit (Dobson's scaling needs at least one event).
/// - A band with zero events contributes nothing and is fine. A band whose population is zero or negative
///   makes the rate in that band undefined, so the DSR is undefined with the reason (PHEindicatormethods stops
///   with an error instead). A negative or non-finite count, a negative or non-finite standard population,
///   a standard population summing to zero, and band counts that differ are errors in the input.
/// - Levels: 95% and 99.8% are Fingertips' levels; any level in (0, 1) is accepted.
public struct StandardisedRate: Sendable, Hashable {
    /// Why a DSR could not be computed from these inputs. Band indices are 0-based positions in the arrays.
    public enum InputError: Error, Sendable, Hashable {
        /// The counts, populations and standard population do not have one entry per band each.
        case bandCountMismatch(counts: Int, populations: Int, standardPopulation: Int)
        /// No bands at all.
        case noBands
        /// A count is negative, NaN or infinite.
        case invalidCount(band: Int)
        /// A population is NaN or infinite.
        case invalidPopulation(band: Int)
        /// A standard-population weight is negative, NaN or infinite.
        case invalidStandardPopulation(band: Int)
        /// The standard population sums to zero.
        case emptyStandardPopulation
        /// The confidence level is not strictly between 0 and 1, or the multiplier is not positive.
        case invalidParameter(String)
        /// GSL failed while computing a limit.
        case numeric(GSLError)
    }

    /// PHE's threshold: DSRs on fewer events in total are not published.
    public static let minimumPublishedCount = 10.0

    /// The 2013 European Standard Population in the 19 five-year bands PHE uses: 0–4, 5–9, …, 85–89, 90+.
    ///
    /// Source: Eurostat, *Revision of the European Standard Population: Report of Eurostat's task force*,
    /// Methodologies and Working Papers KS-RA-13-028-EN (Luxembourg: Publications Office of the European Union,
    /// 2013), which gives 21 bands (0, 1–4, 5–9, …, 90–94, 95+); PHE (PHEindicatormethods' `esp2013`, Fingertips)
    /// merges 0 with 1–4 (1,000 + 4,000) and 90–94 with 95+ (800 + 200). The weights sum to 100,000.
    public static let europeanStandardPopulation2013: [Double] = [
        5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
    ]

    /// The labels of `europeanStandardPopulation2013`'s bands, youngest first.
    public static let europeanStandardPopulation2013Bands: [String] = [
        "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59",
        "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
    ]

    /// O, the events summed over the bands.
    public let totalCount: Double
    /// The local population summed over the bands.
    public let totalPopulation: Double
    public let multiplier: Double
    public let level: Double
    public let value: Measured<Double>
    public let lower: Measured<Double>
    public let upper: Measured<Double>
    /// Var(DSR), on the scale of the multiplied rate (per N²).
    public let variance: Measured<Double>
    /// The interval of O that Dobson's method scaled: Byar's from 10 events, exact below.
    public let countMethod: RateInterval.Method

    /// - Parameters:
    ///   - counts: events Oᵢ per band.
    ///   - populations: the local population nᵢ per band.
    ///   - standardPopulation: the standard population wᵢ per band (any total; the weights are normalised).
    ///   - multiplier: N, the rate is per N (default 100,000).
    ///   - level: the confidence level (default 0.95).
    ///   - minimumCount: totals below this give no DSR (default 10, PHE's rule).
    public init(
        counts: [Double],
        populations: [Double],
        standardPopulation: [Double],
        multiplier: Double = 100_000,
        level: Double = 0.95,
        minimumCount: Double = StandardisedRate.minimumPublishedCount
    ) throws(InputError) {
        guard counts.count == populations.count, counts.count == standardPopulation.count else {
            throw .bandCountMismatch(counts: counts.count, populations: populations.count, standardPopulation: standardPopulation.count)
        }
        guard !counts.isEmpty else { throw .noBands }
        guard level > 0, level < 1 else { throw .invalidParameter("the confidence level must lie between 0 and 1, got \(level)") }
        guard multiplier > 0, multiplier.isFinite else { throw .invalidParameter("the multiplier must be positive, got \(multiplier)") }
        for band in counts.indices {
            guard counts[band].isFinite, counts[band] >= 0 else { throw .invalidCount(band: band) }
            guard populations[band].isFinite else { throw .invalidPopulation(band: band) }
            guard standardPopulation[band].isFinite, standardPopulation[band] >= 0 else {
                throw .invalidStandardPopulation(band: band)
            }
        }
        let totalWeight = standardPopulation.reduce(0, +)
        guard totalWeight > 0 else { throw .emptyStandardPopulation }

        self.multiplier = multiplier
        self.level = level
        totalCount = counts.reduce(0, +)
        totalPopulation = populations.reduce(0, +)
        countMethod = totalCount < 10 ? .exact : .byars

        func undefined(_ reason: String) -> (Measured<Double>, Measured<Double>, Measured<Double>, Measured<Double>) {
            (.undefined(reason), .undefined(reason), .undefined(reason), .undefined(reason))
        }
        if let band = populations.firstIndex(where: { $0 <= 0 }) {
            let sign = populations[band] == 0 ? "zero" : "negative"
            let reason = "the population of band \(band + 1) of \(populations.count) is \(sign): its rate is not defined"
            (value, lower, upper, variance) = undefined(reason)
            return
        }
        if totalCount < minimumCount {
            let reason = "fewer than \(minimumCount.formatted) events in total (\(totalCount.formatted)): "
                + "PHE does not publish a DSR on so few events"
            (value, lower, upper, variance) = undefined(reason)
            return
        }

        var weightedRate = 0.0
        var weightedVariance = 0.0
        for band in counts.indices {
            let share = standardPopulation[band] / populations[band]
            weightedRate += share * counts[band]
            weightedVariance += share * share * counts[band]
        }
        let rate = weightedRate / totalWeight * multiplier
        let rateVariance = weightedVariance / (totalWeight * totalWeight) * multiplier * multiplier
        value = .value(rate)
        variance = .value(rateVariance)
        guard totalCount > 0 else {
            lower = .value(0)
            upper = .undefined("Dobson's interval needs at least one event")
            return
        }
        let countLimits: (Double?, Double)
        do {
            countLimits = try RateInterval.countInterval(totalCount, level: level, method: countMethod)
        } catch {
            throw .numeric(error)
        }
        let events = totalCount
        let scale = (rateVariance / events).squareRoot()
        // From 10 events Byar's lower limit is always defined; below, the exact one always is.
        if let low = countLimits.0 {
            lower = .value(rate + scale * (low - events))
        } else {
            lower = .undefined("Byar's approximation gives no lower limit for so few events")
        }
        upper = .value(rate + scale * (countLimits.1 - events))
    }
}

extension Double {
    /// Whole numbers without a decimal point (`10`, not `10.0`), for reasons shown to people.
    fileprivate var formatted: String {
        rounded() == self && Swift.abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
