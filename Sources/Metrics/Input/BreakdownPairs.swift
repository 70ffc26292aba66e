/// A rate's or proportion's numerator and denominator taken from two rows of a breakdown file, as Explore
/// Education Statistics publishes them: the count in one row ("With 3 or more placements during the year")
/// and its total in another ("Total children"), told apart by a breakdown column (`placement_stability`).
///
/// `Selection` names the rows: `numerator` and `denominator` are `COLUMN=VALUE` conditions (every one must
/// hold). Each numerator row is paired with the denominator row that has the same **key fields**: every
/// column but the ones the conditions name, the count and denominator columns, and the other value columns.
/// Key fields are therefore the period (`time_period` and `time_identifier`, or `period`), the geography, and
/// the other breakdowns (`cla_group`: "CLA on 31 March" pairs with "CLA on 31 March" only).
/// Value columns are told from key fields as `EESReader` tells indicators from filters: by the EES file's
/// `.meta.csv` when it has one, else a column is a value when its cells hold numbers and GSS symbols with at
/// least one number. Period, time and code columns (`time_period`, `period`, `year`, `date`, any `…_code`,
/// `LA num`) and EES's geography columns are always key fields, numbers or not.
///
/// Conventions: the count is read from the numerator row's count column, the denominator from the
/// denominator row's denominator column (the same column unless told otherwise); a GSS symbol in either keeps
/// its meaning as the reason of an empty value, naming the row it came from; a numerator row without a
/// partner has an empty value with the reason; two numerator (or two denominator) rows with the same key
/// fields are a `DataError` naming both lines, since the pairing would be a guess; a condition that no row
/// meets is a `DataError` listing the values its column holds. Rows that are neither are left out.
/// The file is read twice (the pairs first, then the caller's pass), so it must be a file, not standard input.
public struct BreakdownPairs: Sendable {
    public struct Selection: Sendable, Hashable {
        public var numerator: [NumericColumns.Filter]
        public var denominator: [NumericColumns.Filter]

        public init(numerator: [NumericColumns.Filter], denominator: [NumericColumns.Filter]) {
            self.numerator = numerator
            self.denominator = denominator
        }

        /// `placement_stability=With 3 or more placements during the year` for messages.
        static func text(_ conditions: [NumericColumns.Filter]) -> String {
            conditions.map { "\($0.column)=\($0.value)" }.joined(separator: ", ")
        }
    }

    /// A numerator row's count and its partner's denominator.
    public struct Pair: Sendable, Hashable {
        public let count: Measured<Double>
        public let denominator: Measured<Double>
        /// The partner's line, or `nil` when the numerator row has none.
        public let denominatorLine: Int?
    }

    /// The pairs by the line of their numerator row.
    public let pairs: [Int: Pair]
    /// The key fields the rows were paired on, in file order.
    public let keyColumns: [String]

    /// Columns that are key fields whatever they hold.
    static func isKeyColumn(_ name: String) -> Bool {
        let lowered = name.trimmingSpaces().lowercased()
        return ["time_period", "time_identifier", "period", "year", "date", "code", "la num", "la number", "geographic_level"].contains(lowered)
            || lowered.hasSuffix("_code") || EESReader.structuralColumns.contains(lowered)
    }

    /// Reads `path` and pairs its numerator and denominator rows. `filters` (`--where`) keep rows before
    /// pairing; `countColumn` and `denominatorColumn` name the columns of numbers.
    public static func read(
        path: String, selection: Selection, countColumn: String, denominatorColumn: String, filters: [NumericColumns.Filter] = []
    ) throws -> BreakdownPairs {
        let csv = try CSVReader(path: path)
        let file = csv.displayName
        guard path != "-", csv.isRegularFile else {
            throw InputUnavailableError(
                path: path, reason: "is not a regular file: numerator and denominator rows are paired in a first reading of the file, so give a file, not standard input or a pipe")
        }
        guard try csv.nextRecord() else {
            throw DataError(SourceLocation(file: file, line: 1, column: 1), "the file is empty: a header row naming the columns is expected")
        }
        let header = try csv.strings().map { $0.trimmingSpaces() }
        let headerLocation = SourceLocation(file: file, line: 1, column: 1)
        func index(_ name: String, for role: String) throws -> Int {
            guard let i = NumericColumns.columnIndex(of: name, in: header) else {
                throw DataError(headerLocation, "no column named '\(name)' \(role) (the columns are \(header.map { "'\($0)'" }.joined(separator: ", ")))")
            }
            return i
        }
        let countIndex = try index(countColumn, for: "for the count")
        let denominatorIndex = try index(denominatorColumn, for: "for the denominator")
        let numerator = try selection.numerator.map { (try index($0.column, for: "in --numerator-where"), $0.value.trimmingSpaces()) }
        let denominator = try selection.denominator.map { (try index($0.column, for: "in --denominator-where"), $0.value.trimmingSpaces()) }
        let kept = try filters.map { (try index($0.column, for: "to filter on"), $0.value) }
        guard !numerator.isEmpty, !denominator.isEmpty else {
            throw DataError(headerLocation, "a breakdown pairing needs both a numerator and a denominator condition (COLUMN=VALUE)")
        }
        guard numerator.map({ "\($0.0)=\($0.1)" }).sorted() != denominator.map({ "\($0.0)=\($0.1)" }).sorted() else {
            throw DataError(headerLocation, "the numerator and denominator conditions are the same (\(Selection.text(selection.numerator))): they must pick different rows")
        }
        let selectionColumns = Set(numerator.map(\.0) + denominator.map(\.0))

        // Which columns are values (never key fields): EES metadata, or what the cells hold.
        let metadata = try EESMetadata.load(for: path, explicitPath: nil)
        var candidates: [Int] = []
        var valueColumns: Set<Int> = [countIndex, denominatorIndex]
        for i in header.indices where !selectionColumns.contains(i) && !valueColumns.contains(i) && !isKeyColumn(header[i]) {
            if let column = metadata?.columns[header[i]] {
                if column.isIndicator { valueColumns.insert(i) }
            } else {
                candidates.append(i)
            }
        }
        var numeric = [Bool](repeating: false, count: header.count)
        var textual = [Bool](repeating: false, count: header.count)

        struct Row {
            let line: Int
            let fields: [String]
            let amount: Measured<Double>
        }
        var numerators: [Row] = []
        var denominators: [Row] = []
        // The values each condition's column holds, for the message when a condition meets no row.
        var seen: [Int: Set<String>] = [:]
        func holds(_ conditions: [(Int, String)]) throws -> Bool {
            for (i, value) in conditions where try csv.string(i).trimmingSpaces() != value { return false }
            return true
        }
        while try csv.nextRecord() {
            guard csv.fieldCount == header.count else {
                throw DataError(csv.recordLocation, "this row has \(csv.fieldCount) field(s) but the header has \(header.count)")
            }
            guard try holds(kept) else { continue }
            for i in candidates {
                switch csv.withField(i, { ValueText.parse($0) }) {
                case .number: numeric[i] = true
                case .missing: break
                case .invalid: textual[i] = true
                }
            }
            for i in selectionColumns where (seen[i]?.count ?? 0) < 50 {
                seen[i, default: []].insert(try csv.string(i).trimmingSpaces())
            }
            if try holds(numerator) {
                numerators.append(Row(line: csv.line, fields: try csv.strings(), amount: try csv.measuredNumber(countIndex, named: header[countIndex], nonNegative: true)))
            } else if try holds(denominator) {
                denominators.append(
                    Row(line: csv.line, fields: try csv.strings(), amount: try csv.measuredNumber(denominatorIndex, named: header[denominatorIndex], nonNegative: true)))
            }
        }
        for (conditions, rows, option) in [(numerator, numerators, "--numerator-where"), (denominator, denominators, "--denominator-where")] where rows.isEmpty {
            let (i, value) = conditions.first { condition in !(seen[condition.0]?.contains(condition.1) ?? false) } ?? conditions[0]
            let values = (seen[i] ?? []).sorted().prefix(12).map { "'\($0)'" }.joined(separator: ", ")
            throw DataError(
                headerLocation,
                "no row has \(header[i])=\(value) (\(option)): the column holds \(values.isEmpty ? "no values" : values)\(kept.isEmpty ? "" : " in the rows --where keeps")")
        }
        for i in candidates where numeric[i] && !textual[i] { valueColumns.insert(i) }
        let keyIndices = header.indices.filter { !selectionColumns.contains($0) && !valueColumns.contains($0) }
        func key(_ row: Row) -> String { keyIndices.map { row.fields[$0].trimmingSpaces() }.joined(separator: "\u{1F}") }
        func describe(_ row: Row) -> String {
            keyIndices.map { "\(header[$0])=\(row.fields[$0].trimmingSpaces())" }.filter { !$0.hasSuffix("=") }.joined(separator: ", ")
        }

        var byKey: [String: Row] = [:]
        for row in denominators {
            let k = key(row)
            if let earlier = byKey[k] {
                throw DataError(
                    SourceLocation(file: file, line: row.line, column: 1),
                    "a second denominator row (\(Selection.text(selection.denominator))) with the same key fields as line \(earlier.line) (\(describe(row))): the pairing would be a guess; choose one with --where")
            }
            byKey[k] = row
        }
        var pairs: [Int: Pair] = [:]
        var numeratorLines: [String: Int] = [:]
        for row in numerators {
            let k = key(row)
            if let earlier = numeratorLines[k] {
                throw DataError(
                    SourceLocation(file: file, line: row.line, column: 1),
                    "a second numerator row (\(Selection.text(selection.numerator))) with the same key fields as line \(earlier) (\(describe(row))): the pairing would be a guess; choose one with --where")
            }
            numeratorLines[k] = row.line
            if let partner = byKey[k] {
                let denominatorValue: Measured<Double> = switch partner.amount {
                case .value(let n): .value(n)
                case .undefined(let reason): .undefined("the denominator row (line \(partner.line)): \(reason)")
                }
                pairs[row.line] = Pair(count: row.amount, denominator: denominatorValue, denominatorLine: partner.line)
            } else {
                pairs[row.line] = Pair(
                    count: row.amount,
                    denominator: .undefined("no denominator row (\(Selection.text(selection.denominator))) with the same key fields (\(describe(row)))"),
                    denominatorLine: nil)
            }
        }
        return BreakdownPairs(pairs: pairs, keyColumns: keyIndices.map { header[$0] })
    }
}
