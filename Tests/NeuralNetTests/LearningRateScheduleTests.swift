import Glibc
import Testing
import Tensor
import NeuralNet

/// `keras.optimizers.schedules` against Keras 3's formulas written out here, and an optimizer
/// that follows a schedule step by step.
@Suite struct LearningRateScheduleTests {
    func close(_ a: Float, _ b: Double) -> Bool { abs(Double(a) - b) <= 1e-6 * max(1, abs(b)) }

    @Test func exponentialDecay() throws {
        let s = try LearningRateSchedule.exponentialDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5,
                                                          staircase: false).validated()
        for step in [0, 1, 5, 10, 25] {
            #expect(close(s.value(at: step), 0.1 * pow(0.5, Double(step) / 10)))
        }
        let stairs = LearningRateSchedule.exponentialDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true)
        #expect(stairs.value(at: 9) == Float(0.1))
        #expect(close(stairs.value(at: 10), 0.05))
        #expect(close(stairs.value(at: 25), 0.025))
    }

    @Test func inverseTimeDecay() throws {
        let s = LearningRateSchedule.inverseTimeDecay(initialLearningRate: 0.2, decaySteps: 4, decayRate: 0.5, staircase: false)
        for step in [0, 1, 4, 7, 100] {
            #expect(close(s.value(at: step), 0.2 / (1 + 0.5 * Double(step) / 4)))
        }
        let stairs = LearningRateSchedule.inverseTimeDecay(initialLearningRate: 0.2, decaySteps: 4, decayRate: 0.5, staircase: true)
        #expect(close(stairs.value(at: 7), 0.2 / 1.5))
    }

    @Test func piecewiseConstantDecay() throws {
        let s = try LearningRateSchedule.piecewiseConstantDecay(boundaries: [3, 6], values: [1.0, 0.5, 0.1]).validated()
        let expected: [(Int, Float)] = [(0, 1), (3, 1), (4, 0.5), (6, 0.5), (7, 0.1), (1000, 0.1)]
        for (step, value) in expected { #expect(s.value(at: step) == value) }
    }

    @Test func cosineDecay() throws {
        let s = LearningRateSchedule.cosineDecay(initialLearningRate: 0.1, decaySteps: 8, alpha: 0.1, warmupTarget: nil, warmupSteps: 0)
        for step in [0, 2, 4, 8, 20] {
            let t = Double(min(step, 8)) / 8
            #expect(close(s.value(at: step), 0.1 * (0.9 * 0.5 * (1 + cos(Double.pi * t)) + 0.1)))
        }
        let warm = LearningRateSchedule.cosineDecay(initialLearningRate: 0, decaySteps: 10, alpha: 0, warmupTarget: 0.2, warmupSteps: 4)
        #expect(close(warm.value(at: 0), 0))
        #expect(close(warm.value(at: 2), 0.1))
        #expect(close(warm.value(at: 4), 0.2))
        #expect(close(warm.value(at: 9), 0.2 * 0.5 * (1 + cos(Double.pi * 5 / 10))))
        #expect(close(warm.value(at: 50), 0))
    }

    @Test func argumentChecks() {
        #expect(throws: LayerError.self) {
            try LearningRateSchedule.exponentialDecay(initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5, staircase: false).validated()
        }
        #expect(throws: LayerError.self) {
            try LearningRateSchedule.piecewiseConstantDecay(boundaries: [1, 2], values: [1, 2]).validated()
        }
        do {
            _ = try LearningRateSchedule.cosineDecay(initialLearningRate: 0.1, decaySteps: -1, alpha: 0, warmupTarget: nil, warmupSteps: 0).validated()
            Issue.record("expected an error")
        } catch let error as LayerError {
            #expect(error.message == "Argument `decay_steps` must be > 0, received: decay_steps=-1")
        } catch { Issue.record("unexpected \(error)") }
    }

    /// SGD on one weight `w` with gradient `g = 2`: `w -= lr(step) * 2` with
    /// `lr(step) = 0.1 * 0.5^(step / 2)`: 1 - 0.2 = 0.8, 0.8 - 0.2 * 0.5^0.5, then - 0.2 * 0.5.
    @Test func sgdFollowsExponentialDecay() throws {
        let dense = try Dense(units: 1, session: Session(seed: 1))
        try dense.build([nil, 1])
        let w = dense.weights[1]
        try w.assign(try Tensor(shape: [1], floats: [1]))
        let schedule = LearningRateSchedule.exponentialDecay(initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5, staircase: false)
        let sgd = try SGD(learningRate: 0.01, schedule: schedule)
        #expect(sgd.learningRate == Double(Float(0.1)))
        var expected: Float = 1
        for step in 0..<3 {
            #expect(sgd.iterations == step)
            expected -= Float(0.1 * pow(0.5, Double(step) / 2)) * 2
            try sgd.apply(gradients: [try Tensor(shape: [1], floats: [2])], to: [w])
            #expect(abs(w.value.floatArray[0] - expected) < 1e-6)
        }
        let byHand: Float = 1 - 0.2 - 0.2 * Float(0.5.squareRoot()) - 0.1
        #expect(abs(w.value.floatArray[0] - byHand) < 1e-6)
        #expect(close(Float(sgd.learningRate), 0.1 * pow(0.5, 1.5)))
        #expect(throws: LayerError.self) { try sgd.setLearningRate(0.5) }
        #expect(close(Float(sgd.learningRate), 0.1 * pow(0.5, 1.5)))
    }
}
