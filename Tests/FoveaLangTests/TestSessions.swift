import FixtureSupport
import FoveaLang
import PythonLibrary

/// A session of the language core with Python's standard modules (sys, math, time, random): what
/// these tests run in. Keras, numpy and the pictures are tested in BindingsTests.
func makeSession() -> Session {
    let s = Session()
    StandardModules.install(into: s)
    return s
}

extension Recorder {
    /// A recorder on a session of the core with the Python modules.
    convenience init() { self.init(makeSession()) }
}

/// `Fixtures/run/*.py`, each in a fresh session.
let runFixtures = RunFixtures(directory: FixtureFiles.directory("run"), makeSession: { makeSession() })

// Comparisons for the tests: a shown value by its text (rich values by their plain text).
extension Display: Equatable {
    public static func == (a: Display, b: Display) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): return x == y
        case (.rich(let x), .rich(let y)): return type(of: x) == type(of: y) && x.plainText == y.plainText
        default: return false
        }
    }
    static func plain(_ text: String) -> Display { .text(text) }
}

extension OutputEvent: Equatable {
    public static func == (a: OutputEvent, b: OutputEvent) -> Bool {
        switch (a, b) {
        case (.stream(let s, let x), .stream(let t, let y)): return s == t && x == y
        case (.richStream(let s, let x), .richStream(let t, let y)): return s == t && Display.rich(x) == .rich(y)
        case (.display(let x, let i), .display(let y, let j)): return x == y && i == j
        case (.updateDisplay(let x, let i), .updateDisplay(let y, let j)): return x == y && i == j
        case (.clearOutput(let x), .clearOutput(let y)): return x == y
        default: return false
        }
    }
}

extension ExecutionOutcome: Equatable {
    public static func == (a: ExecutionOutcome, b: ExecutionOutcome) -> Bool {
        switch (a, b) {
        case (.ok(let x, let p), .ok(let y, let q)): return x == y && p == q
        case (.error(let e, let v, let t), .error(let f, let w, let u)): return e == f && v == w && t == u
        default: return false
        }
    }
}
