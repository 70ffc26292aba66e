import Foundation
@testable import Metrics
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `OutputBundle`, `OutputLock` and `BundleLayout`: a bundle swapped in whole (in one step and by the two
/// renames), the previous one retired entry by entry, what a killed run leaves finished by the next, and a
/// folder that is not metrics' own never replaced.
struct OutputBundleTests {
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func save(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// Every file and folder under `path` (relative names, sorted), not following links.
    static func tree(_ path: String) -> [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
    }

    /// Writes a report-like bundle through `OutputBundle` whose summary says `text`.
    static func publish(_ text: String, to destination: String, oneStep: Bool = true) throws {
        let bundle = try OutputBundle(destination: destination, layout: .report, wait: false)
        bundle.exchangesInOneStep = oneStep
        try save(text, bundle.staging + "/summary.csv")
        try save(text, bundle.staging + "/data/001-a.csv")
        try bundle.publish()
        bundle.finish()
    }

    @Test("swapped in whole, in one step or by two renames: the new files, the user's kept, the stale removed, modes kept, nothing left beside", arguments: [true, false])
    func publishes(oneStep: Bool) throws {
        let root = try Self.folder()
        let out = root + "/out"
        try Self.publish("one\n", to: out, oneStep: oneStep)
        #expect(Self.read(out + "/summary.csv") == "one\n" && BundleLayout.kind(of: out) == .report)
        try Self.save("stale\n", out + "/data/002-b.csv")
        try Self.save("mine\n", out + "/notes.txt")
        try Self.save("mine\n", out + "/data/mine.txt")
        try FileManager.default.createSymbolicLink(atPath: out + "/latest", withDestinationPath: "data")
        chmod(out, 0o750)
        chmod(out + "/summary.csv", 0o600)
        try Self.publish("two\n", to: out, oneStep: oneStep)
        #expect(Self.tree(out) == [".metrics-bundle", "data", "data/001-a.csv", "data/mine.txt", "latest", "notes.txt", "summary.csv"])
        #expect(Self.read(out + "/summary.csv") == "two\n" && Self.read(out + "/notes.txt") == "mine\n")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: out + "/latest")) == "data")
        var info = stat()
        #expect(stat(out, &info) == 0 && info.st_mode & 0o777 == 0o750, "the folder keeps its mode")
        #expect(stat(out + "/summary.csv", &info) == 0 && info.st_mode & 0o777 == 0o600, "a file keeps its mode")
        #expect(Self.tree(root) == ["out"] + Self.tree(out).map { "out/" + $0 }, "no run folder left")
    }

    @Test("retiring never follows a symbolic link: a previous bundle's data/ pointing elsewhere loses the link only")
    func linksNotFollowed() throws {
        let root = try Self.folder()
        let outside = root + "/outside"
        try Self.save("keep\n", outside + "/001-named-like-ours.csv")
        let out = root + "/out"
        try Self.publish("one\n", to: out)
        try FileManager.default.removeItem(atPath: out + "/data")
        try FileManager.default.createSymbolicLink(atPath: out + "/data", withDestinationPath: outside)
        try Self.publish("two\n", to: out)
        #expect(Self.read(outside + "/001-named-like-ours.csv") == "keep\n")
        #expect(Self.read(out + "/data/001-a.csv") == "two\n")
    }

    /// The run folder beside `out`.
    static func runFolder(_ out: String) -> String {
        ((out as NSString).deletingLastPathComponent as NSString).appendingPathComponent("." + (out as NSString).lastPathComponent + ".metrics-run")
    }

    @Test("killed between the two renames (DIR missing, the previous bundle in old/): the next run puts it back first")
    func killedBetweenRenames() throws {
        let root = try Self.folder()
        let out = root + "/out"
        try Self.publish("one\n", to: out)
        try Self.save("mine\n", out + "/notes.txt")
        let run = Self.runFolder(out)
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        #expect(rename(out, run + "/old") == 0)
        // The unfinished new bundle of the killed run, with a half-written file.
        try Self.save(BundleLayout.report.marker, run + "/new/.metrics-bundle")
        try Self.save("half", run + "/new/.metrics-tmp-1234-abcdef")
        let bundle = try OutputBundle(destination: out, layout: .report, wait: false)
        #expect(Self.read(out + "/summary.csv") == "one\n" && Self.read(out + "/notes.txt") == "mine\n", "the previous bundle is back")
        #expect(Self.tree(run).sorted() == ["lock", "new", "new/.metrics-bundle"], "only this run's staging folder: \(Self.tree(run))")
        bundle.finish()
        #expect(!FileManager.default.fileExists(atPath: run))
    }

    @Test("killed just after the exchange (the previous bundle in new/, the user's file in it): the next run moves the file into DIR")
    func killedAfterExchange() throws {
        let root = try Self.folder()
        let out = root + "/out"
        try Self.publish("two\n", to: out)
        let run = Self.runFolder(out)
        // What the exchange left in the staging folder's place: the previous bundle, with a file of the user's.
        try Self.save(BundleLayout.report.marker, run + "/new/.metrics-bundle")
        try Self.save("one\n", run + "/new/summary.csv")
        try Self.save("one\n", run + "/new/charts/001-a.svg")
        try Self.save("mine\n", run + "/new/charts/logo.png")
        try Self.save("mine\n", run + "/new/notes.txt")
        try Self.publish("three\n", to: out)
        #expect(Self.read(out + "/summary.csv") == "three\n")
        #expect(Self.read(out + "/notes.txt") == "mine\n" && Self.read(out + "/charts/logo.png") == "mine\n")
        #expect(!FileManager.default.fileExists(atPath: out + "/charts/001-a.svg") && !FileManager.default.fileExists(atPath: run))
    }

    @Test("a file of the user's that cannot be put back (its name taken): 73, the file left where it is and named")
    func collisionIsReported() throws {
        let root = try Self.folder()
        let out = root + "/out"
        try Self.publish("two\n", to: out)
        try Self.save("new notes\n", out + "/notes.txt")
        let run = Self.runFolder(out)
        try Self.save(BundleLayout.report.marker, run + "/old/.metrics-bundle")
        try Self.save("old notes\n", run + "/old/notes.txt")
        #expect {
            _ = try OutputBundle(destination: out, layout: .report, wait: false)
        } throws: { error in
            guard let error = error as? OutputError else { return false }
            return error.kind == .cannotCreate && error.reason.contains("could not be moved into the new one") && error.reason.contains(run + "/old")
        }
        #expect(Self.read(run + "/old/notes.txt") == "old notes\n" && Self.read(out + "/notes.txt") == "new notes\n")
        #expect(!FileManager.default.fileExists(atPath: run + "/lock"), "the lock is given up")
    }

    @Test("a folder holding files but no bundle is refused; an empty one, an earlier version's report and batch are replaced")
    func whatIsABundle() throws {
        let root = try Self.folder()
        try Self.save("x\n", root + "/home/thesis.txt")
        #expect(BundleLayout.kind(of: root + "/home") == nil)
        #expect(throws: OutputError.self) { try OutputBundle(destination: root + "/home", layout: .report, wait: false) }
        #expect(Self.tree(root + "/home") == ["thesis.txt"] && !FileManager.default.fileExists(atPath: Self.runFolder(root + "/home")))
        try Self.save("<html>", root + "/old-report/index.html")
        try Self.save("{}", root + "/old-report/report.ipynb")
        #expect(BundleLayout.kind(of: root + "/old-report") == .report)
        try Self.save("{\n  \"metrics_version\": \"0.9\"\n}\n", root + "/old-batch/manifest.json")
        #expect(BundleLayout.kind(of: root + "/old-batch") == .batch)
        try Self.save("x", root + "/killed-batch/.work/state.json")
        #expect(BundleLayout.kind(of: root + "/killed-batch") == .batch)
        try Self.save("{\"metrics_version\": 1}", root + "/lookalike/manifest.json/inner")
        #expect(BundleLayout.kind(of: root + "/lookalike") == nil, "a folder named manifest.json is not a manifest")
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        for name in ["old-report", "empty"] {
            try Self.publish("new\n", to: root + "/" + name)
            #expect(Self.tree(root + "/" + name) == [".metrics-bundle", "data", "data/001-a.csv", "summary.csv"], "\(name)")
        }
    }

    @Test("what a batch bundle owns: its outputs, models, the report inside it, an earlier version's .work; not the user's files")
    func batchOwnership() {
        let own: [[String]] = [
            ["summary.csv"], ["errors.csv"], ["manifest.json"], ["summary.ndjson"], ["models"], ["models", "its.csv"], ["report"],
            ["report", "index.html"], ["report", "charts", "012-x.vl.json"], [".work"], [".work", "f0000-c000001.chunk"], [".work", "state.json"],
            ["models", ".metrics-tmp-99-abcdef"],
        ]
        for path in own { #expect(BundleLayout.batch.isOwn(path[...]), "\(path)") }
        let theirs: [[String]] = [["notes.txt"], ["models", "mine.csv"], ["report", "charts", "logo.png"], ["report", "extra", "001-a.csv"], [".work", "keep.txt"], ["summary.md"]]
        for path in theirs { #expect(!BundleLayout.batch.isOwn(path[...]), "\(path)") }
        #expect(BundleLayout.report.isOwn(["summary.md"]) && !BundleLayout.report.isOwn(["manifest.json"]))
    }

    @Test("the lock: a second taker is refused with the holder's pid; a released lock file is gone and can be taken again")
    func lock() throws {
        let root = try Self.folder()
        let held = try #require(try OutputLock.acquire(path: root + "/lock", guarding: root + "/out", wait: false))
        #expect {
            _ = try OutputLock.acquire(path: root + "/lock", guarding: root + "/out", wait: false)
        } throws: { error in
            (error as? OutputError)?.reason.hasPrefix("it is in use by another metrics run (pid \(getpid()))") == true
        }
        held.release()
        #expect(!FileManager.default.fileExists(atPath: root + "/lock"))
        let again = try #require(try OutputLock.acquire(path: root + "/lock", guarding: root + "/out", wait: false))
        again.release()
    }
}
