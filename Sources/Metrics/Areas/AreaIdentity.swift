/// Which area a series or a row is about, identified once from the file's own columns: its codes, its name,
/// its region and its level (England, a region or other aggregate, a local authority).
///
/// Built from the columns each format has:
/// - **EES**: `geographic_level`, the level's code and name (`country_code`/`country_name`,
///   `region_code`/`region_name`, `new_la_code`/`la_name`), `old_la_code`, `region_code`, `region_name`.
/// - **LAIT**: `area` (the name), `old_la_code`, `region`.
/// - **Tidy**: `area_code` (or `new_la_code`, `geography_code`), `area_name` (or `la_name`, `area`),
///   optional `old_la_code`, `region_code`, `region_name` (or `region`), `geographic_level`.
///
/// The level, when the file does not state it (`geographic_level`), comes from the codes, then the name:
/// - GSS codes (ONS, "Code History Database"): `E92` England; `E12` a region and `E13` Inner or Outer London
///   (aggregates); `E06` unitary, `E08` metropolitan district, `E09` London borough, `E10` county and `E07`
///   district: local authorities.
/// - DfE's old three-digit LA codes: the authorities run from 201 (City of London) to 943 (Westmorland and
///   Furness, 2023) — 921 is the Isle of Wight, an authority; LAIT gives its aggregates codes from 970:
///   970 England, 980 the North East (as the LAIT extract in `../shared/data/dfe/lait` has them), 987 and
///   988 Inner and Outer London. Every code from 970 to 999 is taken for an aggregate and 970 for England.
/// - Names: "England"; the nine English regions, "London (Inner)"/"Inner London" and "London (Outer)"/"Outer
///   London" are aggregates. Anything else is taken for a local authority.
public struct AreaIdentity: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable, Comparable {
        /// England (or another country's national total).
        case national
        /// A region, or Inner or Outer London: an aggregate of local authorities below the country.
        case regional
        case localAuthority = "local_authority"
        /// A geography that is neither (an EES ward, school or parliamentary constituency row).
        case other

        public static func < (a: Level, b: Level) -> Bool { a.order < b.order }
        private var order: Int { [.national: 0, .regional: 1, .localAuthority: 2, .other: 3][self]! }

        /// Whether this is a total over local authorities (England, a region, Inner or Outer London).
        public var isAggregate: Bool { self == .national || self == .regional }
    }

    public var level: Level
    /// The GSS code (E06000002), or whatever code the file gives when it has no GSS code.
    public var code: String
    /// DfE's old three-digit LA code (806), or LAIT's aggregate code (970, 980).
    public var oldCode: String
    public var name: String
    /// The region the area lies in (for a region, the region itself), as the file gives it.
    public var regionCode: String
    public var regionName: String

    public init(level: Level, code: String = "", oldCode: String = "", name: String = "", regionCode: String = "", regionName: String = "") {
        self.level = level
        self.code = code
        self.oldCode = oldCode
        self.name = name
        self.regionCode = regionCode
        // LAIT writes `NA` for the region of England and of a region.
        self.regionName = regionName == "NA" ? "" : regionName
    }

    /// The area's identity with its level inferred from `geographicLevel` (an EES or tidy `geographic_level`
    /// value, empty when the file has none), then its codes and name.
    public init(geographicLevel: String = "", code: String, oldCode: String = "", name: String, regionCode: String = "", regionName: String = "") {
        self.init(
            level: Self.level(declared: geographicLevel, code: code, oldCode: oldCode, name: name),
            code: code, oldCode: oldCode, name: name, regionCode: regionCode, regionName: regionName)
    }

    /// The columns that identify an area, any of which a key or a row may have.
    public static let codeColumns = ["area_code", "new_la_code", "geography_code", "la_code"]
    public static let nameColumns = ["area_name", "la_name", "area"]
    public static let regionCodeColumns = ["region_code"]
    public static let regionNameColumns = ["region_name", "region"]

    /// The area a series' key names (its `area_code`, `area_name`, `old_la_code`, `region…` and
    /// `geographic_level` fields); `nil` when the key names no area.
    public init?(key: SeriesKey) {
        func field(_ names: [String]) -> String {
            for (name, value) in zip(key.names, key.values) where names.contains(name.lowercased()) && !value.isEmpty { return value }
            return ""
        }
        let code = field(Self.codeColumns)
        let name = field(Self.nameColumns)
        let oldCode = field(["old_la_code"])
        guard !code.isEmpty || !name.isEmpty || !oldCode.isEmpty else { return nil }
        self.init(
            geographicLevel: field(["geographic_level"]), code: code, oldCode: oldCode, name: name,
            regionCode: field(Self.regionCodeColumns), regionName: field(Self.regionNameColumns))
    }

    /// The level a file's `geographic_level` states, or else what the codes and name say (see the type's
    /// documentation).
    public static func level(declared: String, code: String, oldCode: String, name: String) -> Level {
        switch declared.trimmingSpaces().lowercased() {
        case "": break
        case "national", "country": return .national
        case "regional", "region": return .regional
        case "local authority", "local", "la", "local_authority": return .localAuthority
        default: return .other
        }
        if let level = gssLevel(code) ?? oldCodeLevel(oldCode) ?? oldCodeLevel(code) { return level }
        let folded = AreaIdentity.folded(name)
        if folded == "england" { return .national }
        if englishRegionNames.contains(folded) { return .regional }
        return .localAuthority
    }

    /// The level a GSS code's entity prefix gives, `nil` for text that is not an English GSS code.
    static func gssLevel(_ code: String) -> Level? {
        let utf8 = Array(code.utf8)
        guard utf8.count == 9, utf8[0] == UInt8(ascii: "E"), utf8.dropFirst().allSatisfy({ (48...57).contains($0) }) else { return nil }
        switch code.prefix(3) {
        case "E92": return .national
        case "E12", "E13": return .regional
        case "E06", "E07", "E08", "E09", "E10": return .localAuthority
        default: return .other
        }
    }

    /// The level a DfE old LA code gives, `nil` for text that is not three digits.
    static func oldCodeLevel(_ code: String) -> Level? {
        guard code.utf8.count == 3, let n = Int(code) else { return nil }
        if n == 970 { return .national }
        if (971...999).contains(n) { return .regional }
        return .localAuthority
    }

    /// English regions and London's two halves, case-folded, as DfE, ONS and LAIT write them.
    static let englishRegionNames: Set<String> = [
        "north east", "north west", "yorkshire and the humber", "yorkshire and humber", "east midlands", "west midlands",
        "east of england", "east", "london", "inner london", "outer london", "london (inner)", "london (outer)",
        "south east", "south west",
    ]

    /// Text as areas are compared: case-folded, surrounding spaces trimmed.
    public static func folded(_ text: String) -> String { text.trimmingSpaces().lowercased() }

    /// Whether `wanted` (folded) is this area's code, old code or name: its own, or, for a code or name the
    /// file does not give it (a GSS code in a LAIT file), the one `LocalAuthorityDirectory` holds for it.
    public func isNamed(_ wanted: String) -> Bool {
        if (!code.isEmpty && Self.folded(code) == wanted) || (!oldCode.isEmpty && Self.folded(oldCode) == wanted)
            || (!name.isEmpty && Self.folded(name) == wanted)
        {
            return true
        }
        // The directory only for what the file lacks: a GSS code where the area has none, an old code where it
        // has none, another publisher's name for an aggregate. Other texts cost nothing more.
        let wantsGSS = Self.gssLevel(wanted.uppercased()) != nil && Self.gssLevel(code) == nil
        let wantsOldCode = Self.oldCodeLevel(wanted) != nil && oldCode.isEmpty
        let wantsAlias = LocalAuthorityDirectory.aliases[wanted] != nil || LocalAuthorityDirectory.aliasTargets.contains(wanted)
        guard wantsGSS || wantsOldCode || wantsAlias else { return false }
        let target = LocalAuthorityDirectory.aliases[wanted] ?? wanted
        return LocalAuthorityDirectory.entries(code: code, oldCode: oldCode, name: name).contains { entry in
            entry.level == level
                && (Self.folded(entry.code) == target || entry.oldCode == target || Self.folded(entry.name) == target)
        }
    }

    /// Whether any of `wanted` (folded texts) names this area: `isNamed` for a whole selection at once, with a
    /// set lookup per name the area has rather than a comparison per wanted text, so a selection of thousands
    /// of areas costs the same per series as one. `targets` are `wanted` with each alias replaced by the name
    /// it stands for; `directory` says whether any wanted text could need `LocalAuthorityDirectory` (a GSS or
    /// old code, an alias).
    func isNamed(anyOf wanted: Set<String>, targets: Set<String>, directory: Bool) -> Bool {
        if (!code.isEmpty && wanted.contains(Self.folded(code))) || (!oldCode.isEmpty && wanted.contains(Self.folded(oldCode)))
            || (!name.isEmpty && wanted.contains(Self.folded(name)))
        {
            return true
        }
        guard directory else { return false }
        return LocalAuthorityDirectory.entries(code: code, oldCode: oldCode, name: name).contains { entry in
            entry.level == level
                && (targets.contains(Self.folded(entry.code)) || targets.contains(entry.oldCode) || targets.contains(Self.folded(entry.name)))
        }
    }

    /// Whether this is a local authority of the region `wanted` (folded), named by code or name.
    public func isInRegion(_ wanted: String) -> Bool {
        level == .localAuthority
            && ((!regionCode.isEmpty && Self.folded(regionCode) == wanted) || (!regionName.isEmpty && Self.folded(regionName) == wanted))
    }

    /// The value of an area column (`old_la_code`, `region_name`, …) that a key may not carry (EES keys hold
    /// the level's code and name only); `nil` for a column that is not about the area.
    public func value(ofColumn column: String) -> String? {
        let wanted = column.lowercased()
        if wanted == "old_la_code" { return oldCode }
        if Self.regionCodeColumns.contains(wanted) { return regionCode }
        if Self.regionNameColumns.contains(wanted) { return regionName }
        if Self.codeColumns.contains(wanted) { return code }
        if Self.nameColumns.contains(wanted) { return name }
        if wanted == "geographic_level" { return level.rawValue }
        return nil
    }
}

extension Series {
    /// The area the series is about: the reader's identity (EES keeps codes and region out of the key), or
    /// else what the key names.
    public var area: AreaIdentity? { metadata.area ?? AreaIdentity(key: key) }
}
