/// How a chart marks its dated events so that every one stays readable: each vertical rule labelled with the
/// event's name when all the names fit in lanes above the plot without one touching another, or else each
/// rule numbered (1, 2… in time order) and the names listed with their periods in a key below the chart.
///
/// Conventions:
/// - Names are tried first, cut to `maximumLabel` characters, in at most `maximumLabelLanes` lanes
///   (`EventLabelLanes`); a single overlap of text on text switches the whole chart to numbers, so a chart
///   never mixes the two and no name is ever drawn over another (fifteen Middlesbrough events between 2019
///   and 2024 on a 720-pixel chart of ten years need numbers).
/// - Numbers are placed by the same lanes (up to `maximumNumberLanes`), so rules at the same or nearby
///   periods get their numbers one above the other; the key gives each number its period and full name.
/// - The choice depends only on the positions, the names and the font size, so it is deterministic.
struct EventMarkers {
    enum Style: Equatable {
        /// Names written beside the rules.
        case labels
        /// Numbers beside the rules, names in a key.
        case numbered
    }

    static let maximumLabel = 40
    static let maximumLabelLanes = 3
    static let maximumNumberLanes = 6

    let style: Style
    /// What is written beside each rule: its (cut) name, or its number.
    let texts: [String]
    let lanes: EventLabelLanes

    init(positions: [Double], names: [String], fontSize: Double, left: Double, right: Double, forceNumbers: Bool = false) {
        let labels = names.map {
            ChartTextFit.truncated(ChartTextFit.truncated($0, maximum: Self.maximumLabel), width: right - left - 8, fontSize: fontSize)
        }
        let named = EventLabelLanes(
            positions: positions, widths: labels.map { ChartTextFit.width($0, fontSize: fontSize) }, left: left, right: right,
            maximumLanes: Self.maximumLabelLanes)
        if !forceNumbers && named.overlaps == 0 {
            style = .labels
            texts = labels
            lanes = named
            return
        }
        let numbers = positions.indices.map { String($0 + 1) }
        style = .numbered
        texts = numbers
        lanes = EventLabelLanes(
            positions: positions, widths: numbers.map { ChartTextFit.width($0, fontSize: fontSize, bold: true) }, left: left, right: right,
            gap: 4, maximumLanes: Self.maximumNumberLanes)
    }

    /// The key's entries for a numbered chart: `1  2019-11  Ofsted: inadequate`, as (number, text) pairs.
    static func keyEntries(periods: [String], names: [String]) -> [(number: String, text: String)] {
        zip(periods, names).enumerated().map { k, pair in
            (String(k + 1), ChartTextFit.singleLine(pair.0) + "  " + BidiIsolation.isolated(ChartTextFit.singleLine(pair.1)))
        }
    }
}
