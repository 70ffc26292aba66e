/// The comparators drawn beside a series in a report: England's and its region's series of the same
/// indicator and breakdown, or the areas the user names (`--benchmark`).
///
/// Conventions:
/// - A comparator is the series with the same key apart from its area fields (`area_code`, `area_name`,
///   `old_la_code`, `region…`, `geographic_level`).
/// - By default a local authority gets England (the national series, whatever its code: E92000001, LAIT's
///   970) and its own region (the regional series whose code or name is the authority's `region_code` or
///   `region`/`region_name`, `Series.area`); when the file gives the authority no region, the one regional
///   series of the inputs, if there is exactly one. A region gets England; England gets nothing.
/// - A named benchmark is an area's GSS code, old LA code or name (`AreaIdentity.isNamed`), resolved to that
///   area's own series: "North East" is the region's aggregate row, never an authority inside it. When an
///   aggregate and an authority answer to the same text, the aggregate is taken.
public enum BenchmarkAreas {
    /// The key fields that say which area a series is about, left out when series are paired across areas.
    static let areaFields: Set<String> = SeriesFilter.areaDimensions.union(["geographic_level", "region_code", "region_name"])

    /// The key of `key` without its area fields, for pairing series across areas.
    static func breakdown(_ key: SeriesKey) -> [String] {
        zip(key.names, key.values).filter { !areaFields.contains($0.0.lowercased()) }.map { $0.0 + "=" + $0.1 }
    }

    /// The comparators of `series` among `all`, in order (England first, then the region; or the order of
    /// `benchmarks`), each once, never `series` itself.
    public static func comparators(of series: Series, among all: [Series], named benchmarks: [String]?) -> [Series] {
        guard let own = series.area else { return [] }
        let wanted = breakdown(series.key)
        let peers = all.filter { $0.key != series.key && breakdown($0.key) == wanted }
        var seen = Set<SeriesKey>()
        var out: [Series] = []
        func add(_ s: Series?) {
            if let s, seen.insert(s.key).inserted { out.append(s) }
        }
        if let benchmarks {
            for benchmark in benchmarks {
                let folded = AreaIdentity.folded(benchmark)
                let named = peers.compactMap { s in s.area.flatMap { $0.isNamed(folded) ? (s, $0.level) : nil } }
                add(named.min { $0.1 < $1.1 }?.0)
            }
            return out
        }
        guard own.level != .national else { return [] }
        add(peers.first { $0.area?.level == .national })
        if own.level == .localAuthority {
            let regions = peers.filter { $0.area?.level == .regional }
            let code = AreaIdentity.folded(own.regionCode)
            let name = AreaIdentity.folded(own.regionName)
            if code.isEmpty, name.isEmpty {
                if regions.count == 1 { add(regions[0]) }
            } else {
                add(regions.first { r in
                    guard let area = r.area else { return false }
                    return (!code.isEmpty && area.isNamed(code)) || (!name.isEmpty && area.isNamed(name))
                })
            }
        }
        return out
    }

    /// Throws a `UsageError` when a named benchmark is no area of the inputs, with the nearest names and codes.
    public static func verify(_ benchmarks: [String], among all: [Series], inputs: String) throws(UsageError) {
        guard !all.isEmpty else { return }
        let areas = all.compactMap(\.area)
        for benchmark in benchmarks {
            let folded = AreaIdentity.folded(benchmark)
            guard !areas.contains(where: { $0.isNamed(folded) }) else { continue }
            let held = Set(areas.flatMap { [$0.name, $0.code, $0.oldCode] }.filter { !$0.isEmpty })
            throw SelectionCheck.missing(
                option: "--benchmark", value: benchmark, kind: "area", inputs: inputs, held: held, listed: Set(areas.map(\.name).filter { !$0.isEmpty }))
        }
    }
}
