/// An area's figure for one period set against England, its region, its statistical neighbours and every
/// other local authority: the benchmarking page of LAIT and Fingertips in one record per area.
///
/// For each local authority: its rank and quartile band among all authorities with a value
/// (`Benchmarking.ranks`, `Benchmarking.QuartileBands`: LAIT's conventions); whether its confidence interval
/// puts it significantly better, similar or worse than England and than its region (Fingertips'
/// comparison of the area's interval with the comparator's value, `Benchmarking.significance`); and, when
/// the figures come from counts and denominators, the funnel-plot control limits at its denominator around
/// the pooled value of all authorities (`FunnelLimits`, 95% and 99.8%) and where it sits.
/// For the chosen area: its statistical neighbours (DfE groupings, closest first), their mean (the plain
/// mean of the neighbours' values, as LAIT's "statistical neighbour average"; neighbours without a value are
/// left out and named), the area's distance from that mean (absolute and percent), and its rank among
/// itself and its neighbours.
/// Conventions: England is the national row; a region is found by the authority's region code or name (or
/// the neighbour file's region); without intervals, significance is `not_compared`.
public struct AreaComparison: Sendable {
    public struct Row: Sendable, Hashable {
        public enum Role: String, Sendable, Hashable {
            case area, neighbour, england, region, other
        }

        public let figure: AreaSnapshot.Figure
        public let role: Role
        /// 1 = the closest neighbour.
        public let neighbourOrder: Int?
        public let closeness: String
        public let rank: Int?
        public let band: String?
        public let regionValue: Double?
        public let vsEngland: Benchmarking.Significance
        public let vsRegion: Benchmarking.Significance
        public let funnel95: FunnelLimits?
        public let funnel998: FunnelLimits?

        /// `above_99.8`, `above_95`, `within`, `below_95`, `below_99.8`, or empty without limits.
        public var funnelPosition: String {
            guard let value = figure.value.value, let funnel95, let funnel998 else { return "" }
            switch (funnel998.position(of: value), funnel95.position(of: value)) {
            case (1, _): return "above_99.8"
            case (-1, _): return "below_99.8"
            case (_, 1): return "above_95"
            case (_, -1): return "below_95"
            default: return "within"
            }
        }
    }

    /// `--area` names no local authority of the snapshot: the nearest names and codes (`NearestMatches`), or
    /// the aggregate (England, a region) it names, which is a comparator and never benchmarked itself.
    public struct UnknownArea: Error, Sendable, CustomStringConvertible {
        public let area: String
        public let period: String
        public var nearest: [String] = []
        /// The name of the England or region row that `area` names, when it names one.
        public var aggregate: String? = nil
        public var description: String {
            if let aggregate {
                return "'\(area)' names \(aggregate), an aggregate of local authorities: compare benchmarks one authority against England and its region (give an authority's code, old LA code or name)"
            }
            var text = "no local authority '\(area)' in the file for \(period)"
            text += nearest.isEmpty ? " (give its code, old LA code or name)" : "; did you mean \(nearest.map { "'\($0)'" }.joined(separator: " or "))?"
            return text
        }
    }

    public let snapshot: AreaSnapshot
    public let polarity: SeriesMetadata.Polarity
    /// Local authorities with a value (the n of "rank r of n").
    public let rankedCount: Int
    public let england: AreaSnapshot.Figure?
    /// The pooled value the funnel is drawn around (Σcount/Σdenominator of the authorities, on the
    /// statistic's scale), when the figures come from counts and denominators.
    public let funnelBaseline: Double?
    public private(set) var rows: [Row]
    public let area: Row?
    public let neighbourMean: Double?
    /// Neighbours named by the groupings but without a value in the file.
    public let neighboursMissing: [String]
    public let rankAmongNeighbours: Int?
    /// The groupings the neighbours come from (`StatisticalNeighbours.source`), when an area was chosen and
    /// groupings were given.
    public let neighbourSource: String?
    /// False when groupings were given but the chosen area is not in them (so it has no neighbours).
    public let areaInGroupings: Bool

    public var fromNeighbourMean: Double? {
        guard let value = area?.figure.value.value, let neighbourMean else { return nil }
        return value - neighbourMean
    }

    public var percentFromNeighbourMean: Double? {
        guard let difference = fromNeighbourMean, let neighbourMean, neighbourMean != 0 else { return nil }
        return difference / abs(neighbourMean) * 100
    }

    /// Compares every local authority; with `area`, the rows are that authority, its neighbours (when
    /// `neighbours` is given), its region and England.
    public init(
        snapshot: AreaSnapshot, polarity: SeriesMetadata.Polarity, area: String? = nil, neighbours: StatisticalNeighbours? = nil
    ) throws {
        self.snapshot = snapshot
        self.polarity = polarity
        let local = snapshot.local
        let values = local.map { $0.value.value }
        let ranks = Benchmarking.ranks(values, polarity: polarity)
        rankedCount = values.compactMap { $0 }.count
        let bands = Benchmarking.QuartileBands(values: values.compactMap { $0 }, polarity: polarity)
        let england = snapshot.national
        self.england = england
        let regions = snapshot.figures.filter { $0.level == .regional }

        // The funnel's baseline and scale.
        var baselineRate: Double?
        var funnelStatistic: FunnelLimits.Statistic?
        switch snapshot.statistic {
        case .value: break
        case .rate(_, _, let per), .proportion(_, _, let per):
            let pairs = local.compactMap { f -> (Double, Double)? in
                guard let x = f.count, let n = f.denominator, n > 0 else { return nil }
                return (x, n)
            }
            let totalCount = pairs.reduce(0) { $0 + $1.0 }
            let totalDenominator = pairs.reduce(0) { $0 + $1.1 }
            if totalDenominator > 0 {
                baselineRate = totalCount / totalDenominator
                if case .rate = snapshot.statistic { funnelStatistic = .rate(per: per) } else { funnelStatistic = .proportion(multiplier: per) }
            }
        }
        funnelBaseline = baselineRate.flatMap { rate in
            switch funnelStatistic {
            case .rate(let per): rate * per
            case .proportion(let multiplier): rate * multiplier
            case nil: nil
            }
        }

        func regionFigure(of figure: AreaSnapshot.Figure) -> AreaSnapshot.Figure? {
            if !figure.regionCode.isEmpty, let match = regions.first(where: { $0.code == figure.regionCode }) { return match }
            var name = figure.regionName
            if name.isEmpty, let authority = neighbours?.authority(figure.oldCode.isEmpty ? figure.name : figure.oldCode) { name = authority.region }
            let folded = StatisticalNeighbours.folded(name)
            guard !folded.isEmpty else { return nil }
            return regions.first { StatisticalNeighbours.folded($0.name) == folded }
        }

        func row(_ i: Int, role: Row.Role, order: Int? = nil, closeness: String = "") throws(GSLError) -> Row {
            let figure = local[i]
            let region = regionFigure(of: figure)
            var funnel95: FunnelLimits?
            var funnel998: FunnelLimits?
            if let baselineRate, let funnelStatistic, let n = figure.denominator {
                funnel95 = try FunnelLimits(baseline: baselineRate, denominator: n, level: 0.95, statistic: funnelStatistic)
                funnel998 = try FunnelLimits(baseline: baselineRate, denominator: n, level: 0.998, statistic: funnelStatistic)
            }
            return Row(
                figure: figure, role: role, neighbourOrder: order, closeness: closeness, rank: ranks[i],
                band: figure.value.value.flatMap { bands?.band(of: $0) }, regionValue: region?.value.value,
                vsEngland: Benchmarking.significance(lower: figure.lower, upper: figure.upper, comparator: england?.value.value, polarity: polarity),
                vsRegion: Benchmarking.significance(lower: figure.lower, upper: figure.upper, comparator: region?.value.value, polarity: polarity),
                funnel95: funnel95, funnel998: funnel998)
        }

        func comparator(_ figure: AreaSnapshot.Figure, role: Row.Role) -> Row {
            Row(
                figure: figure, role: role, neighbourOrder: nil, closeness: "", rank: nil, band: nil, regionValue: nil,
                vsEngland: .notCompared, vsRegion: .notCompared, funnel95: nil, funnel998: nil)
        }

        guard let area else {
            rows = try local.indices.map { i throws(GSLError) in try row(i, role: .other) }
            self.area = nil
            neighbourMean = nil
            neighboursMissing = []
            rankAmongNeighbours = nil
            neighbourSource = nil
            areaInGroupings = false
            return
        }
        let folded = StatisticalNeighbours.folded(area)
        let wanted = AreaIdentity.folded(area)
        func names(_ figure: AreaSnapshot.Figure) -> Bool {
            let level: AreaIdentity.Level = switch figure.level {
            case .national: .national
            case .regional: .regional
            case .local: .localAuthority
            }
            return AreaIdentity(level: level, code: figure.code, oldCode: figure.oldCode, name: figure.name).isNamed(wanted)
        }
        guard let focalIndex = local.firstIndex(where: { AreaIdentity.folded($0.code) == wanted || AreaIdentity.folded($0.oldCode) == wanted })
            ?? local.firstIndex(where: { StatisticalNeighbours.folded($0.name) == folded })
            ?? local.firstIndex(where: names)
        else {
            var unknown = UnknownArea(area: area, period: snapshot.period.label)
            if let aggregate = snapshot.figures.first(where: { $0.level != .local && names($0) }) {
                unknown.aggregate = aggregate.name.isEmpty ? aggregate.code : aggregate.name
            } else {
                unknown.nearest = NearestMatches.nearest(to: area, in: local.flatMap { [$0.name, $0.code, $0.oldCode] }.filter { !$0.isEmpty }.sorted())
            }
            throw unknown
        }
        let focal = try row(focalIndex, role: .area)
        var result = [focal]
        var missing: [String] = []
        var neighbourValues: [Double] = []
        let focalAuthority = neighbours.flatMap { neighbours in
            neighbours.authority(local[focalIndex].oldCode.isEmpty ? local[focalIndex].name : local[focalIndex].oldCode)
                ?? neighbours.authority(local[focalIndex].code) ?? neighbours.authority(local[focalIndex].name)
        }
        if let neighbours, let authority = focalAuthority {
            for (order, neighbour) in authority.neighbours.enumerated() {
                let known = neighbours.authority(neighbour.code)
                let name = known?.name ?? neighbour.code
                // By old LA code, then by GSS code (a file with only area codes), then by name.
                let gss = known?.newCode ?? ""
                let index = local.firstIndex { $0.oldCode == neighbour.code }
                    ?? (gss.isEmpty ? nil : local.firstIndex { $0.code == gss })
                    ?? local.firstIndex { StatisticalNeighbours.folded($0.name) == StatisticalNeighbours.folded(name) }
                guard let index else {
                    missing.append(name)
                    continue
                }
                let neighbourRow = try row(index, role: .neighbour, order: order + 1, closeness: neighbour.closeness)
                if let value = neighbourRow.figure.value.value { neighbourValues.append(value) } else { missing.append(name) }
                result.append(neighbourRow)
            }
        }
        if let region = regionFigure(of: local[focalIndex]) { result.append(comparator(region, role: .region)) }
        if let england { result.append(comparator(england, role: .england)) }
        rows = result
        self.area = focal
        neighbourSource = neighbours?.source
        areaInGroupings = focalAuthority != nil
        neighboursMissing = missing
        neighbourMean = neighbourValues.isEmpty ? nil : mean(neighbourValues)
        if let value = focal.figure.value.value, !neighbourValues.isEmpty {
            rankAmongNeighbours = Benchmarking.ranks([value] + neighbourValues, polarity: polarity)[0]
        } else {
            rankAmongNeighbours = nil
        }
    }
}

extension AreaComparison {
    /// The comparison with its authorities' rows (role `other`, when no area was chosen) kept to those of
    /// `regions` (codes or names, case-folded), as `--region` selects; ranks, bands and the funnel stay
    /// national. A region that holds none of the snapshot's authorities is a `UsageError` naming the
    /// nearest regions.
    public func keeping(regions: [String], file: String) throws(UsageError) -> AreaComparison {
        guard !regions.isEmpty else { return self }
        let wanted = regions.map(AreaIdentity.folded)
        func inRegion(_ f: AreaSnapshot.Figure) -> Bool {
            wanted.contains { w in (!f.regionCode.isEmpty && AreaIdentity.folded(f.regionCode) == w) || (!f.regionName.isEmpty && AreaIdentity.folded(f.regionName) == w) }
        }
        let local = snapshot.local
        for (region, w) in zip(regions, wanted) where !local.contains(where: { f in
            (!f.regionCode.isEmpty && AreaIdentity.folded(f.regionCode) == w) || (!f.regionName.isEmpty && AreaIdentity.folded(f.regionName) == w)
        }) {
            throw SelectionCheck.missing(
                option: "--region", value: region, kind: "region of local authorities", inputs: file,
                held: Set(local.flatMap { [$0.regionName, $0.regionCode] }.filter { !$0.isEmpty && $0 != "NA" }))
        }
        var kept = self
        kept.rows = rows.filter { $0.role != .other || inRegion($0.figure) }
        return kept
    }
}
