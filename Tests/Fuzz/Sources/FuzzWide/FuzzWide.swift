// Fuzz target: the wide reader, one row per series and one column per period; the input is the CSV file.

import FuzzSupport
import Metrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWide(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Fuzz.path("wide.csv")
    Fuzz.write(Fuzz.bytes(data, size)[...], to: path)
    Fuzz.readAll(path: path, format: .wide)
    return 0
}
