// Fuzz target: the LAIT long-data reader with its data dictionary.
//
// Input: the LAIT CSV, then optionally a NUL byte and the data dictionary (written beside the data as
// `lait_data_dictionary.csv`, where the reader looks for it). The area snapshot reads the same file.

import FuzzSupport
import Metrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLAIT(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Fuzz.path("lait.csv")
    let dictionaryPath = Fuzz.path("lait_data_dictionary.csv")
    let (csv, dictionary) = Fuzz.splitAtNUL(Fuzz.bytes(data, size))
    Fuzz.write(csv, to: path)
    if let dictionary { Fuzz.write(dictionary, to: dictionaryPath) } else { Fuzz.remove(dictionaryPath) }
    Fuzz.readAll(path: path, format: .lait)
    _ = try? AreaSnapshot.read(AreaSnapshot.Request(path: path, statistic: .value(column: "value"), indicator: "CLA_Rate"))
    return 0
}
