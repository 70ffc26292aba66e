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
        #expect(parse("0.1") == .number(0.1, marker: nil))
        #expect(parse("123456789012345678901234567890") == .number(1.2345678901234568e29, marker: nil), "more than 19 digits")
        #expect(parse("2.2250738585072014e-308") == .number(2.2250738585072014e-308, marker: nil), "beyond the fast path")
    }

    @Test("the forms analysts' files contain")
    func analystForms() {
        #expect(parse("1,234") == .number(1234, marker: nil))
        #expect(parse("12,345,678.5") == .number(12_345_678.5, marker: nil))
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
