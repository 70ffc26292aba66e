/// The tie term Σ t(t − 1)(2t + 5) over groups of t equal values, which the Mann–Kendall variance (Kendall
/// 1975) and Sen's (1968, eq. 2.6) interval subtract from n(n − 1)(2n + 5).
func tieCorrection(_ values: [Double]) -> Double {
    tieCorrection(sorted: values.sorted())
}

/// The same, for values already in ascending order.
func tieCorrection(sorted: [Double]) -> Double {
    var total = 0.0
    var run = 1
    for i in 1...max(sorted.count, 1) {
        if i < sorted.count, sorted[i] == sorted[i - 1] {
            run += 1
        } else {
            if run > 1 {
                let t = Double(run)
                total += t * (t - 1) * (2 * t + 5)
            }
            run = 1
        }
    }
    return total
}

/// The number of tied pairs Σ t(t − 1)/2 over groups of t equal values, for values in ascending order (the
/// pairs that are neither concordant nor discordant in Mann–Kendall's S).
func tiedPairs(sorted: [Double]) -> Int {
    var total = 0
    var run = 1
    for i in stride(from: 1, through: sorted.count, by: 1) {
        if i < sorted.count, sorted[i] == sorted[i - 1] {
            run += 1
        } else {
            total += run * (run - 1) / 2
            run = 1
        }
    }
    return total
}
