internal import Synchronization

/// The notes period labels carry (`(OT)`, `(Rev)`, `(prov)`), each stored once for the whole process and
/// referred to by number, so that a `Period` holds only numbers: copying one, or an array of observations,
/// is a plain copy with no reference counting.
///
/// A file has a handful of distinct notes; the registry keeps every distinct note it is given (the memory
/// is that of the distinct texts, bounded by the input), and lookups take a lock only when a label is
/// parsed or a note is shown, never per row.
enum PeriodQualifier {
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

    /// The note with number `number` (nil for 0).
    static func text(_ number: UInt32) -> String? {
        guard number != 0 else { return nil }
        return registry.withLock { $0.texts[Int(number)] }
    }
}
