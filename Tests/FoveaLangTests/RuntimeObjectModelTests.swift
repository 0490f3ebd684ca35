import Testing
import FixtureSupport
import FoveaLang

/// A host type as a later issue would write one (a Tensor, a Layer): state in Swift, attributes,
/// methods, operators, subscripts, iteration and a rich display.
final class Counter: FoveaObject {
    var value: Int
    init(_ value: Int) { self.value = value }
    var typeName: String { "Counter" }
    var doc: String { "A counter that can be incremented." }
    func repr() -> String { "Counter(\(value))" }
    var hostClass: AnyHostClass? { Counter.binding }
    static let binding = HostClass<Counter>("Counter", module: "toy", doc: "A counter that can be incremented.")
        .property("value", doc: "The count.", get: { c, _ in .int(c.value) }, set: { c, v, _ in
            guard case .int(let i) = v else { throw Diagnostic(.typeError, "value must be an int") }
            c.value = i
        })
        .method("increment", [.optional("step", default: .int(1))],
                doc: "Add step (1 by default) to the counter and return the new value.") { c, args, _ in
            let step = try args.int("step")
            guard step > 0 else {
                throw Diagnostic(.valueError, "step must be positive. Received: step=\(step)", at: args.span(of: "step"))
            }
            c.value += step
            return .int(c.value)
        }
    func getItem(_ index: Value, context: CallContext) throws -> Value? {
        guard case .int(let i) = index else { throw Diagnostic(.typeError, "Counter indices must be integers") }
        return .int(value * i)
    }
    func length() -> Int? { value }
    func makeIterator(context: CallContext) throws -> IteratorBox? {
        var i = 0
        let n = value
        return IteratorBox("counter_iterator") {
            guard i < n else { return nil }
            defer { i += 1 }
            return .int(i)
        }
    }
    func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        guard op == .add, case .int(let i) = other else { return nil }
        return .object(Counter(value + i))
    }
    func richValue() -> (any RichValue)? { CounterFigure(value: value) }
}

/// What a Counter shows richly (a host would render it; the tests read its plain text).
struct CounterFigure: RichValue {
    let value: Int
    var plainText: String { "Counter figure \(value)" }
}

@Suite("Object model")
struct RuntimeObjectModelTests {
    /// A session with the toy modules registered.
    static func toySession() -> Session {
        let s = makeSession()
        s.modules.register("toy") { _ in
            let m = ModuleValue("toy", doc: "A toy module for tests.")
            m.add(TypeValue(objectClass: "Counter", module: "toy", doc: "Counter(start=0): a counter.",
                            constructor: NativeFunction("Counter", doc: "Make a counter.", parameters: [.optional("start", default: .int(0))]) { args, _ in
                .object(Counter(try args.int("start")))
            }))
            m.add(NativeFunction("double", doc: "Return twice x.", parameters: [.required("x")]) { args, _ in .int(try args.int("x") * 2) })
            return m
        }
        s.modules.register("toy.sub") { _ in
            let m = ModuleValue("toy.sub", doc: "A submodule.")
            m.add("answer", .int(42))
            return m
        }
        return s
    }

    func run(_ cells: [String]) -> [ExecutionOutcome] {
        let s = Self.toySession()
        return cells.enumerated().map { s.execute($1, executionCount: $0 + 1) }
    }

    @Test func hostClassesFunctionsAndSubmodules() {
        let r = run([
            "import toy\nc = toy.Counter(3)\nc.increment()\nc.increment(step=2)\nc.value",
            "c",
            "(c + 1).value, c[2], len(c), list(c)[:3], isinstance(c, toy.Counter), type(c), toy.Counter",
            "c.value = 10\nc.value",
            "from toy.sub import answer\nimport toy.sub as ts\nanswer, ts.answer, toy.sub.answer, toy.double(x=4)",
        ])
        #expect(r[0] == .ok(result: .plain("6"), payloads: []))
        #expect(r[1] == .ok(result: .rich(CounterFigure(value: 6)), payloads: []))
        #expect(r[2] == .ok(result: .plain("(7, 12, 6, [0, 1, 2], True, <class 'toy.Counter'>, <class 'toy.Counter'>)"), payloads: []))
        #expect(r[3] == .ok(result: .plain("10"), payloads: []))
        #expect(r[4] == .ok(result: .plain("(42, 42, 42, 8)"), payloads: []))
    }

    @Test func hostErrorsPointAtTheArgument() {
        let r = run(["import toy\nc = toy.Counter()", "c.increment(step=-1)", "c.valeu", "c * 2", "c.value = 'x'", "toy.double(y=1)"])
        guard case .error(let e1, let m1, let tb1) = r[1] else { Issue.record("expected error"); return }
        #expect(e1 == "ValueError" && m1 == "step must be positive. Received: step=-1")
        #expect(tb1.contains("  --> In[2]:1:13"))
        guard case .error(let e2, _, let tb2) = r[2] else { Issue.record("expected error"); return }
        #expect(e2 == "AttributeError")
        #expect(tb2.contains { $0.hasSuffix("= help: did you mean 'value'?") })
        guard case .error(let e3, let m3, _) = r[3] else { Issue.record("expected error"); return }
        #expect(e3 == "TypeError" && m3 == "unsupported operand type(s) for *: 'Counter' and 'int'")
        guard case .error(let e4, _, let tb4) = r[4] else { Issue.record("expected error"); return }
        #expect(e4 == "TypeError")
        #expect(tb4.contains("  --> In[5]:1:3"))
        guard case .error(_, let m5, let tb5) = r[5] else { Issue.record("expected error"); return }
        #expect(m5 == "double() got an unexpected keyword argument 'y'")
        #expect(tb5.contains { $0.hasSuffix("= help: did you mean 'x'?") })
    }

    @Test func registryListsModules() {
        let s = Self.toySession()
        #expect(s.modules.has("math") && s.modules.has("toy.sub"))
        #expect(Set(["sys", "math", "time", "random"]).isSubset(of: Set(s.modules.topLevelNames)))
        // Another session has only what was installed into it.
        #expect(!makeSession().modules.has("toy"))
    }

    @Test func sessionExtensionPoints() {
        let s = makeSession()
        s.registerLineMagic(LineMagic("seed", doc: "Seed everything.") { args, ctx in
            ctx.write("seeded with \(args)\n")
            return nil
        })
        s.registerBuiltin("show", .native(NativeFunction("show", doc: "Show a thing on the display.", parameters: [.required("x")]) { args, ctx in
            ctx.display(CounterFigure(value: try args.int("x")))
            return .none
        }))
        var events: [OutputEvent] = []
        s.output = { events.append($0) }
        _ = s.execute("%seed 7\nshow(1)", executionCount: 1)
        #expect(events == [.stream(.stdout, "seeded with 7\n"), .display(.rich(CounterFigure(value: 1)), displayID: nil)])
        #expect(s.global("nothing") == nil)
    }

    /// Two module names built per session from one store share their state, as `keras.layers`
    /// and `tensorflow.keras.layers` share the layer-name counter.
    @Test func modulesShareASessionStore() {
        final class Tally { var n = 0 }
        func install(_ s: Session) {
          for name in ["tally_a", "tally_b"] {
            s.modules.register(name, { store in
                let m = ModuleValue(name, doc: "Counts calls shared with its twin module.")
                m.add(NativeFunction("bump", doc: "Add one to the session's shared tally and return it.") { _, _ in
                    let tally = store.shared("tally") { Tally() }
                    tally.n += 1
                    return .int(tally.n)
                })
                return m
            })
          }
        }
        let r = Recorder()
        install(r.session)
        _ = r.run("import tally_a\nimport tally_b\ntally_a.bump()")
        #expect(r.result("tally_b.bump()") == "2")
        // Another session has its own store.
        let other = Recorder()
        install(other.session)
        #expect(other.result("import tally_a\ntally_a.bump()") == "1")
    }

    @Test func aNameErrorSuggestsTheImportThatBringsTheNameIn() {
        let r = Recorder()
        r.session.modules.registerImportHint("Widget2D", "from toy import Widget2D")
        guard case .error(let ename, _, let traceback) = r.run("w = Widget2D(3)") else {
            Issue.record("expected a NameError"); return
        }
        #expect(ename == "NameError")
        #expect(traceback.contains("   = help: 'Widget2D' comes from an import: add `from toy import Widget2D` first"))
    }
}
