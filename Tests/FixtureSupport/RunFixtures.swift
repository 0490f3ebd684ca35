import Glibc
import FoveaLang

/// Interpreter fixtures: `Fixtures/run/*.py`. Cells are separated by `# ---`; all cells of a file
/// run in one session, in order (execution counts 1, 2, ...). Expectation comments in a cell:
///
///     # out: <a line of stdout>      (every stdout line; none means stdout must be empty)
///     # err: <a line of stderr>      (the same for stderr)
///     # result: <repr>               (the cell's result; none means no result)
///     # error: <Ename>: <message>    (the cell fails with this error)
///     # at: <line>:<col>             (where the error's caret is, in `In[n]`)
///     # tb: <text>                   (some traceback line contains this text)
///     # page: <text>                 (some pager payload contains this text)
///     # display: <text/plain>        (a display event shows this, in order)
///     # streams: <n>                 (exactly n stream events)
public struct RunCell: Sendable, CustomStringConvertible {
    var file: String
    var index: Int
    var line: Int
    var code: String
    var out: [String] = [], err: [String] = [], tb: [String] = [], page: [String] = [], display: [String] = []
    var result: String?
    var error: String?
    var at: String?
    var streams: Int?
    public var description: String { "\(file) cell \(index + 1) (line \(line))" }
}

/// The fixtures of one folder, each run in a session that `makeSession` prepares (the language
/// core alone, or with the libraries installed).
public struct RunFixtures: Sendable {
    public let directory: String
    public let makeSession: @Sendable () -> Session

    public init(directory: String, makeSession: @escaping @Sendable () -> Session) {
        self.directory = directory
        self.makeSession = makeSession
    }

    public func files() -> [String] { FixtureFiles.names(in: directory, endingWith: ".py") }

    public func cells(_ name: String) -> [RunCell] {
        let text = FixtureFiles.read(directory + "/" + name) ?? ""
        var cells: [RunCell] = []
        var current = RunCell(file: name, index: 0, line: 1, code: "")
        var codeLines: [String] = []
        func finish() {
            while let last = codeLines.last, last.allSatisfy({ $0 == " " }) { codeLines.removeLast() }
            current.code = codeLines.joined(separator: "\n")
            cells.append(current)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (n, raw) in lines.enumerated() {
            if raw == "# ---" {
                finish()
                current = RunCell(file: name, index: cells.count, line: n + 2, code: "")
                codeLines = []
                continue
            }
            func value(_ key: String) -> String? {
                let p = "# \(key):"
                guard raw.hasPrefix(p) else { return nil }
                let rest = raw.dropFirst(p.count)
                return rest.hasPrefix(" ") ? String(rest.dropFirst()) : String(rest)
            }
            if let v = value("out") { current.out.append(v) }
            else if let v = value("err") { current.err.append(v) }
            else if let v = value("result") { current.result = v }
            else if let v = value("error") { current.error = v }
            else if let v = value("at") { current.at = v }
            else if let v = value("tb") { current.tb.append(v) }
            else if let v = value("page") { current.page.append(v) }
            else if let v = value("display") { current.display.append(v) }
            else if let v = value("streams") { current.streams = Int(v) }
            else { codeLines.append(raw) }
        }
        finish()
        return cells.filter { !$0.code.isEmpty || $0.error != nil || !$0.out.isEmpty }
    }

    /// Runs every cell of a fixture in one session; returns a description of each mismatch.
    public func run(_ name: String) -> [String] {
        let session = makeSession()
        session.auditIgnoredArguments()
        var events: [OutputEvent] = []
        session.output = { events.append($0) }
        var problems: [String] = []
        for (i, cell) in cells(name).enumerated() {
            events = []
            let outcome = session.execute(cell.code, executionCount: i + 1)
            var stdout = "", stderr = "", streamCount = 0, displays: [String] = []
            for e in events {
                switch e {
                case .stream(.stdout, let t): stdout += t; streamCount += 1
                case .stream(.stderr, let t): stderr += t; streamCount += 1
                case .richStream(.stdout, let r): stdout += r.plainText + "\n"; streamCount += 1
                case .richStream(.stderr, let r): stderr += r.plainText + "\n"; streamCount += 1
                case .display(let d, _): displays.append(d.plainText)
                default: break
                }
            }
            func check(_ what: String, _ got: String, _ want: String) {
                if got != want { problems.append("\(cell): \(what)\n  expected: \(want.debugDescription)\n  got:      \(got.debugDescription)") }
            }
            check("stdout", stdout, cell.out.isEmpty ? "" : cell.out.joined(separator: "\n") + "\n")
            check("stderr", stderr, cell.err.isEmpty ? "" : cell.err.joined(separator: "\n") + "\n")
            if let n = cell.streams { check("stream events", String(streamCount), String(n)) }
            if !cell.display.isEmpty { check("displays", displays.joined(separator: "\n"), cell.display.joined(separator: "\n")) }
            switch outcome {
            case .ok(let result, let payloads):
                if let e = cell.error { problems.append("\(cell): expected error \(e), got success"); continue }
                check("result", result?.plainText ?? "<none>", cell.result ?? "<none>")
                let pages = payloads.map { p -> String in if case .page(let t) = p { return t }; return "" }.joined(separator: "\n")
                for p in cell.page where !pages.contains(p) {
                    problems.append("\(cell): page lacks \(p.debugDescription)\n  page: \(pages.debugDescription)")
                }
            case .error(let ename, let evalue, let traceback):
                let tbText = traceback.joined(separator: "\n")
                guard let want = cell.error else {
                    problems.append("\(cell): unexpected error\n" + tbText); continue
                }
                check("error", "\(ename): \(evalue)", want)
                if let at = cell.at, !traceback.contains(where: { $0.hasSuffix("]:" + at) && $0.contains("--> In[") }) {
                    problems.append("\(cell): error not at \(at)\n" + tbText)
                }
                for t in cell.tb where !tbText.contains(t) {
                    problems.append("\(cell): traceback lacks \(t.debugDescription)\n" + tbText)
                }
            }
        }
        if !session.ignoredArguments.isEmpty {
            problems.append("\(name): arguments written but never read by the function: \(session.ignoredArguments.sorted())")
        }
        return problems
    }
}
