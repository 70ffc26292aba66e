/// A price index (GDP deflator, CPI, CPIH…) by period, with where it came from, for expressing money in
/// real terms.
///
/// Read from a tidy CSV with `period` and `value` columns (the first series of the file if it holds
/// several), any period form (`2023`, `2023-24`, `2023-Q2`, `2023-07`). The project ships no index values:
/// users supply the published series (e.g. HM Treasury's GDP deflators, ONS's CPIH), and the index's name
/// and source travel into every output.
///
/// Alignment of periods: `exact` needs the index at the very period of each value; `overlap` takes the
/// time-weighted mean of the index periods that overlap the value's period (financial year 2021-22 from
/// calendar years: ¾ of 2021 and ¼ of 2022; a date takes the index period that contains it), and refuses
/// a period the index does not fully cover.
public struct PriceIndex: Sendable {
    public enum Alignment: String, Sendable, Hashable, CaseIterable {
        case exact
        case overlap
    }

    public let name: String
    public let source: String?
    public let points: [(period: Period, value: Double)]

    public init(name: String, source: String? = nil, points: [(period: Period, value: Double)]) {
        self.name = name
        self.source = source
        self.points = points.sorted { $0.period < $1.period }
    }

    /// Reads an index file; `name` defaults to the file name, `source` to the file's `source` column.
    public static func read(path: String, name: String? = nil, yearType: YearType = .financial) throws -> PriceIndex {
        var found: Series?
        try SeriesSource.read(path: path, options: ReadOptions(yearType: yearType, grouping: .grouping)) { series in
            if found == nil { found = series }
        }
        guard let series = found else { throw DataError(SourceLocation(file: path), "the index file holds no values") }
        var points: [(Period, Double)] = []
        for observation in series.observations {
            guard case .number(let x) = observation.value else { continue }
            guard x > 0 else { throw DataError(SourceLocation(file: path, line: observation.line), "an index value must be positive, not \(x)") }
            points.append((observation.period, x))
        }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        return PriceIndex(name: name ?? series.metadata.label ?? fileName, source: series.metadata.source, points: points)
    }

    public struct Gap: Error, Sendable, Hashable, CustomStringConvertible {
        public let period: Period
        public let reason: String
        public var description: String { "the price index has no value for \(period): \(reason)" }
    }

    /// The index at `period`.
    public func value(at period: Period, alignment: Alignment) throws(Gap) -> Double {
        if let hit = points.first(where: { $0.period.kind == period.kind && $0.period.years(to: period) == 0 }) {
            return hit.value
        }
        guard alignment == .overlap else {
            let kinds = Set(points.map(\.period.kind.family)).sorted().joined(separator: ", ")
            throw Gap(period: period, reason: "it holds \(kinds) (use --align overlap to weight overlapping periods)")
        }
        guard let origin = points.first?.period else { throw Gap(period: period, reason: "it is empty") }
        let start = origin.years(to: period)
        if period.length == 0 {
            if let containing = points.first(where: { p in
                let s = origin.years(to: p.period)
                return s <= start && start < s + p.period.length
            }) {
                return containing.value
            }
            throw Gap(period: period, reason: "no index period contains it")
        }
        let end = start + period.length
        var weighted = 0.0
        var covered = 0.0
        for point in points {
            let s = origin.years(to: point.period)
            let e = s + point.period.length
            let overlap = min(e, end) - max(s, start)
            if overlap > 0 {
                weighted += overlap * point.value
                covered += overlap
            }
        }
        guard abs(covered - period.length) <= 1e-9 * period.length else {
            throw Gap(period: period, reason: "the index covers only \(NumberText.significant(covered / period.length * 100, digits: 3))% of it")
        }
        return weighted / covered
    }
}

/// Money in real terms: nominal × index(base)/index(period), "in base-period prices".
/// Source: HM Treasury, "GDP deflators at market prices, and money GDP: user guide"; ONS, "A guide to
/// deflating".
public struct RealTerms: Sendable {
    public let index: PriceIndex
    public let base: Period
    public let alignment: PriceIndex.Alignment
    public let baseValue: Double

    public init(index: PriceIndex, base: Period, alignment: PriceIndex.Alignment = .exact) throws(PriceIndex.Gap) {
        self.index = index
        self.base = base
        self.alignment = alignment
        baseValue = try index.value(at: base, alignment: alignment)
    }

    /// The value in base-period prices, with the index value used.
    public func deflate(_ nominal: Double, at period: Period) throws(PriceIndex.Gap) -> (real: Double, index: Double) {
        let value = try index.value(at: period, alignment: alignment)
        return (nominal * baseValue / value, value)
    }

    /// How the outputs say what was done: "2023-24 prices (GDP deflator, HM Treasury, …)".
    public var priceBasis: String {
        "\(base) prices (\(index.name)\(index.source.map { ", " + $0 } ?? ""))"
    }
}
