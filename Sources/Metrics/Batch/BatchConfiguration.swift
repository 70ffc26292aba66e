internal import Foundation
internal import Yams

/// A batch run's configuration, read from YAML (`metrics batch CONFIG.yaml`). Every key is optional but
/// `inputs`; unknown keys are errors (a misspelt `polarity` must not be ignored silently), each with the
/// file, line and column where it stands.
///
///     name: middlesbrough-neighbours          # output folder name (default: the file's name)
///     inputs: [children_looked_after.csv, "workforce*.csv"]   # paths or globs, relative to this file
///     format: tidy                            # tidy | wide | ees | lait (default: detected)
///     year_type: financial                    # how 2020-21 reads (financial | academic)
///     select: {indicators: [...], areas: [...], regions: [...], where: {geographic_level: Local authority}}
///     alpha: 0.05
///     min_points: 3
///     polarity: lower                         # for every indicator without its own
///     measures: [mk_hamed_rao, pettitt, holt] # summarize --measures
///     horizon: 3                              # holt_forecast_k and the forecast model
///     events: events.csv                      # an events file (date, label, category, area_code)
///     event_categories: [ofsted_inspection]
///     indicators:                             # per indicator (its key value)
///       agency_rate_fte: {polarity: lower}
///       children_looked_after_rate_per_10000: {polarity: lower, events: cla_events.csv}
///     models: [forecast, changepoints, spc, its]   # per-series model tables beside the summary
///     forecast: {method: holt, level: 0.95}
///     outputs: {formats: [json, ndjson], report: true}
///
/// Conventions: globs (`*`, `?`, `[…]` in the last path component) expand to files sorted by name; a glob
/// that matches nothing, or a path that does not exist, is an error before any work starts. `its` needs
/// events. Numbers are checked for range (alpha and the level in (0, 1), horizon 1–120). `name` must be
/// one plain folder name (`Reader.fileName`), and no path may hold a NUL character: both are checked here,
/// with the line and column, before any file is touched. The file holds at most 1 MiB, and at most 1,000
/// aliases, 16 MiB of text and 1,000,000 values once its aliases are expanded (`YAMLExpansion`): each
/// beyond is a `DataError` where it is crossed.
public struct BatchConfiguration: Sendable {
    public enum Model: String, Sendable, Hashable, CaseIterable {
        case forecast, changepoints, spc, its
    }

    public struct IndicatorSettings: Sendable {
        public var polarity: SeriesMetadata.Polarity?
        public var events: EventList?
    }

    /// The configuration file as given, and its directory (inputs are relative to it).
    public let file: String
    public let text: String
    public var name: String
    public var inputs: [String]
    public var read: ReadOptions
    public var filter: SeriesFilter
    public var alpha: Double
    public var minimumPoints: Int
    public var polarity: SeriesMetadata.Polarity?
    public var measures: [SummaryMeasure]
    public var horizon: Int
    public var events: EventList?
    public var indicators: [String: IndicatorSettings]
    public var models: [Model]
    public var forecastMethod: ForecastRequest.Method
    public var level: Double
    public var formats: [OutputFormat]
    public var report: Bool

    /// The most bytes a configuration file may hold (the commented example in `datasets/middlesbrough` has
    /// 3 KB): a larger one, or an endless one such as `/dev/zero`, is a `DataError` where the limit is crossed.
    static let maximumFileBytes = 1 << 20

    public static func read(path: String) throws -> BatchConfiguration {
        let whole: (bytes: [UInt8], complete: Bool)
        do {
            whole = try ByteSource(path: path, decompress: false).whole(upTo: maximumFileBytes)
        } catch {
            throw InputUnavailableError(path: path, reason: "cannot read the configuration: \(error.reason)")
        }
        let bytes = whole.bytes
        guard whole.complete else {
            let location = bytes.withUnsafeBufferPointer { SourceLocation(file: path, after: $0, fromLine: 1) }
            throw DataError(location, "the configuration is longer than 1 MiB, the most a configuration may hold")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DataError(SourceLocation(file: path, line: 1, column: 1), "the configuration is not UTF-8 text")
        }
        return try BatchConfiguration(text: text, file: path)
    }

    public init(text: String, file: String) throws {
        self.file = file
        self.text = text
        let root: Node?
        try YAMLExpansion.check(text, file: file)
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.yamlError(error, file: file)
        }
        guard let root, case .mapping(let mapping) = root else {
            throw DataError(SourceLocation(file: file, line: 1, column: 1), "the configuration must be a YAML mapping with at least `inputs:`")
        }
        let reader = Reader(file: file)
        let top = try reader.mapping(mapping, allowed: [
            "name", "inputs", "format", "year_type", "select", "alpha", "min_points", "polarity", "measures", "horizon",
            "events", "event_categories", "indicators", "models", "forecast", "outputs",
        ])
        let directory = (file as NSString).deletingLastPathComponent
        func relative(_ path: String) -> String {
            path.hasPrefix("/") || directory.isEmpty ? path : directory + "/" + path
        }

        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        name = try top["name"].map { try reader.fileName($0) } ?? stem

        guard let inputNode = top["inputs"] else {
            throw DataError(SourceLocation(file: file, line: 1, column: 1), "the configuration names no `inputs:`")
        }
        var inputs: [String] = []
        for node in try reader.strings(inputNode) {
            try reader.checkPath(node.value, node.node)
            let expanded = try Self.expand(relative(node.value), file: file, at: node.mark)
            inputs += expanded
        }
        self.inputs = inputs

        var read = ReadOptions()
        if let node = top["format"] {
            let text = try reader.string(node)
            guard let format = InputFormat(rawValue: text) else {
                throw reader.error(node, "format must be one of \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
            }
            read.format = format
        }
        if let node = top["year_type"] {
            let text = try reader.string(node)
            guard let type = YearType(rawValue: text) else { throw reader.error(node, "year_type must be financial or academic, not '\(text)'") }
            read.yearType = type
        }
        self.read = read

        var filter = SeriesFilter()
        if let node = top["select"] {
            let select = try reader.mapping(node, allowed: ["indicators", "areas", "regions", "where"])
            filter.indicators = try select["indicators"].map { try reader.strings($0).map(\.value) } ?? []
            filter.areas = try select["areas"].map { try reader.strings($0).map(\.value) } ?? []
            filter.regions = try select["regions"].map { try reader.strings($0).map(\.value) } ?? []
            if let whereNode = select["where"] {
                guard case .mapping(let conditions) = whereNode else { throw reader.error(whereNode, "where must map column names to values") }
                for (key, value) in conditions {
                    filter.conditions.append(NumericColumns.Filter(column: try reader.string(key), value: try reader.string(value)))
                }
            }
        }
        self.filter = filter

        alpha = try top["alpha"].map { try reader.number($0, in: 0...1, open: true, name: "alpha") } ?? 0.05
        minimumPoints = try top["min_points"].map { Int(try reader.number($0, in: 2...1_000_000, name: "min_points")) } ?? 3
        polarity = try top["polarity"].map { try reader.polarity($0) }
        if let node = top["measures"] {
            var chosen: [SummaryMeasure] = []
            for item in try reader.strings(node) {
                switch SummaryMeasure.parse(item.value) {
                case .success(let measures): chosen += measures
                case .failure(let error): throw reader.error(item.node, error.description)
                }
            }
            measures = Set(chosen).sorted()
        } else {
            measures = []
        }
        horizon = try top["horizon"].map { Int(try reader.number($0, in: 1...120, name: "horizon")) } ?? 3

        let categories = try top["event_categories"].map { try reader.strings($0).map(\.value) } ?? []
        func eventList(_ node: Node) throws -> EventList {
            let text = try reader.string(node)
            try reader.checkPath(text, node)
            let path = relative(text)
            do {
                return try EventList.read(path: path).keeping(categories: categories)
            } catch let error as InputUnavailableError {
                throw reader.error(node, "the events file \(error.path) cannot be read: \(error.reason)")
            }
        }
        events = try top["events"].map(eventList)

        var indicators: [String: IndicatorSettings] = [:]
        if let node = top["indicators"] {
            guard case .mapping(let perIndicator) = node else { throw reader.error(node, "indicators must map each indicator to its settings") }
            for (key, value) in perIndicator {
                let settings = try reader.mapping(value, allowed: ["polarity", "events"])
                indicators[try reader.string(key)] = IndicatorSettings(
                    polarity: try settings["polarity"].map { try reader.polarity($0) },
                    events: try settings["events"].map(eventList))
            }
        }
        self.indicators = indicators

        var models: [Model] = []
        if let node = top["models"] {
            for item in try reader.strings(node) {
                guard let model = Model(rawValue: item.value) else {
                    throw reader.error(item.node, "'\(item.value)' is not a model; choose from \(Model.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if !models.contains(model) { models.append(model) }
            }
        }
        self.models = Model.allCases.filter(models.contains)
        if self.models.contains(.its), events == nil, !indicators.values.contains(where: { $0.events != nil }) {
            throw reader.error(top["models"]!, "the its model needs events: give `events:` (a file), for all indicators or per indicator")
        }

        var method = ForecastRequest.Method.holt
        var level = 0.95
        if let node = top["forecast"] {
            let forecast = try reader.mapping(node, allowed: ["method", "level"])
            if let m = forecast["method"] {
                let text = try reader.string(m)
                guard let parsed = ForecastRequest.Method(rawValue: text) else { throw reader.error(m, "forecast method must be holt, damped or linear, not '\(text)'") }
                method = parsed
            }
            level = try forecast["level"].map { try reader.number($0, in: 0...1, open: true, name: "level") } ?? 0.95
        }
        forecastMethod = method
        self.level = level

        var formats: [OutputFormat] = []
        var report = false
        if let node = top["outputs"] {
            let outputs = try reader.mapping(node, allowed: ["formats", "report"])
            if let f = outputs["formats"] {
                for item in try reader.strings(f) {
                    guard let format = OutputFormat(rawValue: item.value), format != .table else {
                        throw reader.error(item.node, "output formats are csv, json, ndjson and markdown, not '\(item.value)'")
                    }
                    if format != .csv, !formats.contains(format) { formats.append(format) }
                }
            }
            if let r = outputs["report"] {
                guard let flag = r.bool else { throw reader.error(r, "report must be true or false") }
                report = flag
            }
        }
        self.formats = formats
        self.report = report
    }

    /// The polarity for a series: its indicator's own setting, then the configuration's, then the data's.
    func polarity(for key: SeriesKey) -> SeriesMetadata.Polarity? {
        if let indicator = indicator(of: key), let p = indicators[indicator]?.polarity { return p }
        return polarity
    }

    /// The events for a series: its indicator's own, else the configuration's, those of its area.
    func events(for key: SeriesKey) -> [EventList.Event] {
        if let indicator = indicator(of: key), let own = indicators[indicator]?.events { return own.events(for: key) }
        return events?.events(for: key) ?? []
    }

    func indicator(of key: SeriesKey) -> String? {
        for (name, value) in zip(key.names, key.values) where SeriesFilter.indicatorDimensions.contains(name.lowercased()) {
            if indicators[value] != nil { return value }
        }
        return nil
    }

    /// A path, or the files a glob in its last component matches (sorted); an error when there are none.
    static func expand(_ pattern: String, file: String, at mark: Mark?) throws -> [String] {
        let location = SourceLocation(file: file, line: mark?.line, column: mark?.column)
        let last = (pattern as NSString).lastPathComponent
        guard last.contains(where: { "*?[".contains($0) }) else {
            guard FileManager.default.fileExists(atPath: pattern) else {
                throw DataError(location, "the input \(pattern) does not exist")
            }
            return [pattern]
        }
        let directory = (pattern as NSString).deletingLastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        let matches = names.filter { fnmatch(last, $0, 0) == 0 }.sorted().map { directory.isEmpty ? $0 : directory + "/" + $0 }
        guard !matches.isEmpty else { throw DataError(location, "no file matches \(pattern)") }
        return matches
    }

    static func yamlError(_ error: YamlError, file: String) -> DataError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return DataError(SourceLocation(file: file, line: mark.line, column: mark.column), "not valid YAML: \(problem)")
        default:
            return DataError(SourceLocation(file: file, line: 1, column: 1), "not valid YAML: \(error)")
        }
    }

    /// Reading typed values from YAML nodes, with their locations in errors.
    struct Reader {
        let file: String

        func error(_ node: Node, _ message: String) -> DataError {
            DataError(SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column), message)
        }

        func mapping(_ node: Node, allowed: Set<String>) throws -> [String: Node] {
            guard case .mapping(let mapping) = node else { throw error(node, "expected a mapping of \(allowed.sorted().joined(separator: ", "))") }
            var out: [String: Node] = [:]
            for (key, value) in mapping {
                let name = try string(key)
                guard allowed.contains(name) else {
                    throw error(key, "unknown key '\(name)'; the keys here are \(allowed.sorted().joined(separator: ", "))")
                }
                guard out[name] == nil else { throw error(key, "'\(name)' is given twice") }
                out[name] = value
            }
            return out
        }

        func mapping(_ mapping: Node.Mapping, allowed: Set<String>) throws -> [String: Node] {
            try self.mapping(Node.mapping(mapping), allowed: allowed)
        }

        func string(_ node: Node) throws -> String {
            guard case .scalar(let scalar) = node else { throw error(node, "expected a single value") }
            return scalar.string
        }

        /// One string or a list of them.
        func strings(_ node: Node) throws -> [(value: String, node: Node, mark: Mark?)] {
            switch node {
            case .scalar(let scalar): return [(scalar.string, node, node.mark)]
            case .sequence(let sequence): return try sequence.map { (try string($0), $0, $0.mark) }
            default: throw error(node, "expected a value or a list of values")
            }
        }

        func number(_ node: Node, in range: ClosedRange<Double>, open: Bool = false, name: String) throws -> Double {
            guard case .scalar(let scalar) = node, let x = Double(scalar.string), x.isFinite else {
                throw error(node, "\(name) must be a number")
            }
            let inside = open ? (x > range.lowerBound && x < range.upperBound) : range.contains(x)
            guard inside else {
                throw error(node, "\(name) must lie \(open ? "strictly " : "")between \(NumberText.significant(range.lowerBound)) and \(NumberText.significant(range.upperBound)), not \(scalar.string)")
            }
            return x
        }

        func polarity(_ node: Node) throws -> SeriesMetadata.Polarity {
            let text = try string(node)
            switch text.lowercased() {
            case "higher", "high", "higher_is_better", "up": return .higherIsBetter
            case "lower", "low", "lower_is_better", "down": return .lowerIsBetter
            case "none", "neither": return SeriesMetadata.Polarity.none
            default: throw error(node, "polarity must be higher, lower or none, not '\(text)'")
            }
        }

        /// A folder name, one plain file name: not empty, not `.` or `..` and not hidden (no leading `.`), no
        /// `/`, no control character (Unicode's Cc: U+0000–U+001F, U+007F–U+009F: a NUL would cut the path
        /// short where the system reads it), and at most `maximumNameBytes` bytes of UTF-8.
        func fileName(_ node: Node) throws -> String {
            let text = try string(node)
            if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                let position = text.unicodeScalars.prefix { $0 != control }.count + 1
                throw error(node, "name must be a plain folder name, without control characters; character \(position) is \(Self.codePoint(control))")
            }
            guard !text.isEmpty, !text.contains("/"), text != ".", text != "..", !text.hasPrefix(".") else {
                throw error(node, "name must be a plain folder name (no '/', not starting with '.'), not '\(text)'")
            }
            guard text.utf8.count <= BatchConfiguration.maximumNameBytes else {
                throw error(node, "name must be a plain folder name of at most \(BatchConfiguration.maximumNameBytes) bytes (UTF-8), not \(text.utf8.count)")
            }
            return text
        }

        /// A path must not hold a NUL character, which would cut it short where the system reads it.
        func checkPath(_ text: String, _ node: Node) throws {
            if text.utf8.contains(0) { throw error(node, "a path cannot hold a NUL character (\\0)") }
        }

        static func codePoint(_ scalar: Unicode.Scalar) -> String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }

    /// The longest `name` in bytes: a file name has at most 255, and metrics keeps its run folder
    /// (`.NAME.metrics-run`) beside the output folder.
    public static let maximumNameBytes = 200
}
