/// The result of `metrics fit`, in every output form.
///
/// JSON (SPEC.md): `n`, `dof`, `residual_sd`, `r_squared` (uncentred through the origin) and `coefficients`,
/// intercept first, then ascending powers, each `{"term", "estimate", "se", "low", "high", "p"}`; also the
/// file, model, level, rows left out for missing values, and for the log-linear model the growth rate.
/// CSV, table and Markdown: one row per coefficient with the fit's figures repeated on each row.
public struct FitResult: Sendable {
    public let request: FitRequest
    public let data: NumericColumns
    public let fit: LeastSquaresFit
    public let logLinear: LogLinearFit?

    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json: json().rendered() + "\n"
        case .csv: table().csv()
        case .ndjson: table().ndjson()
        case .table: header() + table().table()
        case .markdown: table().markdown()
        }
    }

    var modelName: String {
        switch request.model {
        case .linear: request.x.count > 1 ? "linear (multiple)" : "linear"
        case .polynomial(let degree): "poly:\(degree)"
        case .logLinear: "loglinear"
        }
    }

    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("file", .string(data.file)),
            ("model", .string(modelName)),
            ("through_origin", .bool(!fit.model.includesIntercept)),
            ("y", .string(data.names[request.x.count])),
            ("x", .array(data.names[0..<request.x.count].map { .string($0) })),
        ]
        if request.weights != nil { members.append(("weights", .string(data.names.last!))) }
        members += [
            ("n", .integer(fit.n)),
            ("n_missing", .integer(data.leftOut.values.reduce(0, +))),
            ("dof", .integer(fit.degreesOfFreedom)),
            ("level", .number(fit.level)),
            ("residual_sd", .number(fit.residualStandardDeviation)),
            ("r_squared", .number(fit.rSquared)),
            ("rss", .number(fit.residualSumOfSquares)),
            ("coefficients", .array(fit.coefficients.map { c in
                .object([
                    ("term", .string(c.term)), ("estimate", .number(c.estimate)), ("se", .number(c.standardError)),
                    ("low", .number(c.low)), ("high", .number(c.high)), ("p", .number(c.p)),
                ])
            })),
        ]
        if let logLinear {
            members.append(("growth_rate", .number(logLinear.growthRate)))
            members.append(("growth_rate_low", .number(logLinear.growthRateLow)))
            members.append(("growth_rate_high", .number(logLinear.growthRateHigh)))
        }
        return .object(members)
    }

    public func table() -> ResultTable {
        ResultTable(
            columns: ["term", "estimate", "se", "low", "high", "p", "n", "dof", "residual_sd", "r_squared"],
            rows: fit.coefficients.map { c in
                [
                    .text(c.term), .number(c.estimate), .number(c.standardError), .number(c.low), .number(c.high),
                    .number(c.p), .integer(fit.n), .integer(fit.degreesOfFreedom),
                    .number(fit.residualStandardDeviation), .number(fit.rSquared),
                ]
            })
    }

    /// The lines above the table: the model, the columns and the file (names from the data, so the lines are
    /// written through `TerminalText`), then a blank line.
    private func header() -> String {
        let y = data.names[request.x.count]
        var first = "\(modelName) fit of \(y) on \(request.x.joined(separator: ", ")) in \(data.file): n = \(fit.n)"
        let leftOut = data.leftOut.values.reduce(0, +)
        if leftOut > 0 { first += " (\(leftOut) row(s) with missing values left out)" }
        first += ", \(NumberText.significant(fit.level * 100, digits: 4))% intervals"
        var lines = [first]
        if let logLinear {
            var growth = "growth per unit of \(request.x[0]): \(NumberText.significant(logLinear.growthRate * 100, digits: 6))%"
            if let low = logLinear.growthRateLow, let high = logLinear.growthRateHigh {
                growth += " (\(NumberText.significant(low * 100, digits: 6))% to \(NumberText.significant(high * 100, digits: 6))%)"
            }
            lines.append(growth)
        }
        return TerminalText.lines(lines + [""])
    }
}
