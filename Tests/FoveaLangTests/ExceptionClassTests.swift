import FoveaLang
import Testing

@Suite("Exception classes")
struct ExceptionClassTests {
    @Test func theHierarchyMirrorsPythons() {
        #expect(ExceptionClass.fileNotFoundError.isSubclass(of: .osError))
        #expect(ExceptionClass.keyError.isSubclass(of: .lookupError) && ExceptionClass.indexError.isSubclass(of: .lookupError))
        #expect(ExceptionClass.zeroDivisionError.isSubclass(of: .arithmeticError))
        #expect(ExceptionClass.valueError.isSubclass(of: .exception))
        #expect(!ExceptionClass.keyboardInterrupt.isSubclass(of: .exception))
        #expect(ExceptionClass.keyboardInterrupt.isSubclass(of: .baseException))
        #expect(!ExceptionClass.valueError.isSubclass(of: .typeError))
        #expect(ExceptionClass.tabError.isSubclass(of: .syntaxError))
        #expect(ExceptionClass.recursionError.isSubclass(of: .runtimeError))
    }

    @Test func everyBuiltinComesAfterItsBaseAndIsFoundByName() {
        var seen: Set<ExceptionClass> = []
        for c in ExceptionClass.builtins {
            if let base = c.base { #expect(seen.contains(base), "\(c) before \(base)") }
            seen.insert(c)
            #expect(ExceptionClass.named(c.name) === c)
        }
        #expect(ExceptionClass.named("NoSuchError") === ExceptionClass.exception)
    }

    @Test func aRaisedErrorCarriesItsClass() {
        guard case .error(let ename, _, _) = makeSession().execute("{}['k']", executionCount: 1) else {
            Issue.record("expected a KeyError"); return
        }
        #expect(ename == "KeyError")
        #expect(Diagnostic(.keyError, "'k'").kind.isSubclass(of: .lookupError))
    }
}
