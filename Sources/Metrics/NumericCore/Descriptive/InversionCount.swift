/// The inversions of a sequence — the pairs p < q whose values are out of order, `values[p] > values[q]` —
/// counted (and, when asked, visited) by merge sort in O(m log m) rather than by comparing all m(m − 1)/2
/// pairs.
///
/// Method: Knight, W. R. (1966), "A computer method for calculating Kendall's tau with ungrouped data",
/// *Journal of the American Statistical Association* 61(314), 436–439: the number of discordant pairs is the
/// number of exchanges a merge sort makes. When an element of the right half is merged before the rest of
/// the left half, it is smaller than every one of them, so all of them form inversions with it, and these
/// are counted (or handed to a visitor) as one block.
///
/// Conventions: inversions are strict (equal values are never an inversion); the sort is stable and
/// `values` ends up in ascending order; values must not be NaN.
/// - Complexity: O(m log m) time, m extra elements of memory; a visitor adds O(1) per block (at most
///   m log₂ m blocks) plus its own work.
func countInversions<T: Comparable>(_ values: inout [T]) -> Int {
    var none = NoInversionVisitor<T>()
    return visitInversions(&values, &none)
}

/// Receives the inversions of a merge sort in blocks: `larger` holds the values that all come before
/// `smaller` in the sequence and exceed it, and `first` is how many inversions were reported before this
/// block (so the block's inversions are numbered `first ..< first + larger.count`, in a fixed order).
protocol InversionVisitor<Element> {
    associatedtype Element
    mutating func visit(larger: UnsafeBufferPointer<Element>, smaller: Element, first: Int)
}

/// A visitor that only lets the inversions be counted.
struct NoInversionVisitor<Element>: InversionVisitor {
    @inline(__always) mutating func visit(larger: UnsafeBufferPointer<Element>, smaller: Element, first: Int) {}
}

/// Counts the inversions of `values` (see `countInversions`), handing each block of them to `visitor` in a
/// fixed order that depends only on the values; sorts `values` ascending.
func visitInversions<T: Comparable, V: InversionVisitor>(_ values: inout [T], _ visitor: inout V) -> Int where V.Element == T {
    let m = values.count
    guard m > 1 else { return 0 }
    var scratch = values
    var total = 0
    var inScratch = false  // where the current runs are
    values.withUnsafeMutableBufferPointer { a in
        scratch.withUnsafeMutableBufferPointer { b in
            var width = 1
            while width < m {
                let source = inScratch ? b : a
                let target = inScratch ? a : b
                var low = 0
                while low < m {
                    let middle = Swift.min(low + width, m)
                    let high = Swift.min(low + 2 * width, m)
                    var i = low
                    var j = middle
                    var k = low
                    while i < middle, j < high {
                        let right = source[j]
                        if right < source[i] {
                            visitor.visit(larger: UnsafeBufferPointer(start: source.baseAddress! + i, count: middle &- i), smaller: right, first: total)
                            total &+= middle &- i
                            target[k] = right
                            j &+= 1
                        } else {
                            target[k] = source[i]
                            i &+= 1
                        }
                        k &+= 1
                    }
                    while i < middle {
                        target[k] = source[i]
                        i &+= 1
                        k &+= 1
                    }
                    while j < high {
                        target[k] = source[j]
                        j &+= 1
                        k &+= 1
                    }
                    low = high
                }
                inScratch.toggle()
                width &*= 2
            }
        }
    }
    if inScratch { values = scratch }
    return total
}
