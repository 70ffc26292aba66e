// Fuzz target: period labels. The input is one label (any bytes, decoded as UTF-8 with repair), read as a
// financial and as an academic year type; when it holds a comma, the parts before and after the first comma
// are an EES `time_period` and `time_identifier`. Every period read is then stepped along the calendar,
// compared, labelled, and given a forecast horizon, as series and forecasts do with it.

import FuzzSupport
import Metrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPeriod(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: Fuzz.bytes(data, size), as: UTF8.self)
    var periods: [Period] = []
    for type in [YearType.financial, .academic] {
        if let p = try? Period.parse(text, yearType: type) { periods.append(p) }
    }
    if let comma = text.firstIndex(of: ",") {
        let code = String(text[..<comma])
        let identifier = String(text[text.index(after: comma)...])
        if let p = try? Period.ees(code: code, identifier: identifier) { periods.append(p) }
    }
    for p in periods { exercise(p) }
    if periods.count >= 2 {
        _ = periods[0] < periods[1]
        _ = periods[0] == periods[1]
        _ = periods[0].years(to: periods[1])
        _ = periods[0].steps(to: periods[1])
    }
    return 0
}

private func exercise(_ p: Period) {
    _ = p.label
    _ = p.description
    _ = p.start
    _ = p.end
    _ = p.instant
    _ = p.kind.family
    _ = p.hashValue
    _ = p.calendarPosition
    _ = try? Period.parse(p.label)
    for k in [-13, -1, 1, 2, 12] {
        if let q = p.advanced(by: k) {
            _ = q.label
            _ = p.steps(to: q)
            _ = p.years(to: q)
            _ = p < q
        }
        _ = p.advanced(byMonths: k * 3)
        _ = p.advanced(byDays: k * 400)?.label
    }
    var observed = [p]
    if let next = p.advanced(by: 1) { observed.append(next) } else if let next = p.advanced(byDays: 7) { observed.append(next) }
    if observed.count == 2, let horizon = try? ForecastHorizon(observed: observed, steps: 3) {
        _ = horizon.periods?.map(\.label)
    }
}
