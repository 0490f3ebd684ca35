import FoveaLang
import Tensor

/// The `dtype=` of `randint` and `integers`, and numpy's bounds checks for it. The values drawn
/// for int64 and int32 are the same words; uint8 draws bytes, four to a 32-bit word.
enum IntegerDType: Equatable {
    case int64, int32, uint8

    /// numpy's integer types that Fovea does not draw.
    private static let others = ["bool", "bool_", "int8", "int16", "uint16", "uint32", "uint64", "uint", "i1", "i2", "u2", "u4", "u8", "?"]

    init(_ a: BoundArguments, function: String) throws {
        guard let v = a["dtype"], !v.isNone else { self = .int64; return }
        var name: String?
        switch v {
        case .str(let s): name = s
        case .type(let t): name = t.name
        case .object(let o as DTypeObject): name = o.dtype.rawValue
        default: break
        }
        switch name {
        case "int", "int64", "int_", "i8", "long", "intp": self = .int64
        case "int32", "i4", "intc": self = .int32
        case "uint8", "u1", "ubyte": self = .uint8
        case let n? where IntegerDType.others.contains(n):
            throw Diagnostic(.notImplementedError, "Fovea's \(function)() makes int64, int32 or uint8 integers, not \(n)", at: a.span(of: "dtype"))
        default:
            let shown = name.map { ["float", "double"].contains($0) ? "float64" : $0 } ?? Repr.repr(v)
            throw Diagnostic(.typeError, "Unsupported dtype dtype('\(shown)') for \(function)", at: a.span(of: "dtype"))
        }
    }

    /// Whether `dtype=` asks for Python ints (None or `int`): RandomState's randint then returns
    /// a Python int when size is None, as numpy does; any other dtype gives a numpy scalar.
    static func isPythonInt(_ a: BoundArguments) -> Bool {
        guard let v = a["dtype"], !v.isNone else { return true }
        if case .type(let t) = v { return t.name == "int" && t.module == nil }
        return false
    }

    var tensorType: DType {
        switch self {
        case .int64: return .int64
        case .int32: return .int32
        case .uint8: return .uint8
        }
    }

    var name: String {
        switch self {
        case .int64: return "int64"
        case .int32: return "int32"
        case .uint8: return "uint8"
        }
    }

    private var bounds: ClosedRange<Int> {
        switch self {
        case .int64: return Int.min...Int.max
        case .int32: return Int(Int32.min)...Int(Int32.max)
        case .uint8: return 0...255
        }
    }

    /// numpy's checks of `low` and `top` (the largest value allowed: high - 1, or high with
    /// endpoint=True), in numpy's order and words.
    func check(low: Int, top: Int, closed: Bool, at span: Span) throws {
        if low < bounds.lowerBound { throw Diagnostic(.valueError, "low is out of bounds for \(name)", at: span) }
        if top > bounds.upperBound { throw Diagnostic(.valueError, "high is out of bounds for \(name)", at: span) }
        if low > top {
            let message = low == 0 ? (closed ? "high < 0" : "high <= 0") : (closed ? "low > high" : "low >= high")
            throw Diagnostic(.valueError, message, at: span)
        }
    }
}
