import FoveaLang
import NeuralNet
import Tensor

/// What `fit`, `evaluate` and `predict` accept besides arrays, as NeuralNet batch sources: a
/// `tf.data` dataset, a Python sequence of batches (`keras.utils.PyDataset`, `Sequence`, an
/// `ImageDataGenerator`'s iterator: anything with `__len__` and `__getitem__`), and a
/// generator or iterator of batches (with `steps_per_epoch`).
enum TrainingData {
    /// The batch source for `value`, or nil when it is an array (or a list of numbers) for the
    /// array path.
    static func source(_ value: Value, _ ctx: CallContext, argument: String) throws -> BatchSource? {
        switch value {
        case .object(let d as DatasetObject):
            return try DatasetBatches(d, ctx.at(ctx.span), argument: argument)
        case .object(let o) where o is TensorObject:
            return nil
        case .object:
            if let length = try? ctx.getAttribute(value, "__len__"), let item = try? ctx.getAttribute(value, "__getitem__") {
                return SequenceBatches(value, length: length, item: item, ctx)
            }
            if (try? ctx.getAttribute(value, "__next__")) != nil { return IteratorBatches(try ctx.iterator(value), ctx) }
            return nil
        case .iterator:
            return IteratorBatches(try ctx.iterator(value), ctx)
        default:
            return nil
        }
    }

    /// A batch as Keras unpacks one: `(x, y)`, `(x, y, sample_weight)` or `x` alone.
    static func batch(_ value: Value, _ ctx: CallContext) throws -> SourceBatch {
        func tensor(_ v: Value) throws -> Tensor {
            if case .object(let o as TensorObject) = v { return o.read() }
            return try TensorObject.tensor(from: v, argument: "x", at: ctx.span)
        }
        switch value {
        case .tuple(let items) where (1...3).contains(items.count):
            let weights = items.count == 3 && !items[2].isNone ? try tensor(items[2]).converted(to: .float32).floatArray : nil
            return SourceBatch(x: try tensor(items[0]), y: items.count > 1 && !items[1].isNone ? try tensor(items[1]) : nil,
                               sampleWeight: weights)
        case .list(let l) where (1...2).contains(l.items.count) && l.items.allSatisfy({ if case .object = $0 { return true } else { return false } }):
            return SourceBatch(x: try tensor(l.items[0]), y: l.items.count > 1 ? try tensor(l.items[1]) : nil)
        case .dict:
            throw Diagnostic(.notImplementedError, "Fovea's models take one input: give batches of (x, y), not dicts of named inputs.", at: ctx.span,
                             notes: ["help: ds.map(lambda d: (d['image'], d['label']))"])
        default:
            return SourceBatch(x: try tensor(value), y: nil)
        }
    }
}

/// A `tf.data` dataset read pass by pass. A dataset of unknown length (after `filter` or
/// `unbatch`) is counted once first, so that the progress bar knows its steps.
final class DatasetBatches: BatchSource {
    let dataset: DatasetObject
    let ctx: CallContext
    private var next: ElementIterator?
    private var counted: Int?

    init(_ dataset: DatasetObject, _ ctx: CallContext, argument: String) throws {
        self.dataset = dataset; self.ctx = ctx
        if !dataset.stage.isBatched {
            throw Diagnostic(.valueError, "The dataset passed as `\(argument)` gives single samples, not batches: fit, evaluate and predict read a dataset batch by batch.",
                             at: ctx.span, notes: ["help: batch it first: \(argument).batch(32)"])
        }
    }

    var batchCount: Int? {
        switch dataset.stage.cardinality {
        case .finite(let n): return n
        case .infinite: return nil
        case .unknown:
            if counted == nil, let it = try? dataset.stage.iterator(ctx) {
                var n = 0
                while (try? it()) != nil { n += 1 }
                counted = n
            }
            return counted
        }
    }

    func startPass(epoch: Int) throws { next = try dataset.stage.iterator(ctx) }

    func nextBatch() throws -> SourceBatch? {
        guard let e = try next?() else { return nil }
        return try TrainingData.batch(e.value, ctx)
    }
}

/// A Python sequence of batches (`keras.utils.PyDataset`): `len(seq)` batches, `seq[i]` each,
/// and `on_epoch_end()` called after every pass, as Keras calls it.
final class SequenceBatches: BatchSource {
    let sequence: Value, length: Value, item: Value
    let ctx: CallContext
    private var index = 0
    /// `len(seq)` read once per pass, not once per batch.
    private var passLength: Int?

    init(_ sequence: Value, length: Value, item: Value, _ ctx: CallContext) {
        self.sequence = sequence; self.length = length; self.item = item; self.ctx = ctx
    }

    var batchCount: Int? { (try? ctx.call(length, []))?.asInt }

    func startPass(epoch: Int) throws { index = 0; passLength = batchCount }

    func endPass() throws {
        if let end = try? ctx.getAttribute(sequence, "on_epoch_end") { _ = try ctx.call(end, []) }
    }

    func nextBatch() throws -> SourceBatch? {
        guard let n = passLength, index < n else { return nil }
        defer { index += 1 }
        return try TrainingData.batch(try ctx.call(item, [.int(index)]), ctx)
    }
}

/// A generator or iterator of batches: read on from where the last epoch stopped, as Keras
/// reads one with `steps_per_epoch`.
final class IteratorBatches: BatchSource {
    let iterator: IteratorBox
    let ctx: CallContext
    init(_ iterator: IteratorBox, _ ctx: CallContext) { self.iterator = iterator; self.ctx = ctx }
    var batchCount: Int? { nil }
    func startPass(epoch: Int) throws {}
    func nextBatch() throws -> SourceBatch? {
        guard let v = try iterator.next() else { return nil }
        return try TrainingData.batch(v, ctx)
    }
}

/// At most `steps` batches of each pass of another source (`validation_steps`).
final class LimitedBatches: BatchSource {
    let base: BatchSource
    let steps: Int
    private var given = 0
    init(_ base: BatchSource, steps: Int) { self.base = base; self.steps = steps }

    static func limit(_ source: BatchSource, _ steps: Int?) -> BatchSource {
        steps.map { LimitedBatches(source, steps: $0) } ?? source
    }

    var batchCount: Int? { base.batchCount.map { min($0, steps) } ?? steps }
    func startPass(epoch: Int) throws { given = 0; try base.startPass(epoch: epoch) }
    func nextBatch() throws -> SourceBatch? {
        guard given < steps else { return nil }
        given += 1
        return try base.nextBatch()
    }
}
