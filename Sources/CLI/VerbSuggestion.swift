import ArgumentParser

/// A misspelt verb (`metrics sumarize`) caught before ArgumentParser, which would say only "Unexpected
/// argument", and answered with the nearest verb.
///
/// Nearness is the optimal-string-alignment distance (Levenshtein's insertions, deletions and substitutions,
/// plus Damerau's transposition of two adjacent letters: `summairze` is one step from `summarize`), compared
/// without case. A verb within two steps, or within a third of its length, is suggested (the nearest; the first
/// in the verbs' order on a tie); so is the one verb that the word begins (`summ`). Otherwise the message lists
/// the verbs.
enum VerbSuggestion {
    /// Every verb's name and aliases, in the order `metrics --help` lists them.
    static var verbs: [(name: String, aliases: [String])] {
        MetricsCommand.configuration.subcommands.map { command in
            (command._commandName, command.configuration.aliases)
        }
    }

    /// The message for a first argument that is not a verb, or `nil` when it is one (or an option, or nothing).
    static func problem(in arguments: [String]) -> String? {
        var words = arguments[...]
        if words.first == "help" { words = words.dropFirst() }
        guard let word = words.first, !word.hasPrefix("-") else { return nil }
        let names = verbs.flatMap { [$0.name] + $0.aliases }
        if names.contains(word) { return nil }
        if let nearest = nearest(to: word) {
            return "'\(word)' is not a metrics verb; did you mean '\(nearest)'?"
        }
        return "'\(word)' is not a metrics verb; the verbs are \(verbs.map(\.name).joined(separator: ", "))"
    }

    /// The verb (or alias) nearest to `word`, if one is near enough.
    static func nearest(to word: String) -> String? {
        let typed = Array(word.lowercased())
        var best: (name: String, distance: Int)?
        for verb in verbs {
            for name in [verb.name] + verb.aliases {
                let distance = Self.distance(typed, Array(name.lowercased()))
                if distance <= max(2, name.count / 3), distance < (best?.distance ?? .max) { best = (verb.name, distance) }
            }
        }
        if let best { return best.name }
        let lowered = word.lowercased()
        let prefixed = verbs.filter { verb in ([verb.name] + verb.aliases).contains { $0.hasPrefix(lowered) } }
        return lowered.count >= 2 && prefixed.count == 1 ? prefixed[0].name : nil
    }

    /// The optimal-string-alignment distance between `a` and `b` (edits of one character, and transpositions
    /// of two adjacent ones, each counting 1).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, table[i - 2][j - 2] + 1) }
                table[i][j] = d
            }
        }
        return table[a.count][b.count]
    }
}
