import Metrics
import Testing

/// Value cells as UK public-sector files write them.
struct ValueTextTests {
    func parse(_ text: String) -> ValueText.Parsed {
        var copy = text
        return copy.withUTF8 { ValueText.parse($0) }
    }

    @Test("plain numbers take the fast path and round correctly")
    func plain() {
        #expect(parse("377") == .number(377, marker: nil))
        #expect(parse("-0.5") == .number(-0.5, marker: nil))
        #expect(parse("1.2e3") == .number(1200, marker: nil))
        #expect(number(parse("0.1")) == 0.1)
        #expect(number(parse("123456789012345678901234567890")) == 1.2345678901234568e29, "more than 19 digits")
        #expect(number(parse("2.2250738585072014e-308")) == 2.2250738585072014e-308, "beyond the fast path")
    }

    /// Residuals x − double(x) of the decimals as written, from Python's `fractions.Fraction` (exact), rounded
    /// to a double: the fast path (a remainder or a product's error), 19-digit integers, Swift's parser with
    /// `DecimalText`, and the slow path for analysts' forms.
    @Test("a number's residual is what its double leaves out of the decimal written", arguments: [
        ("0.1", 0.1, -5.551115123125783e-18), ("-0.3", -0.3, -1.1102230246251566e-17), ("12.3", 12.3, -7.105427357601002e-16),
        ("12.5", 12.5, 0), ("377", 377, 0), ("9007199254740993", 9007199254740992, 1), ("-9007199254740993", -9007199254740992, -1),
        ("123456789012345678", 1.2345678901234568e17, -2), ("1234567890123456789", 1.2345678901234568e18, 21),
        ("1e23", 1e23, 8388608), ("0.30000000000000004441", 0.30000000000000004, 1.079014993738383e-21),
        ("123456789012345678901234567890", 1.2345678901234568e29, 1023514970834),
        ("1,234.56", 1234.56, 5.456968210637569e-14), ("£-1,234.56", -1234.56, -5.456968210637569e-14),
        ("12.3 %", 12.3, -7.105427357601002e-16), ("9,007,199,254,740,993", 9007199254740992, 1),
    ])
    func residual(text: String, value: Double, residual: Double) {
        guard case .number(let x, _, let r) = parse(text) else {
            Issue.record("\(text) is not read as a number")
            return
        }
        #expect(x == value, "\(text)")
        // The residual is exact to double-double precision: within 2⁻¹⁰⁴ of the value.
        #expect(abs(r - residual) <= abs(value) * 0x1p-104, "\(text): \(r), expected \(residual)")
    }

    func number(_ parsed: ValueText.Parsed) -> Double? {
        if case .number(let x, _, _) = parsed { return x }
        return nil
    }

    @Test("the forms analysts' files contain")
    func analystForms() {
        #expect(parse("1,234") == .number(1234, marker: nil))
        #expect(parse("12,345,678.5") == .number(12_345_678.5, marker: nil))
        #expect(number(parse("12,345,678.1")) == 12_345_678.1)
        #expect(parse("12%") == .number(12, marker: .percent))
        #expect(parse("12.5 %") == .number(12.5, marker: .percent))
        #expect(parse("£5,000") == .number(5000, marker: .currency("GBP")))
        #expect(parse("-£5") == .number(-5, marker: .currency("GBP")))
        #expect(parse("£-5") == .number(-5, marker: .currency("GBP")))
        #expect(parse("−5") == .number(-5, marker: nil), "Unicode minus")
        #expect(parse(" 42 ") == .number(42, marker: nil))
        #expect(parse("\u{00A0}42") == .number(42, marker: nil), "no-break space")
    }

    @Test("GSS symbols are missing values that keep their symbol")
    func symbols() {
        #expect(parse("c") == .missing(.confidential))
        #expect(parse("x") == .missing(.notAvailable))
        #expect(parse("z") == .missing(.notApplicable))
        #expect(parse("low") == .missing(.low))
        #expect(parse("u") == .missing(.lowReliability))
        #expect(parse("k") == .missing(.legacyLow))
        #expect(parse(":") == .missing(.legacyNotAvailable))
        #expect(parse("~") == .missing(.legacyLowTilde))
        #expect(parse("") == .missing(.blank))
        #expect(parse("[c]") == .missing(.confidential))
    }

    @Test("everything else is refused with a reason")
    func refused() {
        for text in ["NaN", "inf", "-Infinity", "1,23", "12,3456", "(5)", "123*", "abc", "1 234", "£5%", "1e999", "--5", "5-"] {
            guard case .invalid(let reason) = parse(text) else {
                Issue.record("'\(text)' was accepted")
                continue
            }
            #expect(!reason.isEmpty)
        }
    }
}
