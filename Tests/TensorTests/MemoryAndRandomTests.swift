import Testing
import Tensor

@Suite struct MemoryGuardTests {
    @Test func refusesHugeTensorWithClearMessage() {
        let error = #expect(throws: MemoryError.self) { _ = try Tensor(zeros: [1 << 20, 1 << 20]) }
        guard let error else { return }
        #expect(error.bytes == 4 << 40)
        #expect(error.limit == MemoryGuard.limitBytes)
        print("MemoryError: \(error)")
        #expect(error.description.hasPrefix("cannot allocate 4 TiB for a float32 tensor of shape (1048576, 1048576): "
            + "more than Fovea allows ("))
    }

    @Test func namesTheAllocation() {
        let error = #expect(throws: MemoryError.self) {
            _ = try Tensor(zeros: [1 << 30, 1 << 30, 1 << 10], what: "dense_1/kernel")
        }
        #expect(error?.description.contains("for dense_1/kernel: more than Fovea allows") == true)
    }

    @Test func messageFormat() {
        let e = MemoryError(what: "dense_1/kernel", bytes: 1_342_177_280, limit: 12_562_779_750)
        #expect(e.description.hasPrefix("cannot allocate 1.25 GiB for dense_1/kernel: more than Fovea allows (11.7 GiB"))
        #expect(MemoryError.format(512) == "512 B")
        #expect(MemoryError.format(1536) == "1.5 KiB")
        #expect(MemoryError.format(1 << 30) == "1 GiB")
    }

    @Test func limitIsHalfOfPhysicalMemory() throws {
        #expect(MemoryGuard.physicalMemoryBytes > 0)
        #expect(MemoryGuard.defaultLimitBytes == MemoryGuard.physicalMemoryBytes / 2)
        try MemoryGuard.check(bytes: 1 << 20, what: "a small buffer")
        #expect(throws: MemoryError.self) { try MemoryGuard.check(bytes: MemoryGuard.limitBytes + 1, what: "x") }
    }
}

@Suite struct SeededGeneratorTests {
    @Test func deterministic() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let xs = (0..<100).map { _ in a.next() }
        let ys = (0..<100).map { _ in b.next() }
        let zs = (0..<100).map { _ in c.next() }
        #expect(xs == ys)
        #expect(xs != zs)
        var z = SeededGenerator(seed: 0)
        #expect(z.next() != 0)
    }

    @Test func uniformBounds() {
        var g = SeededGenerator(seed: 7)
        var lo: Float = .infinity, hi: Float = -.infinity, sum: Double = 0
        let n = 100_000
        for _ in 0..<n {
            let v = g.uniformFloat(-0.5, 0.25)
            #expect(v >= -0.5 && v < 0.25)
            lo = min(lo, v); hi = max(hi, v); sum += Double(v)
        }
        #expect(lo < -0.49 && hi > 0.24)
        #expect(abs(sum / Double(n) - (-0.125)) < 0.01)
        #expect(g.uniformFloat(3, 3) == 3)
    }

    @Test func normalMoments() {
        var g = SeededGenerator(seed: 11)
        let n = 100_000
        var sum = 0.0, sumSq = 0.0
        for _ in 0..<n {
            let v = Double(g.normalFloat(mean: 2, std: 0.5))
            #expect(v.isFinite)
            sum += v; sumSq += v * v
        }
        let mean = sum / Double(n), variance = sumSq / Double(n) - mean * mean
        #expect(abs(mean - 2) < 0.01)
        #expect(abs(variance.squareRoot() - 0.5) < 0.01)
    }
}

/// BufferCache hands freed buffers to the next tensor of the same size: what the last owner
/// wrote must never show through.
@Suite struct BufferCacheTests {
    @Test func reusedBuffersStartAsZeros() throws {
        let shape: Shape = [3, 65_537]  // a size no other test allocates; above the cache's minimum
        for _ in 0..<3 {
            let dirty = try Tensor(repeating: 7, shape: shape)
            #expect(dirty.floatArray.allSatisfy { $0 == 7 })
        }
        let fresh = try Tensor(zeros: shape)
        #expect(fresh.floatArray.allSatisfy { $0 == 0 })
        let bytes = try Tensor(zeros: [3 * 65_537 * 4], dtype: .uint8)
        #expect(bytes.byteArray.allSatisfy { $0 == 0 })
    }

    @Test func emptyingKeepsLiveTensors() throws {
        let live = try Tensor(repeating: 2, shape: [200_000])
        BufferCache.empty()
        #expect(live.floatArray.allSatisfy { $0 == 2 })
    }
}
