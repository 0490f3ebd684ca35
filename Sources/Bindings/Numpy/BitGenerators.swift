import PythonLibrary

/// The raw draws numpy's distributions are built from (numpy's `bitgen_t`): 64 random bits,
/// 32 random bits, and a double in [0, 1). Each generator draws them exactly as numpy's does, so
/// that a distribution written over this protocol gives numpy's numbers for the same seed.
public protocol NumpyBitGenerator: AnyObject {
    func nextUInt64() -> UInt64
    func nextUInt32() -> UInt32
    func nextDouble() -> Double
}

/// numpy's MT19937, the bit generator of the legacy `np.random` (RandomState). The twister itself
/// is the one CPython's `random` uses (`RandomGenerator`); numpy seeds it differently (an int
/// goes through `init_genrand`, not `init_by_array`) and takes 64 bits high word first.
public final class MT19937: NumpyBitGenerator {
    private let twister = RandomGenerator(seed: 0)

    /// `RandomState(seed)` for a seed in 0...2**32-1.
    public init(seed: UInt32) { twister.seed(word: seed) }

    /// `RandomState([a, b, ...])`: the words through `init_by_array` (non-empty).
    public init(key: [UInt32]) { twister.seed(key: key) }

    /// `RandomState()`: seeded from the operating system's randomness.
    public convenience init() { self.init(key: MT19937.systemKey()) }

    /// Eight words from the operating system, for `init_by_array`.
    public static func systemKey() -> [UInt32] {
        var system = SystemRandomNumberGenerator()
        return (0..<8).map { _ in UInt32.random(in: .min ... .max, using: &system) }
    }

    public func seed(_ value: UInt32) { twister.seed(word: value) }
    public func seed(key: [UInt32]) { twister.seed(key: key) }

    public func nextUInt32() -> UInt32 { twister.next32() }

    public func nextUInt64() -> UInt64 {
        let high = UInt64(twister.next32())
        return high << 32 | UInt64(twister.next32())
    }

    /// 53 random bits: 27 from one word and 26 from the next (numpy's and CPython's `random()`).
    public func nextDouble() -> Double {
        let a = Double(twister.next32() >> 5), b = Double(twister.next32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}

/// numpy's PCG64 (the bit generator of `default_rng`): a 128-bit linear congruential state with
/// the XSL-RR output function. A 32-bit draw uses half of a 64-bit one and keeps the other half
/// for the next 32-bit draw, as numpy does.
public final class PCG64: NumpyBitGenerator {
    public private(set) var state: UInt128
    public let increment: UInt128
    private var hasUInt32 = false
    private var buffered: UInt32 = 0

    static let multiplier: UInt128 = UInt128(2_549_297_995_355_413_924) << 64 | UInt128(4_865_540_595_714_422_341)

    /// `pcg64_set_seed`: the stream from `sequence`, the start from `initialState`.
    public init(initialState: UInt128, sequence: UInt128) {
        increment = sequence << 1 | 1
        state = 0
        step()
        state &+= initialState
        step()
    }

    /// `PCG64(seed)`: four 64-bit words of the seed sequence's state, the first two the start,
    /// the last two the stream.
    public convenience init(_ seeds: SeedSequence) {
        let w = seeds.generateState64(4)
        self.init(initialState: UInt128(w[0]) << 64 | UInt128(w[1]), sequence: UInt128(w[2]) << 64 | UInt128(w[3]))
    }

    @inline(__always) private func step() { state = state &* PCG64.multiplier &+ increment }

    public func nextUInt64() -> UInt64 {
        step()
        let high = UInt64(truncatingIfNeeded: state >> 64), low = UInt64(truncatingIfNeeded: state)
        return (high ^ low).rotateRight(by: Int(truncatingIfNeeded: state >> 122))
    }

    public func nextUInt32() -> UInt32 {
        if hasUInt32 {
            hasUInt32 = false
            return buffered
        }
        let n = nextUInt64()
        hasUInt32 = true
        buffered = UInt32(truncatingIfNeeded: n >> 32)
        return UInt32(truncatingIfNeeded: n)
    }

    /// The top 53 bits of a 64-bit draw.
    public func nextDouble() -> Double { Double(nextUInt64() >> 11) * (1.0 / 9_007_199_254_740_992.0) }
}

extension UInt64 {
    @inline(__always) func rotateRight(by k: Int) -> UInt64 { k == 0 ? self : (self >> UInt64(k)) | (self << UInt64(64 - k)) }
}

/// numpy's `SeedSequence`: mixes the entropy words (an int's 32-bit words, least significant
/// first) into a pool of four words with hashmix, then hashes the pool out into as many words
/// of state as a bit generator asks for.
public struct SeedSequence {
    public let entropy: [UInt32]
    public private(set) var pool: [UInt32]

    static let initA: UInt32 = 0x43b0_d7e5, multA: UInt32 = 0x931e_8875
    static let initB: UInt32 = 0x8b51_f9dd, multB: UInt32 = 0x58f3_8ded
    static let mixMultL: UInt32 = 0xca01_f9dd, mixMultR: UInt32 = 0x4973_f715

    public init(entropy: [UInt32]) {
        self.entropy = entropy
        pool = [UInt32](repeating: 0, count: 4)
        var hashConst = SeedSequence.initA
        func hashmix(_ value: UInt32) -> UInt32 {
            var v = value ^ hashConst
            hashConst &*= SeedSequence.multA
            v &*= hashConst
            return v ^ (v >> 16)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let r = SeedSequence.mixMultL &* x &- SeedSequence.mixMultR &* y
            return r ^ (r >> 16)
        }
        for i in 0..<4 { pool[i] = hashmix(i < entropy.count ? entropy[i] : 0) }
        for src in 0..<4 {
            for dst in 0..<4 where src != dst { pool[dst] = mix(pool[dst], hashmix(pool[src])) }
        }
        for src in 4..<max(4, entropy.count) {
            for dst in 0..<4 { pool[dst] = mix(pool[dst], hashmix(entropy[src])) }
        }
    }

    /// `SeedSequence(n)` for a non-negative int.
    public init(_ n: UInt64) { self.init(entropy: SeedSequence.words(n)) }

    /// An int's 32-bit words, least significant first; [0] for 0.
    public static func words(_ n: UInt64) -> [UInt32] {
        n >> 32 == 0 ? [UInt32(n)] : [UInt32(truncatingIfNeeded: n), UInt32(n >> 32)]
    }

    /// `SeedSequence()`: 128 bits from the operating system.
    public static func fromSystem() -> SeedSequence {
        var system = SystemRandomNumberGenerator()
        return SeedSequence(entropy: (0..<4).map { _ in UInt32.random(in: .min ... .max, using: &system) })
    }

    /// `generate_state(n)`: n words of state.
    public func generateState(_ n: Int) -> [UInt32] {
        var hashConst = SeedSequence.initB
        return (0..<n).map { i in
            var v = pool[i % pool.count] ^ hashConst
            hashConst &*= SeedSequence.multB
            v &*= hashConst
            return v ^ (v >> 16)
        }
    }

    /// `generate_state(n, np.uint64)`: pairs of words, the first the low half.
    public func generateState64(_ n: Int) -> [UInt64] {
        let w = generateState(2 * n)
        return (0..<n).map { UInt64(w[2 * $0]) | UInt64(w[2 * $0 + 1]) << 32 }
    }
}
