// Fuzz target: the batch configuration (YAML), and the events file it names.
//
// Input: the YAML text, then optionally a NUL byte and an events CSV, written as `events.csv` beside the
// configuration (where `events: events.csv` finds it). The scratch folder also holds a small tidy file under
// the names the seeds use as inputs (`neighbours.csv`, `data.csv`), so configurations can get past `inputs:`.
//
// Inputs that mention `dev/`, `proc/`, `sys/`, `fd/`, `run/` or `..` are skipped: a configuration may name any
// file as its events (relative paths climb out of the scratch folder with `..`), and `/dev/zero`,
// `/dev/stdin` or a FIFO would hang the run without saying anything about the library.
//
// Aliases: the text is also checked for alias amplification with limits far below the real ones (8 aliases,
// 512 bytes of text, 64 nodes), so that inputs of a few hundred bytes cross them the way a billion-laughs
// file crosses 1,000 aliases and 16 MiB (`YAMLExpansion`).

import FuzzSupport
@testable import Metrics

private let fixtures: Void = {
    let tidy = Array("area_code,area_name,indicator,period,value\nE06000002,Middlesbrough,rate,2020,1\nE06000002,Middlesbrough,rate,2021,2\n".utf8)
    for name in ["neighbours.csv", "data.csv", "workforce.csv"] { Fuzz.write(tidy[...], to: Fuzz.path(name)) }
}()

private let defaultEvents = Array("date,area_code,label,event,category,source\n2020-01,E06000002,Commissioner appointed,x,intervention,y\n".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatchConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = fixtures
    let bytes = Fuzz.bytes(data, size)
    for forbidden in ["dev/", "proc/", "sys/", "fd/", "run/", ".."] where contains(bytes, Array(forbidden.utf8)) { return -1 }
    let (yaml, events) = Fuzz.splitAtNUL(bytes)
    let path = Fuzz.path("config.yaml")
    Fuzz.write(yaml, to: path)
    Fuzz.write(events ?? defaultEvents[...], to: Fuzz.path("events.csv"))
    // An empty file is given as text: Foundation's `Data(contentsOf:)` (swift-foundation in Swift 6.3.1 on
    // Linux) leaks its 4 KiB read buffer when the file is empty, which LeakSanitizer would report on every
    // such input, although the library holds nothing.
    if let text = String(validating: yaml, as: UTF8.self) {
        _ = try? YAMLExpansion.check(text, file: path, maximumAliases: 8, maximumScalarBytes: 512, maximumNodes: 64)
    }
    let read = yaml.isEmpty ? { try BatchConfiguration(text: "", file: path) } : { try BatchConfiguration.read(path: path) }
    guard let configuration = try? read() else { return 0 }
    _ = configuration.name
    _ = configuration.inputs
    _ = configuration.measures.map(\.rawValue)
    _ = configuration.events?.events.count
    for (_, settings) in configuration.indicators { _ = settings.events?.events.count }
    return 0
}

private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
    }
    return false
}
