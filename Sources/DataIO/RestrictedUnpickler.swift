/// Reads the pickles that CIFAR-10/100's python batches are (protocol 2, as Python 2's cPickle or
/// Python 3's pickle write them, up to protocol 4), and nothing else: dicts, lists, tuples, ints,
/// floats, strings, bytes, booleans, None, and numpy arrays through `numpy.core.multiarray._reconstruct`
/// and `numpy.dtype`. No code is run: the only globals it accepts are those three (and
/// `_codecs.encode` with 'latin1', which is how Python 3 writes bytes in protocol 2); any other global,
/// or any opcode outside that list, is an error naming it.
public enum RestrictedUnpickler {
    /// A value read from a pickle. Lists and dicts are shared (the pickle's memo may refer to them).
    public indirect enum Value {
        case none, bool(Bool), int(Int), float(Double), string(String), bytes([UInt8])
        case list(Box<[Value]>), tuple([Value]), dict(Box<[(Value, Value)]>)
        case array(PickledArray)
        case dtype(String)
        case global(String)
    }

    public final class Box<T> { public var value: T; init(_ v: T) { value = v } }

    /// A numpy array: its shape, dtype string ('u1', '<i8', ...) and raw C-order bytes.
    public final class PickledArray {
        public var shape: [Int] = [0]
        public var dtype = "u1"
        public var bytes: [UInt8] = []
    }

    public struct Refused: Error, CustomStringConvertible {
        public let description: String
    }

    static let allowedGlobals: Set<String> = [
        "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
        "numpy.ndarray", "numpy.dtype", "_codecs.encode",
    ]

    public static func load(_ data: [UInt8]) throws -> Value {
        var r = Reader(data: data)
        return try r.run()
    }

    struct Reader {
        let data: [UInt8]
        var pos = 0
        var stack: [Value] = []
        var marks: [Int] = []
        var memo: [Int: Value] = [:]

        init(data: [UInt8]) { self.data = data }

        func refuse(_ what: String) -> Refused { Refused(description: "refusing to read this pickle: \(what) (only CIFAR-style batches of dicts, lists and numpy arrays are accepted)") }

        mutating func bytes(_ n: Int) throws -> [UInt8] {
            guard n >= 0, pos + n <= data.count else { throw refuse("it ends too early at byte \(pos)") }
            defer { pos += n }
            return Array(data[pos..<pos + n])
        }
        mutating func uint(_ n: Int) throws -> Int {
            let b = try bytes(n)
            return b.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        }
        mutating func line() throws -> String {
            guard let end = data[pos...].firstIndex(of: 10) else { throw refuse("a line ends too early") }
            defer { pos = end + 1 }
            return String(decoding: data[pos..<end], as: UTF8.self)
        }
        mutating func pop() throws -> Value {
            guard let v = stack.popLast() else { throw refuse("the stack is empty at byte \(pos)") }
            return v
        }
        mutating func popMark() throws -> [Value] {
            guard let m = marks.popLast(), m <= stack.count else { throw refuse("no MARK at byte \(pos)") }
            defer { stack.removeSubrange(m...) }
            return Array(stack[m...])
        }
        func string(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

        mutating func run() throws -> Value {
            while pos < data.count {
                let op = data[pos]; pos += 1
                switch op {
                case 0x80: _ = try bytes(1)                                   // PROTO
                case 0x95: _ = try bytes(8)                                   // FRAME
                case 0x2e: return try pop()                                   // STOP
                case 0x28: marks.append(stack.count)                          // MARK
                case 0x7d: stack.append(.dict(Box([])))                       // EMPTY_DICT
                case 0x5d: stack.append(.list(Box([])))                       // EMPTY_LIST
                case 0x29: stack.append(.tuple([]))                           // EMPTY_TUPLE
                case 0x4e: stack.append(.none)                                // NONE
                case 0x88: stack.append(.bool(true))                          // NEWTRUE
                case 0x89: stack.append(.bool(false))                         // NEWFALSE
                case 0x4b: stack.append(.int(try uint(1)))                    // BININT1
                case 0x4d: stack.append(.int(try uint(2)))                    // BININT2
                case 0x4a: stack.append(.int(Int(Int32(truncatingIfNeeded: try uint(4)))))  // BININT
                case 0x8a:                                                    // LONG1
                    let b = try bytes(try uint(1))
                    guard b.count <= 8 else { throw refuse("an integer of \(b.count) bytes") }
                    var v = b.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
                    if let last = b.last, last & 0x80 != 0, b.count < 8 { v -= 1 << (8 * b.count) }
                    stack.append(.int(v))
                case 0x47:                                                    // BINFLOAT (big-endian)
                    let b = try bytes(8)
                    stack.append(.float(Double(bitPattern: b.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })))
                case 0x55: stack.append(.bytes(try bytes(try uint(1))))       // SHORT_BINSTRING (py2 str)
                case 0x54: stack.append(.bytes(try bytes(try uint(4))))       // BINSTRING
                case 0x43: stack.append(.bytes(try bytes(try uint(1))))       // SHORT_BINBYTES
                case 0x42: stack.append(.bytes(try bytes(try uint(4))))       // BINBYTES
                case 0x8c: stack.append(.string(string(try bytes(try uint(1)))))  // SHORT_BINUNICODE
                case 0x58: stack.append(.string(string(try bytes(try uint(4)))))  // BINUNICODE
                case 0x71: memo[try uint(1)] = stack.last                     // BINPUT
                case 0x72: memo[try uint(4)] = stack.last                     // LONG_BINPUT
                case 0x94: memo[memo.count] = stack.last                      // MEMOIZE
                case 0x68, 0x6a:                                              // BINGET, LONG_BINGET
                    let i = try uint(op == 0x68 ? 1 : 4)
                    guard let v = memo[i] else { throw refuse("memo \(i) is unset") }
                    stack.append(v)
                case 0x74: stack.append(.tuple(try popMark()))                // TUPLE
                case 0x85: stack.append(.tuple([try pop()]))                  // TUPLE1
                case 0x86: let b = try pop(), a = try pop(); stack.append(.tuple([a, b]))      // TUPLE2
                case 0x87: let c = try pop(), b = try pop(), a = try pop(); stack.append(.tuple([a, b, c]))  // TUPLE3
                case 0x61:                                                    // APPEND
                    let v = try pop()
                    guard case .list(let l) = stack.last else { throw refuse("APPEND to a non-list") }
                    l.value.append(v)
                case 0x65:                                                    // APPENDS
                    let items = try popMark()
                    guard case .list(let l) = stack.last else { throw refuse("APPENDS to a non-list") }
                    l.value += items
                case 0x73:                                                    // SETITEM
                    let v = try pop(), k = try pop()
                    guard case .dict(let d) = stack.last else { throw refuse("SETITEM on a non-dict") }
                    d.value.append((k, v))
                case 0x75:                                                    // SETITEMS
                    let items = try popMark()
                    guard case .dict(let d) = stack.last, items.count % 2 == 0 else { throw refuse("SETITEMS on a non-dict") }
                    for i in stride(from: 0, to: items.count, by: 2) { d.value.append((items[i], items[i + 1])) }
                case 0x63:                                                    // GLOBAL
                    let name = try line() + "." + (try line())
                    guard RestrictedUnpickler.allowedGlobals.contains(name) else { throw refuse("it asks for the global \(name)") }
                    stack.append(.global(name))
                case 0x93:                                                    // STACK_GLOBAL
                    guard case .string(let n) = try pop(), case .string(let m) = try pop() else { throw refuse("STACK_GLOBAL without names") }
                    guard RestrictedUnpickler.allowedGlobals.contains(m + "." + n) else { throw refuse("it asks for the global \(m).\(n)") }
                    stack.append(.global(m + "." + n))
                case 0x52:                                                    // REDUCE
                    let args = try pop(), callee = try pop()
                    stack.append(try reduce(callee, args))
                case 0x62:                                                    // BUILD
                    let state = try pop()
                    try build(stack.last, state)
                default:
                    throw refuse("opcode 0x\(String(op, radix: 16)) at byte \(pos - 1)")
                }
            }
            throw refuse("it has no STOP")
        }

        func reduce(_ callee: Value, _ args: Value) throws -> Value {
            guard case .global(let name) = callee, case .tuple(let a) = args else { throw refuse("a call of something that is not an allowed global") }
            switch name {
            case "_codecs.encode":
                guard a.count == 2, case .string(let s) = a[0], case .string("latin1") = a[1] else { throw refuse("_codecs.encode with other arguments") }
                var out: [UInt8] = []
                for u in s.unicodeScalars {
                    guard u.value < 256 else { throw refuse("_codecs.encode of a non-latin1 string") }
                    out.append(UInt8(u.value))
                }
                return .bytes(out)
            case "numpy.dtype":
                guard let first = a.first else { throw refuse("numpy.dtype without a type") }
                switch first {
                case .string(let s): return .dtype(s)
                case .bytes(let b): return .dtype(string(b))
                default: throw refuse("numpy.dtype of an unexpected value")
                }
            case "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct":
                guard case .global("numpy.ndarray")? = a.first else { throw refuse("_reconstruct of something other than numpy.ndarray") }
                return .array(PickledArray())
            default:
                throw refuse("a call of \(name)")
            }
        }

        func build(_ target: Value?, _ state: Value) throws {
            switch target {
            case .dtype:
                return   // (version, byte order, ...): the byte order is in the type string or irrelevant for bytes
            case .array(let array):
                guard case .tuple(let s) = state, s.count == 5, case .tuple(let shape) = s[1], case .dtype(var dtype) = s[2] else {
                    throw refuse("a numpy array state of an unexpected form")
                }
                if case .bool(true) = s[3] { throw refuse("a Fortran-ordered array") }
                var dims: [Int] = []
                for d in shape { guard case .int(let n) = d, n >= 0 else { throw refuse("an array shape that is not integers") }; dims.append(n) }
                let raw: [UInt8]
                switch s[4] {
                case .bytes(let b): raw = b
                case .string(let str): raw = str.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
                default: throw refuse("array data that is not bytes")
                }
                if dtype.hasPrefix("|") || dtype.hasPrefix("=") { dtype.removeFirst() }
                let size: Int
                switch dtype {
                case "u1", "i1", "b1": size = 1
                case "i8", "<i8", "u8", "<u8", "f8", "<f8": size = 8
                case "i4", "<i4", "u4", "<u4", "f4", "<f4": size = 4
                default: throw refuse("an array of dtype '\(dtype)'")
                }
                guard raw.count == dims.reduce(1, *) * size else { throw refuse("array data of \(raw.count) bytes for shape \(dims) of \(dtype)") }
                array.shape = dims; array.dtype = dtype; array.bytes = raw
            default:
                throw refuse("BUILD on something other than a numpy array or dtype")
            }
        }
    }
}

extension RestrictedUnpickler.Value {
    /// The value for a key of a dict whose keys are str or bytes.
    public subscript(key: String) -> RestrictedUnpickler.Value? {
        guard case .dict(let d) = self else { return nil }
        for (k, v) in d.value {
            switch k {
            case .string(key): return v
            case .bytes(let b) where String(decoding: b, as: UTF8.self) == key: return v
            default: continue
            }
        }
        return nil
    }
}
