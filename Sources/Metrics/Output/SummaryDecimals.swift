/// `--decimals`: summary numbers rounded for people who paste CSV into a spreadsheet (the default keeps full
/// precision, as SPEC.md has it).
///
/// Only the fields in the indicator's own scale are rounded: the values and changes (`first_value`,
/// `last_value`, `abs_change`, `pp_change`, `mean`, `sd`, `median`, `min`, `max`, Holt's forecasts, the
/// change-point means), the slopes and intercepts (`ols_slope` and its SE and interval, `ols_intercept`,
/// `sen_*`, `sen_seasonal_slope`) and, with a fixed number of places, the percentages `pct_change` and
/// `cagr`. Test statistics and p-values (`ols_p`, `mk_z`, `mk_p`, `mk_tau`, `ols_r2`, the autocorrelation,
/// `ratio`, `years`, Holt's α and β) keep full precision: a p of 0.003 rounded to one place would read 0.
/// Rounding is `DecimalRounding` (half away from zero, as Excel's `ROUND` and DfE's `round_five_up`).
public enum SummaryDecimals: Sendable, Hashable {
    /// Every field in the indicator's scale, and the percentages, to this many places.
    case fixed(Int)
    /// Each series' published decimal places (EES `.meta.csv` `indicator_dp`, LAIT `dps`, a
    /// `decimal_places` column) for its values and changes, one more for slopes (a trend per year is finer
    /// than the values, as the table shows it); a series without published places keeps full precision.
    case source

    /// How a field is rounded.
    enum Scale {
        case value, slope, percent, statistic
    }

    static func scale(of field: String) -> Scale {
        switch field {
        case "first_value", "last_value", "abs_change", "pp_change", "mean", "sd", "median", "min", "max": return .value
        case "ols_slope", "ols_slope_se", "ols_slope_low", "ols_slope_high", "ols_intercept",
            "sen_slope", "sen_low", "sen_high", "sen_intercept", "sen_seasonal_slope":
            return .slope
        case "pct_change", "cagr": return .percent
        default:
            if field.hasPrefix("holt_forecast_") || field.hasSuffix("_mean_before") || field.hasSuffix("_mean_after") { return .value }
            return .statistic
        }
    }

    /// The places for each of a record's fields (`SeriesSummary.fieldNames`, then the added measures), `nil`
    /// where the field keeps full precision.
    func places(for summary: SeriesSummary, scales: [Scale]) -> [Int?] {
        scales.map { scale in
            switch (self, scale) {
            case (_, .statistic): nil
            case (.fixed(let n), _): n
            case (.source, .percent): nil
            case (.source, .value): summary.metadata.decimalPlaces
            case (.source, .slope): summary.metadata.decimalPlaces.map { $0 + 1 }
            }
        }
    }

    static func scales(additionalNames: [String]) -> [Scale] {
        (SeriesSummary.fieldNames + additionalNames).map(scale(of:))
    }
}
