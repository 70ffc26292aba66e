/// A reader hands out whole series, one at a time, from one input file.
protocol SeriesReader: AnyObject {
    func nextSeries() throws -> Series?
    var report: ReadReport { get }
}

/// A reader that turns rows into series through a `SeriesAssembler`: it says how to move to the next row
/// and how to read one; the loop that hands out finished series, counts rows and collects problems is
/// shared.
protocol RowSeriesReader: SeriesReader {
    var assembler: SeriesAssembler { get }
    var policy: ProblemPolicy { get }
    var report: ReadReport { get set }
    var inputFinished: Bool { get set }
    /// Moves to the next row; `false` at the end of the input. A malformed file (an unterminated quote)
    /// throws here and stops reading.
    func advance() throws -> Bool
    /// Reads the current row into the assembler. A `DataError` here is a problem with this row only.
    func readRow() throws
    /// Called once at the end of the input, after the last series is complete.
    func inputEnded()
}

extension RowSeriesReader {
    func nextSeries() throws -> Series? {
        while true {
            if let series = assembler.nextReady() {
                report.record(series)
                return series
            }
            if inputFinished { return nil }
            guard try advance() else {
                if let problem = try policy.handle({ try assembler.finishOpen() }) {
                    try report.add(problem: problem, limit: policy.limit)
                }
                try assembler.finishInput()
                inputFinished = true
                inputEnded()
                continue
            }
            report.rows += 1
            if let problem = try policy.handle({ try readRow() }) {
                try report.add(problem: problem, limit: policy.limit)
            }
        }
    }

    func inputEnded() {}
}

/// Shared row-level error handling: stop at the first problem, or (validation) collect and go on.
struct ProblemPolicy {
    let collect: Bool
    let limit: Int

    /// Runs `body`; when collecting, a `DataError` is returned (the row is skipped) instead of thrown.
    func handle(_ body: () throws -> Void) throws -> DataError? {
        do {
            try body()
            return nil
        } catch let error as DataError where collect {
            return error
        }
    }
}

extension ReadReport {
    /// Keeps a problem; past the limit, reading stops.
    mutating func add(problem: DataError, limit: Int) throws {
        problems.append(problem)
        if problems.count >= limit {
            throw DataError(problem.location, "stopped after \(limit) problems")
        }
    }
}
