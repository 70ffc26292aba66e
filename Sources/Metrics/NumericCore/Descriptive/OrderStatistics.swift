/// The k-th smallest of some values for a few ranks k, without sorting them all: quickselect (Hoare 1961,
/// Algorithm 65 FIND) generalised to several ranks at once — each partition round goes on only into the
/// parts that still hold a wanted rank.
///
/// Used where only a median and a few order statistics of many values are wanted — Sen's slope of n points
/// has n(n − 1)/2 pairwise slopes, of which it needs the median and the two interval bounds. The values are
/// exactly those of sorting and indexing (order statistics do not depend on how they are found).
///
/// Each round splits a range three ways around a median-of-3 pivot value: Lomuto's partition (Bentley 1986,
/// Programming Pearls, col. 11) made branch-free — the element is swapped unconditionally and the boundary
/// advances by the comparison's 0 or 1 — first into < pivot | ≥ pivot, then the second part into = pivot |
/// > pivot. On random slopes a branch that goes either way half the time is mispredicted half the time; the
/// branch-free form measured 2.5× faster than Hoare's partition on 105 values (Sen's slope of 15 points).
/// Splitting off the values equal to the pivot keeps many ties linear (all-equal input is one round). After
/// 2·log₂(m) + 8 rounds on one path (an adversarial order for median-of-3), the rest of that range is sorted
/// (introselect, Musser 1997), so the worst case is O(m log m).
///
/// Conventions: the result has one value per rank, in the order of `ranks`; `values` is reordered; ranks are
/// 0-based and must lie in `0..<values.count`; values must not be NaN. `roundLimit` overrides the round
/// budget (tests use it to reach the sorting fallback).
/// - Complexity: O(m) expected for m values and a bounded number of ranks.
func orderStatistics(_ values: inout [Double], ranks: [Int], roundLimit: Int? = nil) -> [Double] {
    guard !ranks.isEmpty else { return [] }
    for k in ranks { precondition(k >= 0 && k < values.count, "rank \(k) outside 0..<\(values.count)") }
    // A handful of ranks: sorted by insertion, duplicates dropped (this runs once per series).
    var wanted = ranks
    for i in wanted.indices.dropFirst() {
        var j = i
        while j > 0, wanted[j - 1] > wanted[j] {
            wanted.swapAt(j - 1, j)
            j -= 1
        }
    }
    var unique: [Int] = []
    unique.reserveCapacity(wanted.count)
    for k in wanted where unique.last != k { unique.append(k) }
    let last = values.count - 1
    let rounds = roundLimit ?? 2 * (Int.bitWidth - max(last, 1).leadingZeroBitCount) + 8
    values.withUnsafeMutableBufferPointer { buffer in
        unique.withUnsafeBufferPointer { ks in
            select(buffer, ks[...], from: 0, to: last, rounds: rounds)
        }
    }
    return ranks.map { values[$0] }
}

/// Puts the value of each rank in `ranks` (ascending, within first...last) at its index, the range around
/// it partitioned so that no smaller value comes after it and no greater one before.
private func select(_ buffer: UnsafeMutableBufferPointer<Double>, _ ranks: Slice<UnsafeBufferPointer<Int>>, from first: Int, to last: Int, rounds: Int) {
    let a = buffer.baseAddress!
    var ranks = ranks
    var left = first
    let right = last
    var rounds = rounds
    while right > left, !ranks.isEmpty {
        if rounds == 0 {
            var rest = UnsafeMutableBufferPointer(rebasing: buffer[left...right])
            rest.sort()
            return
        }
        rounds -= 1
        let pivot = medianOfThree(a[left], a[left + (right - left) / 2], a[right])
        var less = left
        var i = left
        while i <= right {
            let x = a[i]
            a[i] = a[less]
            a[less] = x
            less &+= Int(unsafeBitCast(x < pivot, to: UInt8.self))
            i &+= 1
        }
        var equal = less
        if ranks.last! >= less {
            i = less
            while i <= right {
                let x = a[i]
                a[i] = a[equal]
                a[equal] = x
                equal &+= Int(unsafeBitCast(x <= pivot, to: UInt8.self))
                i &+= 1
            }
        }
        // a[left..<less] < pivot, a[less..<equal] = pivot, a[equal...right] > pivot: ranks in the middle
        // part are found; the left part is searched by recursion, the right one by this loop.
        let below = ranks.prefix { $0 < less }
        if !below.isEmpty { select(buffer, below, from: left, to: less - 1, rounds: rounds) }
        ranks = ranks.drop { $0 < equal }
        left = equal
    }
}

/// The middle one of three values, without branches.
@inline(__always)
private func medianOfThree(_ a: Double, _ b: Double, _ c: Double) -> Double {
    Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
}
