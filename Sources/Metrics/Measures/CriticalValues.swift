/// The quantiles that every series summarised at one α shares, computed once: Student's t for the OLS
/// interval (by degrees of freedom, 1 to 512) and the normal quantile for Sen's interval. Each t quantile
/// takes several Newton steps through GSL's incomplete beta function (`StudentT`); a million series with
/// 15 points need only 13 of them.
struct CriticalValues: Sendable {
    let alpha: Double
    private let t: [Double?]
    private let z: Double?

    static let tableSize = 512

    /// `tabulated`: build the t table up front (for many series); otherwise each quantile is computed when
    /// asked (for a single measure).
    init(alpha: Double, tabulated: Bool = true) {
        self.alpha = alpha
        t = tabulated
            ? (0...CriticalValues.tableSize).map { dof in
                dof == 0 ? nil : try? StudentT(degreesOfFreedom: Double(dof)).criticalValue(level: 1 - alpha)
            }
            : []
        z = try? StandardNormal.quantile(alpha / 2)
    }

    /// t_{1−α/2, dof}.
    func studentT(degreesOfFreedom dof: Int) throws(GSLError) -> Double {
        if dof > 0, dof < t.count, let value = t[dof] { return value }
        return try StudentT(degreesOfFreedom: Double(dof)).criticalValue(level: 1 - alpha)
    }

    /// Φ⁻¹(α/2), negative.
    func normalLowerQuantile() throws(GSLError) -> Double {
        if let z { return z }
        return try StandardNormal.quantile(alpha / 2)
    }
}
