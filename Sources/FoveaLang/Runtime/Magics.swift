import Glibc

/// A line magic `%name args`. The handler returns the magic's value (shown as the cell's
/// result when the magic is the last line), or nil.
public struct LineMagic {
    public var name: String
    public var doc: String
    var run: (_ args: String, _ context: CallContext) throws -> Value?
    public init(_ name: String, doc: String, run: @escaping (_ args: String, _ context: CallContext) throws -> Value?) {
        self.name = name; self.doc = doc; self.run = run
    }
}

/// A cell magic `%%name args` followed by the cell's body.
public struct CellMagic {
    public var name: String
    public var doc: String
    var run: (_ args: String, _ body: String, _ bodyOffset: Int, _ context: CallContext) throws -> Value?
    public init(_ name: String, doc: String,
                run: @escaping (_ args: String, _ body: String, _ bodyOffset: Int, _ context: CallContext) throws -> Value?) {
        self.name = name; self.doc = doc; self.run = run
    }
}

enum Magics {
    static func install(in interp: Interpreter) {
        for m in [who, whos, reset, time, Timeit.line, lsmagic, pip, matplotlib, pwd, cd, env, loadExt] { interp.lineMagics[m.name] = m }
        interp.cellMagics["timeit"] = Timeit.cell
        interp.cellMagics["time"] = CellMagic("time", doc: "Run the cell and print how much CPU and wall-clock time it took.") { _, body, offset, ctx in
            let (line, _) = ctx.interpreter.source.location(of: offset)
            return try timed(ctx) { try ctx.interpreter.runEmbedded(body, line: line) }
        }
    }

    static var who: LineMagic { LineMagic("who", doc: "List the names you have defined, sorted.") { _, ctx in
        let names = ctx.interpreter.userNames
        if names.isEmpty { ctx.write("Interactive namespace is empty.\n") }
        else { ctx.write(names.map { $0 + "\t" }.joined() + "\n") }
        return nil
    } }

    static var whos: LineMagic { LineMagic("whos", doc: "Show a table of the names you have defined, with their type and value.") { _, ctx in
        let interp = ctx.interpreter
        let names = interp.userNames
        if names.isEmpty { ctx.write("Interactive namespace is empty.\n"); return nil }
        let values = names.map { interp.globals.vars[$0] ?? .none }
        let types = values.map { $0.typeName }
        let varWidth = max(names.map { $0.count }.max() ?? 0, "Variable".count) + 3
        let typeWidth = max(types.map { $0.count }.max() ?? 0, "Type".count) + 3
        var out = "Variable".padding(varWidth) + "Type".padding(typeWidth) + " Data/Info\n"
        out += String(repeating: "-", count: varWidth + typeWidth + "Data/Info".count + 1) + "\n"
        for (n, (v, t)) in zip(names, zip(values, types)) {
            out += n.padding(varWidth) + t.padding(typeWidth) + " "
            switch v {
            case .list(let l): out += "n=\(l.items.count)\n"
            case .tuple(let items): out += "n=\(items.count)\n"
            case .dict(let d): out += "n=\(d.count)\n"
            default:
                let s = Repr.str(v).replacingAll("\n", with: "\\n")
                let u = Array(s.unicodeScalars)
                out += (u.count < 50 ? s : Strings.make(u.prefix(25)) + "<...>" + Strings.make(u.suffix(25))) + "\n"
            }
        }
        ctx.write(out)
        return nil
    } }

    static var reset: LineMagic { LineMagic("reset", doc: "%reset -f: delete every name you have defined (no confirmation is asked).") { args, ctx in
        let flags = args.split(separator: " ").map(String.init)
        guard flags.contains("-f") else {
            ctx.write("Once deleted, variables cannot be recovered. Use %reset -f to clear the namespace without confirmation.\n")
            return nil
        }
        ctx.interpreter.globals.vars.removeAll()
        return nil
    } }

    static var time: LineMagic { LineMagic("time", doc: "%time statement: run the statement and print how much CPU and wall-clock time it took.") { args, ctx in
        let interp = ctx.interpreter
        let (line, _) = interp.source.location(of: ctx.span.start)
        if args.trimmingSpaces.isEmpty { throw Diagnostic(.usageError, "%time needs a statement to time, e.g. %time model.fit(x, y)", at: ctx.span) }
        return try timed(ctx) { try interp.runEmbedded(args.trimmingSpaces, line: line) }
    } }

    static var pip: LineMagic { LineMagic("pip", doc: "%pip install NAME: Fovea runs no Python packages; it says which ones it provides itself.") { args, ctx in
        let words = ["pip"] + args.split(separator: " ").map(String.init)
        guard let packages = Interpreter.pipInstallPackages(words) else {
            throw Diagnostic(.usageError, "Fovea's %pip only answers 'install'. Received: %pip \(args)", at: ctx.span)
        }
        try ctx.interpreter.pipInstall(packages, span: ctx.span)
        return nil
    } }

    static var matplotlib: LineMagic { LineMagic("matplotlib", doc: "%matplotlib inline: figures are always shown in the notebook; accepted and nothing else to do.") { _, _ in nil } }

    static var pwd: LineMagic { LineMagic("pwd", doc: "The kernel's working directory, where files are read and written.") { _, _ in
        .str(HostSystem.currentDirectory())
    } }

    static var cd: LineMagic { LineMagic("cd", doc: "%cd DIR: change the kernel's working directory (~ is your home); prints the new one.") { args, ctx in
        var dir = args.trimmingSpaces
        if dir.isEmpty || dir == "~" { dir = String(cString: getenv("HOME") ?? strdup("/")) }
        else if dir.hasPrefix("~/") { dir = String(cString: getenv("HOME") ?? strdup("")) + dir.dropFirst(1) }
        guard chdir(dir) == 0 else {
            throw Diagnostic(.fileNotFoundError, "[Errno \(errno)] \(String(cString: strerror(errno))): '\(dir)'", at: ctx.span)
        }
        ctx.write(HostSystem.currentDirectory() + "\n")
        return nil
    } }

    static var env: LineMagic { LineMagic("env", doc: "%env NAME=VALUE sets an environment variable; %env NAME shows one; %env lists them.") { args, ctx in
        let a = args.trimmingSpaces
        if let eq = a.firstIndex(where: { $0 == "=" || $0 == " " }) {
            let name = String(a[..<eq]).trimmingSpaces
            let value = String(a[a.index(after: eq)...]).trimmingSpaces
            setenv(name, value, 1)
            ctx.write("env: \(name)=\(value)\n")
            return nil
        }
        if !a.isEmpty {
            guard let v = getenv(a) else { throw Diagnostic(.usageError, "Environment does not have key: \(a)", at: ctx.span) }
            return .str(String(cString: v))
        }
        var names: [String] = []
        var p = environ
        while let entry = p.pointee { names.append(String(cString: entry)); p += 1 }
        ctx.write(names.sorted().joined(separator: "\n") + "\n")
        return nil
    } }

    static var loadExt: LineMagic { LineMagic("load_ext", doc: "%load_ext NAME: IPython extensions need Python; Fovea has none.") { args, ctx in
        throw Diagnostic(.moduleNotFoundError, "No module named '\(args.trimmingSpaces)': Fovea cannot load IPython extensions",
                         at: ctx.span, notes: ["note: Fovea runs its own language, not Python packages; remove the %load_ext line"])
    } }


    static var lsmagic: LineMagic { LineMagic("lsmagic", doc: "List the available magics.") { _, ctx in
        let interp = ctx.interpreter
        let line = interp.lineMagics.keys.sorted().map { "%" + $0 }.joined(separator: "  ")
        let cell = interp.cellMagics.keys.sorted().map { "%%" + $0 }.joined(separator: "  ")
        ctx.write("Available line magics:\n\(line)\n\nAvailable cell magics:\n\(cell)\n")
        return nil
    } }

    static func cpuTimes() -> (user: Double, sys: Double) {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return (Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6,
                Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) * 1e-6)
    }

    /// Runs `body` and prints IPython's `CPU times: ...` / `Wall time: ...` lines.
    static func timed(_ ctx: CallContext, _ body: () throws -> Value?) throws -> Value? {
        let c0 = cpuTimes(), w0 = HostSystem.monotonicSeconds()
        let value = try body()
        let c1 = cpuTimes(), w1 = HostSystem.monotonicSeconds()
        let user = c1.user - c0.user, sys = c1.sys - c0.sys
        ctx.write("CPU times: user \(formatTime(user)), sys: \(formatTime(sys)), total: \(formatTime(user + sys))\nWall time: \(formatTime(w1 - w0))\n")
        return value
    }

    /// IPython's `_format_time`: 3 significant digits in s, ms, µs or ns; minutes and more spelled out.
    static func formatTime(_ t: Double) -> String {
        if t >= 60 {
            var parts: [String] = []
            var left = t
            for (suffix, length) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
                let v = Int(left / length)
                if v > 0 { left = left.truncatingRemainder(dividingBy: length); parts.append("\(v)\(suffix)") }
                if left < 1 { break }
            }
            return parts.joined(separator: " ")
        }
        let units = ["s", "ms", "µs", "ns"]
        let scale = [1.0, 1e3, 1e6, 1e9]
        var order = 3
        if t > 0 {
            let f = Int(log10(t).rounded(.down))
            // Python: -(floor(log10(t)) // 3), floor division.
            var q = f / 3
            if f % 3 != 0 && f < 0 { q -= 1 }
            order = min(-q, 3)
            if order < 0 { order = 0 }
        }
        let v = t * scale[order]
        var text = Format.c("%.*g", 3, abs(v))
        if v < 0 { text = "-" + text }
        return "\(text) \(units[order])"
    }
}

extension Interpreter {
    func runLineMagic(_ name: String, _ args: String, span: Span) throws -> Value? {
        guard let m = lineMagics[name] else {
            var notes: [String] = []
            if let s = Suggest.closest(to: name, in: Array(lineMagics.keys)) { notes.append("help: did you mean '%\(s)'?") }
            notes.append("help: %lsmagic lists the magics Fovea has")
            throw Diagnostic(.usageError, "Line magic function `%\(name)` not found.", at: span, notes: notes)
        }
        return try m.run(args, context(span))
    }

    func runCellMagic(_ name: String, _ args: String, body: String, bodyOffset: Int, span: Span) throws -> Value? {
        guard let m = cellMagics[name] else {
            var notes: [String] = []
            if let s = Suggest.closest(to: name, in: Array(cellMagics.keys)) { notes.append("help: did you mean '%%\(s)'?") }
            notes.append("help: %lsmagic lists the magics Fovea has")
            throw Diagnostic(.usageError, "Cell magic `%%\(name)` not found.", at: span, notes: notes)
        }
        return try m.run(args, body, bodyOffset, context(span))
    }

    /// Parses and runs code found inside a magic, placed at `line` of the current cell so that
    /// errors name the right line.
    func runEmbedded(_ code: String, line: Int) throws -> Value? {
        try embedded(code, line: line)()
    }

    /// Parses code found inside a magic once and returns what runs it (as often as %timeit asks).
    func embedded(_ code: String, line: Int) throws -> () throws -> Value? {
        let file = SourceFile(name: source.name, text: String(repeating: "\n", count: max(0, line - 1)) + code)
        let parsed = Parser.parse(file)
        if let d = parsed.diagnostics.first {
            if errorSource == nil { errorSource = file }
            throw d
        }
        return { [unowned self] in
            do {
                return try self.runModule(parsed.module, file: file)
            } catch let d as Diagnostic {
                if self.errorSource == nil { self.errorSource = file }
                throw d
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        let n = width - unicodeScalars.count
        return n > 0 ? self + String(repeating: " ", count: n) : self
    }
    var trimmingSpaces: String { Strings.strip(self, nil, left: true, right: true) }
}
