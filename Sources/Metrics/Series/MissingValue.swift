/// A value cell that holds no number, and why: the Government Statistical Service symbols that DfE and ONS
/// publish in place of numbers, the legacy ones still found in older files, and a blank.
///
/// Source: GSS, "Symbols, abbreviations and notes in statistical tables" (Analysis Function guidance, 2021)
/// and DfE's EES open-data standards (`c`, `low`, `x`, `z`, `u`; legacy `k`, `:`, `~`). `NA` (R's marker)
/// is read as unavailable. Bracketed forms (`[c]`, `[x]`, …) are accepted as the same symbols.
/// A missing value is never zero and never an error: it keeps its symbol into every output.
public enum MissingValue: String, Sendable, Hashable, CaseIterable {
    case confidential = "c"
    case low = "low"
    case notAvailable = "x"
    case notApplicable = "z"
    case lowReliability = "u"
    case legacyLow = "k"
    case legacyNotAvailable = ":"
    case legacyLowTilde = "~"
    case notRecorded = "NA"
    case blank = ""

    /// The symbol as it appears in files.
    public var symbol: String { rawValue }

    /// What the symbol means, in the publisher's words.
    public var reason: String {
        switch self {
        case .confidential: "confidential (suppressed to protect individuals)"
        case .low: "rounds to zero, but is not zero"
        case .notAvailable: "not available"
        case .notApplicable: "not applicable"
        case .lowReliability: "low reliability"
        case .legacyLow: "fewer than 0.5 (legacy symbol k)"
        case .legacyNotAvailable: "not available (legacy symbol :)"
        case .legacyLowTilde: "rounds to zero (legacy symbol ~)"
        case .notRecorded: "not recorded (NA)"
        case .blank: "blank"
        }
    }

    /// Recognises a cell's text (surrounding spaces and square brackets ignored, case-insensitive for the
    /// letter symbols), or `nil` when the cell is not a missing-value symbol.
    public init?(cell bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if end - start >= 2, bytes[start] == UInt8(ascii: "["), bytes[end - 1] == UInt8(ascii: "]") {
            start += 1
            end -= 1
        }
        let length = end - start
        if length == 0 {
            self = .blank
            return
        }
        guard length <= 3 else { return nil }
        func lower(_ i: Int) -> UInt8 { bytes[start + i] | (bytes[start + i] >= 0x41 && bytes[start + i] <= 0x5A ? 0x20 : 0) }
        switch length {
        case 1:
            switch lower(0) {
            case UInt8(ascii: "c"): self = .confidential
            case UInt8(ascii: "x"): self = .notAvailable
            case UInt8(ascii: "z"): self = .notApplicable
            case UInt8(ascii: "u"): self = .lowReliability
            case UInt8(ascii: "k"): self = .legacyLow
            case UInt8(ascii: ":"): self = .legacyNotAvailable
            case UInt8(ascii: "~"): self = .legacyLowTilde
            default: return nil
            }
        case 2:
            guard lower(0) == UInt8(ascii: "n"), lower(1) == UInt8(ascii: "a") else { return nil }
            self = .notRecorded
        default:
            guard lower(0) == UInt8(ascii: "l"), lower(1) == UInt8(ascii: "o"), lower(2) == UInt8(ascii: "w")
            else { return nil }
            self = .low
        }
    }
}
