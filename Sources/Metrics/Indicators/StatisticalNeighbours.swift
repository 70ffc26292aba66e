/// DfE's children's services statistical neighbours: for each local authority, the ten authorities most
/// similar to it on a set of socio-economic variables, closest first.
///
/// Source: DfE, "Children's services statistical neighbour benchmarking tool" (groupings of April 2021,
/// published as `New_Statistical_Neighbour_Groupings_April_2021.csv` on Explore Education Statistics).
/// The file has one row per authority: `LA num` (the old three-digit LA code), `LA Name`, `GOReg` (the
/// region), then `SN1` … `SN10` (the neighbours' old LA codes), each followed by an `SNP` column giving how
/// close it is ("Very Close", "Close", "Somewhat close", "Not Close"). Columns are found by name, so the
/// order and extra columns do not matter; a neighbour column left blank ends the list.
/// Rows without a code are headings (the file's "Old SNs:" section of pre-2019/2021 authorities follows
/// one); an authority listed twice keeps its first (current) grouping.
/// Conventions: authorities are looked up by the old LA code (e.g. 806, Middlesbrough) or, failing that, by
/// name ignoring case, spaces and punctuation, so "Kingston Upon Hull, City of" finds "Kingston upon Hull,
/// City of".
public struct StatisticalNeighbours: Sendable {
    public struct Neighbour: Sendable, Hashable {
        public let code: String
        /// DfE's closeness band: "Very Close", "Close", "Somewhat close" or "Not Close".
        public let closeness: String
    }

    public struct Authority: Sendable, Hashable {
        public let code: String
        public let name: String
        public let region: String
        /// Closest first.
        public let neighbours: [Neighbour]
    }

    public let authorities: [Authority]
    public let source: String
    private let byCode: [String: Int]
    private let byName: [String: Int]

    public init(authorities: [Authority], source: String) {
        self.authorities = authorities
        self.source = source
        var codes: [String: Int] = [:]
        var names: [String: Int] = [:]
        for (i, authority) in authorities.enumerated() {
            codes[authority.code] = codes[authority.code] ?? i
            names[StatisticalNeighbours.folded(authority.name)] = names[StatisticalNeighbours.folded(authority.name)] ?? i
        }
        byCode = codes
        byName = names
    }

    /// Reads DfE's groupings file (or an extract of some of its rows). A missing column is a `DataError`.
    public static func read(path: String) throws -> StatisticalNeighbours {
        let csv = try CSVReader(path: path)
        guard try csv.nextRecord() else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "the file is empty: DfE's statistical neighbour groupings are expected")
        }
        let header = try csv.strings().map { $0.trimmingSpaces() }
        func column(_ names: [String]) throws -> Int {
            for name in names {
                if let i = NumericColumns.columnIndex(of: name, in: header) { return i }
            }
            throw DataError(
                SourceLocation(file: csv.displayName, line: 1, column: 1),
                "no column named '\(names[0])': this does not look like DfE's statistical neighbour groupings (columns: \(header.prefix(8).joined(separator: ", ")))")
        }
        let codeIndex = try column(["LA num", "LA number", "old_la_code", "la_code"])
        let nameIndex = try column(["LA Name", "la_name"])
        let regionIndex = try column(["GOReg", "region", "region_name"])
        var neighbourIndices: [Int] = []
        for k in 1...20 {
            guard let i = NumericColumns.columnIndex(of: "SN\(k)", in: header) else { break }
            neighbourIndices.append(i)
        }
        guard !neighbourIndices.isEmpty else {
            throw DataError(SourceLocation(file: csv.displayName, line: 1, column: 1), "no neighbour columns (SN1, SN2, …)")
        }
        var authorities: [Authority] = []
        while try csv.nextRecord() {
            let fields = try csv.strings()
            if fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            func field(_ i: Int) -> String { i < fields.count ? fields[i].trimmingSpaces() : "" }
            let code = field(codeIndex)
            // A row without a code is a heading (DfE's file has ",Old SNs:" before the groupings of
            // authorities that no longer exist).
            if code.isEmpty { continue }
            var neighbours: [Neighbour] = []
            for i in neighbourIndices {
                let neighbour = field(i)
                if neighbour.isEmpty { break }
                // The closeness is the column after the neighbour's, when it is an SNP column.
                let closeness = i + 1 < header.count && header[i + 1].uppercased().hasPrefix("SNP") ? field(i + 1) : ""
                neighbours.append(Neighbour(code: neighbour, closeness: closeness))
            }
            authorities.append(Authority(code: code, name: field(nameIndex), region: field(regionIndex), neighbours: neighbours))
        }
        return StatisticalNeighbours(authorities: authorities, source: csv.displayName)
    }

    /// The authority with this old LA code, or this name.
    public func authority(_ codeOrName: String) -> Authority? {
        let text = codeOrName.trimmingSpaces()
        if let i = byCode[text] ?? byName[StatisticalNeighbours.folded(text)] { return authorities[i] }
        return nil
    }

    /// A name with case, spaces and punctuation removed, for matching names spelled differently.
    static func folded(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
}
