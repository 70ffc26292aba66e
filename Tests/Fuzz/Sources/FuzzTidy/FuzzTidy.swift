// Fuzz target: the tidy (long) reader, `key…, period, value` rows; the input is the CSV file.
// Also the area snapshot (benchmarking's cross-section) read from the same file.

import FuzzSupport
import Metrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTidy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Fuzz.path("tidy.csv")
    Fuzz.write(Fuzz.bytes(data, size)[...], to: path)
    Fuzz.readAll(path: path, format: .tidy)
    _ = try? AreaSnapshot.read(AreaSnapshot.Request(path: path, statistic: .value(column: "value")))
    _ = try? AreaSnapshot.read(
        AreaSnapshot.Request(path: path, statistic: .rate(count: "value", denominator: "denominator", per: 100_000), period: "2021"))
    return 0
}
