/// Making Data Count's assurance icon: can the process be relied on to meet its target?
///
/// Source: NHS England and NHS Improvement, *Making Data Count: Strengthening your decisions* (2019), "Using
/// summary icons", as NHSRplotthedots 0.2.0 computes it (`ptd_calculate_assurance_type.R`) from the latest
/// phase's process limits: a target beyond the limits on the bad side is consistently failed (every value the
/// process produces misses it), beyond them on the good side consistently passed; a target between the limits
/// (or on one) is hit and miss. Without a target, or without a polarity to say which side is good, there is no
/// assurance icon.
public enum AssuranceIcon: String, Sendable, Hashable, CaseIterable {
    case consistentlyPass = "consistent_pass"
    case consistentlyFail = "consistent_fail"
    case hitAndMiss = "hit_and_miss"

    public init?(target: Double?, polarity: SeriesMetadata.Polarity, limits: ProcessLimits) {
        guard let target, polarity != .none else { return nil }
        let higherIsBetter = polarity == .higherIsBetter
        if target > limits.upperProcessLimit {
            self = higherIsBetter ? .consistentlyFail : .consistentlyPass
        } else if target < limits.lowerProcessLimit {
            self = higherIsBetter ? .consistentlyPass : .consistentlyFail
        } else {
            self = .hitAndMiss
        }
    }
}
