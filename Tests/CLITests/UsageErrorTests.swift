import Foundation
import Testing

/// Usage errors read as every other error (`metrics: error: …`, exit status 64), a misspelt verb gets the
/// nearest one, and every verb spells a concept one way (issue 17, "The command line").
struct UsageErrorTests {
    typealias CLI = CommandLineTests

    static let series = "area,period,value\nHartlepool,2016,10\nHartlepool,2017,12\nHartlepool,2018,15\nHartlepool,2019,15\nHartlepool,2020,19\nHartlepool,2021,22\n"

    @Test("a misspelt verb suggests the nearest: sumarize → summarize, forcast → forecast, summairze → summarize")
    func misspeltVerb() throws {
        for (typed, meant) in [("sumarize", "summarize"), ("forcast", "forecast"), ("summairze", "summarize"), ("Compare", "compare"), ("changepoint", "changepoints")] {
            let run = try CLI.run([typed, "x.csv"])
            #expect(run.status == 64, "\(typed): \(run.stderr)")
            #expect(run.stderr.hasPrefix("metrics: error: '\(typed)' is not a metrics verb; did you mean '\(meant)'?\n"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        let far = try CLI.run(["xyzzy"])
        #expect(far.status == 64)
        #expect(far.stderr.hasPrefix("metrics: error: 'xyzzy' is not a metrics verb; the verbs are summarize, change, "), "\(far.stderr)")
        // Verbs, aliases and `help VERB` are still what they were.
        #expect(try CLI.run(["summarise", "--help"]).status == 0)
        #expect(try CLI.run(["help", "summarize"]).status == 0)
        let helpTypo = try CLI.run(["help", "sumarize"])
        #expect(helpTypo.status == 64 && helpTypo.stderr.contains("did you mean 'summarize'?"), "\(helpTypo.stderr)")
    }

    @Test("ArgumentParser's usage errors read metrics: error: …, with exit status 64 and the help hint")
    func usageErrorFormat() throws {
        let path = try CLI.file(Self.series)
        let cases: [([String], String)] = [
            (["summarize", path, "--alpah", "0.1"], "metrics: error: unknown option '--alpah'. Did you mean '--alpha'?"),
            (["summarize"], "metrics: error: missing expected argument '<files> ...'"),
            (["summarize", path, "--polarity", "sideways"], "metrics: error: the value 'sideways' is invalid for '--polarity <polarity>'"),
            (["summarize", path, "--jobs", "0"], "metrics: error: --jobs must be 1 or more"),
            (["change", "1", "2", "--unit", "euros"], "metrics: error: the value 'euros' is invalid for '--unit <unit>'"),
        ]
        for (arguments, prefix) in cases {
            let run = try CLI.run(arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix(prefix), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("Error: "), "\(run.stderr)")
            #expect(run.stderr.contains("See 'metrics "), "\(run.stderr)")
        }
    }

    @Test("--level is the confidence level and --alpha the significance level: summarize takes either, and they agree")
    func levelAndAlpha() throws {
        let path = try CLI.file(Self.series)
        let alpha = try CLI.run(["summarize", path, "--format", "csv", "--alpha", "0.1"])
        let level = try CLI.run(["summarize", path, "--format", "csv", "--level", "0.9"])
        #expect(alpha.status == 0 && level.status == 0, "\(level.stderr)")
        #expect(alpha.stdout == level.stdout)
        let defaults = try CLI.run(["summarize", path, "--format", "csv"])
        #expect(try CLI.run(["summarize", path, "--format", "csv", "--level", "0.95"]).stdout == defaults.stdout)
        #expect(defaults.stdout != alpha.stdout)
        let both = try CLI.run(["summarize", path, "--alpha", "0.1", "--level", "0.9"])
        #expect(both.status == 64 && both.stderr.hasPrefix("metrics: error: give --alpha (the significance level) or --level"), "\(both.stderr)")
        for verb in [["rate", path, "--count", "value", "--denominator", "value"], ["forecast", path], ["its", path, "--event", "2019"], ["fit", path, "--x", "period", "--y", "value"]] {
            let help = try CLI.run(verb + ["--help"])
            #expect(help.stdout.contains("--level <level>"), "\(verb[0])")
        }
    }

    @Test("--polarity takes higher, lower or none in every verb, and none overrides the data's own polarity in spc too")
    func polarity() throws {
        let withPolarity = try CLI.file("area,period,value,polarity\n" + (1...12).map { "A,2020-\(String(format: "%02d", $0)),\($0 < 12 ? 10 + $0 % 2 : 30),lower" }.joined(separator: "\n") + "\n")
        let own = try CLI.run(["spc", withPolarity, "--format", "csv"])
        let none = try CLI.run(["spc", withPolarity, "--format", "csv", "--polarity", "none"])
        #expect(own.status == 0 && none.status == 0, "\(own.stderr)\(none.stderr)")
        #expect(own.stdout.contains("concern"), "\(own.stdout)")
        #expect(!none.stdout.contains("concern") && none.stdout.contains("neither"), "\(none.stdout)")
        // The longer spellings files use are accepted, and every verb lists the same three values.
        #expect(try CLI.run(["spc", withPolarity, "--polarity", "lower_is_better", "--format", "csv"]).stdout == own.stdout)
        for verb in ["summarize", "spc", "compare", "recent-trend", "report"] {
            let help = try CLI.run([verb, "--help"], environment: ["COLUMNS": "200"])
            let line = help.stdout.split(separator: "\n").first { $0.contains("--polarity <polarity>") } ?? ""
            #expect(line.contains("higher, lower or none"), "\(verb): \(line)")
            #expect(!line.contains("(default: the data's own)"), "\(verb): \(line)")
        }
    }

    @Test("enumerated options reject other values with the list of values; the old spellings still parse")
    func enumerations() throws {
        let band = try CLI.run(["band", "--min", "1", "--max", "2", "--align", "sideways"])
        #expect(band.status == 64 && band.stderr.contains("'exact'") && band.stderr.contains("'overlap'"), "\(band.stderr)")
        let report = try CLI.run(["report", "--forecast", "arima"])
        #expect(report.status == 64 && report.stderr.contains("'holt'"), "\(report.stderr)")
        let percent = try CLI.run(["change", "13", "35", "--unit", "%", "--format", "csv"])
        #expect(percent.status == 0 && percent.stdout.contains("22"), "\(percent.stderr)")
        // recent-trend's --period (its period column) is now --period-column, as every other verb says.
        let rows = "year,n,d\n2016,10,100\n2017,12,100\n2018,14,100\n2019,16,100\n2020,18,100\n"
        let file = try CLI.file(rows)
        let new = try CLI.run(["recent-trend", file, "--period-column", "year", "--count", "n", "--denominator", "d", "--format", "csv"])
        let old = try CLI.run(["recent-trend", file, "--period", "year", "--count", "n", "--denominator", "d", "--format", "csv"])
        #expect(new.status == 0 && new.stdout == old.stdout, "\(new.stderr)\(old.stderr)")
    }
}

extension CommandLineTests {
    /// `run` with variables added to the environment (`COLUMNS` for ArgumentParser's help width).
    static func run(_ arguments: [String], environment: [String: String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
