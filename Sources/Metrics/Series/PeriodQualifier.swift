internal import Synchronization

/// The notes period labels carry (`(OT)`, `(Rev)`, `(prov)`), each stored once for the whole process and
/// referred to by number, so that a `Period` holds only numbers: copying one, or an array of observations,
/// is a plain copy with no reference counting.
///
/// A file has a handful of distinct notes; the registry keeps every distinct note it is given, and lookups
/// take a lock only when a label is parsed or a note is shown, never per row. So that its memory is bounded
/// whatever the input (a streaming verb holds one series, whatever the file), a label's note may have at
/// most `longest` characters and a process at most `capacity` distinct notes (`Period.parse` refuses others):
/// a few MB at most. DfE's notes are `OT`, `Rev`, `prov`, `p`, `r`.
enum PeriodQualifier {
    static let longest = 64
    static let capacity = 65_536

    private struct Registry {
        var texts: [String] = [""]  // number 0: no note
        var numbers: [String: UInt32] = [:]
    }

    private static let registry = Mutex(Registry())

    /// The number of `text`, registered on first use.
    static func number(for text: String) -> UInt32 {
        registry.withLock { r in
            if let known = r.numbers[text] { return known }
            let number = UInt32(r.texts.count)
            r.texts.append(text)
            r.numbers[text] = number
            return number
        }
    }

    /// Whether `text` has a number or can be given one: it is known, or fewer than `capacity` notes are.
    static func canRegister(_ text: String, capacity: Int = capacity) -> Bool {
        registry.withLock { r in r.numbers[text] != nil || r.texts.count - 1 < capacity }
    }

    /// The note with number `number` (nil for 0).
    static func text(_ number: UInt32) -> String? {
        guard number != 0 else { return nil }
        return registry.withLock { $0.texts[Int(number)] }
    }
}
