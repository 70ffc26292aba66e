import Foundation
@testable import Metrics
import Testing

/// The Mann–Kendall variants (Hamed–Rao, Yue–Wang, pre-whitened, trend-free pre-whitened) against exact
/// rational arithmetic on the decimal text of each series (`scripts/mann_kendall_variants_exact.py`;
/// Fixtures/mk-variants-exact/): a large offset with tenths (issue 17: Yue–Wang's Var*(S) on
/// 1,000,000.1 … 1,000,000.9 was 1.5·10⁻⁹ off), binary fractions on 10⁶ and integers on 10⁹ (doubles exact,
/// values not centred by `ValueScale`), monthly times with gaps, ties, and an ordinary rate. The data go
/// through the tidy reader and `Summarizer`, the same path as `metrics summarize --measures`.
struct MannKendallVariantsExactTests {
    static var references: [String: [String: Any]] {
        guard let data = try? Data(contentsOf: Fixtures.url("mk-variants-exact/references.json")),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
        else { return [:] }
        return root
    }

    static let series: [Series] = {
        (try? ReaderTests.read(Fixtures.url("mk-variants-exact/series.csv").path).series) ?? []
    }()

    static func certified(_ value: Any?) -> DoubleDouble? {
        guard let text = value as? String, case .number(let x) = DecimalText.parse(text) else { return nil }
        return x
    }

    @Test("the fixture is present: seven series, each with its references")
    func present() {
        #expect(Self.series.count == 7 && Self.references.count == 7)
    }

    @Test("summarize --measures: S exactly; Var*(S), z and p to 13 digits on the large offsets, 9 or more elsewhere", arguments: ["offset_tenths", "offset_eighths", "offset_billion", "ordinary", "ties", "monthly_gaps", "cycle_offset"])
    func summary(name: String) throws {
        let reference = try #require(Self.references[name])
        let series = try #require(Self.series.first { $0.key.values == [name] })
        let additional = AdditionalMeasures([.hamedRao, .yueWang, .prewhitened, .trendFreePrewhitened])
        let summary = try Summarizer(additional: additional).summarize(series)
        let names = additional.fieldNames
        func number(_ field: String) -> Double? {
            guard let i = names.firstIndex(of: field), case .number(let x) = summary.additional[i] else { return nil }
            return x
        }
        var report: [String] = []
        for (variant, prefix) in [("yue_wang", "mk_yue_wang"), ("hamed_rao", "mk_hamed_rao"), ("prewhitened", "mk_prewhitened"), ("tfpw", "mk_tfpw")] {
            let exact = try #require(reference[variant] as? [String: Any])
            guard let variance = Self.certified(exact["var_s"]) else {
                #expect(number("\(prefix)_var_s") == nil, "\(name) \(variant): no test in exact arithmetic (Var*(S) ≤ 0)")
                continue
            }
            #expect(number("\(prefix)_s") == (exact["s"] as? Int).map(Double.init), "\(name) \(variant): S")
            var lowest = 15.0
            for field in ["var_s", "z", "p"] {
                let certified = try #require(Self.certified(exact[field]))
                let lre = number("\(prefix)_\(field)").map { logRelativeError($0, certified: certified) } ?? 0
                lowest = min(lowest, lre)
                // The large offsets (the cases) to 13 digits; elsewhere the measured floor (Yue–Wang's
                // p on monthly_gaps reaches 9.5 digits: a tiny p magnifies z's rounding) with a margin.
                let floor = name.hasPrefix("offset") ? 13.0 : 9.0
                #expect(lre >= floor, "\(name) \(variant) \(field): LRE \(formatLRE(lre))")
            }
            _ = variance
            report.append("\(variant) \(formatLRE(lowest))")
        }
        print("mk variants exact \(name): lowest LRE " + report.joined(separator: ", "))
    }

    @Test("the measures on doubles that hold the data exactly: Yue–Wang's Var*(S) to 13 digits or more")
    func exactDoubles() throws {
        for name in ["offset_eighths", "offset_billion", "ordinary"] {
            let series = try #require(Self.series.first { $0.key.values == [name] })
            let (times, values) = series.numericPoints
            let reference = try #require(Self.references[name]?["yue_wang"] as? [String: Any])
            let test = try #require(try YueWangMannKendallTest(times: times, values: values))
            let lre = logRelativeError(test.varianceS, certified: try #require(Self.certified(reference["var_s"])))
            #expect(lre >= 13, "\(name): LRE \(formatLRE(lre))")
        }
    }
}
