/// A reader hands out whole series, one at a time, from one input file.
protocol SeriesReader: AnyObject {
    func nextSeries() throws -> Series?
    var report: ReadReport { get }
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
