import Metrics
import Testing

/// Double-double arithmetic: results exact where the true value is representable, and ~32 digits otherwise.
struct DoubleDoubleTests {
    @Test("sums and products keep what a double drops")
    func keepsLowOrderBits() {
        let big = DoubleDouble(1e16)
        let sum = big + DoubleDouble(1) - big
        #expect(sum.doubleValue == 1)
        let third = DoubleDouble(1) / DoubleDouble(3)
        let back = third * DoubleDouble(3)
        #expect((back - .one).magnitude.hi < 1e-31)
        #expect(third.lo != 0, "1/3 needs more than one double")
    }

    @Test("square root to ~2⁻¹⁰⁵ relative")
    func squareRoot() {
        let two = DoubleDouble(2)
        let root = two.squareRoot()
        #expect(((root * root) - two).magnitude.hi < 1e-30)
        #expect(DoubleDouble.zero.squareRoot() == .zero)
        #expect(DoubleDouble(-1).squareRoot().hi.isNaN)
    }

    @Test("integers beyond 2⁵³ are exact")
    func largeIntegers() {
        let n = (1 << 60) + 1
        let x = DoubleDouble(n)
        #expect(x.hi == Double(1 << 60) && x.lo == 1)
    }

    @Test("logarithm to double-double precision")
    func logarithm() {
        let e = DoubleDouble(hi: 2.718281828459045, lo: 1.4456468917292502e-16)
        #expect((e.logarithm() - .one).magnitude.hi < 1e-30)
        #expect(DoubleDouble(1).logarithm().hi == 0)
        let ln10 = DoubleDouble(10).logarithm()  // ln 10 = 2.302585092994045684017991454684364…
        #expect(ln10.hi == 2.302585092994046)
        #expect(abs(ln10.lo - (-2.1707562233822494e-16)) < 1e-29)  // mpmath, 50 digits: 30 digits agree
    }
}

/// Exact decimal reading.
struct DecimalTextTests {
    func value(_ text: String) -> DoubleDouble? {
        if case .number(let x) = DecimalText.parse(text) { return x }
        return nil
    }

    @Test("decimals that a double cannot hold are kept to ~31 digits")
    func exactDecimals() throws {
        let x = try #require(value("10000000.2"))
        #expect(x.hi == 10000000.2)
        // The double 10000000.2 is 10000000.199999999254941940307617…; lo carries the difference.
        #expect(abs((x - DoubleDouble(10000000.2)).doubleValue - 7.450580596923829e-10) < 1e-24)  // mpmath
        let tenth = try #require(value("0.1"))
        #expect((tenth * DoubleDouble(10) - .one).magnitude.hi < 1e-32)
    }

    @Test("forms accepted")
    func forms() {
        #expect(value("42") == DoubleDouble(42))
        #expect(value("-0.5") == DoubleDouble(-0.5))
        #expect(value("+1.5e3") == DoubleDouble(1500))
        #expect(value(" 7 ") == DoubleDouble(7))
        #expect(value(".25") == DoubleDouble(0.25))
        #expect(value("5.") == DoubleDouble(5))
        #expect(value("0.402962525080404E-04")?.hi == 0.402962525080404E-04)
        #expect(value("1e-400") == .zero)
    }

    @Test("forms refused, each with its reason")
    func refused() {
        for text in ["", " ", "abc", "1.2.3", "1e", "1e+", "--1", "1,234", "12%", "£5", "0x10", ".", "-", "1 2"] {
            #expect(DecimalText.parse(text) == .invalid, "\(text)")
        }
        for text in ["NaN", "nan", "-inf", "Infinity", "+INF", "INFINITY"] {
            #expect(DecimalText.parse(text) == .nonFinite, "\(text)")
        }
        #expect(DecimalText.parse("1e400") == .outOfRange)
        #expect(DecimalText.parse("1" + String(repeating: "0", count: 400)) == .outOfRange)
    }

    @Test("a number with a million digits is read in linear time and kept to 31 digits")
    func hugeDigitString() throws {
        let text = "0." + String(repeating: "3", count: 1_000_000)
        let x = try #require(value(text))
        #expect(((x * DoubleDouble(3)) - .one).magnitude.hi < 1e-30)
    }
}
