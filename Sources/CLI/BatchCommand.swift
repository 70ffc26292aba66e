import ArgumentParser
import Foundation
import Metrics

#if canImport(Glibc)
import Glibc
#endif

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "A configured analysis over many indicators and areas: summary, errors, models and a manifest.",
        discussion: """
            Reads CONFIG.yaml (see datasets/middlesbrough/batch.yaml) and writes into DIR (default notebooks-out/<name>/): summary.csv (one record per series, sorted by series key), errors.csv (what failed, with the reason), models/*.csv for the configured models, manifest.json (inputs and their SHA-256, the configuration, version, counts, timings). One failing series never stops the others: they are listed in errors.csv and the exit status is 1.

            --shard I/N keeps the series whose key hashes to I of N, so N machines can share a run; the shards' summary.csv rows together are exactly the unsharded run's. --resume after an interruption (even kill -9) keeps the chunks already computed and does the rest.

            DIR is replaced as a whole: the new outputs are built beside it (in .DIR.metrics-run/) and swapped in at the end, so a failed run leaves the previous ones whole. Files of your own in DIR are kept. A folder that holds other files and is not a metrics bundle is refused (exit 73), and so is a DIR another metrics run is writing, unless --wait.

            Examples:
              metrics batch datasets/middlesbrough/batch.yaml
              metrics batch big.yaml -o out/part3 --shard 3/8 --resume
            """
    )

    @Argument(help: "The YAML configuration.")
    var config: String

    @Option(name: [.short, .long], help: ArgumentHelp("The output directory.", valueName: "DIR"))
    var output: String?

    @Option(name: .long, help: "Worker threads (default: every core).")
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("Only this part of the series: I of N.", valueName: "I/N"))
    var shard: String?

    @Flag(name: .long, help: "Keep what an interrupted run of the same configuration and inputs finished.")
    var resume = false

    @Flag(name: .long, help: "When another metrics run is writing DIR, wait for it to finish instead of failing.")
    var wait = false

    @Option(name: .long, help: ArgumentHelp("Series per chunk (each chunk is computed, then kept on disk).", visibility: .hidden))
    var chunkSize: Int = 2048

    /// For the tests of `--resume`: the process kills itself (SIGKILL, as `kill -9`) after this many chunks.
    @Option(name: .long, help: ArgumentHelp("Kill the process after N chunks (tests of --resume).", visibility: .private))
    var killAfterChunks: Int?

    /// For the tests of `--resume` after a kill during the merge: SIGKILL after this many merged records.
    @Option(name: .long, help: ArgumentHelp("Kill the process after N merged records (tests of --resume).", visibility: .private))
    var killAfterMerged: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError("--shard: \(error.description)") }
        }
        guard chunkSize >= 1 else { throw ValidationError("--chunk-size must be 1 or more") }
    }

    func run() throws {
        try reportingErrors {
            let configuration = try BatchConfiguration.read(path: config)
            let part = try shard.map { text throws(ShardError) in try Shard(parsing: text) }
            let directory = output ?? "notebooks-out/\(configuration.name)"
            var request = BatchRequest(
                configuration: configuration, directory: directory, jobs: jobs, shard: part, resume: resume,
                version: MetricsVersion.text, chunkSize: chunkSize)
            request.waitForOtherRun = wait
            let bar = ProgressBar(label: "metrics batch")
            var chunks = 0
            let outcome = try request.run(
                progress: { done in
                    bar.update(series: done)
                    chunks += 1
                    if let limit = killAfterChunks, chunks >= limit { kill(getpid(), SIGKILL) }
                },
                merged: { records in
                    if let limit = killAfterMerged, records >= limit { kill(getpid(), SIGKILL) }
                })
            bar.finish()
            if outcome.alreadyComplete {
                StandardStreams.message("metrics: \(directory)/ is already complete for this configuration and these inputs; nothing to do")
                return
            }
            var note = "metrics: wrote \(directory)/: \(outcome.series) series"
            if outcome.chunksReused > 0 { note += " (\(outcome.chunksReused) chunk(s) kept from the interrupted run, \(outcome.chunksComputed) computed)" }
            StandardStreams.message(note)
            if outcome.errors > 0 {
                StandardStreams.message("metrics: error: \(outcome.errors) failure(s) listed in \(directory)/errors.csv; everything else was written")
                throw ExitCode(1)
            }
        }
    }
}
