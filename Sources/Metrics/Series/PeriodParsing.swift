/// Reading period labels as analysts' files write them.
///
/// Accepted (surrounding spaces ignored; month names in English, any case, full or three letters):
/// - years: `2021`
/// - two-year labels: `2020-21`, `2020/21`, `2020-2021`, `2020/2021`: a financial year (April–March) unless
///   the year type says academic (September–August). A label alone reads consecutive years as such a
///   year, so `2011-12` is the year 2011-12; but `2000-01` to `2011-12` could be months too, and a reader
///   decides them by the other labels of their series and column, or by `--period-type` (`PeriodLabel`,
///   `PeriodType`). `Dec 2011` and `2011-12-01` are never years.
/// - ranges of years: `2014-16` (calendar 2014 to 2016), `2013/14-15/16` (three financial/academic years)
/// - quarters: `2021-Q3`, `2021 Q3`, `2021Q3`, `Q3 2021`; quarters of a two-year label: `2020-21 Q1`
/// - months: `2021-07`, `2021/07`, `Jul 2021`, `July 2021`, `Jul-21` (two-digit years are 20YY below 50,
///   19YY otherwise)
/// - dates: `2021-03-31`, `31/03/2021` (UK day/month/year), `31 March 2021`, `31 Mar 2021`
/// - terms of a school year, as the tool labels EES terms: `2020-21 Autumn term`, `2020-21 Spring term`,
///   `2020-21 Summer term`, `2020-21 Autumn and spring term` (any case)
/// - a trailing qualifier in parentheses is kept, not parsed: `2016-17 (OT)`, `2025 (prov)` (at most 64
///   characters; `PeriodQualifier`)
/// - EES codes with their `time_identifier`: see `Period.ees(code:identifier:)`
/// Years have four digits, `0001` to `9999` (`Period.representableYears`), as every label the tool writes
/// has them; a period outside those years (`0000`, `9999-00`, which ends in 10000) is refused, so that
/// stepping and forecasting never reach a period whose label could not be read back.
/// Anything else, and dates that do not exist (`2021-02-29`), are a `PeriodError` naming the label.
public struct PeriodError: Error, Sendable, Hashable, CustomStringConvertible {
    public let label: String
    public let reason: String
    public var description: String { "'\(label)' is not a period: \(reason)" }
}

extension Period {
    /// Parses `text` as a period label; `yearType` decides what a two-year label means, and `periodType`, when
    /// given, what kind of period every label must be (and so what a label that could be two things is).
    public static func parse(_ text: String, yearType: YearType = .financial, periodType: PeriodType? = nil) throws(PeriodError) -> Period {
        try read(text, yearType: yearType, periodType: periodType).period
    }

    /// Parses `text` as `parse` does, and says whether the label could also be read as a month (`2000-01`,
    /// read as a two-year label unless `periodType` is `.month`).
    static func read(_ text: String, yearType: YearType = .financial, periodType: PeriodType? = nil) throws(PeriodError) -> PeriodLabel {
        let yearType = periodType?.yearType ?? yearType
        var body = text.trimmingSpaces()
        var qualifier: String? = nil
        if body.hasSuffix(")"), let open = body.lastIndex(of: "(") {
            let note = String(body[body.index(after: open)..<body.index(before: body.endIndex)]).trimmingSpaces()
            if note.count > PeriodQualifier.longest {
                throw PeriodError(label: String(text.prefix(80)) + "…", reason: "the note in parentheses is longer than \(PeriodQualifier.longest) characters")
            }
            if !note.isEmpty {
                guard PeriodQualifier.canRegister(note) else {
                    throw PeriodError(label: text, reason: "more than \(PeriodQualifier.capacity) distinct notes in parentheses have been read: these are not notes")
                }
                qualifier = note
            }
            body = String(body[..<open]).trimmingSpaces()
        }
        guard !body.isEmpty else { throw PeriodError(label: text, reason: "it is empty") }
        var couldBeMonth = false
        guard let period = try decode(body, yearType: yearType, periodType: periodType, couldBeMonth: &couldBeMonth, original: text) else {
            throw PeriodError(label: text, reason: "expected a year (2021), a financial or academic year (2020-21), a quarter (2021-Q3), a month (2021-07, Jul 2021) or a date (2021-03-31)")
        }
        try period.checkRepresentable(label: text)
        if let periodType, !periodType.admits(period.kind) {
            throw PeriodError(label: text, reason: "it is a \(period.kind.family), not \(periodType.noun) as --period-type \(periodType.rawValue) says")
        }
        return PeriodLabel(period: qualifier.map { period.qualified($0) } ?? period, couldBeMonth: couldBeMonth)
    }

    /// Refuses a period outside `representableYears`, naming `label`.
    func checkRepresentable(label: String) throws(PeriodError) {
        guard isRepresentable else {
            throw PeriodError(label: label, reason: "it lies outside the years 0001 to 9999 that period labels are written in")
        }
    }

    private static func decode(
        _ s: String, yearType: YearType, periodType: PeriodType?, couldBeMonth: inout Bool, original: String
    ) throws(PeriodError) -> Period? {
        let tokens = PeriodTokens(s)
        let t = tokens.items
        // Every number below is read with `Int(_:)!`, which traps when a run of digits overflows `Int`. No
        // year, month, day or quarter needs more than a few digits, so a longer run is not a period label.
        guard !t.contains(where: PeriodTokens.isOverlongNumber) else { return nil }
        switch tokens.shape {
        case "9" where t[0].count == 4:
            return year(Int(t[0])!)
        case "9-9" where t[0].count == 4, "9/9" where t[0].count == 4:
            let first = Int(t[0])!
            let second = Int(t[2])!
            if t[2].count == 2 {
                // `2000-01` is the financial year 2000-01 or January 2000: `periodType` says, else a two-year
                // label that the reader may read again as a month (`PeriodLabel`). `2010-12` is a month, or a
                // range of calendar years when `periodType` says years.
                let isMonth = (1...12).contains(second)
                if second == (first + 1) % 100 {
                    if isMonth, periodType == .month { return month(first, second) }
                    couldBeMonth = isMonth && periodType == nil
                    return twoYear(first, yearType)
                }
                if isMonth, periodType != .year { return month(first, second) }
                if t[1] == "-", second > first % 100 { return yearRange(first, years: second - first % 100 + 1, of: nil) }
                throw PeriodError(label: original, reason: "'\(t[2])' is neither the next year nor a month")
            }
            if t[2].count == 4 {
                if second == first + 1 { return twoYear(first, yearType) }
                if second > first, second - first < 100 { return yearRange(first, years: second - first + 1, of: nil) }
                throw PeriodError(label: original, reason: "the second year comes before the first")
            }
            return nil
        case "9/9-9/9" where t[0].count == 4:
            let first = Int(t[0])!
            let last = Int(t[4])! + first / 100 * 100 + (Int(t[4])! < first % 100 ? 100 : 0)
            guard Int(t[2])! == (first + 1) % 100, Int(t[6])! == (last + 1) % 100, last > first else {
                throw PeriodError(label: original, reason: "expected a range of two-year labels such as 2013/14-15/16")
            }
            return yearRange(first, years: last - first + 1, of: yearType)
        case "9-9-9" where t[0].count == 4:
            return try date(Int(t[0])!, Int(t[2])!, Int(t[4])!, original)
        case "9/9/9" where t[4].count == 4:
            return try date(Int(t[4])!, Int(t[2])!, Int(t[0])!, original)
        case "9a9" where t[0].count == 4 && t[1].lowercased() == "q",
            "9-a9" where t[0].count == 4 && t[2].lowercased() == "q",
            "9 a9" where t[0].count == 4 && t[2].lowercased() == "q":
            let q = Int(t.last!)!
            guard (1...4).contains(q) else { throw PeriodError(label: original, reason: "quarters are Q1 to Q4") }
            return quarter(Int(t[0])!, q)
        case "a9 9" where t[0].lowercased() == "q" && t[3].count == 4, "a9-9" where t[0].lowercased() == "q" && t[3].count == 4:
            let q = Int(t[1])!
            guard (1...4).contains(q) else { throw PeriodError(label: original, reason: "quarters are Q1 to Q4") }
            return quarter(Int(t[3])!, q)
        case "9-9 a9" where t[0].count == 4, "9/9 a9" where t[0].count == 4:
            guard t[4].lowercased() == "q", let q = Int(t[5]), (1...4).contains(q),
                let first = Int(t[0]), Int(t[2])! == (first + 1) % 100
            else { return nil }
            return quarterOfYear(first, q, yearType)
        case "a 9" where t[2].count == 4, "a-9" where t[2].count == 4, "a-9" where t[2].count == 2, "a 9" where t[2].count == 2:
            guard let m = monthNumber(t[0]) else { return nil }
            let y = Int(t[2])!
            return month(t[2].count == 2 ? (y < 50 ? 2000 + y : 1900 + y) : y, m)
        case "9 a 9" where t[4].count == 4:
            guard let m = monthNumber(t[2]) else { return nil }
            return try date(Int(t[4])!, m, Int(t[0])!, original)
        case "9-9 a a" where t[0].count == 4 && t[2].count == 2, "9/9 a a" where t[0].count == 4 && t[2].count == 2,
            "9-9 a a a a" where t[0].count == 4 && t[2].count == 2, "9/9 a a a a" where t[0].count == 4 && t[2].count == 2:
            let first = Int(t[0])!
            let words = t[4...].filter { $0 != " " }.joined(separator: " ").lowercased()
            guard Int(t[2])! == (first + 1) % 100, let term = Term.allCases.first(where: { $0.rawValue.lowercased() == words }) else { return nil }
            return self.term(term, academicYear: first)
        default:
            return nil
        }
    }

    // MARK: Constructors on the time axis

    static func year(_ y: Int) -> Period {
        Period(kind: .year, year: y, length: 1)
    }

    static func twoYear(_ y: Int, _ type: YearType) -> Period {
        Period(
            kind: type == .financial ? .financialYear : .academicYear, year: y, fraction: (type.startMonthOffset, 12), length: 1)
    }

    static func yearRange(_ y: Int, years: Int, of type: YearType?) -> Period {
        Period(kind: .yearRange(years: years, of: type), year: y, fraction: (type?.startMonthOffset ?? 0, 12), length: Double(years))
    }

    static func quarter(_ y: Int, _ q: Int) -> Period {
        Period(kind: .quarter, year: y, fraction: (q - 1, 4), length: 0.25)
    }

    static func quarterOfYear(_ y: Int, _ q: Int, _ type: YearType) -> Period {
        Period(
            kind: .quarterOfYear(type), year: y, fraction: (type.startMonthOffset + 3 * (q - 1), 12), length: 0.25)
    }

    /// A term of the academic year starting in September of `y`: autumn from September (4 months), spring
    /// from January (3), summer from April (4), autumn and spring from September (7).
    static func term(_ term: Term, academicYear y: Int) -> Period {
        let (months, length): (Int, Int) = switch term {
        case .autumn: (8, 4)
        case .spring: (12, 3)
        case .summer: (15, 4)
        case .autumnAndSpring: (8, 7)
        }
        return Period(kind: .term(term), year: y + months / 12, fraction: (months % 12, 12), length: Double(length) / 12)
    }

    static func month(_ y: Int, _ m: Int) -> Period {
        Period(kind: .month, year: y, fraction: (m - 1, 12), length: 1.0 / 12)
    }

    static func date(_ y: Int, _ m: Int, _ d: Int, _ original: String) throws(PeriodError) -> Period {
        guard (1...12).contains(m) else { throw PeriodError(label: original, reason: "there is no month \(m)") }
        let lengths = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[m - 1]).contains(d) else {
            throw PeriodError(label: original, reason: "\(monthNames[m - 1].capitalizedFirst) \(y) has no day \(d)")
        }
        let dayOfYear = lengths[0..<(m - 1)].reduce(0, +) + d
        return Period(kind: .date, year: y, fraction: (dayOfYear - 1, isLeap(y) ? 366 : 365), length: 0)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    static func monthNumber(_ word: String) -> Int? {
        let w = word.lowercased()
        if w == "sept" { return 9 }
        guard w.count >= 3 else { return nil }
        return monthNames.firstIndex { $0 == w || $0.prefix(3) == w }.map { $0 + 1 }
    }
}

/// A label cut into runs of digits (`9`), runs of letters (`a`) and single separators, with its shape:
/// `2020-21 Q1` → ["2020", "-", "21", " ", "Q", "1"], shape `9-9 a9`.
struct PeriodTokens {
    /// The most digits a number in a label may have (a year has four; leading zeros aside, nothing has more).
    static let longestNumber = 9

    static func isOverlongNumber(_ item: String) -> Bool {
        item.utf8.count > longestNumber && item.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    var items: [String] = []
    var shape = ""

    init(_ text: String) {
        var current = ""
        var currentClass: Character = " "
        func flush() {
            if !current.isEmpty {
                items.append(current)
                shape.append(currentClass)
                current = ""
            }
        }
        for c in text {
            let cls: Character
            if c.isASCII && c.isNumber { cls = "9" } else if c.isLetter { cls = "a" } else { cls = c == "\t" ? " " : c }
            if cls == "9" || cls == "a" {
                if cls != currentClass { flush() }
                current.append(c)
                currentClass = cls
            } else {
                flush()
                if cls == " ", shape.last == " " { continue }  // runs of spaces count once
                items.append(String(cls))
                shape.append(cls)
                currentClass = cls
            }
        }
        flush()
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
