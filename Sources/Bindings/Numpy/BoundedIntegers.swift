/// numpy's bounded integers over a bit generator (`distributions.c`), each drawing exactly the
/// words numpy draws. `range` is inclusive: a value in 0...range, added to `offset`.
///
/// - masked (the legacy RandomState's `randint` and every `shuffle`): draw, keep the bits under
///   the smallest all-ones mask covering the range, draw again while above it;
/// - Lemire's multiply-and-reject (the Generator's `integers` and `choice`).
///
/// A range that fits 32 bits draws 32-bit words (which PCG64 takes two from one 64-bit draw).
extension NumpyBitGenerator {
    /// The smallest all-ones mask covering `max`.
    static func mask(_ max: UInt64) -> UInt64 {
        max == 0 ? 0 : UInt64.max >> UInt64(max.leadingZeroBitCount)
    }

    /// `random_interval(max)`: 0...max by masked rejection (the draw behind every shuffle).
    public func randomInterval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let mask = Self.mask(max)
        if max <= 0xFFFF_FFFF {
            while true {
                let v = UInt64(nextUInt32()) & mask
                if v <= max { return v }
            }
        }
        while true {
            let v = nextUInt64() & mask
            if v <= max { return v }
        }
    }

    /// `random_bounded_uint64_fill` with `use_masked` true: `count` values offset...offset+range.
    public func boundedMasked(offset: UInt64, range: UInt64, count: Int) -> [UInt64] {
        if range == 0 { return [UInt64](repeating: offset, count: count) }
        if range == 0xFFFF_FFFF { return (0..<count).map { _ in offset &+ UInt64(nextUInt32()) } }
        if range == UInt64.max { return (0..<count).map { _ in offset &+ nextUInt64() } }
        // Below 2**32 this is random_interval's loop; above, the same with 64-bit draws.
        return (0..<count).map { _ in offset &+ randomInterval(range) }
    }

    /// `random_bounded_uint64_fill` with `use_masked` false: `count` values offset...offset+range.
    public func boundedLemire(offset: UInt64, range: UInt64, count: Int) -> [UInt64] {
        (0..<count).map { _ in boundedLemire(offset: offset, range: range) }
    }

    /// `random_bounded_uint64(offset, range, use_masked=False)`: one value.
    public func boundedLemire(offset: UInt64, range: UInt64) -> UInt64 {
        if range == 0 { return offset }
        if range == 0xFFFF_FFFF { return offset &+ UInt64(nextUInt32()) }
        if range == UInt64.max { return offset &+ nextUInt64() }
        if range < 0xFFFF_FFFF { return offset &+ UInt64(lemire32(UInt32(range))) }
        return offset &+ lemire64(range)
    }

    private func lemire32(_ range: UInt32) -> UInt32 {
        let excl = range + 1
        var m = UInt64(nextUInt32()) * UInt64(excl)
        var leftover = UInt32(truncatingIfNeeded: m)
        if leftover < excl {
            let threshold = (UInt32.max - range) % excl
            while leftover < threshold {
                m = UInt64(nextUInt32()) * UInt64(excl)
                leftover = UInt32(truncatingIfNeeded: m)
            }
        }
        return UInt32(m >> 32)
    }

    private func lemire64(_ range: UInt64) -> UInt64 {
        let excl = range + 1
        var m = nextUInt64().multipliedFullWidth(by: excl)
        if m.low < excl {
            let threshold = (UInt64.max - range) % excl
            while m.low < threshold { m = nextUInt64().multipliedFullWidth(by: excl) }
        }
        return m.high
    }

    /// The bytes of uint8 draws: one 32-bit word gives four, lowest first (`buffered_uint8`).
    /// `masked` chooses numpy's masked or Lemire rejection.
    public func boundedBytes(offset: UInt8, range: UInt8, count: Int, masked: Bool) -> [UInt8] {
        if range == 0 { return [UInt8](repeating: offset, count: count) }
        var buffer: UInt32 = 0, left = 0
        func byte() -> UInt8 {
            if left == 0 {
                buffer = nextUInt32()
                left = 3
            } else {
                buffer >>= 8
                left -= 1
            }
            return UInt8(truncatingIfNeeded: buffer)
        }
        if range == 0xFF { return (0..<count).map { _ in offset &+ byte() } }
        if masked {
            let mask = UInt8(Self.mask(UInt64(range)))
            return (0..<count).map { _ in
                while true {
                    let v = byte() & mask
                    if v <= range { return offset &+ v }
                }
            }
        }
        let excl = UInt16(range) + 1
        return (0..<count).map { _ in
            var m = UInt16(byte()) * excl
            if m & 0xFF < excl {
                let threshold = (UInt16(UInt8.max) - UInt16(range)) % excl
                while m & 0xFF < threshold { m = UInt16(byte()) * excl }
            }
            return offset &+ UInt8(m >> 8)
        }
    }
}
