/// The arithmetic the descriptive statistics need, so one implementation serves `Double` (the per-series hot
/// path) and `DoubleDouble` (exactly read decimal data, for certified accuracy).
public protocol StatisticalReal: Comparable, Sendable {
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    init(_ value: Int)
    init(_ value: Double)
    func squareRoot() -> Self
    var doubleValue: Double { get }
    var isFinite: Bool { get }
}

extension Double: StatisticalReal {
    @inlinable public var doubleValue: Double { self }
}

extension DoubleDouble: StatisticalReal {}
