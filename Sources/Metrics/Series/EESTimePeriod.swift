/// EES open-data time columns: `time_period` decoded with `time_identifier`.
///
/// Source: DfE, "Explore education statistics: open data standards", time_identifier list. `time_period`
/// is `YYYY` for calendar-based identifiers and `YYYYYY` (e.g. `202021`) for two-year ones.
/// - `Calendar year`, `Reporting year` → the year (a reporting year is dated by its year, like a calendar
///   year: DfE's children-looked-after and workforce collections are published this way)
/// - `Financial year`, `Tax year` → the financial year from April (a tax year starts on 6 April; on this
///   month-resolution axis it starts with April, as the financial year does); `Academic year` → from September
/// - `Calendar year Q1`…`Q4`, `Financial year Q1`…, `Tax year Q1`…, `Academic year Q1`… → quarters
/// - `January`…`December` → that month of the calendar year `YYYY`
/// - `Autumn term`, `Spring term`, `Summer term`, `Autumn and spring term` → terms of academic year YYYYYY,
///   starting in September, January and April
/// An unknown identifier, or a code of the wrong shape for its identifier, is a `PeriodError`.
/// Periods outside the years 0001 to 9999 are refused, as `Period.parse` refuses them.
extension Period {
    public static func ees(code: String, identifier: String) throws(PeriodError) -> Period {
        let period = try decodeEES(code: code, identifier: identifier)
        try period.checkRepresentable(label: "\(code.trimmingSpaces()) (\(identifier))")
        return period
    }

    private static func decodeEES(code: String, identifier: String) throws(PeriodError) -> Period {
        let id = identifier.trimmingSpaces().lowercased()
        let digits = code.trimmingSpaces()
        let label = "\(digits) (\(identifier))"
        func oneYear() throws(PeriodError) -> Int {
            guard digits.count == 4, let y = Int(digits) else {
                throw PeriodError(label: label, reason: "'\(identifier)' takes a four-digit time_period such as 2021")
            }
            return y
        }
        func twoYears() throws(PeriodError) -> Int {
            guard digits.count == 6, let both = Int(digits), (both / 100 + 1) % 100 == both % 100 else {
                throw PeriodError(label: label, reason: "'\(identifier)' takes a six-digit time_period of consecutive years such as 202021")
            }
            return both / 100
        }
        switch id {
        case "calendar year", "reporting year": return year(try oneYear())
        case "financial year", "tax year": return twoYear(try twoYears(), .financial)
        case "academic year": return twoYear(try twoYears(), .academic)
        default: break
        }
        for (prefix, type) in [("calendar year q", nil), ("financial year q", YearType.financial), ("tax year q", .financial), ("academic year q", .academic)] {
            guard id.hasPrefix(prefix), let q = Int(id.dropFirst(prefix.count)), (1...4).contains(q) else { continue }
            if let type { return quarterOfYear(try twoYears(), q, type) }
            return quarter(try oneYear(), q)
        }
        if let m = monthNames.firstIndex(of: id) { return month(try oneYear(), m + 1) }
        if let term = Term.allCases.first(where: { $0.rawValue.lowercased() == id }) {
            return self.term(term, academicYear: try twoYears())
        }
        throw PeriodError(label: label, reason: "unknown EES time_identifier '\(identifier)'")
    }
}
