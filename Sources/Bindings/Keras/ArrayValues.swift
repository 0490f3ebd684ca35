import DataIO
import FoveaLang
import NeuralNet
import Tensor

/// Python values to and from tensors for the numpy surface: nested lists to arrays (with numpy's
/// dtype inference), dtype arguments, numpy scalars back to Python numbers, and array errors to
/// located Python exceptions.
enum ArrayValues {
    /// numpy's `AxisError`: a ValueError (numpy also makes it an IndexError).
    static let axisError = ExceptionClass("AxisError", base: .valueError)

    /// Runs an array operation, turning ArrayError/TensorError/MemoryError/DatasetError into
    /// Diagnostics at `span`.
    static func run<T>(_ span: Span, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as ArrayError {
            throw Diagnostic(e.pythonName == axisError.name ? axisError : ExceptionClass.named(e.pythonName), e.message, at: span)
        } catch let e as DatasetError {
            throw Diagnostic(ExceptionClass.named(e.pythonName), e.message, at: span)
        } catch let e as TensorError {
            throw Diagnostic(.valueError, e.message, at: span)
        } catch let e as MemoryError {
            throw Diagnostic(.memoryError, e.description, at: span)
        }
    }

    /// A tensor from a TensorObject (the same tensor) or nested lists/tuples of numbers, with
    /// numpy's inference: all bools → bool, ints and bools → int64, any float → float64; arrays
    /// inside the lists promote with the rest.
    static func array(_ value: Value, dtype: DType? = nil, argument: String = "object", at span: Span) throws -> Tensor {
        if case .object(let o) = value, let image = o as? ImageObject {
            return dtype.map { image.array.converted(to: $0) } ?? image.array
        }
        if case .object(let o) = value, let t = o as? TensorObject {
            let v = t.read()
            guard let dtype, dtype != v.dtype else { return v }
            return v.converted(to: dtype)
        }
        var shape: [Int] = []
        var values: [Double] = []
        var integers: [Int64] = []
        var inferred: DType? = nil
        func see(_ d: DType) { inferred = inferred.map { DType.promoted($0, d) } ?? d }
        func walk(_ v: Value, _ depth: Int) throws {
            if case .object(let o) = v, let tensorObject = o as? TensorObject {
                let t = tensorObject.read()
                let dims = t.shape.dims
                if depth == shape.count { shape += dims } else if Array(shape[depth...]) != dims {
                    throw Diagnostic(.valueError, "setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions.", at: span)
                }
                see(t.dtype)
                values += t.doubleArray
                integers += (0..<t.count).map { t.integer(at: $0) }
                return
            }
            if let items = KerasArguments.sequence(v) {
                // numpy's limit on dimensions (NPY_MAXDIMS), which also keeps this recursion short.
                if depth >= 32 {
                    throw Diagnostic(.valueError, "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 32.", at: span)
                }
                if depth == shape.count { shape.append(items.count) } else if depth > shape.count || shape[depth] != items.count {
                    throw Diagnostic(.valueError, "setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions. The detected shape was \(Shape(Array(shape[..<depth]))) + inhomogeneous part.",
                                     at: span)
                }
                for item in items { try walk(item, depth + 1) }
                return
            }
            guard depth == shape.count else {
                throw Diagnostic(.valueError, "setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions.", at: span)
            }
            switch v {
            case .bool(let b): values.append(b ? 1 : 0); integers.append(b ? 1 : 0); see(.bool)
            case .int(let i): values.append(Double(i)); integers.append(Int64(i)); see(.int64)
            case .float(let d): values.append(d); integers.append(Int64(exactly: d.rounded(.towardZero)) ?? 0); see(.float64)
            default:
                throw Diagnostic(.typeError, "\(argument) must be a number, a list of numbers or an array; received a value of type '\(v.typeName)'", at: span)
            }
        }
        try walk(value, 0)
        let type = dtype ?? inferred ?? .float64
        return try run(span) {
            let t = try Tensor(zeros: Shape(shape), dtype: type)
            guard t.count == values.count else {
                throw ArrayError("ValueError", "setting an array element with a sequence. The requested array has an inhomogeneous shape.")
            }
            switch type {
            case .float32: let d = t.floats; for (i, v) in values.enumerated() { d[i] = Float(v) }
            case .float64: _ = t.doubles.update(fromContentsOf: values)
            case .int64: _ = t.int64s.update(fromContentsOf: integers)
            case .int32: let d = t.int32s; for (i, v) in integers.enumerated() { d[i] = Int32(truncatingIfNeeded: v) }
            case .uint8: let d = t.bytes; for (i, v) in integers.enumerated() { d[i] = UInt8(truncatingIfNeeded: v) }
            case .bool: let d = t.bytes; for (i, v) in values.enumerated() { d[i] = v != 0 ? 1 : 0 }
            }
            return t
        }
    }

    /// `dtype=` / `astype(...)`: 'float32', np.float32, float, int, 'uint8', np.uint8, tf.float32, ...
    static func dtype(_ value: Value, argument: String, at span: Span) throws -> DType {
        var name: String?
        switch value {
        case .str(let s): name = s
        case .type(let t): name = t.name
        case .object(let o):
            if let d = o as? DTypeObject { return d.dtype }
            if let d = o as? TFDTypeObject { return d.dtype }
        default: break
        }
        let table: [String: DType] = [
            "float32": .float32, "f4": .float32, "single": .float32,
            "float64": .float64, "float": .float64, "f8": .float64, "double": .float64, "float_": .float64,
            "uint8": .uint8, "u1": .uint8, "int32": .int32, "i4": .int32, "intc": .int32,
            "int64": .int64, "int": .int64, "i8": .int64, "int_": .int64, "intp": .int64,
            "bool": .bool, "bool_": .bool, "?": .bool,
        ]
        if let n = name, let d = table[n] { return d }
        throw Diagnostic(.typeError, "data type \(Repr.repr(value)) not understood", at: span,
                         notes: ["help: Fovea's arrays hold float32, float64, uint8, int32, int64 or bool, e.g. astype('float32') or dtype=np.uint8"])
    }

    /// A numpy scalar: the element at a flat index, as numpy's `x[i]` gives it.
    static func scalar(_ t: Tensor, at flat: Int = 0) -> Value {
        .object(NumpyScalar(t.element(at: flat)))
    }

    /// The element at a flat index as the Python number `float(x)`/`int(x)`/`bool(x)` gives:
    /// a float32 0.1 becomes 0.10000000149011612, as in Python.
    static func pythonNumber(_ t: Tensor, at flat: Int = 0) -> Value {
        switch t.dtype {
        case .float32, .float64: return .float(t.scalar(at: flat))
        case .bool: return .bool(t.scalar(at: flat) != 0)
        case .uint8, .int32, .int64: return .int(Int(t.integer(at: flat)))
        }
    }

    /// A tensor result: 0-d ones become numpy scalars, as numpy gives them.
    static func wrap(_ t: Tensor) -> Value { t.shape.rank == 0 ? .object(NumpyScalar(t)) : .object(TensorObject(t)) }

    /// An operand of arithmetic: numbers stay scalars, lists become arrays; nil when unsupported.
    static func operand(_ v: Value, at span: Span) throws -> Operand? {
        switch v {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .list, .tuple: return .tensor(try array(v, at: span))
        case .object(let o): return (o as? TensorObject).map { .tensor($0.read()) }
        default: return nil
        }
    }

    /// `axis=` arguments: None or an int.
    static func axis(_ args: BoundArguments, _ name: String = "axis") throws -> Int? {
        guard let v = args[name], !v.isNone else { return nil }
        guard let i = v.asInt, !KerasArguments.isBool(v) else {
            throw Diagnostic(.typeError, "'\(v.typeName)' object cannot be interpreted as an integer (axis must be an int or None)", at: args.span(of: name))
        }
        return i
    }

    /// A shape given as an int or a tuple/list of ints.
    static func shape(_ v: Value, argument: String, at span: Span) throws -> [Int] {
        if case .int(let i) = v { return [i] }
        if let items = KerasArguments.sequence(v), let ints = KerasArguments.ints(items) { return ints }
        throw Diagnostic(.typeError, "\(argument) must be an int or a tuple of ints, such as (28, 28). Received: \(Repr.repr(v))", at: span)
    }
}

/// `x.dtype`: shown as `dtype('float32')`, printed as `float32`, equal to 'float32', np.float32 and tf.float32.
final class DTypeObject: FoveaObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "dtype" }
    func repr() -> String { "dtype('\(dtype.rawValue)')" }
    func str() -> String { dtype.rawValue }
    var hostClass: AnyHostClass? { DTypeObject.binding }
    static let binding = HostClass<DTypeObject>("dtype", module: "numpy", doc: "The type of an array's elements.")
        .property("name", doc: "The type's name: 'float32'.") { d, _ in .str(d.dtype.rawValue) }
        .property("itemsize", doc: "Bytes per element.") { d, _ in .int(d.dtype.byteSize) }
    func isEqual(to other: Value) -> Bool? {
        switch other {
        case .str(let s): return s == dtype.rawValue
        case .type(let t): return t.name == dtype.rawValue || (t.name == "float" && dtype == .float64) || (t.name == "int" && dtype == .int64) || (t.name == "bool" && dtype == .bool)
        case .object(let o): return ((o as? DTypeObject)?.dtype ?? (o as? TFDTypeObject)?.dtype) == dtype
        default: return false
        }
    }
}
