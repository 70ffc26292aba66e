/// The key columns of a batch's outputs when its inputs name their series differently: each input keeps its
/// own key (an EES file of placements has `cla_group, placement_stability`, one of children looked after
/// `population_type`), and `summary.csv` and the model tables have one column per key field of any input,
/// empty in the rows of an input without it, as pandas' `concat` lays out frames of different columns.
///
/// The columns are the inputs' key names merged in input order: a name not seen before goes right after the
/// name that precedes it in its own input (so `geographic_level, area_code, area_name, cla_group,
/// placement_stability, population_type, indicator`: filters stay before `indicator`). Inputs with no series
/// selected add nothing. When every input has the same key (the usual run) nothing is moved, byte for byte.
struct KeyLayout: Sendable {
    /// The output's key columns.
    let names: [String]
    /// Per input: for each output column, the position of that field in the input's own key, or `nil`.
    let positions: [[Int?]]
    /// Per input: how many key fields its own records start with.
    let widths: [Int]
    /// True when every input with series has exactly the output's columns.
    let isIdentity: Bool

    /// `inputs[f]` is input f's key names, or `nil` when it gave no series.
    init(inputs: [[String]?]) {
        var merged: [String] = []
        for case let names? in inputs {
            var after: Int? = nil  // where the previous name of this input stands in `merged`
            for name in names {
                if let at = merged.firstIndex(of: name) {
                    after = at
                } else {
                    let at = after.map { $0 + 1 } ?? 0
                    merged.insert(name, at: at)
                    after = at
                }
            }
        }
        names = merged
        positions = inputs.map { own in merged.map { name in own?.firstIndex(of: name) } }
        widths = inputs.map { $0?.count ?? 0 }
        isIdentity = inputs.allSatisfy { $0 == nil || $0! == merged }
    }

    /// `bytes` (CSV records, each starting with input `input`'s key fields) with their key fields laid out
    /// in the output's columns; the fields after the key are kept as they are.
    func relaid(_ bytes: [UInt8], input: Int) -> [UInt8] {
        guard !isIdentity, !bytes.isEmpty, input < positions.count else { return bytes }
        let width = widths[input]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + names.count)
        var i = 0
        while i < bytes.count {
            // The first `width` fields of this record: their byte ranges, quotes included.
            var fields: [Range<Int>] = []
            var start = i
            var quoted = false
            var ended = false
            while i < bytes.count, fields.count < width {
                let byte = bytes[i]
                i += 1
                if byte == 0x22 {
                    quoted.toggle()
                } else if !quoted, byte == 0x2C || byte == 0x0A {
                    fields.append(start..<(i - 1))
                    start = i
                    if byte == 0x0A {
                        ended = true
                        break
                    }
                }
            }
            for (k, position) in positions[input].enumerated() {
                if k > 0 { out.append(0x2C) }
                if let position, position < fields.count { out += bytes[fields[position]] }
            }
            if ended {
                out.append(0x0A)
                continue
            }
            // The rest of the record, after the separator that ends its last key field, to its line feed.
            if !names.isEmpty { out.append(0x2C) }
            let rest = i
            var quotedRest = false
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                if byte == 0x22 { quotedRest.toggle() } else if byte == 0x0A, !quotedRest { break }
            }
            out += bytes[rest..<i]
        }
        return out
    }
}
