import Foundation
import Metrics
import Testing

/// Accuracy on our own certified sets: ill-conditioned polynomials (degree 5–10 on badly scaled x, raw
/// condition numbers up to 10³⁸), a huge offset with a tiny spread, weighted and through-the-origin fits,
/// collinear predictors, and NumAcc-like univariate data. Reference values are exact rational arithmetic
/// rounded to 25 digits (`scripts/exact_references.py`; Fixtures/exact/README.md).
/// The data go through `FitRequest` / `DescribeRequest`, the same path as `metrics fit` and `metrics describe`.
struct ExactReferenceTests {
    struct Dataset: CustomTestStringConvertible, @unchecked Sendable {
        let fields: [String: Any]
        var name: String { fields["name"] as! String }
        var testDescription: String { name }
        var kind: String { fields["kind"] as! String }
        var file: String { Fixtures.url("exact/\(fields["file"] as! String)").path }
        func decimal(_ key: String) -> DoubleDouble? {
            guard let text = fields[key] as? String, case .number(let x) = DecimalText.parse(text) else { return nil }
            return x
        }
        func decimals(_ key: String) -> [DoubleDouble] {
            (fields[key] as? [String] ?? []).map { text in
                guard case .number(let x) = DecimalText.parse(text) else { fatalError("bad reference \(text)") }
                return x
            }
        }
    }

    static let datasets: [Dataset] = {
        guard let data = try? Data(contentsOf: Fixtures.url("exact/references.json")),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let list = root["datasets"] as? [[String: Any]]
        else { return [] }
        return list.map(Dataset.init)
    }()

    @Test("the fixture set is present") func present() { #expect(Self.datasets.count >= 20) }

    @Test("fits agree with exact arithmetic to 12+ digits", arguments: datasets.filter { $0.kind == "fit" })
    func fits(dataset: Dataset) throws {
        let columns = dataset.fields["columns"] as! [String: Any]
        let model = dataset.fields["model"] as! [String: Any]
        let x = columns["x"] as! [String]
        let degree = model["degree"] as? Int ?? 1
        let request = FitRequest(
            path: dataset.file, x: x, y: columns["y"] as! String, weights: columns["weights"] as? String,
            model: degree > 1 ? .polynomial(degree: degree) : .linear,
            throughOrigin: !(model["intercept"] as! Bool))
        let result = try request.run()
        let fit = result.fit
        var lowest = 15.0
        func check(_ label: String, _ estimate: Double?, _ certified: DoubleDouble?) {
            guard let certified else { return }
            let lre = estimate.map { logRelativeError($0, certified: certified) } ?? 0
            lowest = min(lowest, lre)
            #expect(lre >= 12, "\(dataset.name) \(label): LRE \(formatLRE(lre)) (\(String(describing: estimate)) vs \(certified.doubleValue))")
        }
        let coefficients = dataset.decimals("coefficients")
        let errors = dataset.decimals("standard_errors")
        #expect(fit.coefficients.count == coefficients.count)
        #expect(fit.degreesOfFreedom == dataset.fields["dof"] as? Int)
        for (j, c) in fit.coefficients.enumerated() {
            check(c.term, c.estimate, coefficients[j])
            check("se(\(c.term))", c.standardError, errors[j])
        }
        check("residual SD", fit.residualStandardDeviation, dataset.decimal("residual_sd"))
        check("R²", fit.rSquared, dataset.decimal("r_squared"))
        print("exact \(dataset.name): lowest LRE \(formatLRE(lowest)) over \(2 * coefficients.count + 2) values")
    }

    @Test("describe agrees with exact arithmetic to 14+ digits", arguments: datasets.filter { $0.kind == "describe" })
    func describe(dataset: Dataset) throws {
        let column = (dataset.fields["columns"] as? [String: Any])?["y"] as? String ?? "y"
        let result = try DescribeRequest(path: dataset.file, columns: [column]).run()
        let s = result.columns[0].statistics
        #expect(s.n == dataset.fields["n"] as? Int)
        var report: [String] = []
        for (label, estimate, key) in [
            ("mean", s.mean, "mean"), ("sd", s.standardDeviation, "sd"), ("median", s.median, "median"),
            ("q1", s.quartiles?[0], "q1"), ("q3", s.quartiles?[2], "q3"), ("r1", s.lag1Autocorrelation, "lag1_autocorrelation"),
        ] {
            guard let certified = dataset.decimal(key) else { continue }
            let lre = estimate.map { logRelativeError($0, certified: certified) } ?? 0
            report.append("\(label) \(formatLRE(lre))")
            #expect(lre >= 14, "\(dataset.name) \(label): LRE \(formatLRE(lre))")
        }
        print("exact \(dataset.name): " + report.joined(separator: ", "))
    }
}
