import Foundation

/// A strict RFC 4180 reader for checking what `metrics` writes: records of fields, quotes undoubled. `nil`
/// when the text is not well-formed CSV (a quote left open, text after a closing quote, a record with
/// another number of fields than the header), so a truncated or garbled output fails the test that reads it.
struct ParsedCSV: Equatable {
    let header: [String]
    let rows: [[String]]

    init?(_ text: String) {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var fieldStarted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            afterQuote = true
                            pending = following
                        }
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard !fieldStarted else { return nil }  // a quote inside an unquoted field
                quoted = true
                fieldStarted = true
            case ",":
                record.append(field)
                field = ""
                afterQuote = false
                fieldStarted = false
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                afterQuote = false
                fieldStarted = false
            default:
                guard !afterQuote else { return nil }
                field.unicodeScalars.append(c)
                fieldStarted = true
            }
        }
        guard !quoted else { return nil }
        if fieldStarted || !record.isEmpty {
            return nil  // the last record has no line feed: the output was cut short
        }
        guard let first = records.first else { return nil }
        guard records.allSatisfy({ $0.count == first.count }) else { return nil }
        header = first
        rows = Array(records.dropFirst())
    }

    /// The values of column `name`.
    func column(_ name: String) -> [String]? {
        header.firstIndex(of: name).map { j in rows.map { $0[j] } }
    }

    /// Every cell, header included.
    var cells: [String] { header + rows.flatMap { $0 } }
}
