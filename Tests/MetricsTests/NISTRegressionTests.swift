import Foundation
import Metrics
import Testing

/// NIST StRD linear regression: every certified coefficient, standard error, residual SD and R², measured
/// as log relative error (digits that agree). Source: NIST Statistical Reference Datasets,
/// https://www.itl.nist.gov/div898/strd/lls/lls.shtml (files in ../shared/reference/nist).
@Suite("NIST StRD linear regression", .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)))
struct NISTRegressionTests {
    static let files: [URL] = SharedReference.files(in: "reference/nist", withExtension: "dat").filter {
        (try? NISTDataset(contentsOf: $0))?.kind == .regression
    }

    /// The agreement we hold ourselves to, whatever the set: the issue asks for 9 digits on the linear and
    /// quadratic sets; double-double QR gives 13 or more on every set tried, Filip and Wampler5 included.
    static let requiredDigits = 12.0

    @Test("certified values agree to 12+ digits", arguments: files)
    func certifiedValues(file: URL) throws {
        let data = try NISTDataset(contentsOf: file)
        let model = try #require(data.model)
        let fit = try LeastSquaresFit(predictors: data.predictors, response: data.response, model: model)
        #expect(fit.coefficients.count == data.certifiedEstimates.count)

        var report: [String] = []
        var lowest = 15.0
        func check(_ label: String, _ estimate: Double?, _ certified: DoubleDouble?) {
            guard let certified else { return }
            let lre = estimate.map { logRelativeError($0, certified: certified) } ?? 0
            lowest = min(lowest, lre)
            report.append("\(label) \(formatLRE(lre))")
            #expect(lre >= Self.requiredDigits, "\(data.name) \(label): LRE \(formatLRE(lre)), estimate \(String(describing: estimate)), certified \(certified.doubleValue)")
        }
        for (j, coefficient) in fit.coefficients.enumerated() where j < data.certifiedEstimates.count {
            check("B\(j + (model.includesIntercept ? 0 : 1))", coefficient.estimate, data.certifiedEstimates[j])
            check("se(B\(j + (model.includesIntercept ? 0 : 1)))", coefficient.standardError, data.certifiedStandardErrors[j])
        }
        check("residual SD", fit.residualStandardDeviation, data.certifiedResidualSD)
        check("R²", fit.rSquared, data.certifiedRSquared)
        print("NIST \(data.name): lowest LRE \(formatLRE(lowest)) — " + report.joined(separator: ", "))
    }
}

/// NIST StRD univariate summary statistics: mean, standard deviation and lag-1 autocorrelation, from the
/// data read exactly as decimals (https://www.itl.nist.gov/div898/strd/univ/univ.shtml).
@Suite("NIST StRD univariate statistics", .enabled(if: SharedReference.isAvailable, Comment(rawValue: SharedReference.missingMessage)))
struct NISTUnivariateTests {
    static let files: [URL] = SharedReference.files(in: "reference/nist", withExtension: "dat").filter {
        (try? NISTDataset(contentsOf: $0))?.kind == .univariate
    }

    @Test("certified values agree to 14+ digits", arguments: files)
    func certifiedValues(file: URL) throws {
        let data = try NISTDataset(contentsOf: file)
        let values = data.columns[0]
        let statistics = DescriptiveStatistics(values)
        var report: [String] = []
        for (label, estimate, certified) in [
            ("mean", statistics.mean, data.certifiedMean),
            ("sd", statistics.standardDeviation, data.certifiedSD),
            ("r(1)", statistics.lag1Autocorrelation, data.certifiedAutocorrelation),
        ] {
            let certifiedValue = try #require(certified, "\(data.name) lacks a certified \(label)")
            let lre = estimate.map { logRelativeError($0, certified: certifiedValue) } ?? 0
            report.append("\(label) \(formatLRE(lre))")
            #expect(lre >= 14, "\(data.name) \(label): LRE \(formatLRE(lre))")
        }
        print("NIST \(data.name): " + report.joined(separator: ", "))
    }

    /// The same sets through plain doubles (the per-series hot path), to show what double input costs:
    /// NumAcc sets with a huge offset lose digits to the input's binary representation, not to the method.
    @Test("double-precision path keeps 8+ digits", arguments: files)
    func doublePath(file: URL) throws {
        let data = try NISTDataset(contentsOf: file)
        let values = data.columns[0].map(\.doubleValue)
        let statistics = DescriptiveStatistics(values)
        let lreMean = logRelativeError(try #require(statistics.mean), certified: try #require(data.certifiedMean))
        let lreSD = logRelativeError(try #require(statistics.standardDeviation), certified: try #require(data.certifiedSD))
        print("NIST \(data.name) (double input): mean \(formatLRE(lreMean)), sd \(formatLRE(lreSD))")
        #expect(lreMean >= 14)
        #expect(lreSD >= 8)
    }
}
