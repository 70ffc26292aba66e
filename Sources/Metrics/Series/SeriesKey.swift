/// What identifies a series: its text dimensions, in the file's column order (for example
/// `area_code=E06000002, area_name=Middlesbrough, indicator=children_looked_after`).
///
/// Keys order lexicographically by their values, dimension by dimension, which is the order of sorted
/// outputs. All series of one file share one `names` array.
public struct SeriesKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let names: [String]
    public let values: [String]

    public init(names: [String], values: [String]) {
        precondition(names.count == values.count, "a key needs one value per dimension")
        self.names = names
        self.values = values
    }

    /// The value of dimension `name`, if the key has it.
    public subscript(name: String) -> String? {
        names.firstIndex(of: name).map { values[$0] }
    }

    public var description: String {
        zip(names, values).map { "\($0)=\($1)" }.joined(separator: ", ")
    }

    public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
        for (x, y) in zip(a.values, b.values) where x != y {
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        return a.values.count < b.values.count
    }
}
