/// The colours and strokes of the SVG chart: Okabe–Ito hues (Okabe & Ito, "Color Universal Design", 2008),
/// which stay distinct under the common colour-vision deficiencies, and GOV.UK's text colours.
///
/// Conventions: every line colour has at least 3:1 contrast with the white background (WCAG 2.2, 1.4.11
/// non-text contrast) and every text colour at least 4.5:1 (1.4.3): observed `#0072B2` 5.2:1, trend
/// `#D55E00` 3.9:1, Sen `#CC79A7` 3.1:1, forecast `#009E73` 3.4:1, benchmarks `#505A5F` 7.1:1 and
/// `#6F777B` 4.6:1, text `#0B0C0C` 19.6:1 and `#505A5F` 7.1:1. Layers differ by dash pattern as well as
/// hue, so the chart also reads in greyscale print.
enum ChartPalette {
    static let text = "#0b0c0c"
    static let secondaryText = "#505a5f"
    static let background = "#ffffff"
    static let grid = "#e1e3e4"
    static let axis = "#505a5f"
    static let zeroLine = "#8a9195"

    static let observed = "#0072b2"
    static let trend = "#d55e00"
    static let sen = "#cc79a7"
    static let forecast = "#009e73"
    static let event = "#505a5f"
    static let missing = "#d55e00"

    /// Benchmarks in turn: a colour and a dash pattern (`nil`: solid).
    static let benchmarks: [(colour: String, dash: String?)] = [
        ("#505a5f", nil),
        ("#6f777b", "8 4"),
        ("#505a5f", "3 3"),
        ("#6f777b", "10 3 2 3"),
    ]

    static let senDash = "7 4"
    static let forecastDash = "1 4"
    static let eventDash = "3 3"
    static let bandOpacity = "0.18"

    static let fontFamily = "Helvetica, Arial, &quot;Liberation Sans&quot;, sans-serif"
}
