#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The exclusive right of one run to write an output folder: `flock(2)` with `LOCK_EX` on a lock file, held
/// from before anything is touched until the run ends. The kernel releases it when the process exits, however
/// it exits (`kill -9` included), so a lock is never left behind by a crash; the file itself holds the pid of
/// the run holding it, for the message the next run gives.
///
/// The file is removed by `release()` at the end of a run. A run that opened it before the removal and is
/// waiting for it finds, once it holds the lock, that the path no longer names its file, and starts again on
/// the new one: two runs can never both believe they hold the lock. (On NFS, Linux takes `flock` locks as the
/// server's byte-range locks, so they hold between machines too.)
final class OutputLock {
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes the lock at `path`, creating the file when it is missing. When another run holds it: waits for it
    /// (`wait`), or fails with "FOLDER: it is in use by another metrics run (pid N)…" (`folder` is the output
    /// folder the lock guards, named in the message), exit status 73. `nil` when the file was removed while
    /// this run waited or was opening it (its folder with it, maybe): the caller makes the folder again and
    /// tries again.
    static func acquire(path: String, guarding folder: String, wait: Bool) throws(OutputError) -> OutputLock? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw OutputError(path: folder, kind: .cannotCreate, reason: "cannot create its lock file \(path): \(OutputSink.describe(errno))")
        }
        var status: Int32
        repeat { status = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) } while status != 0 && errno == EINTR
        if status != 0 {
            let code = errno
            let holder = Self.holder(fd)
            close(fd)
            if code == EWOULDBLOCK {
                throw OutputError(
                    path: folder, kind: .cannotCreate,
                    reason: "it is in use by another metrics run\(holder.map { " (pid \($0))" } ?? ""); wait for that run to finish, or run again with --wait")
            }
            throw OutputError(path: folder, kind: .cannotCreate, reason: "cannot lock \(path): \(OutputSink.describe(code))")
        }
        // The run that held it may have removed the file while this one waited: the lock is only ours if the
        // path still names the file locked.
        var held = stat()
        var named = stat()
        guard fstat(fd, &held) == 0, lstat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino else {
            close(fd)
            return nil
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, 0) }
        return OutputLock(path: path, descriptor: fd)
    }

    /// The pid written by the run holding the lock, when it can be read.
    private static func holder(_ fd: Int32) -> Int? {
        var bytes = [UInt8](repeating: 0, count: 24)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int(String(decoding: bytes[0..<n].prefix { (0x30...0x39).contains($0) }, as: UTF8.self))
    }

    /// Removes the lock file and gives the lock up. The file is unlinked while it is still held, so that no run
    /// can take the lock on it afterwards (a run waiting on it sees the change and starts again).
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
