/// The k-th smallest of some values for a few ranks k, without sorting them all: Hoare's FIND (quickselect,
/// Hoare 1961, Algorithm 65), one selection per rank, each in the part left over by the one before.
///
/// Used where only a median and a few order statistics of many values are wanted — Sen's slope of n points
/// has n(n − 1)/2 pairwise slopes, of which it needs the median and the two interval bounds. The values are
/// exactly those of sorting and indexing (order statistics do not depend on how they are found). Pivots are
/// the median of the first, middle and last values, so already-sorted input is not the worst case.
/// Conventions: the result has one value per rank, in the order of `ranks`; `values` is reordered; ranks are 0-based and must lie in `0..<values.count`; values must not
/// be NaN.
/// - Complexity: O(m) expected per rank for m values.
func orderStatistics(_ values: inout [Double], ranks: [Int]) -> [Double] {
    // A handful of ranks: sorted by insertion, no hashing (this runs once per series).
    var order = Array(ranks.indices)
    for i in order.indices.dropFirst() {
        var j = i
        while j > 0, ranks[order[j - 1]] > ranks[order[j]] {
            order.swapAt(j - 1, j)
            j -= 1
        }
    }
    var result = [Double](repeating: 0, count: ranks.count)
    var low = 0
    var previous = -1
    for i in order {
        let k = ranks[i]
        precondition(k >= 0 && k < values.count, "rank \(k) outside 0..<\(values.count)")
        if k != previous {
            // Everything before `low` is ≤ everything from `low` on (from the previous selection).
            select(&values, k, from: low, to: values.count - 1)
            low = k + 1
            previous = k
        }
        result[i] = values[k]
    }
    return result
}

/// Puts the k-th smallest of values[first...last] at index k, smaller or equal values before it and greater
/// or equal after it.
private func select(_ values: inout [Double], _ k: Int, from first: Int, to last: Int) {
    values.withUnsafeMutableBufferPointer { a in
        var left = first
        var right = last
        while right > left {
            // Median of three as the pivot value.
            let middle = left + (right - left) / 2
            if a[middle] < a[left] { a.swapAt(middle, left) }
            if a[right] < a[left] { a.swapAt(right, left) }
            if a[right] < a[middle] { a.swapAt(right, middle) }
            let pivot = a[middle]
            var i = left
            var j = right
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                right = j
            } else if k >= i {
                left = i
            } else {
                return
            }
        }
    }
}
