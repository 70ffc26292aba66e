import Foundation
import Metrics

/// A NIST StRD dataset file (`.dat`): its data, read exactly, the model it certifies, and the certified values.
/// The parser is generic over the StRD file layout, so any linear-regression or univariate StRD file can be
/// dropped beside the others and is tested the same way.
struct NISTDataset {
    enum Kind { case regression, univariate }

    let name: String
    let kind: Kind
    /// Data columns in file order (y first), read exactly.
    let columns: [[DoubleDouble]]
    let columnNames: [String]
    // Regression: the certified model and values.
    var model: LinearModel?
    var certifiedEstimates: [DoubleDouble] = []
    var certifiedStandardErrors: [DoubleDouble] = []
    var certifiedResidualSD: DoubleDouble?
    var certifiedRSquared: DoubleDouble?
    // Univariate.
    var certifiedMean: DoubleDouble?
    var certifiedSD: DoubleDouble?
    var certifiedAutocorrelation: DoubleDouble?

    init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.components(separatedBy: .newlines)
        name = url.deletingPathExtension().lastPathComponent
        guard let dataLine = lines.lastIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Data:") }) else {
            throw NISTError.malformed("\(name): no Data: line")
        }
        let header = lines[..<dataLine]
        let names = lines[dataLine].replacingOccurrences(of: "Data:", with: "").split(separator: " ").map { String($0).lowercased() }
        columnNames = names
        var columns = [[DoubleDouble]](repeating: [], count: names.count)
        for line in lines[(dataLine + 1)...] {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == names.count else { continue }
            let values = fields.map { DecimalText.parse(String($0)) }
            guard values.allSatisfy({ if case .number = $0 { true } else { false } }) else { continue }
            for (j, value) in values.enumerated() { if case .number(let x) = value { columns[j].append(x) } }
        }
        self.columns = columns

        func number(_ s: Substring) -> DoubleDouble? {
            if case .number(let x) = DecimalText.parse(String(s)) { return x }
            return nil
        }
        func lastNumber(in line: String) -> DoubleDouble? {
            line.split(separator: " ").reversed().lazy.compactMap(number).first
        }

        if header.contains(where: { $0.contains("Sample Mean") }) {
            kind = .univariate
            for line in header {
                if line.contains("Sample Mean") { certifiedMean = lastNumber(in: line) }
                if line.contains("Sample Standard Deviation") { certifiedSD = lastNumber(in: line) }
                if line.contains("Sample Autocorrelation") { certifiedAutocorrelation = lastNumber(in: line) }
            }
            return
        }
        kind = .regression
        // Model: the terms B0, B1*x, B2*(x**2), B1*x1 ... from the header's "y = ..." formula.
        let formulaStart = header.firstIndex { $0.contains("y = B") || $0.contains("y = b") } ?? header.startIndex
        let formula = header[formulaStart...].prefix { !$0.contains("Certified") }.joined(separator: " ")
        let termPattern = try NSRegularExpression(pattern: #"B(\d+)(\s*\*\s*\(?\s*(x\d*)\s*(\*\*\s*(\d+))?\s*\)?)?"#)
        let matches = termPattern.matches(in: formula, range: NSRange(formula.startIndex..., in: formula))
        var intercept = false
        var maxPower = 0
        var predictors = Set<String>()
        for match in matches {
            if match.range(at: 2).location == NSNotFound {
                intercept = true
                continue
            }
            let variable = String(formula[Range(match.range(at: 3), in: formula)!])
            predictors.insert(variable)
            let power = match.range(at: 5).location == NSNotFound ? 1 : Int(formula[Range(match.range(at: 5), in: formula)!])!
            maxPower = max(maxPower, power)
        }
        if predictors.count > 1 {
            model = LinearModel(form: .multiple(predictors: predictors.count), includesIntercept: intercept)
        } else {
            model = LinearModel(form: .polynomial(degree: maxPower), includesIntercept: intercept)
        }
        // Certified values.
        var previous = ""
        for line in header {
            let fields = line.split(separator: " ")
            if fields.count >= 3, fields[0].first == "B", Int(fields[0].dropFirst()) != nil,
                let estimate = number(fields[1]), let se = number(fields[2])
            {
                certifiedEstimates.append(estimate)
                certifiedStandardErrors.append(se)
            }
            if line.contains("Standard Deviation"), previous.contains("Residual") || line.contains("Residual"),
                let value = lastNumber(in: line)
            {
                certifiedResidualSD = value
            }
            if line.contains("R-Squared") { certifiedRSquared = lastNumber(in: line) }
            previous = line
        }
    }

    /// y and the predictor columns (x, or x1 … xk in order).
    var response: [DoubleDouble] { columns[columnNames.firstIndex(of: "y") ?? 0] }
    var predictors: [[DoubleDouble]] {
        columnNames.indices.filter { columnNames[$0] != "y" }.map { columns[$0] }
    }
}

enum NISTError: Error { case malformed(String) }
