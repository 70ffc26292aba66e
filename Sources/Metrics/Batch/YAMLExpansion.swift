// libyaml, as Yams builds it (the `CYaml` module of the Yams package): its event parser, which Yams does not
// expose, is the only place an alias is seen with its own line and column.
internal import CYaml

/// How large a YAML document is once its aliases are expanded, checked on libyaml's parse events before
/// Yams composes the document: the defence against alias amplification ("billion laughs"), where a few KB
/// of anchors and aliases of aliases stand for gigabytes of text. Yams hands out an alias as a copy of the
/// node it names, so everything that walks the configuration (and Yams' own check of duplicate mapping
/// keys, which hashes each key whole) would do the expanded work: 16,000 aliases of a 1 MB string in
/// `select.areas` took 15.6 GB and 68 s.
///
/// The expanded document may hold at most `maximumAliases` aliases (1,000), `maximumScalarBytes` of scalar
/// text (16 MiB) and `maximumNodes` nodes (1,000,000), counting each alias as the whole node it names
/// (itself expanded). Crossing a limit is a `DataError` at the line and column of the alias (or node) that
/// crosses it. A configuration has a few dozen nodes and, as written by people, rarely an alias at all.
/// Text that is not valid YAML is left to Yams, which reports it with its own message.
///
/// - Complexity: O(n) in the size of the text: each event is counted once, an alias by a dictionary lookup.
enum YAMLExpansion {
    static let maximumAliases = 1_000
    static let maximumScalarBytes = 16 << 20
    static let maximumNodes = 1_000_000

    /// The expanded size of a node: its nodes and the bytes of its scalars.
    private struct Size {
        var nodes = 0
        var bytes = 0

        static func += (a: inout Size, b: Size) {
            a.nodes += b.nodes
            a.bytes += b.bytes
        }
    }

    static func check(
        _ text: String, file: String, maximumAliases: Int = maximumAliases, maximumScalarBytes: Int = maximumScalarBytes,
        maximumNodes: Int = maximumNodes
    ) throws(DataError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return }
        try bytes.withUnsafeMutableBufferPointer { (input) throws(DataError) in
            yaml_parser_set_input_string(&parser, input.baseAddress, input.count)
            var anchors: [String: Size] = [:]
            // The open collections, innermost last: each one's anchor and its expanded size so far.
            var open: [(anchor: String?, size: Size)] = []
            var total = Size()
            var aliases = 0
            var event = yaml_event_t()

            func location() -> SourceLocation {
                SourceLocation(file: file, line: Int(clamping: event.start_mark.line) &+ 1, column: Int(clamping: event.start_mark.column) &+ 1)
            }
            func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: $0) }
            }
            /// Adds a node of `size` to the document and to the collection that holds it.
            func add(_ size: Size, what: String) throws(DataError) {
                total += size
                if total.bytes > maximumScalarBytes {
                    throw DataError(location(), "\(what) makes the configuration's text longer than \(RecordLimits.size(maximumScalarBytes)) once aliases are expanded, the most it may be")
                }
                if total.nodes > maximumNodes {
                    throw DataError(location(), "\(what) makes the configuration hold more than \(maximumNodes) values once aliases are expanded, the most it may hold")
                }
                if !open.isEmpty { open[open.count - 1].size += size }
            }

            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_DOCUMENT_START_EVENT:
                    anchors = [:]
                case YAML_SCALAR_EVENT:
                    let size = Size(nodes: 1, bytes: Int(clamping: event.data.scalar.length))
                    try add(size, what: "this value")
                    if let name = anchorName(event.data.scalar.anchor) { anchors[name] = size }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    try add(Size(nodes: 1, bytes: 0), what: "this value")
                    open.append((anchorName(anchor), Size(nodes: 1, bytes: 0)))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let closed = open.popLast() else { break }
                    // Its size has been added to the document already, node by node; only the enclosing
                    // collection still needs it.
                    if !open.isEmpty {
                        open[open.count - 1].size += Size(nodes: closed.size.nodes - 1, bytes: closed.size.bytes)
                    }
                    if let name = closed.anchor { anchors[name] = closed.size }
                case YAML_ALIAS_EVENT:
                    aliases += 1
                    let name = anchorName(event.data.alias.anchor) ?? ""
                    guard aliases <= maximumAliases else {
                        throw DataError(location(), "the alias *\(name) is alias number \(maximumAliases + 1) of the configuration: it may hold at most \(maximumAliases)")
                    }
                    // An alias of an anchor not yet defined is Yams' error to report.
                    try add(anchors[name] ?? Size(), what: "the alias *\(name)")
                default:
                    break
                }
            }
        }
    }
}
