import Tensor

/// Data that reaches fit, evaluate and predict one batch at a time: arrays in memory
/// (`ArrayBatches`), and from the bindings a `tf.data` dataset, an `ImageDataGenerator`'s
/// iterator or a Python sequence of batches, each read lazily so that memory stays bounded
/// whatever the data's size.
public protocol BatchSource: AnyObject {
    /// The batches of one pass, when known before the pass starts (nil: an endless source,
    /// which needs `steps_per_epoch`).
    var batchCount: Int? { get }
    /// Starts a pass over the data (`epoch` counts from 1); a source that shuffles does it here.
    func startPass(epoch: Int) throws
    /// The next batch of the pass, nil when the pass is over. `y` is nil for inputs alone.
    func nextBatch() throws -> SourceBatch?
    /// The pass is over (fit calls it after every epoch's pass, as Keras calls a PyDataset's
    /// `on_epoch_end`).
    func endPass() throws
}

extension BatchSource {
    public func endPass() throws {}
}

/// One batch: inputs and, for training and evaluation, their targets (and the samples'
/// weights when fit or evaluate was given `sample_weight=`).
public struct SourceBatch {
    public var x: Tensor
    public var y: Tensor?
    public var sampleWeight: [Float]?
    public init(x: Tensor, y: Tensor?, sampleWeight: [Float]? = nil) { self.x = x; self.y = y; self.sampleWeight = sampleWeight }
}

/// Arrays in memory, cut into batches in order or in a new random order every pass, drawn
/// from the session's generator (the same draws fit made before sources existed, so seeded
/// runs train the same).
public final class ArrayBatches: BatchSource {
    let x: Tensor, y: Tensor?
    let count: Int
    let batchSize: Int
    let shuffle: Bool
    let session: Session?
    let weights: [Float]?
    private var order: [Int] = []
    private var next = 0

    /// The first `count` samples of `x` (and `y`), `batchSize` at a time.
    public init(x: Tensor, y: Tensor?, count: Int? = nil, batchSize: Int, shuffle: Bool = false, session: Session? = nil,
                weights: [Float]? = nil) {
        self.x = x; self.y = y; self.weights = weights
        self.count = count ?? x.shape[0]
        self.batchSize = batchSize; self.shuffle = shuffle; self.session = session
    }

    public var batchCount: Int? { (count + batchSize - 1) / batchSize }

    public func startPass(epoch: Int) throws {
        if shuffle, let session {
            order = Batches.shuffled(count, &session.generator)
        } else {
            order = Array(0..<count)
        }
        next = 0
    }

    public func nextBatch() throws -> SourceBatch? {
        guard next < count else { return nil }
        let rows = order[next..<min(next + batchSize, count)]
        next += rows.count
        return SourceBatch(x: try Batches.gather(x, rows, asFloat: true),
                           y: try y.map { try Batches.gather($0, rows, asFloat: false) },
                           sampleWeight: weights.map { w in rows.map { w[$0] } })
    }
}
