extension CSVReader {
    /// The current record's field `index` as a number for a computation: the number, `undefined` with the
    /// meaning of a missing-value symbol ("deaths is 'c': confidential …"), or a `DataError` at the cell for
    /// text that is not a number (or, with `nonNegative`, a negative number). `name` is the column's name.
    func measuredNumber(_ index: Int, named name: String, nonNegative: Bool) throws -> Measured<Double> {
        try withField(index) { bytes throws -> Measured<Double> in
            switch ValueText.parse(bytes) {
            case .number(let x, _, _):
                if nonNegative, x < 0 { throw DataError(location(ofField: index), "'\(name)' cannot be negative (\(x))") }
                return .value(x)
            case .missing(let symbol):
                return .undefined("\(name) is \(symbol == .blank ? "blank" : "'\(symbol.symbol)': \(symbol.reason)")")
            case .invalid(let reason):
                throw DataError(location(ofField: index), "the \(name) '\(LongReader.shown(bytes))' cannot be read: \(reason)")
            }
        }
    }
}
