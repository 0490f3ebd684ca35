import Testing
import Tensor

@Suite struct ShapeTests {
    @Test func shapeBasics() {
        let s: Shape = [2, 3, 4]
        #expect(s.rank == 3)
        #expect(s.count == 24)
        #expect(s[0] == 2 && s[-1] == 4 && s[-3] == 2)
        #expect(s.description == "(2, 3, 4)")
        #expect(Shape([5]).description == "(5,)")
        #expect(Shape([]).description == "()")
        #expect(Shape([]).count == 1)
        #expect(Shape([3, 0]).count == 0)
        #expect(Shape([Int.max, 4]).checkedCount == nil)
    }

    @Test func dtypeSizes() {
        #expect(DType.float32.byteSize == 4 && DType.uint8.byteSize == 1 && DType.int64.byteSize == 8)
    }

    @Test func outputSizes() {
        #expect(convOutputSize(28, kernel: 3, stride: 1, padding: .valid) == 26)
        #expect(convOutputSize(28, kernel: 3, stride: 1, padding: .same) == 28)
        #expect(convOutputSize(13, kernel: 2, stride: 2, padding: .valid) == 6)
        #expect(convOutputSize(5, kernel: 3, stride: 2, padding: .same) == 3)
        #expect(convOutputSize(26, kernel: 2, stride: 2, padding: .valid) == 13)
        #expect(convOutputSize(2, kernel: 5, stride: 1, padding: .valid) <= 0)
        #expect(convOutputSize(2, kernel: 5, stride: 1, padding: .same) == 2)
        #expect(convOutputSize(7, kernel: 3, stride: 3, padding: .valid) == 2)
    }

    @Test func samePaddingSplitsLikeTensorFlow() throws {
        // n=5, k=3, s=2: out 3, total pad (3-1)*2+3-5 = 2 → 1 top, 1 bottom.
        let g = try WindowGeometry(inHeight: 5, inWidth: 6, kernel: (3, 3), strides: (2, 2), padding: .same)
        #expect(g.outHeight == 3 && g.padTop == 1 && g.padBottom == 1)
        // n=6, k=3, s=2: out 3, total pad 1 → 0 left, 1 right.
        #expect(g.outWidth == 3 && g.padLeft == 0 && g.padRight == 1)
        #expect(throws: TensorError.self) {
            _ = try WindowGeometry(inHeight: 2, inWidth: 2, kernel: (3, 3), strides: (1, 1), padding: .valid)
        }
    }

    @Test func tensorInitialisers() throws {
        let t = try Tensor(shape: [2, 3], floats: [1, 2, 3, 4, 5, 6])
        #expect(t.shape == [2, 3] && t.dtype == .float32 && t.count == 6)
        #expect(t.scalar(at: 4) == 5)
        let z = try Tensor(zeros: [3, 2])
        #expect(z.floatArray.allSatisfy { $0 == 0 })
        let r = try Tensor(repeating: 2.5, shape: [4])
        #expect(r.floatArray == [2.5, 2.5, 2.5, 2.5])
        let b = try Tensor(shape: [2], bytes: [7, 255])
        #expect(b.dtype == .uint8 && b.scalar(at: 1) == 255)
        let l = try Tensor(shape: [2], int64s: [-3, 9])
        #expect(l.dtype == .int64 && l.scalar(at: 0) == -3)
        let error = #expect(throws: TensorError.self) { _ = try Tensor(shape: [2, 2], floats: [1, 2, 3]) }
        #expect(error?.description == "cannot make a tensor of shape (2, 2) from 3 values")
        #expect(throws: TensorError.self) { _ = try Tensor(zeros: [2, -1]) }
    }

    @Test func reshapeSharesStorage() throws {
        let t = try Tensor(shape: [2, 3], floats: [1, 2, 3, 4, 5, 6])
        let r = try t.reshaped([3, 2])
        #expect(r.shape == [3, 2])
        r.floats[0] = 42
        #expect(t.floats[0] == 42)
        #expect(try t.reshaped([-1]).shape == [6])
        #expect(try t.reshaped([3, -1]).shape == [3, 2])
        let error = #expect(throws: TensorError.self) { _ = try t.reshaped([4, 2]) }
        #expect(error?.description == "cannot reshape a tensor of 6 elements into shape (4, 2)")
        #expect(throws: TensorError.self) { _ = try t.reshaped([-1, -1]) }
        #expect(throws: TensorError.self) { _ = try t.reshaped([4, -1]) }
    }

    @Test func copyIsIndependent() throws {
        let t = try Tensor(shape: [3], floats: [1, 2, 3])
        let c = t.copy()
        c.floats[1] = 9
        #expect(t.floats[1] == 2 && c.floats[1] == 9 && c.shape == t.shape)
    }

    @Test func conversions() throws {
        let b = try Tensor(shape: [3], bytes: [0, 128, 255])
        #expect(b.converted(to: .float32).floatArray == [0, 128, 255])
        let f = try Tensor(shape: [5], floats: [-3.7, 0.9, 2.5, 300, .nan])
        #expect(f.converted(to: .uint8).byteArray == [0, 0, 2, 255, 0])
        #expect(f.converted(to: .int64).int64Array == [-3, 0, 2, 300, 0])
        let l = try Tensor(shape: [2], int64s: [-1, 7])
        #expect(l.converted(to: .float32).floatArray == [-1, 7])
        #expect(l.converted(to: .uint8).byteArray == [255, 7])   // integers wrap, as numpy's astype
        #expect(b.converted(to: .uint8).dtype == .uint8)
    }
}
