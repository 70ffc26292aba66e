internal import GSLBridge

/// The discrete Fourier transform of a real sequence whose length is a power of two, over GSL's radix-2
/// routines (`gsl_fft_real_radix2_transform` and `gsl_fft_halfcomplex_radix2_inverse`; GSL Reference Manual
/// §16.6, "Radix-2 FFT routines for real data"), in place.
///
/// The transform is held in GSL's half-complex order: for 0 < k < m/2 the real part of term k at index k
/// and its imaginary part at index m − k; the purely real terms 0 and m/2 at indices 0 and m/2.
/// Conventions: the forward transform has no scaling, the inverse divides by m, so one after the other gives
/// the sequence back (to rounding: O(ε log m) relative to its norm).
/// - Complexity: O(m log m).
enum RealFourierTransform {
    /// Replaces `data` (of a power-of-two length) by its transform in half-complex order.
    static func forward(_ data: inout [Double]) throws(GSLError) {
        let m = data.count
        try data.withUnsafeMutableBufferPointer { (buffer) throws(GSLError) in
            try GSL.check("gsl_fft_real_radix2_transform") { gsl_fft_real_radix2_transform(buffer.baseAddress, 1, m) }
        }
    }

    /// Replaces `data`, a transform in half-complex order, by the sequence it transforms (divided by m).
    static func inverse(_ data: inout [Double]) throws(GSLError) {
        let m = data.count
        try data.withUnsafeMutableBufferPointer { (buffer) throws(GSLError) in
            try GSL.check("gsl_fft_halfcomplex_radix2_inverse") { gsl_fft_halfcomplex_radix2_inverse(buffer.baseAddress, 1, m) }
        }
    }
}
