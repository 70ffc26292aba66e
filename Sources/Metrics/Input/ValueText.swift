/// A value cell as UK public-sector files write it: a number, a missing-value symbol, or a mistake.
///
/// Accepted numbers: plain decimals (`377`, `-0.5`, `1.2e3`) on a fast path; and, as analysts' files really
/// hold them: thousands separators in groups of three (`1,234`, `12,345,678.5`), a percent sign (`12%`,
/// `12.5 %`: the value is 12, and the series is in percent), a currency sign before the number (`£5,000`,
/// `-£5`, `£-5`; also `$` and `€`), a Unicode minus (`−5`), surrounding spaces and no-break spaces.
/// Missing values: the GSS symbols (`MissingValue`). Refused with a reason: NaN and infinity in any spelling,
/// numbers beyond the double range (`1e999`, `-£1e999`: an error, never an infinite value), hexadecimal
/// (`0x1p3`), wrong thousands grouping (`1,23`), accounting brackets (`(5)`), footnote marks (`123*`), a
/// byte-order mark inside the cell, anything else. Magnitudes below the double range round to zero.
///
/// A number is given as the nearest double and its residual, what the double leaves out of the decimal as
/// written (`FastDouble.parseWithResidual`): 0 for every value a double holds exactly (integers up to 2⁵³,
/// 12.5), so that `9007199254740993` (2⁵³ + 1, whose nearest double is 2⁵³) is still known to be one more
/// than `9007199254740992`. Series observations keep it (`Series.Observation.residual`).
public enum ValueText {
    public enum Marker: Sendable, Hashable {
        case percent
        case currency(String)
    }

    public enum Parsed: Sendable, Hashable {
        case number(Double, marker: Marker?, residual: Double = 0)
        case missing(MissingValue)
        case invalid(reason: String)
    }

    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        if let (value, residual) = FastDouble.parseWithResidual(bytes) {
            return value.isFinite ? .number(value, marker: nil, residual: residual) : .invalid(reason: "it is outside the range of double precision")
        }
        return parseSlowly(bytes)
    }

    @usableFromInline
    static func parseSlowly(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        if let symbol = MissingValue(cell: bytes) { return .missing(symbol) }
        guard var text = String(validating: bytes, as: UTF8.self) else { return .invalid(reason: "it is not valid UTF-8") }
        if ByteOrderMark.isIn(text) {
            return .invalid(reason: "it holds an invisible byte-order mark (U+FEFF), which belongs only at the very start of a file")
        }
        text = text.replacingOccurrences(of: "\u{00A0}", with: " ").trimmingSpaces()
        if let symbol = text.utf8.withContiguousStorageIfAvailable({ MissingValue(cell: $0) }) ?? nil { return .missing(symbol) }
        switch DecimalText.parse(text) {
        case .nonFinite: return .invalid(reason: "NaN and infinity are not values (use a GSS symbol such as x for 'not available')")
        case .outOfRange: return .invalid(reason: "it is outside the range of double precision")
        default: break
        }
        var marker: Marker? = nil
        var negative = false
        var body = Substring(text)
        func takeSign() {
            if let c = body.first, c == "-" || c == "−" || c == "+" {
                if c != "+" { negative.toggle() }
                body = body.dropFirst()
            }
        }
        takeSign()
        for (symbol, code) in [("£", "GBP"), ("$", "USD"), ("€", "EUR")] where body.hasPrefix(symbol) {
            marker = .currency(code)
            body = body.dropFirst(symbol.count)
            takeSign()
        }
        if body.hasSuffix("%") {
            guard marker == nil else { return .invalid(reason: "a value cannot be both money and a percentage") }
            marker = .percent
            body = body.dropLast()
            while body.last == " " { body = body.dropLast() }
        }
        if body.hasPrefix("("), body.hasSuffix(")") {
            return .invalid(reason: "accounting brackets are ambiguous here; write a negative number with a minus sign")
        }
        // Thousands separators: 1–3 digits, then groups of exactly 3, before any decimal point.
        let integerPart = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if integerPart.contains(",") {
            let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
                groups.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
            else { return .invalid(reason: "the thousands separators are misplaced (expected groups of three, as in 1,234,567)") }
            body = Substring(body.filter { $0 != "," })
        }
        guard !body.isEmpty, body.first != "+", body.first != "-" else { return .invalid(reason: "it is not a number") }
        var plain = String(body)
        let parsed = plain.withUTF8 { FastDouble.parseWithResidual($0) }
        guard let (value, residual) = parsed, value.isFinite else {
            if parsed?.value.isInfinite == true { return .invalid(reason: "it is outside the range of double precision") }
            if let last = text.last, "*†‡#^".contains(last) {
                return .invalid(reason: "it carries a footnote mark; move notes to a column of their own")
            }
            return .invalid(reason: "it is not a number")
        }
        return .number(negative ? -value : value, marker: marker, residual: negative ? -residual : residual)
    }
}
