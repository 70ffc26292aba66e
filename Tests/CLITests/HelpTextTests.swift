import Foundation
import Testing

/// `--help` is written to be wrapped by ArgumentParser: prose paragraphs without line breaks of their own, so
/// they fill whatever width the terminal has, and one default per option (issue 17).
struct HelpTextTests {
    typealias CLI = CommandLineTests

    static let verbs = [
        "summarize", "change", "rate", "proportion", "compare", "its", "smooth", "dsr", "recent-trend", "forecast",
        "changepoints", "spc", "report", "batch", "share", "band", "deflate", "fit", "describe", "validate", "stream",
    ]

    /// The OVERVIEW paragraphs of a help screen: its lines from the start to the first blank line before
    /// USAGE, without the examples (indented beyond the paragraph).
    static func overview(_ help: String) -> [Substring] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }) else { return [] }
        return Array(lines[..<usage])
    }

    @Test("at 2000 columns every prose paragraph of every verb's overview is one line (no break mid-sentence)", arguments: verbs + [""])
    func paragraphsAreUnbroken(_ verb: String) throws {
        let run = try CLI.run((verb.isEmpty ? [] : [verb]) + ["--help"], environment: ["COLUMNS": "2000"])
        #expect(run.status == 0)
        let lines = Self.overview(run.stdout)
        for (previous, line) in zip(lines, lines.dropFirst()) {
            let indent = line.prefix { $0 == " " }.count
            let previousIndent = previous.prefix { $0 == " " }.count
            guard !previous.isEmpty, !line.isEmpty, indent == 0, previousIndent == 0 else { continue }
            // A paragraph's second line at the paragraph's own indentation, starting in lower case, is the
            // rest of a sentence broken by hand.
            #expect(!(line.dropFirst(indent).first?.isLowercase ?? false), "metrics \(verb) --help breaks a sentence:\n\(previous)\n\(line)")
        }
    }

    @Test("no option's help gives two defaults, and none repeats the default ArgumentParser prints", arguments: verbs)
    func oneDefault(_ verb: String) throws {
        let run = try CLI.run([verb, "--help"], environment: ["COLUMNS": "1000"])
        #expect(run.status == 0)
        for line in run.stdout.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("-") {
            let defaults = line.components(separatedBy: "(default").count - 1
            #expect(defaults <= 1, "metrics \(verb) --help:\n\(line)")
        }
    }
}
