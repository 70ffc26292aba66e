/// DfE's children's services statistical neighbours: for each local authority, the ten authorities most
/// similar to it on a set of socio-economic variables, closest first.
///
/// Source: DfE, "Children's services statistical neighbour benchmarking tool". Every layout DfE has published
/// reads, with or without a byte-order mark, the columns found by name (so their order and extra columns do
/// not matter):
/// - the **2021 groupings** (`New_Statistical_Neighbour_Groupings_April_2021.csv`; LAIT's `SN_April 2021.xlsx`
///   and `sn_may_2025.xlsx` saved as CSV, whose two rows above the header are skipped): `LA num` (the old
///   three-digit LA code), `LA Name`, `GOReg` (the region), then `SN1` … `SN10` (the neighbours' old LA
///   codes), each followed by an `SNP` column giving how close it is;
/// - the **2025 model, wide** (`sn_model_2025_wide.csv`): `old_la_code`, `la_name`, `region_name`, then
///   `SN_1`, `SN_1P` … `SN_10`, `SN_10P` (closeness words written with trailing spaces, "Close ");
/// - this project's **tidy layout** (`datasets/statistical_neighbours/`, the groupings built in): one row per
///   authority and neighbour, `old_la_code`, `new_la_code`, `la_name`, `region_name`, `neighbour_rank`,
///   `neighbour_old_la_code` (or `neighbour_new_la_code`), `closeness`.
/// Neighbour columns are recognised whatever their case, spaces and underscores (`SN1`, `SN_1`, `sn 1`); a
/// closeness column is `SN<k>P`, or an `SNP` right after a neighbour column. The header is the first of the
/// first ten rows that names neighbour columns. Closeness is DfE's word with spaces trimmed ("Extremely
/// close", "Very close", "Close", "Somewhat close", "Not close"; the 2021 file writes "Very Close").
/// Conventions: a neighbour cell left blank ends the list; rows without a code are headings (the 2021 file's
/// "Old SNs:" section of pre-2019/2021 authorities follows one); an authority listed twice keeps its first
/// (current) grouping. Authorities are looked up by the old LA code (806, Middlesbrough), by the GSS code
/// when the file gives it (E06000002), or by name ignoring case, spaces and punctuation, so "Kingston Upon
/// Hull, City of" finds "Kingston upon Hull, City of" and "St. Helens" finds "St Helens".
public struct StatisticalNeighbours: Sendable {
    public struct Neighbour: Sendable, Hashable {
        /// The neighbour's old LA code (or, in a tidy file that gives only GSS codes, its GSS code).
        public let code: String
        /// DfE's closeness band, as written ("Very close", "Close", "Somewhat close" …).
        public let closeness: String

        public init(code: String, closeness: String) {
            self.code = code
            self.closeness = closeness
        }
    }

    public struct Authority: Sendable, Hashable {
        /// The old three-digit LA code.
        public let code: String
        /// The GSS code (`new_la_code`), or empty when the file does not give it.
        public let newCode: String
        public let name: String
        public let region: String
        /// Closest first.
        public let neighbours: [Neighbour]

        public init(code: String, newCode: String = "", name: String, region: String, neighbours: [Neighbour]) {
            self.code = code
            self.newCode = newCode
            self.name = name
            self.region = region
            self.neighbours = neighbours
        }
    }

    public let authorities: [Authority]
    /// Where the groupings come from: the file's name, or the built-in model's description.
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
            if !authority.newCode.isEmpty { codes[authority.newCode] = codes[authority.newCode] ?? i }
            names[StatisticalNeighbours.folded(authority.name)] = names[StatisticalNeighbours.folded(authority.name)] ?? i
        }
        byCode = codes
        byName = names
    }

    /// Reads a groupings file in any of DfE's layouts (or an extract of some of its rows). A file without
    /// neighbour or authority columns is a `DataError` naming what it found.
    public static func read(path: String) throws -> StatisticalNeighbours {
        try read(try CSVReader(path: path), source: nil)
    }

    /// The description of the groupings built into the library (`dfe2025()`).
    public static let dfe2025Source = "DfE's 2025 statistical neighbour model (built in: datasets/statistical_neighbours/)"

    private static let dfe2025Groupings = Result { () throws -> StatisticalNeighbours in
        try read(CSVReader(bytes: Array(dfe2025CSV.utf8) + [0x0A], name: "dfe_statistical_neighbours_2025.csv"), source: dfe2025Source)
    }

    /// DfE's current groupings (the 2025 model) for every local authority in England, built into the library
    /// from `datasets/statistical_neighbours/dfe_statistical_neighbours_2025.csv` (see its README for the
    /// source and how it was derived), so that no file is needed.
    public static func dfe2025() throws -> StatisticalNeighbours {
        try dfe2025Groupings.get()
    }

    private static func read(_ csv: CSVReader, source: String?) throws -> StatisticalNeighbours {
        // The header: the first of the first ten rows that names neighbour columns (a spreadsheet saved as
        // CSV may have a title or column letters above it).
        var header: [String] = []
        var layout: Layout?
        var headerLine = 1
        var seen = 0
        while seen < 10, try csv.nextRecord() {
            seen += 1
            let row = try csv.strings().map { $0.trimmingSpaces() }
            if header.isEmpty { header = row }
            if let found = Layout(header: row) {
                header = row
                layout = found
                headerLine = csv.line
                break
            }
        }
        let headerLocation = SourceLocation(file: csv.displayName, line: headerLine, column: 1)
        guard seen > 0 else {
            throw DataError(headerLocation, "the file is empty: DfE's statistical neighbour groupings are expected")
        }
        guard let layout else {
            throw DataError(
                headerLocation,
                "no neighbour columns (SN1 … SN10, SN_1 … SN_10, or neighbour_rank with neighbour_old_la_code): this does not look like DfE's statistical neighbour groupings (columns: \(header.prefix(8).joined(separator: ", ")))")
        }
        func column(_ names: [String], required: Bool = true) throws -> Int? {
            for name in names {
                if let i = NumericColumns.columnIndex(of: name, in: header) { return i }
            }
            guard required else { return nil }
            throw DataError(
                headerLocation,
                "no column named '\(names[0])' (or \(names.dropFirst().map { "'\($0)'" }.joined(separator: ", "))): this does not look like DfE's statistical neighbour groupings (columns: \(header.prefix(8).joined(separator: ", ")))")
        }
        let codeIndex = try column(["LA num", "LA number", "old_la_code", "la_code"])!
        let nameIndex = try column(["LA Name", "la_name"])!
        let regionIndex = try column(["GOReg", "region_name", "region"])!
        let newCodeIndex = try column(["new_la_code"], required: false)

        var authorities: [Authority] = []
        var seenCodes: Set<String> = []
        switch layout {
        case .wide(let columns):
            while try csv.nextRecord() {
                let fields = try csv.strings()
                func field(_ i: Int) -> String { i < fields.count ? fields[i].trimmingSpaces() : "" }
                // A row without a code is a heading (DfE's 2021 file has ",Old SNs:" before the groupings
                // of authorities that no longer exist) or blank.
                let code = field(codeIndex)
                if code.isEmpty { continue }
                var neighbours: [Neighbour] = []
                for (codeColumn, closenessColumn) in columns {
                    let neighbour = field(codeColumn)
                    if neighbour.isEmpty { break }
                    neighbours.append(Neighbour(code: neighbour, closeness: closenessColumn.map(field) ?? ""))
                }
                guard seenCodes.insert(code).inserted else { continue }
                authorities.append(
                    Authority(code: code, newCode: newCodeIndex.map(field) ?? "", name: field(nameIndex), region: field(regionIndex), neighbours: neighbours))
            }
        case .long(let rankIndex, let neighbourIndex, let closenessIndex):
            // One row per authority and neighbour; an authority's rows may come in any order of rank.
            var order: [String] = []
            var rows: [String: (authority: Authority, ranked: [(rank: Int, neighbour: Neighbour, line: Int)])] = [:]
            while try csv.nextRecord() {
                let fields = try csv.strings()
                func field(_ i: Int) -> String { i < fields.count ? fields[i].trimmingSpaces() : "" }
                let code = field(codeIndex)
                if code.isEmpty { continue }
                let rankText = field(rankIndex)
                guard let rank = Int(rankText), rank >= 1 else {
                    throw DataError(csv.location(ofField: rankIndex), "the neighbour_rank '\(rankText)' is not a whole number from 1")
                }
                let neighbour = field(neighbourIndex)
                if neighbour.isEmpty { continue }
                if rows[code] == nil {
                    order.append(code)
                    rows[code] = (
                        Authority(code: code, newCode: newCodeIndex.map(field) ?? "", name: field(nameIndex), region: field(regionIndex), neighbours: []), []
                    )
                }
                if let earlier = rows[code]!.ranked.first(where: { $0.rank == rank }) {
                    throw DataError(csv.recordLocation, "authority \(code) has a second neighbour of rank \(rank) (the first is on line \(earlier.line))")
                }
                rows[code]!.ranked.append((rank, Neighbour(code: neighbour, closeness: closenessIndex.map(field) ?? ""), csv.line))
            }
            for code in order {
                let entry = rows[code]!
                let a = entry.authority
                authorities.append(
                    Authority(
                        code: a.code, newCode: a.newCode, name: a.name, region: a.region,
                        neighbours: entry.ranked.sorted { $0.rank < $1.rank }.map(\.neighbour)))
            }
        }
        return StatisticalNeighbours(authorities: authorities, source: source ?? csv.displayName)
    }

    /// How a groupings file lays its neighbours out.
    private enum Layout {
        /// One row per authority: each neighbour's code column with its closeness column, closest first.
        case wide([(code: Int, closeness: Int?)])
        /// One row per authority and neighbour.
        case long(rank: Int, neighbour: Int, closeness: Int?)

        init?(header: [String]) {
            let folded = header.map { String($0.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" }.map(Character.init)) }
            if let rank = folded.firstIndex(of: "neighbourrank"),
               let neighbour = folded.firstIndex(of: "neighbouroldlacode") ?? folded.firstIndex(of: "neighbournewlacode") {
                self = .long(rank: rank, neighbour: neighbour, closeness: folded.firstIndex(of: "closeness"))
                return
            }
            // SN<k> (neighbour k) and SN<k>P (its closeness); a bare SNP belongs to the neighbour before it.
            var codes: [Int: Int] = [:]
            var closeness: [Int: Int] = [:]
            var previous: Int?
            for (i, name) in folded.enumerated() {
                guard name.hasPrefix("sn") else {
                    previous = nil
                    continue
                }
                var rest = name.dropFirst(2)
                let isCloseness = rest.hasSuffix("p")
                if isCloseness { rest = rest.dropLast() }
                if rest.isEmpty, isCloseness, let k = previous {
                    closeness[k] = closeness[k] ?? i
                } else if let k = Int(rest), k >= 1, rest.allSatisfy(\.isASCII) {
                    if isCloseness {
                        closeness[k] = closeness[k] ?? i
                    } else if codes[k] == nil {
                        codes[k] = i
                        previous = k
                        continue
                    }
                }
                previous = nil
            }
            // Neighbours 1, 2, … as far as they run without a gap.
            var columns: [(code: Int, closeness: Int?)] = []
            var k = 1
            while let code = codes[k] {
                columns.append((code, closeness[k]))
                k += 1
            }
            guard !columns.isEmpty else { return nil }
            self = .wide(columns)
        }
    }

    /// The authority with this old LA code, GSS code, or name.
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
