// Fuzz target: the numeric core and the measures, on a series decoded from the fuzz bytes.
//
// Layout of the input (every byte string is valid; short inputs just give short series):
//   byte 0  bits 0–2 the period kind (year, month, quarter, financial year, date, quarter of a financial
//           year, academic year, 3-year range), bits 3–4 the forecast horizon (1, 2, 4, 12), bits 5–7 α
//   byte 1  the first year (1990–2029, or 0–9950 for bytes ≥ 200: the four-digit years a label can hold)
//   byte 2  bits 0–1 polarity, bits 2–3 the fewest points, bit 4 the unit is percent, bits 5–6 the
//           confidence level, bit 7 a target for the XmR chart's assurance icon
//   then one observation per tag byte, up to 48: bit 7 skips a period before it (a gap); bits 0–2 say how the
//   value is given and bits 3–6 (k, 0–15) tune it:
//     0 a GSS missing-value symbol; 1 the previous value again (ties); 2–4 a signed 16-bit integer from the
//     next two bytes times 10^(k − 8); 5 a double from the next eight bytes (bit pattern; NaN and infinities
//     become the largest finite magnitude, as readers never give them); 6 the small integer k;
//     7 an extreme value (±0, the least subnormal, the least normal, ±the greatest finite, 1e±300, …)
// Values are always finite: the readers refuse NaN and infinities, so the measures never see them.
//
// Every step after the decoding is a public entry point of the library: the summary with every additional
// measure (Mann–Kendall variants, seasonal tests, Holt, change points), Holt's damped-trend forecast,
// the linear-trend forecast, the change-point tests, the XmR chart, moving averages, gap filling, the
// interrupted time series, least squares (polynomials, log-linear), descriptive statistics and quantiles,
// the distributions, and the number parsers on the raw bytes.

import FuzzSupport
import Metrics

private let periodKinds = 8
private let alphas: [Double] = [0.05, 0.01, 0.1, 0.5, 0.999, 1e-9, 0.2, 0.0001]
private let levels: [Double] = [0.95, 0.5, 0.999_999, 0.8]
private let horizons = [1, 2, 4, 12]
/// One summarizer per α, made once: making one tabulates critical values, which would be most of a run's time.
private let summarizers = alphas.map { Summarizer(alpha: $0) }
private let extremes: [Double] = [
    0, -0.0, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude,
    -Double.greatestFiniteMagnitude, 1e300, -1e300, 1e-300, 1e15 + 0.5, 9_007_199_254_740_994, -1, 1, 0.1, 1e-8, 1e8,
]

private struct Decoder {
    let bytes: [UInt8]
    var index = 0
    mutating func byte() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }
    mutating func int16() -> Int16 {
        let lo = UInt16(byte() ?? 0)
        let hi = UInt16(byte() ?? 0)
        return Int16(bitPattern: hi << 8 | lo)
    }
    mutating func double() -> Double {
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(byte() ?? 0) << (8 * UInt64(k)) }
        let x = Double(bitPattern: bits)
        if x.isFinite { return x }
        return x.sign == .minus ? -Double.greatestFiniteMagnitude : Double.greatestFiniteMagnitude
    }
}

private func pow10(_ k: Int) -> Double {
    var x = 1.0
    if k >= 0 { for _ in 0..<k { x *= 10 } } else { for _ in 0..<(-k) { x /= 10 } }
    return x
}

/// The first period and the step to the next, for each kind.
private func periods(kind: Int, firstYear: Int, count: Int) -> [Period] {
    var out: [Period] = []
    let labels: [String]
    switch kind {
    case 0: labels = [String(format4(firstYear))]
    case 1: labels = ["\(format4(firstYear))-01"]
    case 2: labels = ["\(format4(firstYear))-Q1"]
    case 3: labels = ["\(format4(firstYear))-\(two((firstYear + 1) % 100))"]
    case 4: labels = ["\(format4(firstYear))-03-31"]
    case 5: labels = ["\(format4(firstYear))-\(two((firstYear + 1) % 100)) Q1"]
    case 6: labels = ["\(format4(firstYear))/\(two((firstYear + 1) % 100))"]
    default: labels = ["\(format4(firstYear))-\(two((firstYear + 2) % 100))"]
    }
    let yearType: YearType = kind == 6 ? .academic : .financial
    guard var p = try? Period.parse(labels[0], yearType: yearType) else { return [] }
    for _ in 0..<count {
        out.append(p)
        let next: Period?
        if kind == 4 {
            next = p.advanced(byDays: 7)
        } else {
            next = p.advanced(by: 1)
        }
        guard let next else { break }
        p = next
    }
    return out
}

private func format4(_ y: Int) -> String {
    let s = String(y)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}

private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumeric(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    parseNumbers(bytes)
    var d = Decoder(bytes: bytes)
    guard let b0 = d.byte(), let b1 = d.byte(), let b2 = d.byte() else { return 0 }
    let kind = Int(b0 & 7) % periodKinds
    let horizon = horizons[Int(b0 >> 3) & 3]
    let alpha = alphas[Int(b0 >> 5)]
    let firstYear = b1 < 200 ? 1990 + Int(b1) % 40 : Int(b1 - 200) * 199
    let polarity = [SeriesMetadata.Polarity.none, .higherIsBetter, .lowerIsBetter, .none][Int(b2 & 3)]
    let minimumPoints = 2 + Int(b2 >> 2) & 3
    let percent = b2 & 16 != 0
    let level = levels[Int(b2 >> 5) & 3]
    let hasTarget = b2 & 128 != 0

    // Observations: (period index, value).
    var slots: [(Int, Series.Value)] = []
    var position = 0
    var previous = 0.0
    while slots.count < 48, let tag = d.byte() {
        if tag & 128 != 0 { position += 1 }
        let k = Int(tag >> 3) & 15
        let value: Series.Value
        switch tag & 7 {
        case 0: value = .missing(MissingValue.allCases[k % MissingValue.allCases.count])
        case 1: value = .number(previous)
        case 2, 3, 4: value = .number(Double(d.int16()) * pow10(k - 8))
        case 5: value = .number(d.double())
        case 6: value = .number(Double(k))
        default: value = .number(extremes[k])
        }
        if case .number(let x) = value { previous = x }
        slots.append((position, value))
        position += 1
    }
    let grid = periods(kind: kind, firstYear: firstYear, count: position)
    let observations = slots.compactMap { slot in
        slot.0 < grid.count ? Series.Observation(period: grid[slot.0], value: slot.1, line: slot.0 + 2) : nil
    }
    let series = Series(
        key: SeriesKey(names: ["area_code", "indicator"], values: ["E06000002", "fuzz"]), observations: observations,
        metadata: SeriesMetadata(unit: percent ? .percent : .count, polarity: polarity))
    let (times, values) = series.numericPoints

    // The summary with every additional measure (few Monte Carlo replicates: the simulation is not the target).
    var summarizer = summarizers[Int(b0 >> 5)]
    summarizer.minimumPoints = minimumPoints
    summarizer.additional = AdditionalMeasures(SummaryMeasure.allCases, horizon: horizon, replicates: 64)
    if let summary = try? summarizer.summarize(series) { _ = summary.n }

    // Forecasts.
    // Holt's linear trend is in the summary already (`holt`); its estimation is most of a run's time.
    if let forecast = try? HoltForecast(series: series, trend: .damped, horizon: horizon, level: level) {
        _ = forecast.trendPerYear
        _ = forecast.points.map { $0.period?.label }
    }
    _ = try? LinearTrendForecast(series: series, horizon: horizon, level: level)

    // Change points and process control.
    _ = PettittTest(observations: observations)
    _ = BuishandRangeTest(observations: observations, replicates: 64)
    _ = StandardNormalHomogeneityTest(observations: observations, replicates: 64)
    var options = XmRChart.Options(polarity: polarity, target: hasTarget ? values.first : nil)
    if values.count >= 4 { options.recalculateAt = [values.count / 2] }
    _ = XmRChart(observations: observations, options: options)
    if values.count >= 3 {
        _ = XmRChart(observations: observations, options: XmRChart.Options(polarity: polarity, baselineLength: 2))
    }

    // Smoothing and gaps.
    for alignment in MovingAverage.Alignment.allCases {
        _ = try? MovingAverage(series: series, width: 1 + 2 * (horizon % 3), alignment: alignment)
    }
    for method in GapFilling.Method.allCases {
        _ = try? GapFilling(series: series, method: method, fillSuppressed: percent)
    }

    // The interrupted time series around the middle of the series.
    if let middle = times.dropFirst(times.count / 2).first {
        _ = try? InterruptedTimeSeries(
            times: times, values: values, events: [InterruptedTimeSeries.Event(label: "event", time: middle)], level: level)
    }

    // Least squares.
    for degree in 1...3 {
        _ = try? LeastSquaresFit(x: times, y: values, model: .polynomial(degree: degree), level: level)
    }
    _ = try? LeastSquaresFit(x: times, y: values, model: .polynomial(degree: 1, includesIntercept: false), level: level)
    _ = try? LeastSquaresFit(x: times, y: values, weights: values.map { Swift.abs($0) }, level: level)
    _ = try? LogLinearFit(x: times.map { DoubleDouble($0) }, y: values.map { DoubleDouble($0) }, level: level)

    // Descriptive statistics and quantiles, in doubles and double-doubles.
    let sorted = values.sorted()
    for definition in QuantileDefinition.allCases {
        _ = DescriptiveStatistics(values, quantileDefinition: definition)
        for p in [0, 0.25, 0.5, 1, alpha] { _ = quantile(sorted: sorted, probability: p, definition: definition) }
    }
    _ = median(sorted: sorted)
    _ = variance(values)
    _ = standardDeviation(values)
    _ = lag1Autocorrelation(values)
    let exact = values.map { DoubleDouble($0) }
    _ = mean(exact)
    _ = variance(exact)
    _ = DescriptiveStatistics(exact)

    // Distributions at the values.
    for x in values.prefix(8) {
        _ = try? StandardNormal.twoSidedP(x)
        _ = try? StandardNormal.quantile(Swift.abs(x).truncatingRemainder(dividingBy: 1))
        let t = StudentT(degreesOfFreedom: Swift.abs(x))
        _ = try? t.twoSidedP(alpha)
        _ = try? t.quantile(alpha)
        _ = try? StudentT(degreesOfFreedom: Double(max(1, values.count - 2))).twoSidedP(x)
        let gamma = GammaDistribution(shape: Swift.abs(x))
        _ = try? gamma.cdf(alpha)
        _ = try? gamma.quantile(alpha)
        _ = try? GammaDistribution(shape: 1 + alpha).upperTail(x)
    }
    return 0
}

/// The number parsers the readers and the exact verbs use, on the raw input as one cell.
private func parseNumbers(_ bytes: [UInt8]) {
    let cell = bytes.prefix(64)
    cell.withUnsafeBufferPointer { buffer in
        _ = FastDouble.parse(buffer)
        _ = ValueText.parse(buffer)
        _ = DecimalText.parse(buffer)
    }
}
