#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import Foundation

/// A folder of outputs (a report or a batch bundle) replaced as a whole: the new bundle is built in a staging
/// folder beside the old one and swapped in when it is complete, so readers, and a run that fails or is
/// killed, see the previous bundle whole or the new one whole, never a mixture.
///
/// Beside the destination `DIR` (in its parent, so on the same file system) lives the run folder
/// `.DIR.metrics-run/`, which metrics alone creates and uses:
///
///     lock     held with flock(2) for the whole run (`OutputLock`): one run at a time per DIR
///     new/     the bundle being built (the staging folder), with its marker (`BundleLayout`)
///     old/     the previous bundle for the moment of the swap, when the system cannot exchange two folders
///     work/    a batch's chunks, kept after an interruption for `--resume`
///
/// The swap is `renameat2(RENAME_EXCHANGE)` where the kernel and file system have it (one atomic step),
/// else two renames (DIR → old, new → DIR: for an instant DIR is missing, never wrong). After it, the
/// previous bundle is retired: entries of the user's own are moved into the new bundle, metrics' own are
/// removed (`BundleLayout.isOwn`), nothing is removed recursively, and nothing is followed through a
/// symbolic link. A run killed in between leaves the run folder, and the next run into DIR finishes the
/// retirement (restoring the previous bundle when DIR is missing) before it starts. A finished run removes
/// the run folder but for a batch's `work/` after a failure.
///
/// Refused with `OutputError.Kind.cannotCreate` (exit 73) before anything is written: a DIR that exists and
/// is not a folder; a folder that holds files but is not a metrics bundle (a user's own folder is never
/// replaced; an empty one is); `/`, the working directory or a folder holding it; a mount point (the swap
/// needs DIR and its parent on one file system); a DIR being written by another run (unless `wait`).
/// DIR given as a symbolic link is followed: the folder it points to is replaced, and the link stays.
final class OutputBundle {
    /// The destination as given (for messages).
    let destination: String
    /// The destination's real path.
    let target: String
    let runFolder: String
    /// Where this run builds the bundle.
    let staging: String
    /// A batch's chunk folder (created by the batch).
    var work: String { runFolder + "/work" }
    private var lock: OutputLock?
    private var published = false
    /// Whether `publish()` tries the one-step exchange first (the tests turn it off to take the two-rename
    /// path that file systems without `RENAME_EXCHANGE` get).
    var exchangesInOneStep = true

    init(destination: String, layout: BundleLayout, wait: Bool) throws(OutputError) {
        self.destination = destination
        target = try Self.resolve(destination)
        let parent = Self.parent(of: target)
        let name = String(target[target.index(after: target.lastIndex(of: "/")!)...])
        guard name.utf8.count <= 255 - ".metrics-run".utf8.count - 1 else {
            throw OutputError(path: destination, kind: .cannotCreate, reason: "the folder's name is too long (at most 242 bytes, to leave room for metrics' run folder beside it)")
        }
        runFolder = (parent == "/" ? "" : parent) + "/." + name + ".metrics-run"
        staging = runFolder + "/new"

        while lock == nil {
            if mkdir(runFolder, 0o777) != 0, errno != EEXIST {
                throw OutputError(path: destination, kind: .cannotCreate, reason: "cannot create metrics' run folder beside it (\(runFolder)): \(OutputSink.describe(errno))")
            }
            guard Self.isFolder(runFolder) else {
                throw OutputError(path: destination, kind: .cannotCreate, reason: "\(runFolder) is in the way of metrics' run folder (it is not a folder); remove it")
            }
            lock = try OutputLock.acquire(path: runFolder + "/lock", guarding: destination, wait: wait)
        }
        do throws(OutputError) {
            try recover()
            if Self.exists(target), !Self.isEmptyFolder(target), BundleLayout.kind(of: target) == nil {
                throw OutputError(
                    path: destination, kind: .cannotCreate,
                    reason: "it holds files that metrics did not write (it has no \(BundleLayout.markerName) marker), and metrics replaces its output folder as a whole: write into a new or empty folder")
            }
            if mkdir(staging, 0o777) != 0 {
                throw OutputError(path: destination, kind: .cannotCreate, reason: "cannot create the staging folder \(staging): \(OutputSink.describe(errno))")
            }
            let marker = try OutputSink(path: staging + "/" + BundleLayout.markerName)
            try marker.write(layout.marker)
            try marker.commit()
        } catch {
            finish()
            throw error
        }
    }

    deinit { finish() }

    /// Runs `body`, naming the destination rather than the staging folder in the output errors it throws
    /// (`DIR/index.html: write failed…`, not the staging folder's file).
    func namingDestination<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OutputError where error.path.hasPrefix(staging) {
            throw OutputError(
                path: destination + error.path.dropFirst(staging.count), kind: error.kind,
                reason: error.reason.replacingOccurrences(of: staging, with: destination))
        }
    }

    /// Swaps the staging folder in for the destination and retires the previous bundle. The destination's
    /// permission bits, and its owner where the run may set them (root, or the same user), pass to the new
    /// folder, and those of each file and folder of the previous bundle to the new one of the same name (as
    /// `OutputSink` does for a single file).
    func publish() throws(OutputError) {
        if Self.isFolder(target) {
            Self.carryModes(from: target, to: staging)
            if exchangesInOneStep, Self.exchange(staging, target) {
                published = true
                // The previous bundle now sits where the staging folder was.
                try retireOrFail(staging)
                return
            }
            let aside = runFolder + "/old"
            guard rename(target, aside) == 0 else {
                throw OutputError(path: destination, kind: .cannotCreate, reason: "cannot move the previous bundle aside: \(OutputSink.describe(errno))")
            }
            guard rename(staging, target) == 0 else {
                let reason = OutputSink.describe(errno)
                _ = rename(aside, target)
                throw OutputError(path: destination, kind: .cannotCreate, reason: "cannot put the new bundle in place: \(reason)")
            }
            published = true
            try retireOrFail(aside)
        } else {
            guard rename(staging, target) == 0 else {
                throw OutputError(path: destination, kind: .cannotCreate, reason: "cannot put the new bundle in place: \(OutputSink.describe(errno))")
            }
            published = true
        }
    }

    /// Ends the run: an unpublished staging folder is removed (everything in it was written by this run),
    /// the lock is given up, and the run folder is removed when nothing is left in it.
    func finish() {
        guard let lock else { return }
        if !published, Self.exists(staging) { _ = Self.retire(staging, into: nil) }
        lock.release()
        self.lock = nil
        rmdir(runFolder)
    }

    /// Gives `path` the permission bits of `model` (`st_mode & 0777`, the set-id and sticky bits too for the
    /// top folder), and its owner and group when this process may (root, or the same owner); then the same for
    /// every entry of `path` (a real folder) that has a counterpart of the same type in `model`. Links are
    /// neither followed nor changed.
    private static func carryModes(from model: String, to path: String, top: Bool = true) {
        var old = stat()
        var new = stat()
        guard lstat(model, &old) == 0, lstat(path, &new) == 0, (old.st_mode & S_IFMT) == (new.st_mode & S_IFMT) else { return }
        let type = new.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFDIR else { return }
        if geteuid() == 0 || old.st_uid == geteuid() { _ = chown(path, old.st_uid, old.st_gid) }
        _ = chmod(path, old.st_mode & (top ? 0o7777 : 0o777))
        guard type == S_IFDIR else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            carryModes(from: model + "/" + name, to: path + "/" + name, top: false)
        }
    }

    /// Finishes what a killed run left: a previous bundle set aside (`old/`: put back when the destination is
    /// missing, else retired into it) and a staging folder (`new/`: an unfinished bundle, or the previous
    /// bundle just swapped out; retired either way, the user's entries moved into the destination).
    private func recover() throws(OutputError) {
        let aside = runFolder + "/old"
        if Self.exists(aside) {
            if !Self.exists(target), rename(aside, target) == 0 {
                // The previous bundle is back in place.
            } else {
                try retireOrFail(aside)
            }
        }
        if Self.exists(staging) { try retireOrFail(staging) }
    }

    private func retireOrFail(_ folder: String) throws(OutputError) {
        let left = Self.retire(folder, into: target)
        guard left.isEmpty else {
            throw OutputError(
                path: destination, kind: .cannotCreate,
                reason: "\(left.count) file(s) of your own from the previous bundle could not be moved into the new one (a name taken); they are in \(folder): move them, then run again")
        }
    }

    /// Removes metrics' own entries of the bundle in `folder` (by the kind its marker names) and moves the
    /// others to the same place under `destination` (left where they are when `destination` is `nil` or the
    /// name is taken there); removes `folder` when it is empty. Never follows a symbolic link: a link is an
    /// entry like a file. Returns the paths left.
    static func retire(_ folder: String, into destination: String?) -> [String] {
        // Only a real folder is walked: a link put in its place is never followed.
        guard isFolder(folder) else { return [folder] }
        let kind = BundleLayout.kind(of: folder)
        // A bundle of an earlier version is marked first, so that a retirement cut short is still
        // recognised as a bundle's, and finished, by the next run.
        if let kind, !BundleLayout.isRegularFile(folder + "/" + BundleLayout.markerName),
           let marker = try? OutputSink(path: folder + "/" + BundleLayout.markerName) {
            try? marker.write(kind.marker)
            try? marker.commit()
        }
        var left: [String] = []
        func walk(_ relative: [String]) {
            let here = ([folder] + relative).joined(separator: "/")
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: here)) ?? []).sorted()
            // The marker goes last.
            for name in names where !(relative.isEmpty && name == BundleLayout.markerName) {
                let path = here + "/" + name
                let components = relative + [name]
                if kind?.isOwn(components[...]) == true {
                    if isFolder(path) {
                        let before = left.count
                        walk(components)
                        if rmdir(path) != 0, left.count == before { left.append(path) }
                    } else if unlink(path) != 0 {
                        left.append(path)
                    }
                } else if let destination, move(path, to: destination, components) {
                    continue
                } else {
                    left.append(path)
                }
            }
        }
        walk([])
        if left.isEmpty {
            unlink(folder + "/" + BundleLayout.markerName)
            if rmdir(folder) != 0, exists(folder) { left.append(folder) }
        }
        return left
    }

    /// Moves `path` to `components` under `destination` when that name is free there, creating the folders
    /// above it (metrics' own, such as `data/`) when the new bundle has none.
    private static func move(_ path: String, to destination: String, _ components: [String]) -> Bool {
        guard isFolder(destination) else { return false }
        var folder = destination
        for component in components.dropLast() {
            folder += "/" + component
            if !exists(folder), mkdir(folder, 0o777) != 0 { return false }
            guard isFolder(folder) else { return false }
        }
        let place = folder + "/" + components.last!
        guard !exists(place) else { return false }
        return rename(path, place) == 0
    }

    /// The real path of the destination: created parents, symbolic links resolved, checked.
    private static func resolve(_ given: String) throws(OutputError) -> String {
        guard !given.isEmpty, !given.utf8.contains(0) else {
            throw OutputError(path: given, kind: .cannotCreate, reason: given.isEmpty ? "an empty folder name" : "the folder name holds a NUL character")
        }
        var path = given
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if !exists(path) {
            let parent = Self.parent(of: path)
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: given, kind: .cannotCreate, reason: "cannot create the directory")
            }
        }
        let real: String
        if exists(path) {
            guard let resolved = realPath(path) else {
                throw OutputError(path: given, kind: .cannotCreate, reason: "it cannot be resolved (a symbolic link to nothing?): \(OutputSink.describe(errno))")
            }
            guard isFolder(resolved) else { throw OutputError(path: given, kind: .cannotCreate, reason: "it exists and is not a directory") }
            real = resolved
        } else {
            let name = String(path[(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)...])
            guard let parent = realPath(Self.parent(of: path)), isFolder(parent) else {
                throw OutputError(path: given, kind: .cannotCreate, reason: "cannot create the directory")
            }
            real = (parent == "/" ? "" : parent) + "/" + name
        }
        guard real != "/" else { throw OutputError(path: given, kind: .cannotCreate, reason: "the root folder cannot be an output folder") }
        let working = realPath(".") ?? ""
        if working == real || working.hasPrefix(real + "/") {
            throw OutputError(path: given, kind: .cannotCreate, reason: "it is the working directory, or holds it, and metrics replaces its output folder as a whole: choose another folder")
        }
        var own = stat()
        var above = stat()
        if lstat(real, &own) == 0, stat(Self.parent(of: real), &above) == 0, own.st_dev != above.st_dev {
            throw OutputError(
                path: given, kind: .cannotCreate,
                reason: "it is a mount point, and the new bundle is built beside it and swapped in, which needs one file system: write into a folder inside it")
        }
        return real
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// A real folder, not a symbolic link to one.
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func isEmptyFolder(_ path: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]).isEmpty
    }

    /// Exchanges two folders in one step (`renameat2` with `RENAME_EXCHANGE`, Linux 3.15 and glibc 2.28);
    /// false when the system or the file system cannot.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if canImport(Glibc)
        guard let call = SystemCalls.renameat2 else { return false }
        return call(AT_FDCWD, a, AT_FDCWD, b, SystemCalls.renameExchange) == 0
        #else
        return false
        #endif
    }
}

#if canImport(Glibc)
/// glibc functions that Swift's Glibc module does not declare, looked up once at run time.
private enum SystemCalls {
    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

    /// `RENAME_EXCHANGE` of `<linux/fs.h>`.
    static let renameExchange: UInt32 = 1 << 1

    /// `renameat2(2)`, through `dlsym` on the default handle (`RTLD_DEFAULT`, the null handle in glibc);
    /// `nil` on a C library without it.
    static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
}
#endif
