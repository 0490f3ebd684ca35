import FoveaLang
import Tensor

/// How many elements a dataset gives, as `ds.cardinality()` reports it.
enum Cardinality: Equatable {
    case finite(Int), infinite, unknown

    /// `tf.data.INFINITE_CARDINALITY` is -1 and `UNKNOWN_CARDINALITY` -2.
    var number: Int {
        switch self {
        case .finite(let n): return n
        case .infinite: return -1
        case .unknown: return -2
        }
    }

    func map(_ f: (Int) -> Int) -> Cardinality {
        if case .finite(let n) = self { return .finite(f(n)) }
        return self
    }
}

/// One pass over a dataset: the next element, nil at the end.
typealias ElementIterator = () throws -> DatasetElement?

/// One stage of a `tf.data` pipeline. Stages are immutable and lazy: each pass asks the last
/// stage for a fresh iterator, which pulls elements through the stages before it, so only
/// the elements in flight (a batch, a shuffle buffer) are in memory.
protocol DatasetStage: AnyObject {
    /// TF's class name for a dataset ending in this stage (`_BatchDataset`).
    var className: String { get }
    var cardinality: Cardinality { get }
    /// The stage before this one, nil for a source.
    var parent: DatasetStage? { get }
    /// A new pass, its code calls running in `ctx`.
    func iterator(_ ctx: CallContext) throws -> ElementIterator
}

extension DatasetStage {
    /// Whether this stage or one before it batches elements.
    var isBatched: Bool {
        var s: DatasetStage? = self
        while let stage = s {
            if stage is BatchStage { return true }
            if stage is UnbatchStage { return false }
            s = stage.parent
        }
        return false
    }
}

/// `from_tensor_slices`: the rows of arrays along their first axis.
final class SliceStage: DatasetStage {
    let source: DatasetElement
    let count: Int
    init(_ source: DatasetElement, count: Int) { self.source = source; self.count = count }
    var className: String { "_TensorSliceDataset" }
    var cardinality: Cardinality { .finite(count) }
    var parent: DatasetStage? { nil }
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        var i = 0
        return { [source, count] in
            guard i < count else { return nil }
            defer { i += 1 }
            return try source.row(i)
        }
    }
}

/// `tf.data.Dataset.range(start, stop, step)`: int64 scalars.
final class RangeStage: DatasetStage {
    let start: Int, stop: Int, step: Int
    init(start: Int, stop: Int, step: Int) { self.start = start; self.stop = stop; self.step = step }
    var className: String { "_RangeDataset" }
    var cardinality: Cardinality { .finite(Swift.max(0, (stop - start + step + (step > 0 ? -1 : 1)) / step)) }
    var parent: DatasetStage? { nil }
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        var next = start
        return { [stop, step] in
            guard step > 0 ? next < stop : next > stop else { return nil }
            defer { next += step }
            return .tensor(try Tensor(shape: Shape([]), int64s: [Int64(next)]))
        }
    }
}

/// `batch(n, drop_remainder=)`: consecutive elements stacked.
final class BatchStage: DatasetStage {
    let parent: DatasetStage?
    let size: Int, dropRemainder: Bool
    let span: Span
    init(_ parent: DatasetStage, size: Int, dropRemainder: Bool, span: Span) {
        self.parent = parent; self.size = size; self.dropRemainder = dropRemainder; self.span = span
    }
    var className: String { "_BatchDataset" }
    var cardinality: Cardinality {
        parent!.cardinality.map { dropRemainder ? $0 / size : ($0 + size - 1) / size }
    }
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        let next = try parent!.iterator(ctx)
        return { [size, dropRemainder, span] in
            var items: [DatasetElement] = []
            while items.count < size, let e = try next() { items.append(e) }
            if items.isEmpty || (dropRemainder && items.count < size) { return nil }
            return try DatasetElement.stacked(items, span: span)
        }
    }
}

/// `unbatch()`: each batch split back into its samples.
final class UnbatchStage: DatasetStage {
    let parent: DatasetStage?
    let span: Span
    init(_ parent: DatasetStage, span: Span) { self.parent = parent; self.span = span }
    var className: String { "_UnbatchDataset" }
    var cardinality: Cardinality { .unknown }
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        let next = try parent!.iterator(ctx)
        var current: DatasetElement?, count = 0, i = 0
        return { [span] in
            while current == nil || i >= count {
                guard let e = try next() else { return nil }
                guard let n = e.sharedLength else {
                    throw Diagnostic(.valueError, "unbatch() needs elements whose tensors share a first (batch) axis.", at: span)
                }
                current = e; count = n; i = 0
            }
            defer { i += 1 }
            return try current!.row(i)
        }
    }
}

/// `map(f)`: the learner's function (or a layer) applied to every element; a tuple element
/// is passed as separate arguments, as tf.data unpacks it.
final class MapStage: DatasetStage {
    let parent: DatasetStage?
    let function: Value
    let span: Span
    init(_ parent: DatasetStage, function: Value, span: Span) { self.parent = parent; self.function = function; self.span = span }
    var className: String { "_MapDataset" }
    var cardinality: Cardinality { parent!.cardinality }
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        let next = try parent!.iterator(ctx)
        let call = ctx.at(span)
        return { [function, span] in
            guard let e = try next() else { return nil }
            let arguments: [Value]
            if case .tuple(let items) = e { arguments = items.map(\.value) } else { arguments = [e.value] }
            return try DatasetElement.from(try call.call(function, arguments), span: span)
        }
    }
}

/// `filter(predicate)`: the elements for which the function returns true.
final class FilterStage: DatasetStage {
    let parent: DatasetStage?
    let predicate: Value
    let span: Span
    init(_ parent: DatasetStage, predicate: Value, span: Span) { self.parent = parent; self.predicate = predicate; self.span = span }
    var className: String { "_FilterDataset" }
    var cardinality: Cardinality { parent!.cardinality == .infinite ? .infinite : .unknown }
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        let next = try parent!.iterator(ctx)
        let call = ctx.at(span)
        return { [predicate] in
            while let e = try next() {
                let arguments: [Value]
                if case .tuple(let items) = e { arguments = items.map(\.value) } else { arguments = [e.value] }
                if try call.call(predicate, arguments).isTruthy { return e }
            }
            return nil
        }
    }
}

/// `take(n)` and `skip(n)` (n = -1: all, or none).
final class TakeStage: DatasetStage {
    let parent: DatasetStage?
    let count: Int, skipping: Bool
    init(_ parent: DatasetStage, count: Int, skipping: Bool) { self.parent = parent; self.count = count; self.skipping = skipping }
    var className: String { skipping ? "_SkipDataset" : "_TakeDataset" }
    var cardinality: Cardinality {
        let c = parent!.cardinality
        if count < 0 { return skipping ? .finite(0) : c }
        switch c {
        case .finite(let n): return .finite(skipping ? Swift.max(0, n - count) : Swift.min(n, count))
        case .infinite: return skipping ? .infinite : .finite(count)
        case .unknown: return .unknown
        }
    }
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        let next = try parent!.iterator(ctx)
        var seen = 0
        return { [count, skipping] in
            if skipping {
                if count < 0 { return nil }
                while seen < count { seen += 1; if try next() == nil { return nil } }
                return try next()
            }
            if count >= 0, seen >= count { return nil }
            seen += 1
            return try next()
        }
    }
}

/// `repeat(count=None)`: the passes of the parent one after another (forever without a count).
final class RepeatStage: DatasetStage {
    let parent: DatasetStage?
    let count: Int?
    init(_ parent: DatasetStage, count: Int?) { self.parent = parent; self.count = count }
    var className: String { "_RepeatDataset" }
    var cardinality: Cardinality {
        guard let count, count >= 0 else { return parent!.cardinality == .finite(0) ? .finite(0) : .infinite }
        return parent!.cardinality.map { $0 * count }
    }
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        var pass = 0
        var next = try parent!.iterator(ctx)
        var gaveAny = false
        return { [parent, count] in
            while true {
                if let e = try next() { gaveAny = true; return e }
                pass += 1
                if let count, count >= 0, pass >= count { return nil }
                if !gaveAny { return nil }          // an empty dataset repeated is empty, not a hang
                gaveAny = false
                next = try parent!.iterator(ctx)
            }
        }
    }
}

/// `prefetch(n)`: TF overlaps it with training; Fovea produces each batch when it is needed.
final class PassStage: DatasetStage {
    let parent: DatasetStage?
    let className: String
    init(_ parent: DatasetStage, className: String) { self.parent = parent; self.className = className }
    var cardinality: Cardinality { parent!.cardinality }
    func iterator(_ ctx: CallContext) throws -> ElementIterator { try parent!.iterator(ctx) }
}

/// `cache()`: the first full pass is kept in memory and later passes replay it.
final class CacheStage: DatasetStage {
    let parent: DatasetStage?
    private var kept: [DatasetElement]?
    init(_ parent: DatasetStage) { self.parent = parent }
    var className: String { "_CacheDataset" }
    var cardinality: Cardinality { parent!.cardinality }
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        if let kept {
            var i = 0
            return { defer { i += 1 }; return i < kept.count ? kept[i] : nil }
        }
        let next = try parent!.iterator(ctx)
        var filling: [DatasetElement] = []
        return { [weak self] in
            if let e = try next() { filling.append(e); return e }
            self?.kept = filling
            return nil
        }
    }
}

/// `shuffle(buffer_size, seed=, reshuffle_each_iteration=True)` as tf.data shuffles: a buffer
/// of `bufferSize` elements, each output drawn at random from it and its place refilled from
/// the parent. Each pass draws from a generator made from the seed and the pass number, so a
/// seeded pipeline repeats its orders run after run.
final class ShuffleStage: DatasetStage {
    let parent: DatasetStage?
    let bufferSize: Int
    let seed: UInt64
    let reshuffle: Bool
    private var passes: UInt64 = 0
    init(_ parent: DatasetStage, bufferSize: Int, seed: UInt64, reshuffle: Bool) {
        self.parent = parent; self.bufferSize = bufferSize; self.seed = seed; self.reshuffle = reshuffle
    }
    var className: String { "_ShuffleDataset" }
    var cardinality: Cardinality { parent!.cardinality }
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        let next = try parent!.iterator(ctx)
        var generator = SeededGenerator(seed: seed &+ (reshuffle ? passes &* 0x9E37_79B9_7F4A_7C15 : 0))
        passes += 1
        var buffer: [DatasetElement] = []
        var exhausted = false
        return { [bufferSize] in
            while !exhausted, buffer.count < bufferSize {
                if let e = try next() { buffer.append(e) } else { exhausted = true }
            }
            guard !buffer.isEmpty else { return nil }
            let j = Int(generator.next() % UInt64(buffer.count))
            let out = buffer[j]
            if !exhausted, let e = try next() {
                buffer[j] = e
            } else {
                exhausted = true
                buffer.swapAt(j, buffer.count - 1)
                buffer.removeLast()
            }
            return out
        }
    }
}
