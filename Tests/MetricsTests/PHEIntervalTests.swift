import Foundation
import Metrics
import Testing

/// Rates and proportions against PHEindicatormethods 2.1.0's own expected values
/// (../shared/reference/phe, from the package's test spreadsheets): Byar's and exact Poisson rate
/// intervals, and Wilson score intervals, at 95% and 99.8%.
@Suite("PHEindicatormethods intervals", .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)))
struct PHEIntervalTests {
    /// The file's rows, read with the project's own CSV reader (the files have CRLF line ends).
    static func rows(_ name: String) -> [[String: String]] {
        guard let url = SharedReference.url("reference/phe/\(name)"), let reader = try? CSVReader(path: url.path),
            (try? reader.nextRecord()) == true, let header = try? reader.strings()
        else { return [] }
        var rows: [[String: String]] = []
        while (try? reader.nextRecord()) == true, let fields = try? reader.strings() {
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, fields)))
        }
        return rows
    }

    static func level(_ text: String?) -> Double { text == "99.8%" ? 0.998 : 0.95 }

    /// 1e-14 relative: every expected value is met to within 8·10⁻¹⁵ (the largest gap is R's own error: see
    /// `exactPoissonAgainstMpmath`).
    func close(_ value: Double?, _ expected: String?, _ label: String) {
        let reference = expected.flatMap(Double.init)
        #expect(agrees(value, reference, relative: 1e-14, absolute: 1e-14), "\(label): \(String(describing: value)) vs \(expected ?? "NA")")
    }

    @Test("the exact Poisson limit is closer to the truth than R's qchisq")
    func exactPoissonAgainstMpmath() throws {
        // 99.8% lower limit for 5 events per 100, per 100,000: mpmath (40 digits) 739.37173191783251682…;
        // PHEindicatormethods (R's qchisq) 739.3717319178389, 8.6·10⁻¹⁵ off.
        let rate = try RateInterval(count: 5, denominator: 100, multiplier: 100_000, level: 0.998)
        #expect(abs(try #require(rate.lower.value) - 739.37173191783251682) < 2e-15 * 740)
    }

    @Test("phe_rate: exact below 10 events, Byar's from 10, 95% and 99.8%, any multiplier")
    func rates() throws {
        let rows = Self.rows("testdata_Rate__testdata_Rate.csv")
        #expect(rows.count == 20)
        for row in rows {
            let label = "\(row["Area"]!) ×\(row["multiplier"]!)"
            let multiplier = Double(row["multiplier"]!)!
            guard let x = Double(row["Numerator"]!), let n = Double(row["Denominator"]!) else {
                // A missing numerator or denominator: PHE gives no rate; the reader calls it missing.
                #expect(row["value"]!.isEmpty)
                continue
            }
            for (level, lowerKey, upperKey) in [(0.95, "lower95_0cl", "upper95_0cl"), (0.998, "lower99_8cl", "upper99_8cl")] {
                let rate = try RateInterval(count: x, denominator: n, multiplier: multiplier, level: level)
                close(rate.value.value, row["value"], label + " value")
                close(rate.lower.value, row[lowerKey], label + " lower \(level)")
                close(rate.upper.value, row[upperKey], label + " upper \(level)")
                #expect(rate.method.rawValue == row["method"], Comment(rawValue: label))
            }
        }
    }

    @Test("phe_rate grouped file (one level per row)")
    func groupedRates() throws {
        for row in Self.rows("testdata_Rate__testdata_Rate_g.csv") {
            guard let x = Double(row["Numerator"]!), let n = Double(row["Denominator"]!) else { continue }
            let rate = try RateInterval(count: x, denominator: n, multiplier: Double(row["multiplier"]!)!, level: Self.level(row["confidence"]))
            close(rate.lower.value, row["lowercl"], row["Area"]! + " lower")
            close(rate.upper.value, row["uppercl"], row["Area"]! + " upper")
        }
    }

    @Test("Byar's intervals of a count and Wilson's of a proportion")
    func byarsAndWilson() throws {
        for row in Self.rows("testdata_Byars_Wilson__testdata_B_W.csv") {
            let x = Double(row["x"]!)!
            let level = Self.level(row["confidence"])
            if row["method"] == "Byars" {
                let (low, high) = try RateInterval.countInterval(x, level: level, method: .byars)
                close(low, row["lowercl"], "Byars \(x) \(level) lower")
                close(high, row["uppercl"], "Byars \(x) \(level) upper")
            } else {
                let p = try ProportionInterval(count: x, denominator: Double(row["n"]!)!, level: level)
                close(p.lower.value, row["lowercl"], "Wilson \(x) \(level) lower")
                close(p.upper.value, row["uppercl"], "Wilson \(x) \(level) upper")
            }
        }
    }

    @Test("zero events and zero denominators: defined results or reasons, never errors")
    func edges() throws {
        let zero = try RateInterval(count: 0, denominator: 1000, multiplier: 1000)
        #expect(zero.value.value == 0 && zero.lower.value == 0)
        // Exact upper limit for 0 events at 95%: −ln(0.025) = 3.6888794541139363 events.
        #expect(abs((zero.upper.value ?? 0) - 3.6888794541139363) < 1e-12)
        let noDenominator = try RateInterval(count: 5, denominator: 0)
        #expect(noDenominator.value.reason == "the denominator is zero")
        let none = try ProportionInterval(count: 0, denominator: 20)
        #expect(none.lower.value == 0 && (none.upper.value ?? 0) > 0)
        let all = try ProportionInterval(count: 20, denominator: 20)
        #expect(all.upper.value == 1 && (all.lower.value ?? 1) < 1)
    }
}
