/// The measures a summary adds on request (`metrics summarize --measures NAME,…`), after SPEC.md's fixed
/// fields, and the field names they write: SPEC.md's prefixes (`mk_hamed_rao_`, `mk_yue_wang_`,
/// `mk_prewhitened_`, `mk_tfpw_`, `mk_seasonal_` with `s`, `var_s`, `z`, `p`; `sen_seasonal_slope`;
/// `holt_alpha`, `holt_beta`, `holt_forecast_1`…; `pettitt_period`, `pettitt_p`), plus the levels either
/// side of each change point and Buishand's and SNHT's tests under the same pattern.
///
/// Names are read as written in SPEC.md, with or without the trailing underscore (`mk_tfpw`, `mk_tfpw_`),
/// and `all` asks for every one. Fields come in the order the measures are listed in this type, whatever the
/// order asked for, so two runs asking for the same measures write the same columns.
public enum SummaryMeasure: String, Sendable, Hashable, CaseIterable, Comparable {
    case hamedRao = "mk_hamed_rao"
    case yueWang = "mk_yue_wang"
    case prewhitened = "mk_prewhitened"
    case trendFreePrewhitened = "mk_tfpw"
    case seasonalMannKendall = "mk_seasonal"
    case seasonalSen = "sen_seasonal"
    case holt = "holt"
    case pettitt = "pettitt"
    case buishand = "buishand"
    case snht = "snht"

    /// The field names this measure writes; `horizon` sets how many `holt_forecast_k` fields there are.
    public func fieldNames(horizon: Int) -> [String] {
        switch self {
        case .hamedRao, .yueWang, .prewhitened, .trendFreePrewhitened, .seasonalMannKendall:
            ["s", "var_s", "z", "p"].map { "\(rawValue)_\($0)" }
        case .seasonalSen: ["sen_seasonal_slope"]
        case .holt: ["holt_alpha", "holt_beta"] + (0..<horizon).map { "holt_forecast_\($0 + 1)" }
        case .pettitt, .buishand, .snht: ["period", "p", "mean_before", "mean_after"].map { "\(rawValue)_\($0)" }
        }
    }

    public static func < (a: SummaryMeasure, b: SummaryMeasure) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Reads a comma-separated list (`mk_hamed_rao,holt_` or `all`): the measures in their canonical order,
    /// without repeats, or the name that is not a measure.
    public static func parse(_ text: String) -> Result<[SummaryMeasure], UnknownName> {
        var chosen = Set<SummaryMeasure>()
        for part in text.split(separator: ",") {
            var name = String(part).trimmingSpaces().lowercased()
            while name.hasSuffix("_") { name.removeLast() }
            if name.isEmpty { continue }
            if name == "all" {
                chosen.formUnion(allCases)
            } else if let measure = SummaryMeasure(rawValue: name) {
                chosen.insert(measure)
            } else {
                return .failure(UnknownName(name: String(part)))
            }
        }
        return .success(chosen.sorted())
    }

    /// A `--measures` name that is not one of these measures.
    public struct UnknownName: Error, Sendable, CustomStringConvertible {
        public let name: String
        public var description: String {
            "'\(name)' is not a measure; choose from \(SummaryMeasure.allCases.map(\.rawValue).joined(separator: ", ")) or all"
        }
    }
}
