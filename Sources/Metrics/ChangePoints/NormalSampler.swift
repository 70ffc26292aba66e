internal import Foundation

/// A reproducible stream of standard normal deviates for the Monte Carlo p-values of the homogeneity tests.
///
/// Method: xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", *ACM TOMS* 47,
/// 2021), its state filled from the seed by SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom
/// number generators", OOPSLA 2014), as the authors recommend; uniforms on (0, 1) from the top 53 bits;
/// normal pairs by Marsaglia's polar method (Marsaglia & Bray, *SIAM Review* 6, 1964), which needs only `log`
/// and the correctly rounded square root, so no trigonometric function of the platform's libm enters.
/// Conventions: the same seed gives the same sequence on every run; a value type, one per simulation, never
/// shared.
struct NormalSampler {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    private var spare: Double?

    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// The next 64 random bits (xoshiro256**).
    mutating func nextBits() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform deviate on [0, 1) with 53 random bits.
    mutating func nextUniform() -> Double {
        Double(nextBits() >> 11) * 0x1p-53
    }

    /// A standard normal deviate.
    mutating func nextNormal() -> Double {
        if let z = spare {
            spare = nil
            return z
        }
        while true {
            let u = 2 * nextUniform() - 1
            let v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s > 0, s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                spare = v * factor
                return u * factor
            }
        }
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
