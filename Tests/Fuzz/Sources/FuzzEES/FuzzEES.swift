// Fuzz target: the Explore Education Statistics reader with its companion metadata.
//
// Input: the data CSV, then optionally a NUL byte and the `.meta.csv` (written beside the data file as
// `ees.meta.csv`, where the reader looks for it). Without a NUL the reader classifies columns by sampling.
// The area snapshot is read from the same file, as `metrics benchmark` reads EES files.

import FuzzSupport
import Metrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEES(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Fuzz.path("ees.csv")
    let metaPath = Fuzz.path("ees.meta.csv")
    let (csv, meta) = Fuzz.splitAtNUL(Fuzz.bytes(data, size))
    Fuzz.write(csv, to: path)
    if let meta { Fuzz.write(meta, to: metaPath) } else { Fuzz.remove(metaPath) }
    Fuzz.readAll(path: path, format: .ees)
    _ = try? AreaSnapshot.read(
        AreaSnapshot.Request(path: path, statistic: .rate(count: "children_count", denominator: "population_estimate", per: 10_000)))
    _ = try? AreaSnapshot.read(
        AreaSnapshot.Request(path: path, statistic: .proportion(count: "children_count", denominator: "population_estimate", multiplier: 100)))
    return 0
}
