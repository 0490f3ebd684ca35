import FoveaLang
import Glibc

/// `itertools`, `functools`, `string` and `warnings`: the small helpers tutorials import.
enum ToolModules {
    static func itertools() -> ModuleValue {
        let m = ModuleValue("itertools", doc: "Iterator building blocks: product, chain, islice, count.")
        m.add(NativeFunction("product", doc: "The cartesian product of the iterables, as tuples: product('ab', range(2)) gives ('a', 0), ('a', 1), ('b', 0), ('b', 1).",
                             parameters: [.varPositional("iterables"), .keywordOnly("repeat", default: .int(1))]) { a, ctx in
            let repeatCount = try a.int("repeat")
            guard repeatCount >= 0 else { throw Diagnostic(.valueError, "repeat argument cannot be negative", at: a.span(of: "repeat")) }
            var pools: [[Value]] = []
            for p in a.varPositional { pools.append(try ctx.at(p.span).iterate(p.value)) }
            pools = Array([[[Value]]](repeating: pools, count: repeatCount).joined())
            var indices = [Int](repeating: 0, count: pools.count)
            var done = pools.contains { $0.isEmpty }
            return .iterator(IteratorBox("itertools.product") {
                guard !done else { return nil }
                let item = Value.tuple(zip(pools, indices).map { $0[$1] })
                var k = pools.count - 1
                while k >= 0 {
                    indices[k] += 1
                    if indices[k] < pools[k].count { break }
                    indices[k] = 0
                    k -= 1
                }
                if k < 0 { done = true }
                return item
            })
        })
        m.add(NativeFunction("chain", doc: "The items of each iterable in turn: chain([1, 2], [3]) gives 1, 2, 3.",
                             parameters: [.varPositional("iterables")]) { a, ctx in
            var iterators = try a.varPositional.map { try ctx.at($0.span).iterator($0.value) }[...]
            return .iterator(IteratorBox("itertools.chain") {
                while let first = iterators.first {
                    if let v = try first.next() { return v }
                    iterators = iterators.dropFirst()
                }
                return nil
            })
        })
        m.add(NativeFunction("islice", doc: "Items of an iterable by position, as slicing does: islice(it, stop) or islice(it, start, stop, step=1).",
                             overloads: [[.required("iterable", positionalOnly: true), .required("stop", positionalOnly: true)],
                                         [.required("iterable", positionalOnly: true), .required("start", positionalOnly: true),
                                          .required("stop", positionalOnly: true), .optional("step", default: .int(1), positionalOnly: true)]]) { a, ctx in
            let it = try ctx.at(a.span(of: "iterable")).iterator(a["iterable"]!)
            let start = a.overload == 0 ? 0 : try a.int("start")
            let stop = a["stop"]!.isNone ? Int.max : try a.int("stop")
            let step = a.overload == 0 ? 1 : try a.int("step")
            guard start >= 0, stop >= 0, step > 0 else {
                throw Diagnostic(.valueError, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.", at: a.callSpan)
            }
            var position = 0
            var next = start
            return .iterator(IteratorBox("itertools.islice") {
                while next < stop, let v = try it.next() {
                    defer { position += 1 }
                    if position == next { next += step; return v }
                }
                return nil
            })
        })
        m.add(NativeFunction("count", doc: "An endless count: count(10) gives 10, 11, 12, ...; count(0, 0.5) counts in halves.",
                             parameters: [.optional("start", default: .int(0)), .optional("step", default: .int(1))]) { a, ctx in
            var current = a["start"]!
            let step = a["step"]!
            var produced = 0
            return .iterator(IteratorBox("itertools.count") {
                // Endless: list(count()) must still stop at the interrupt button.
                produced += 1
                if produced & 4095 == 0 { try ctx.checkInterrupt() }
                defer { current = (try? ctx.binary(.add, current, step)) ?? current }
                return current
            })
        })
        return m
    }

    /// `functools.partial(f, *args, **kwargs)`: f with some arguments fixed.
    final class Partial: FoveaObject {
        let function: Value
        let args: [Value]
        let keywords: [(String, Value)]
        init(_ function: Value, _ args: [Value], _ keywords: [(String, Value)]) {
            self.function = function; self.args = args; self.keywords = keywords
        }
        var typeName: String { "functools.partial" }
        func repr() -> String {
            "functools.partial(" + ([Repr.repr(function)] + args.map(Repr.repr) + keywords.map { "\($0.0)=\(Repr.repr($0.1))" })
                .joined(separator: ", ") + ")"
        }
        var isCallable: Bool { true }
        func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
            var positional = args
            var named = keywords
            for a in arguments {
                if let k = a.keyword { named.removeAll { $0.0 == k }; named.append((k, a.value)) } else { positional.append(a.value) }
            }
            return try context.call(function, positional, keywords: named)
        }
        var hostClass: AnyHostClass? { Partial.binding }
        static let binding = HostClass<Partial>("partial", module: "functools", doc: "A function with some arguments fixed.")
            .property("func", doc: "The function called.") { p, _ in p.function }
            .property("args", doc: "The fixed positional arguments.") { p, _ in .tuple(p.args) }
    }

    static func functools() -> ModuleValue {
        let m = ModuleValue("functools", doc: "Functions on functions: partial and reduce.")
        m.add(NativeFunction("partial", doc: "partial(func, *args, **kwargs): func with these arguments fixed; call it with the rest.",
                             parameters: [.required("func", positionalOnly: true), .varPositional("args"), .varKeyword("keywords")]) { a, _ in
            .object(Partial(a["func"]!, a.varPositional.map(\.value), a.varKeyword.map { ($0.name, $0.value) }))
        })
        m.add(NativeFunction("reduce", doc: "Combine the items left to right: reduce(lambda a, b: a + b, [1, 2, 3]) is 6.",
                             parameters: [.required("function", positionalOnly: true), .required("iterable", positionalOnly: true),
                                          .optional("initial", positionalOnly: true)]) { a, ctx in
            let function = a["function"]!
            var items = try ctx.at(a.span(of: "iterable")).iterate(a["iterable"]!)[...]
            guard var acc = a["initial"] ?? items.popFirst() else {
                throw Diagnostic(.typeError, "reduce() of empty iterable with no initial value", at: a.span(of: "iterable"))
            }
            for item in items { acc = try ctx.call(function, [acc, item]) }
            return acc
        })
        return m
    }

    static func string() -> ModuleValue {
        let m = ModuleValue("string", doc: "Common sets of characters: ascii_letters, digits, punctuation, ...")
        let lower = "abcdefghijklmnopqrstuvwxyz", upper = lower.uppercased()
        for (name, value) in [("ascii_lowercase", lower), ("ascii_uppercase", upper), ("ascii_letters", lower + upper),
                              ("digits", "0123456789"), ("hexdigits", "0123456789abcdefABCDEF"), ("octdigits", "01234567"),
                              ("punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"), ("whitespace", " \t\n\r\u{0B}\u{0C}")] {
            m.add(name, .str(value))
        }
        m.add("printable", .str("0123456789" + lower + upper + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + " \t\n\r\u{0B}\u{0C}"))
        return m
    }

    static func warnings() -> ModuleValue {
        let m = ModuleValue("warnings", doc: "Warnings: warn(message) prints one to stderr; filterwarnings('ignore') silences them.")
        final class State { var ignore = false }
        let state = State()
        m.add(NativeFunction("warn", doc: "Print a warning to the cell's stderr: 'UserWarning: message'.",
                             parameters: [.required("message"), .optional("category", default: Value.none), .optional("stacklevel", default: .int(1))]) { a, ctx in
            _ = try a.int("stacklevel")
            let message = a["message"]!
            guard !state.ignore else { return .none }
            var category = "UserWarning"
            if case .type(let t) = a["category"]! { category = t.name }
            ctx.write("\(category): \(Repr.str(message))\n", to: .stderr)
            return .none
        })
        m.add(NativeFunction("filterwarnings", doc: "filterwarnings('ignore') silences warn(); 'default' brings them back.",
                             parameters: [.required("action"), .optional("message", default: .str("")), .optional("category", default: Value.none),
                                          .unsupported("module", default: .str("")), .unsupported("lineno", default: .int(0))]) { a, _ in
            let action = try a.string("action")
            _ = try a.string("message"); _ = a["category"]
            state.ignore = action == "ignore"
            return .none
        })
        m.add(NativeFunction("simplefilter", doc: "simplefilter('ignore') silences warn(); 'default' brings them back.",
                             parameters: [.required("action"), .optional("category", default: Value.none)]) { a, _ in
            _ = a["category"]
            state.ignore = try a.string("action") == "ignore"
            return .none
        })
        return m
    }
}
