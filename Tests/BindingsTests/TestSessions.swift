import Bindings
import FixtureSupport
import Figures
import FoveaLang

/// A session with every library installed, as the kernel has it.
func makeSession() -> Session {
    let s = Session()
    FoveaLibraries.install(into: s)
    return s
}

/// `Fixtures/run/*.py` (keras, numpy, training), each in a fresh session with the libraries.
let runFixtures = RunFixtures(directory: FixtureFiles.directory("run"), makeSession: { makeSession() })

/// Runs cells in one session with the libraries and keeps what they show.
final class Recorder {
    let session = makeSession()
    var events: [OutputEvent] = []
    var count = 0
    init() { session.output = { [unowned self] in self.events.append($0) } }

    @discardableResult
    func run(_ code: String) -> ExecutionOutcome {
        count += 1
        return session.execute(code, executionCount: count)
    }
    var stdout: String {
        events.compactMap { if case .stream(.stdout, let t) = $0 { return t } else { return nil } }.joined()
    }
    func result(_ code: String) -> String? {
        if case .ok(let r, _) = run(code) { return r?.plainText }
        return "<error>"
    }
    /// The figures shown, in order.
    var pictures: [Picture] {
        events.compactMap { if case .display(.rich(let p as Picture), _) = $0 { return p } else { return nil } }
    }
}
