import Testing
import Tensor

/// ImageDataGenerator's geometry: the fast affine kernel against its naive twin for every fill
/// mode, and Keras's matrices checked on transforms whose result is known exactly.
@Suite struct AffineTransformTests {
    static let cases: [(theta: Double, tx: Double, ty: Double, shear: Double, zx: Double, zy: Double)] = [
        (30, 0, 0, 0, 1, 1), (-75, 2.5, -3, 0, 1, 1), (0, 0, 0, 20, 0.8, 1.3), (12, -4, 6.5, -15, 1.2, 0.7), (180, 0, 0, 0, 1, 1),
    ]

    @Test(arguments: FillMode.allCases)
    func fastMatchesNaive(_ fill: FillMode) throws {
        var rng = SeededGenerator(seed: 7)
        for (n, (h, w, c)) in [(9, 9, 3), (12, 7, 1), (5, 16, 4), (1, 6, 2)].enumerated() {
            let x = try Tensor(shape: [h, w, c], floats: (0..<(h * w * c)).map { _ in rng.uniformFloat(0, 255) })
            let p = Self.cases[n % Self.cases.count]
            let map = try #require(AffineMap.keras(theta: p.theta, tx: p.tx, ty: p.ty, shear: p.shear, zx: p.zx, zy: p.zy, height: h, width: w))
            let fast = try AffineTransform.apply(x, map, fill: fill, cval: 17)
            let slow = try AffineTransform.naive(x, map, fill: fill, cval: 17)
            #expect(fast.shape == x.shape)
            let diff = zip(fast.floatArray, slow.floatArray).map { abs($0 - $1) }.max() ?? 0
            #expect(diff <= 1e-3, "fill=\(fill) shape=\(h)x\(w)x\(c): max difference \(diff)")
        }
    }

    @Test func neutralParametersGiveNoMap() {
        #expect(AffineMap.keras(theta: 0, tx: 0, ty: 0, shear: 0, zx: 1, zy: 1, height: 4, width: 4) == nil)
    }

    /// A quarter turn of a square image moves every pixel onto another pixel: values are
    /// permuted exactly, as np.rot90 does (Keras rotates counter-clockwise for positive theta).
    @Test func quarterTurnIsRot90() throws {
        let n = 5
        let x = try Tensor(shape: [n, n, 1], floats: (0..<(n * n)).map(Float.init))
        let map = try #require(AffineMap.keras(theta: 90, tx: 0, ty: 0, shear: 0, zx: 1, zy: 1, height: n, width: n))
        let y = try AffineTransform.apply(x, map, fill: .nearest, cval: 0).floatArray
        let v = x.floatArray
        let rot90 = (0..<n).flatMap { i in (0..<n).map { j in v[j * n + (n - 1 - i)] } }
        #expect(zip(y, rot90).allSatisfy { abs($0 - $1) < 1e-4 }, "\(y) vs \(rot90)")
    }

    /// A whole-pixel shift: in 'constant' mode the uncovered columns take cval; in 'nearest'
    /// they repeat the edge; 'wrap' brings the other side round with scipy's period n - 1.
    @Test func shiftFillsByMode() throws {
        let x = try Tensor(shape: [1, 5, 1], floats: [10, 20, 30, 40, 50])
        // apply_affine_transform's tx is the width shift of a channels-last image: source column = j + tx.
        let map = try #require(AffineMap.keras(theta: 0, tx: 2, ty: 0, shear: 0, zx: 1, zy: 1, height: 1, width: 5))
        #expect(try AffineTransform.apply(x, map, fill: .constant, cval: -1).floatArray == [30, 40, 50, -1, -1])
        #expect(try AffineTransform.apply(x, map, fill: .nearest, cval: -1).floatArray == [30, 40, 50, 50, 50])
        #expect(try AffineTransform.apply(x, map, fill: .wrap, cval: -1).floatArray == [30, 40, 50, 20, 30])
        #expect(try AffineTransform.apply(x, map, fill: .reflect, cval: -1).floatArray == [30, 40, 50, 50, 40])
    }
}
