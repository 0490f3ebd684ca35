import Testing
import Tensor

@Suite("Element-wise operations")
struct ElementwiseTests {
    func f(_ shape: Shape, _ v: [Float]) -> Tensor { try! Tensor(shape: shape, floats: v) }
    func u(_ shape: Shape, _ v: [UInt8]) -> Tensor { try! Tensor(shape: shape, bytes: v) }
    func i(_ shape: Shape, _ v: [Int64]) -> Tensor { try! Tensor(shape: shape, int64s: v) }

    @Test("arithmetic with scalars, each operator")
    func scalars() throws {
        let x = f([4], [-3, -1, 2, 7])
        #expect(try Tensor.arithmetic(.add, .tensor(x), .int(1)).floatArray == [-2, 0, 3, 8])
        #expect(try Tensor.arithmetic(.subtract, .float(1), .tensor(x)).floatArray == [4, 2, -1, -6])
        #expect(try Tensor.arithmetic(.multiply, .tensor(x), .float(0.5)).floatArray == [-1.5, -0.5, 1, 3.5])
        #expect(try Tensor.arithmetic(.divide, .tensor(x), .int(2)).floatArray == [-1.5, -0.5, 1, 3.5])
        #expect(try Tensor.arithmetic(.floorDivide, .tensor(x), .int(2)).floatArray == [-2, -1, 1, 3])
        #expect(try Tensor.arithmetic(.remainder, .tensor(x), .int(3)).floatArray == [0, 2, 2, 1])
        #expect(try Tensor.arithmetic(.power, .tensor(x), .int(2)).floatArray == [9, 1, 4, 49])
        #expect(try x.negated().floatArray == [3, 1, -2, -7])
        let n = i([4], [-7, -1, 5, 9])
        #expect(try Tensor.arithmetic(.floorDivide, .tensor(n), .int(2)).int64Array == [-4, -1, 2, 4])
        #expect(try Tensor.arithmetic(.remainder, .tensor(n), .int(-4)).int64Array == [-3, -1, -3, -3])
        #expect(try Tensor.arithmetic(.power, .tensor(n), .int(3)).int64Array == [-343, -1, 125, 729])
        #expect(try Tensor.arithmetic(.floorDivide, .tensor(n), .int(0)).int64Array == [0, 0, 0, 0])
    }

    @Test("numpy 2 promotion: uint8 stays uint8 with ints (wrapping), a Python float makes float64, / gives float64")
    func promotion() throws {
        let x = u([3], [0, 128, 255])
        let scaled = try Tensor.arithmetic(.divide, .tensor(x), .float(255))
        #expect(scaled.dtype == .float64 && scaled.doubleArray == [0, 128.0 / 255, 1])
        let single = try Tensor.arithmetic(.divide, .tensor(x.converted(to: .float32)), .float(255))
        #expect(single.dtype == .float32 && single.floatArray == [0, Float(128) / 255, 1])
        let plus = try Tensor.arithmetic(.add, .tensor(x), .int(1))
        #expect(plus.dtype == .uint8 && plus.byteArray == [1, 129, 0])
        #expect(try Tensor.arithmetic(.multiply, .tensor(x), .float(1)).dtype == .float64)
        #expect(try Tensor.arithmetic(.multiply, .tensor(x), .tensor(x.converted(to: .float32))).dtype == .float32)
        #expect(try Tensor.arithmetic(.multiply, .tensor(x.converted(to: .int32)), .tensor(x.converted(to: .float32))).dtype == .float64)
        #expect(try Tensor.arithmetic(.add, .tensor(x.converted(to: .int32)), .tensor(x)).dtype == .int32)
        #expect(try Tensor.arithmetic(.add, .tensor(x), .tensor(i([1], [1]))).int64Array == [1, 129, 256])
        #expect(try Tensor.arithmetic(.add, .tensor(i([1], [1])), .float(0.5)).dtype == .float64)
        #expect(try Tensor.arithmetic(.divide, .tensor(i([2], [1, 3])), .int(2)).doubleArray == [0.5, 1.5])
        #expect { try Tensor.arithmetic(.add, .tensor(x), .int(300)) } throws: { e in
            (e as! ArrayError).message == "Python integer 300 out of bounds for uint8"
        }
        #expect { try Tensor.arithmetic(.power, .tensor(i([1], [2])), .int(-1)) } throws: { e in
            (e as! ArrayError).message == "Integers to negative integer powers are not allowed."
        }
    }

    @Test("broadcasting: rows against columns, trailing axes, and numpy's error")
    func broadcasting() throws {
        let col = f([2, 1], [10, 20]), row = f([3], [1, 2, 3])
        let s = try Tensor.arithmetic(.add, .tensor(col), .tensor(row))
        #expect(s.shape == [2, 3] && s.floatArray == [11, 12, 13, 21, 22, 23])
        let big = f([2, 2, 3], (0..<12).map(Float.init))
        let d = try Tensor.arithmetic(.subtract, .tensor(big), .tensor(row))
        #expect(d.shape == [2, 2, 3] && d.floatArray == (0..<12).map { Float($0 - ($0 % 3) - 1) })
        #expect { try Tensor.arithmetic(.add, .tensor(f([3], [1, 2, 3])), .tensor(f([4], [1, 2, 3, 4]))) } throws: { e in
            (e as! ArrayError).message == "operands could not be broadcast together with shapes (3,) (4,)"
        }
        #expect { try Tensor.arithmetic(.add, .tensor(f([2, 3], Array(repeating: 0, count: 6))), .tensor(f([2], [1, 2]))) } throws: { e in
            (e as! ArrayError).message == "operands could not be broadcast together with shapes (2,3) (2,)"
        }
    }

    @Test("comparisons give bool tensors; uint8 labels compare with int64 predictions")
    func comparisons() throws {
        let pred = i([4], [9, 0, 3, 3]), labels = u([4], [9, 0, 0, 3])
        let eq = try Tensor.compare(.equal, .tensor(pred), .tensor(labels))
        #expect(eq.dtype == .bool && eq.byteArray == [1, 1, 0, 1])
        #expect(try Tensor.compare(.greater, .tensor(f([3], [0.5, 1, 2])), .int(1)).byteArray == [0, 0, 1])
        #expect(try Tensor.compare(.lessEqual, .float(1), .tensor(f([3], [0.5, 1, 2]))).byteArray == [0, 1, 1])
        #expect(try Tensor.compare(.notEqual, .tensor(labels), .int(300)).byteArray == [1, 1, 1, 1])
        let m = try Tensor.compare(.less, .tensor(f([2, 1], [1, 5])), .tensor(f([2], [2, 6])))
        #expect(m.shape == [2, 2] && m.byteArray == [1, 1, 0, 1])
        #expect(try eq.inverted().byteArray == [0, 0, 1, 0])
        #expect(throws: ArrayError.self) { try eq.negated() }
    }

    @Test("bool tensors convert like numpy's astype")
    func boolConversion() throws {
        let b = try Tensor.compare(.greater, .tensor(f([3], [-1, 0, 2])), .int(-1))
        #expect(b.converted(to: .float32).floatArray == [0, 1, 1])
        #expect(f([3], [0, 0.5, -2]).converted(to: .bool).byteArray == [0, 1, 1])
    }
}

@Suite("Element-wise fast path against the general loop")
struct ElementwiseFastPathTests {
    /// Random values of every dtype, in shapes that exercise contiguous rows, scalars on either
    /// side and strided broadcasting.
    static func sample(_ shape: Shape, _ dtype: DType, seed: UInt64) throws -> Tensor {
        var g = SeededGenerator(seed: seed)
        let values = (0..<shape.count).map { _ in Double(Int(g.next() % 2001) - 1000) / 8 }
        return try Tensor(shape: shape, doubles: values).converted(to: dtype)
    }

    @Test("arithmetic and comparisons give the same bits by both paths", arguments: DType.allCases)
    func sameBits(dtype: DType) throws {
        let shapes: [(Shape, Shape)] = [([4, 5], [4, 5]), ([4, 5], []), ([], [4, 5]), ([4, 1], [1, 5]), ([3, 4, 5], [5])]
        for (i, (sa, sb)) in shapes.enumerated() {
            let a = try Self.sample(sa, dtype, seed: UInt64(i)), b = try Self.sample(sb, .float32, seed: UInt64(i + 10))
            for other in [b, b.converted(to: dtype)] {
                for op in [ArithmeticOp.add, .subtract, .multiply, .divide] where !(dtype == .bool && op == .subtract) {
                    let fast = try Tensor.arithmetic(op, .tensor(a), .tensor(other))
                    let naive = try Tensor.arithmetic(op, .tensor(a), .tensor(other), fast: false)
                    #expect(fast.dtype == naive.dtype && fast.shape == naive.shape)
                    #expect(fast.doubleArray.map(\.bitPattern) == naive.doubleArray.map(\.bitPattern), "\(op) \(dtype) \(sa) \(sb)")
                }
                for op in ComparisonOp.allCases {
                    let fast = try Tensor.compare(op, .tensor(a), .tensor(other)), naive = try Tensor.compare(op, .tensor(a), .tensor(other), fast: false)
                    #expect(fast.byteArray == naive.byteArray, "\(op) \(dtype) \(sa) \(sb)")
                }
            }
            for scalar in [Operand.float(0.1), .int(3), .float(2.5)] {
                let fast = try Tensor.compare(.less, .tensor(a), scalar), naive = try Tensor.compare(.less, .tensor(a), scalar, fast: false)
                #expect(fast.byteArray == naive.byteArray, "\(dtype) < \(scalar)")
            }
        }
    }
}
