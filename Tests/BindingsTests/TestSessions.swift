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

extension Recorder {
    /// A recorder on a session with every library installed.
    convenience init() { self.init(makeSession()) }

    /// The figures shown, in order.
    var pictures: [Picture] {
        events.compactMap { if case .display(.rich(let p as Picture), _) = $0 { return p } else { return nil } }
    }
}
