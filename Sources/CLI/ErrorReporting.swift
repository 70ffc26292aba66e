import ArgumentParser
import Metrics

#if canImport(Glibc)
import Glibc
#endif

/// Runs a verb's body and turns the library's typed errors into SPEC.md's exit statuses and
/// `metrics: error: FILE:LINE:COLUMN: message` lines on standard error.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as DataError {
        fail("\(error.location): \(error.message)", status: 65)
    } catch let error as InputUnavailableError {
        fail("\(error.path): \(error.reason)", status: 66)
    } catch let error as OutputError {
        fail("\(error.path): \(error.reason)", status: error.kind == .cannotCreate ? 73 : 74)
    } catch let error as UsageError {
        fail(error.message, status: 64)
    } catch let error as GSLError {
        fail("numerical failure in \(error.function): \(error.reason)", status: 65)
    }
}

private func fail(_ message: String, status: Int32) -> Never {
    StandardStreams.message("metrics: error: \(message)")
    exit(status)
}
