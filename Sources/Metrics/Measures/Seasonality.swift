/// The seasonal cycle of a monthly or quarterly series: the number of seasons in a year, and which season
/// and year each observation falls in, read from its time on the real axis.
///
/// Conventions: a time t is in years, a month m of year Y at Y + (m − 1)/12 and a quarter q at
/// Y + (q − 1)/4 (the start of the period, `Period.start`). The season is the month (or quarter) of the
/// year and the cycle the year, so seasons line up however the series starts and whatever is missing;
/// a time more than 10⁻⁶ of a season away from a season's start does not fit the cycle.
public enum Seasonality: Int, Sendable, Hashable, CaseIterable {
    case quarterly = 4
    case monthly = 12

    public var seasonsPerYear: Int { rawValue }

    /// The season (0 for January or the first quarter) and the cycle (the calendar year) of each time, or
    /// `nil` when a time is not at the start of a month (quarter).
    func positions(of times: [Double]) -> [(season: Int, cycle: Int)]? {
        let perYear = Double(rawValue)
        var result: [(season: Int, cycle: Int)] = []
        result.reserveCapacity(times.count)
        for t in times {
            let scaled = t * perYear
            guard scaled.isFinite, abs(scaled) < 1e12 else { return nil }
            let index = scaled.rounded()
            guard abs(scaled - index) <= 1e-6 else { return nil }
            let k = Int(index)
            let season = ((k % rawValue) + rawValue) % rawValue
            result.append((season, (k - season) / rawValue))
        }
        return result
    }

    /// The values grouped by season, each season's (cycle, value) pairs in ascending cycle; or the reason
    /// they cannot be (lengths differ, a value is not finite, a time off the cycle, or two values in one
    /// period).
    func seasons(times: [Double], values: [Double]) -> Measured<[[SeasonalObservation]]> {
        guard times.count == values.count else { return .undefined("\(times.count) times for \(values.count) values") }
        guard values.allSatisfy(\.isFinite) else { return .undefined("a value is not finite") }
        guard let positions = positions(of: times) else {
            return .undefined("a time is not at the start of a \(self == .monthly ? "month" : "quarter")")
        }
        var groups = [[SeasonalObservation]](repeating: [], count: rawValue)
        for (position, value) in zip(positions, values) {
            groups[position.season].append(SeasonalObservation(cycle: position.cycle, value: value))
        }
        for g in groups.indices {
            groups[g].sort { $0.cycle < $1.cycle }
            for i in groups[g].indices.dropFirst() where groups[g][i].cycle == groups[g][i - 1].cycle {
                return .undefined("two values for one \(self == .monthly ? "month" : "quarter")")
            }
        }
        return .value(groups)
    }
}

/// One observation of a season: its cycle (the calendar year) and its value.
struct SeasonalObservation: Sendable, Hashable {
    let cycle: Int
    let value: Double
}
