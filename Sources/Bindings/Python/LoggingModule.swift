import FoveaLang
import Glibc

/// `logging`, as scripts and tutorials use it: `logging.basicConfig(level=logging.INFO)`,
/// `logging.info(...)`, `logger = logging.getLogger(__name__)`, and the line that quiets
/// TensorFlow, `logging.getLogger('tensorflow').setLevel(logging.ERROR)`. Records go to the
/// cell's stderr as Python's default handler writes them (`WARNING:root:message`); a logger
/// used before any configuration prints the bare message, as Python's last-resort handler does.
public enum LoggingModule {
    static let levels: [(String, Int)] = [("CRITICAL", 50), ("FATAL", 50), ("ERROR", 40), ("WARNING", 30), ("WARN", 30),
                                          ("INFO", 20), ("DEBUG", 10), ("NOTSET", 0)]

    /// `%(asctime)s`: local time as Python's logging writes it, `2026-12-05 08:40:12,345`.
    static func timestamp() -> String {
        let now = DatetimeModule.now()
        let ms = now.microsecond / 1000
        return now.isoformat(" ", withMicroseconds: false) + "," + String(String(1000 + ms).dropFirst())
    }

    static func levelName(_ level: Int) -> String {
        switch level {
        case 50...: return "CRITICAL"
        case 40..<50: return "ERROR"
        case 30..<40: return "WARNING"
        case 20..<30: return "INFO"
        case 10..<20: return "DEBUG"
        default: return "NOTSET"
        }
    }

    /// The module's configuration, shared by its loggers.
    final class State {
        var configured = false
        var format = "%(levelname)s:%(name)s:%(message)s"
        var loggers: [String: LoggerObject] = [:]
        lazy var root = LoggerObject(name: "root", level: 30, state: self)
        func logger(_ name: String) -> LoggerObject {
            if name == "root" || name.isEmpty { return root }
            if let l = loggers[name] { return l }
            let l = LoggerObject(name: name, level: 0, state: self)
            loggers[name] = l
            return l
        }
    }

    /// The session's logging module: `logging.getLogger('tensorflow')` and `tf.get_logger()` are
    /// the same logger.
    public static func shared(_ store: SessionStore) -> ModuleValue { store.shared("module:logging") { module() } }

    static func module() -> ModuleValue {
        let state = State()
        let m = ModuleValue("logging", doc: "Log messages to the cell's stderr: logging.basicConfig(level=logging.INFO); logging.info('epoch %d', 3).")
        for (name, value) in levels { m.add(name, .int(value)) }
        m.add(NativeFunction("basicConfig", doc: "Configure logging once: level= (logging.INFO, ...) and format= ('%(asctime)s %(levelname)s %(message)s').",
                             parameters: [.keywordOnly("level", default: Value.none), .keywordOnly("format", default: Value.none),
                                          .keywordOnly("force", default: .bool(false)), .varKeyword("options")]) { a, _ in
            _ = a.varKeyword
            guard !state.configured || a.bool("force") else { return .none }
            state.configured = true
            if let level = a["level"], !level.isNone { state.root.level = try LoggerObject.level(level, a.span(of: "level")) }
            if let format = try a.optionalString("format") { state.format = format }
            return .none
        })
        m.add(NativeFunction("getLogger", doc: "The logger of that name (the root logger without one); the same object every time.",
                             parameters: [.optional("name", default: Value.none)]) { a, _ in
            .object(state.logger(try a.optionalString("name") ?? "root"))
        })
        m.add(NativeFunction("disable", doc: "Silence every record at this level and below.", parameters: [.optional("level", default: .int(50))]) { a, _ in
            state.root.disabledUpTo = try a.int("level")
            return .none
        })
        for (name, level) in [("debug", 10), ("info", 20), ("warning", 30), ("error", 40), ("critical", 50), ("exception", 40)] {
            m.add(NativeFunction(name, doc: "Log a message at level \(levelName(level)) on the root logger (configuring it the first time).",
                                 parameters: [.required("msg"), .varPositional("args"), .varKeyword("kwargs")]) { a, ctx in
                _ = a.varKeyword
                if !state.configured { state.configured = true }
                try state.root.log(level, a["msg"]!, a.varPositional.map(\.value), ctx)
                return .none
            })
        }
        return m
    }
}

/// A logger: `logger.info(...)`, `logger.setLevel(logging.ERROR)`.
final class LoggerObject: FoveaObject {
    let name: String
    var level: Int
    var disabledUpTo = -1
    unowned let state: LoggingModule.State
    init(name: String, level: Int, state: LoggingModule.State) { self.name = name; self.level = level; self.state = state }

    var typeName: String { name == "root" ? "RootLogger" : "Logger" }
    var doc: String { "A logger: info(), warning(), error(); setLevel(logging.ERROR) hides what is below that level." }
    func repr() -> String { "<\(typeName) \(name) (\(LoggingModule.levelName(effectiveLevel)))>" }
    var hostClass: AnyHostClass? { LoggerObject.binding }

    var effectiveLevel: Int { level != 0 || name == "root" ? level : state.root.level }

    static func level(_ v: Value, _ span: Span) throws -> Int {
        if let n = v.asInt { return n }
        if case .str(let s) = v, let l = LoggingModule.levels.first(where: { $0.0 == s.uppercased() }) { return l.1 }
        throw Diagnostic(.valueError, "Unknown level: \(Repr.repr(v))", at: span, notes: ["help: logging.INFO, logging.WARNING, logging.ERROR or 'INFO'"])
    }

    func log(_ level: Int, _ msg: Value, _ args: [Value], _ ctx: CallContext) throws {
        guard level >= effectiveLevel, level > state.root.disabledUpTo else { return }
        let message = args.isEmpty ? Repr.str(msg) : Repr.str(try ctx.binary(.modulo, msg, args.count == 1 ? args[0] : .tuple(args)))
        var line = message
        if state.configured {
            line = state.format
            for (key, value) in [("levelname", LoggingModule.levelName(level)), ("name", name), ("message", message),
                                 ("asctime", LoggingModule.timestamp()), ("levelno", String(level))] {
                line = line.split(separator: "%(\(key))s", omittingEmptySubsequences: false).joined(separator: value)
                line = line.split(separator: "%(\(key))d", omittingEmptySubsequences: false).joined(separator: value)
            }
        }
        ctx.write(line + "\n", to: .stderr)
    }

    static let binding: HostClass<LoggerObject> = {
        let c = HostClass<LoggerObject>("Logger", module: "logging", doc: "A logger.")
        c.property("name", doc: "The logger's name.") { l, _ in .str(l.name) }
        c.property("level", doc: "The level set on it (0: take the root logger's).") { l, _ in .int(l.level) }
        c.method("setLevel", [.required("level")], doc: "Hide records below this level: logging.ERROR, logging.INFO, or 'ERROR'.") { l, a, _ in
            l.level = try level(a["level"]!, a.span(of: "level"))
            return .none
        }
        c.method("getEffectiveLevel", doc: "The level that decides what this logger shows.") { l, _, _ in .int(l.effectiveLevel) }
        c.method("isEnabledFor", [.required("level")], doc: "Whether a record at that level would be shown.") { l, a, _ in
            .bool(try a.int("level") >= l.effectiveLevel)
        }
        for (name, level) in [("debug", 10), ("info", 20), ("warning", 30), ("warn", 30), ("error", 40), ("critical", 50), ("exception", 40)] {
            c.method(name, [.required("msg"), .varPositional("args"), .varKeyword("kwargs")],
                     doc: "Log a message at level \(LoggingModule.levelName(level)); %-style args fill it in.") { l, a, ctx in
                _ = a.varKeyword
                try l.log(level, a["msg"]!, a.varPositional.map(\.value), ctx)
                return .none
            }
        }
        return c
    }()
}
