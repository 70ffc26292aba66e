/// The texts nearest to a mistyped one, for "did you mean …?" in the messages of a selection that matches
/// nothing.
///
/// Distance: the optimal-string-alignment form of the Damerau–Levenshtein distance (Damerau 1964, "A
/// technique for computer detection and correction of spelling errors", CACM 7(3); the restricted edit
/// distance of Boytsov 2011, §2): the fewest insertions, deletions, substitutions and transpositions of two
/// adjacent characters, no substring edited twice, counted in Unicode characters of the case-folded texts
/// with surrounding spaces trimmed. "Middlesborough" is 1 from "Middlesbrough"; "cla_rate" 0 from "CLA_Rate".
///
/// A text is near when its distance is at most a third of the wanted text's length (at least 1, at most 4:
/// one slip in a short code, a few in a long name), or when one contains the other and the wanted text has
/// at least 3 characters ("Middles" finds "Middlesbrough"). The nearest come first, ties in the order of the
/// texts, at most `limit` of them.
public enum NearestMatches {
    /// The distance between `a` and `b` as defined above (the texts are not folded here).
    /// - Complexity: O(mn) time and O(n) space for texts of m and n characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a)
        let t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previousPrevious = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] { best = min(best, previousPrevious[j - 2] + 1) }
                current[j] = best
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[t.count]
    }

    /// The largest distance at which a text is near `wanted` (folded): a third of its length, 1 to 4.
    public static func cutoff(for wanted: String) -> Int { min(4, max(1, wanted.count / 3)) }

    /// The candidates near `wanted`, nearest first (see the type's documentation).
    public static func nearest(to wanted: String, in candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let folded = AreaIdentity.folded(wanted)
        let cutoff = cutoff(for: folded)
        var scored: [(distance: Int, text: String)] = []
        var seen = Set<String>()
        for candidate in candidates {
            let c = AreaIdentity.folded(candidate)
            guard !c.isEmpty, seen.insert(candidate).inserted else { continue }
            // Lengths that differ by more than the cutoff cannot be within it (a cheap test before the table).
            let d = abs(c.count - folded.count) <= cutoff ? distance(folded, c) : cutoff + 1
            if d <= cutoff {
                scored.append((d, candidate))
            } else if folded.count >= 3, c.contains(folded) || folded.contains(c) {
                scored.append((cutoff + 1, candidate))
            }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.text < $1.text }
        return scored.prefix(limit).map(\.text)
    }
}
