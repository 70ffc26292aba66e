/// England, its regions and every English local authority with their GSS codes, DfE's old three-digit LA
/// codes and names (`datasets/areas/local-authorities.csv`, built by `scripts/local_authorities.py` from
/// DfE's EES open-data files; its README says which): so that an area that a file names by one of them only
/// answers to the others too. LAIT files hold old codes and names but no GSS codes, so
/// `--area E06000002` finds LAIT's Middlesbrough (806) through this table, and `--benchmark E12000001` its
/// North East (980).
///
/// Conventions: an area is looked up by its old LA code, else by its GSS code, else by its name
/// (case-folded; LAIT's "London (Inner)" and "London (Outer)" are ONS's "Inner London" and "Outer London").
/// An authority whose GSS code changed (Somerset, E10000027 then E06000066, both 933) answers to both.
public enum LocalAuthorityDirectory {
    public struct Entry: Sendable, Hashable {
        public let level: AreaIdentity.Level
        public let code: String
        public let oldCode: String
        public let name: String
        public let regionCode: String
        public let regionName: String
    }

    public static let entries: [Entry] = table.map { row in
        Entry(
            level: AreaIdentity.Level(rawValue: row.0) ?? .other, code: row.1, oldCode: row.2, name: row.3,
            regionCode: row.4, regionName: row.5)
    }

    private static let byOldCode: [String: [Entry]] = Dictionary(grouping: entries.filter { !$0.oldCode.isEmpty }, by: \.oldCode)
    private static let byCode: [String: [Entry]] = Dictionary(grouping: entries, by: \.code)
    private static let byName: [String: [Entry]] = Dictionary(grouping: entries, by: { AreaIdentity.folded($0.name) })
    /// Names other publishers give the same area.
    static let aliases: [String: String] = ["london (inner)": "inner london", "london (outer)": "outer london"]
    static let aliasTargets = Set(aliases.values)

    /// The directory's entries for the area with these codes and name (see the type's conventions).
    public static func entries(code: String, oldCode: String, name: String) -> [Entry] {
        if !oldCode.isEmpty, let found = byOldCode[oldCode] { return found }
        if !code.isEmpty, let found = byCode[code.uppercased()] { return found }
        let folded = AreaIdentity.folded(name)
        return byName[aliases[folded] ?? folded] ?? []
    }
}
