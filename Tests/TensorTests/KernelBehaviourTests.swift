import Testing
import Tensor

@Suite struct KernelBehaviourTests {
    @Test func activationValues() throws {
        func f(_ a: Activation, _ v: Float) throws -> Float {
            try Kernels.activation(a, Tensor(shape: [1], floats: [v])).floatArray[0]
        }
        #expect(try f(.relu, -2) == 0 && f(.relu, 3) == 3)
        #expect(try f(.relu6, 10) == 6 && f(.relu6, -1) == 0 && f(.relu6, 4) == 4)
        #expect(try abs(f(.gelu, 1) - 0.8413447) < 1e-6)
        #expect(try abs(f(.gelu, -1) - -0.1586553) < 1e-6)
        #expect(try abs(f(.swish, 1) - 0.7310586) < 1e-6)
        #expect(try f(.silu, 1) == f(.swish, 1))
        #expect(try abs(f(.sigmoid, 0) - 0.5) < 1e-7)
        #expect(try f(.sigmoid, -200) >= 0 && f(.sigmoid, 200) == 1)
        #expect(try abs(f(.tanh, 0.5) - 0.46211716) < 1e-6)
        #expect(try abs(f(.elu, -1) - -0.63212056) < 1e-6 && f(.elu, 2) == 2)
        #expect(try abs(f(.leakyRelu, -1) - -0.2) < 1e-7 && f(.leakyRelu, 1) == 1)
        #expect(try f(.linear, -3.5) == -3.5)
        #expect(Activation(rawValue: "leaky_relu") == .leakyRelu)
    }

    @Test func softmaxRowsSumToOneAndAreStable() throws {
        let x = try Tensor(shape: [3, 4], floats: [1, 2, 3, 4, 1000, 1001, 1002, 1003, -1e30, 0, 5, -5])
        let y = try Kernels.activation(.softmax, x)
        for r in 0..<3 {
            let row = (0..<4).map { y.floatArray[r * 4 + $0] }
            #expect(row.allSatisfy { $0.isFinite && $0 >= 0 })
            #expect(abs(row.reduce(0, +) - 1) < 1e-6)
        }
        // Shift invariance: rows 0 and 1 differ by a constant.
        for i in 0..<4 { #expect(abs(y.floatArray[i] - y.floatArray[4 + i]) < 1e-6) }
        #expect(abs(y.floatArray[0] - 0.0320586) < 1e-6)
    }

    @Test func knownConvolution() throws {
        // 3x3 image 1..9, 2x2 kernel of ones, valid: window sums.
        let x = try Tensor(shape: [1, 3, 3, 1], floats: (1...9).map(Float.init))
        let k = try Tensor(repeating: 1, shape: [2, 2, 1, 1])
        let y = try Kernels.conv2d(input: x, kernel: k, bias: Tensor(shape: [1], floats: [0.5]),
                                   strides: (1, 1), padding: .valid)
        #expect(y.shape == [1, 2, 2, 1])
        #expect(y.floatArray == [12.5, 16.5, 24.5, 28.5])
        // same, 3x3 kernel of ones on 3x3: centre sees all 9 cells (45), corner 4 cells.
        let s = try Kernels.conv2d(input: x, kernel: Tensor(repeating: 1, shape: [3, 3, 1, 1]), bias: nil,
                                   strides: (1, 1), padding: .same)
        #expect(s.shape == [1, 3, 3, 1] && s.floatArray[4] == 45 && s.floatArray[0] == 12)
    }

    @Test func knownPooling() throws {
        let x = try Tensor(shape: [1, 3, 3, 1], floats: (1...9).map(Float.init))
        let m = try Kernels.maxPool2d(input: x, pool: (2, 2), strides: (2, 2), padding: .valid)
        #expect(m.shape == [1, 1, 1, 1] && m.floatArray[0] == 5)
        let ms = try Kernels.maxPool2d(input: x, pool: (2, 2), strides: (2, 2), padding: .same)
        #expect(ms.shape == [1, 2, 2, 1] && ms.floatArray == [5, 6, 8, 9])
        // 'same' average divides by the cells inside the input: bottom-right window is just 9.
        let a = try Kernels.avgPool2d(input: x, pool: (2, 2), strides: (2, 2), padding: .same)
        #expect(a.floatArray == [3, 4.5, 7.5, 9])
        let negative = try Tensor(shape: [1, 1, 2, 1], floats: [-3, -1])
        let mn = try Kernels.maxPool2d(input: negative, pool: (2, 2), strides: (1, 1), padding: .same)
        #expect(mn.floatArray == [-1, -1])  // padding never wins
        #expect(try Kernels.globalAvgPool2d(x).floatArray == [5])
        #expect(try Kernels.globalMaxPool2d(x).floatArray == [9])
    }

    @Test func shapeErrorsThrowWithShapes() throws {
        let x = try Tensor(zeros: [2, 8, 8, 3])
        let wrong = try Tensor(zeros: [3, 3, 4, 16])
        let e1 = #expect(throws: TensorError.self) {
            _ = try Kernels.conv2d(input: x, kernel: wrong, bias: nil, strides: (1, 1), padding: .valid)
        }
        #expect(e1?.message.contains("(3, 3, 4, 16)") == true && e1?.message.contains("(2, 8, 8, 3)") == true)
        let e2 = #expect(throws: TensorError.self) {
            _ = try Kernels.conv2d(input: try Tensor(zeros: [8, 8, 3]), kernel: wrong, bias: nil, strides: (1, 1),
                                   padding: .valid)
        }
        #expect(e2?.message.contains("(8, 8, 3)") == true)
        #expect(throws: TensorError.self) {
            _ = try Kernels.conv2d(input: x, kernel: try Tensor(zeros: [3, 3, 3, 4]), bias: try Tensor(zeros: [5]),
                                   strides: (1, 1), padding: .valid)
        }
        #expect(throws: TensorError.self) {
            _ = try Kernels.conv2d(input: x, kernel: try Tensor(zeros: [9, 9, 3, 4]), bias: nil, strides: (1, 1),
                                   padding: .valid)
        }
        #expect(throws: TensorError.self) {
            _ = try Kernels.maxPool2d(input: x, pool: (2, 2), strides: (0, 2), padding: .valid)
        }
        let e3 = #expect(throws: TensorError.self) {
            _ = try Kernels.dense(input: try Tensor(zeros: [4, 10]), kernel: try Tensor(zeros: [12, 3]), bias: nil)
        }
        #expect(e3?.message.contains("(4, 10)") == true && e3?.message.contains("(12, 3)") == true)
        #expect(throws: TensorError.self) {
            _ = try Kernels.dense(input: try Tensor(shape: [2], bytes: [1, 2]), kernel: try Tensor(zeros: [2, 3]),
                                  bias: nil)
        }
        #expect(throws: TensorError.self) {
            _ = try Kernels.batchNormInference(x, gamma: nil, beta: nil, movingMean: try Tensor(zeros: [4]),
                                               movingVariance: try Tensor(zeros: [3]), epsilon: 1e-3)
        }
    }
}
