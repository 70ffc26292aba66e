/// Whether a benchmark (England, the region, a statistical neighbour, any other area) can be drawn or
/// tested beside an area's series: the one check the report's charts (`admit`) and `metrics its --control`
/// (`controlScaling`) make.
///
/// The rule: a measure that grows with the size of the area — a count, a sum of money, FTE posts, a
/// headcount (`UnitInference.SizeDependence.sizeDependent`) — is never set beside another area's: England's
/// 82,000 children looked after beside Middlesbrough's 600 says nothing about Middlesbrough and flattens its
/// line on zero. Percentages, rates per N, averages and ratios compare across areas and are kept. When the
/// unit is unknown (nothing declared, the name silent, values with decimals), a benchmark whose typical
/// magnitude (median |value|) is `magnitudeLimit` times the area's or more, or as small as its reciprocal, is
/// withheld too: the values themselves say the two are on different scales.
///
/// When benchmarks are withheld the note says why and offers the comparison that can be made: the same
/// area's size-free indicator of the same breakdown in the inputs (EES CLA files hold `rate_per_10000`
/// beside `children_count`), or else a denominator in the inputs (`population_estimate`: a rate can be made
/// with `metrics rate`).
public enum BenchmarkComparability {
    /// A benchmark at this many times the area's typical magnitude (or 1/this) is on another scale.
    public static let magnitudeLimit = 10.0

    /// The benchmarks that may be drawn beside `series`, and a sentence on those withheld (`nil` when all
    /// are kept).
    /// - Parameters:
    ///   - benchmarks: the comparators chosen (named by their area).
    ///   - series: the area's series.
    ///   - unit: the area's unit, as the summary used it (`UnitInference(series)`).
    ///   - all: every series read, to find a size-free alternative of the same area.
    public static func admit(
        _ benchmarks: [(name: String, series: Series)], for series: Series, unit: UnitInference, among all: [Series] = []
    ) -> (kept: [(name: String, series: Series)], note: String?) {
        let judgement = judge(benchmarks, for: series, unit: unit)
        guard !judgement.withheld.isEmpty else { return (judgement.kept, nil) }
        var note = "\(judgement.withheld.joined(separator: " and ")) not drawn: \(judgement.why)"
        if let offer = alternative(to: series, among: all) { note += "; \(offer)" }
        return (judgement.kept, note + ".")
    }

    /// How an interrupted-time-series control must be put on the area's scale before it is fitted
    /// alongside (`metrics its --control`): `nil` when it compares as it is (a size-free unit, or an unknown
    /// unit on the same scale); else the factor to multiply the control's values by and the warning to
    /// report, or the reason the control is refused.
    ///
    /// A size-dependent control (England's 82,000 children for an area of 600) is indexed to the area: its
    /// values are multiplied by the ratio of the area's mean to the control's over the periods before the
    /// first event that both have values, so that the control's changes enter the model as the same
    /// proportion of the area's level (an indexed comparison series); the segmented regression (Linden 2015)
    /// then reports the area's changes beyond those the control's proportional changes predict. Without such
    /// common periods the control is refused. The warning names the factor and offers a rate when the inputs
    /// hold one (`alternative`).
    public static func controlScaling(
        control: Series, for series: Series, before firstEvent: Period?, among all: [Series] = []
    ) -> Result<(factor: Double, warning: String)?, ControlRefusal> {
        let unit = UnitInference(series)
        let judgement = judge([(name: controlName(control), series: control)], for: series, unit: unit)
        guard let name = judgement.withheld.first else { return .success(nil) }
        let offer = alternative(to: series, among: all).map { "; \($0)" } ?? ""
        var own: [Period: Double] = [:]
        for o in series.observations { if let x = o.value.number, firstEvent.map({ o.period < $0 }) ?? true { own[o.period] = x } }
        var sumArea = 0.0
        var sumControl = 0.0
        var common = 0
        for o in control.observations {
            guard let x = o.value.number, let y = own[o.period] else { continue }
            sumArea += y
            sumControl += x
            common += 1
        }
        guard common > 0, sumControl != 0, sumArea != 0, (sumArea / sumControl).isFinite else {
            return .failure(ControlRefusal(description: "control refused: \(name) is not a like-for-like control, as \(judgement.why), and the two have no common period with values before the first event to put the control on the area's scale\(offer)"))
        }
        let factor = sumArea / sumControl
        let warning = "control \(name) rescaled by \(NumberText.significant(factor, digits: 4)) (the area's mean over the control's, \(common) period\(common == 1 ? "" : "s") before the first event), as \(judgement.why): its changes are taken in proportion to the area's level\(offer)"
        return .success((factor, warning))
    }

    /// Why a control cannot be used.
    public struct ControlRefusal: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
    }

    /// The benchmarks kept and withheld, and why.
    private static func judge(
        _ benchmarks: [(name: String, series: Series)], for series: Series, unit: UnitInference
    ) -> (kept: [(name: String, series: Series)], withheld: [String], why: String) {
        switch unit.sizeDependence {
        case .sizeFree:
            return (benchmarks, [], "")
        case .sizeDependent:
            let what = unit.kind == "count" ? "a count" : unit.kind == "money" ? "money" : unit.kind == "headcount" ? "a headcount" : unit.kind
            return ([], benchmarks.map(\.name), "\(what) depends on the size of the area")
        case .unknown:
            var kept: [(name: String, series: Series)] = []
            var withheld: [String] = []
            let own = typicalMagnitude(series)
            for b in benchmarks {
                if let own, let other = typicalMagnitude(b.series), own > 0, other > 0,
                    other / own >= magnitudeLimit || own / other >= magnitudeLimit {
                    withheld.append(b.name)
                } else {
                    kept.append(b)
                }
            }
            return (kept, withheld, "the unit is not known and the values are \(NumberText.significant(magnitudeLimit, digits: 3)) times or more apart, as a measure that depends on the size of the area would be")
        }
    }

    /// The control's area name, for messages.
    static func controlName(_ s: Series) -> String {
        let names = ["area_name", "la_name", "region_name", "country_name", "area", "area_code", "new_la_code"]
        for n in names { if let v = s.key[n], !v.isEmpty { return v } }
        return "the control"
    }

    /// The median |value| of a series' numbers, `nil` when it has none.
    static func typicalMagnitude(_ s: Series) -> Double? {
        let values = s.observations.compactMap(\.value.number).map(Swift.abs).sorted()
        guard !values.isEmpty else { return nil }
        let m = values.count / 2
        return values.count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2
    }

    /// A size-free indicator of the same area and breakdown in `all`, or a denominator to make one.
    static func alternative(to series: Series, among all: [Series]) -> String? {
        let indicatorIndex = series.key.names.firstIndex { SeriesFilter.indicatorDimensions.contains($0.lowercased()) }
        guard let indicatorIndex else { return nil }
        // A population is the denominator itself: no rate of it to offer.
        if UnitInference.words(of: series.key.values[indicatorIndex]).has(["population", "denominator"]) { return nil }
        func rest(_ key: SeriesKey) -> [String]? {
            guard key.names == series.key.names else { return nil }
            var values = key.values
            values.remove(at: indicatorIndex)
            return values
        }
        let wanted = rest(series.key)
        var denominator: String?
        for other in all where other.key != series.key && rest(other.key) == wanted {
            let name = other.key.values[indicatorIndex]
            let inference = UnitInference(other)
            if inference.sizeDependence == .sizeFree, inference.unit == .percent || inference.unit.map(UnitInference.isRate) == true {
                return "compare the \(inference.kind) instead: indicator \(name) of the same inputs"
            }
            if denominator == nil, UnitInference.words(of: name).has(["population", "denominator"]), inference.isSizeDependent {
                denominator = name
            }
        }
        if let denominator {
            let own = series.key.values[indicatorIndex]
            return "the inputs hold a denominator, \(denominator): metrics rate FILE --count \(own) --denominator \(denominator) --per 10000 gives a rate that compares"
        }
        return nil
    }
}
