import FoveaLang
import Glibc

/// `datetime.datetime.now()` and the time between two of them: what tutorials use to name a log
/// folder (`now().strftime('%Y%m%d-%H%M%S')`) and to time training (`datetime.now() - start`).
enum DatetimeModule {
    /// A local date and time to the microsecond.
    final class DateTime: FoveaObject {
        let seconds: Int        // since the epoch
        let microsecond: Int
        let parts: tm
        init(seconds: Int, microsecond: Int) {
            self.seconds = seconds; self.microsecond = microsecond
            var t = time_t(seconds), out = tm()
            localtime_r(&t, &out)
            parts = out
        }
        var typeName: String { "datetime" }
        var isHashable: Bool { true }
        var year: Int { Int(parts.tm_year) + 1900 }
        var month: Int { Int(parts.tm_mon) + 1 }
        var day: Int { Int(parts.tm_mday) }
        var hour: Int { Int(parts.tm_hour) }
        var minute: Int { Int(parts.tm_min) }
        var second: Int { Int(parts.tm_sec) }

        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        func isoformat(_ separator: String, withMicroseconds: Bool = true) -> String {
            let base = "\(year)-\(two(month))-\(two(day))\(separator)\(two(hour)):\(two(minute)):\(two(second))"
            return microsecond == 0 || !withMicroseconds ? base : base + "." + String(String(1_000_000 + microsecond).dropFirst())
        }
        func str() -> String { isoformat(" ") }
        func repr() -> String {
            "datetime.datetime(\(year), \(month), \(day), \(hour), \(minute), \(second)" + (microsecond == 0 ? "" : ", \(microsecond)") + ")"
        }

        func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
            guard op == .subtract, !reflected, case .object(let o as DateTime) = other else { return nil }
            return .object(TimeDelta(microseconds: (seconds - o.seconds) * 1_000_000 + (microsecond - o.microsecond)))
        }
        func comparison(_ op: CompareOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
            guard case .object(let o as DateTime) = other else { return nil }
            let a = seconds * 1_000_000 + microsecond, b = o.seconds * 1_000_000 + o.microsecond
            let (l, r) = reflected ? (b, a) : (a, b)
            switch op {
            case .lt: return .bool(l < r)
            case .le: return .bool(l <= r)
            case .gt: return .bool(l > r)
            case .ge: return .bool(l >= r)
            case .eq: return .bool(l == r)
            case .ne: return .bool(l != r)
            default: return nil
            }
        }

        var hostClass: AnyHostClass? { DateTime.binding }
        static let binding: HostClass<DateTime> = {
            let c = HostClass<DateTime>("datetime", module: "datetime", doc: "A local date and time.")
            for (name, doc, get) in [("year", "The year.", { (d: DateTime) in d.year }), ("month", "1 to 12.", { $0.month }),
                                     ("day", "1 to 31.", { $0.day }), ("hour", "0 to 23.", { $0.hour }),
                                     ("minute", "0 to 59.", { $0.minute }), ("second", "0 to 59.", { $0.second }),
                                     ("microsecond", "0 to 999999.", { $0.microsecond })] as [(String, String, (DateTime) -> Int)] {
                c.property(name, doc: doc) { d, _ in .int(get(d)) }
            }
            c.method("strftime", [.required("format", positionalOnly: true)], doc: "The date and time in a format: now().strftime('%Y%m%d-%H%M%S').") { d, a, _ in
                let format = try a.string("format")
                var parts = d.parts
                var buffer = [CChar](repeating: 0, count: 512)
                let n = strftime(&buffer, buffer.count, format, &parts)
                return .str(n == 0 && !format.isEmpty ? "" : String(cString: buffer))
            }
            c.method("isoformat", [.optional("sep", default: .str("T"))], doc: "2026-12-04T18:44:47.123456") { d, a, _ in
                .str(d.isoformat(try a.string("sep")))
            }
            c.method("timestamp", doc: "Seconds since 1970-01-01 UTC, as a float.") { d, _, _ in
                .float(Double(d.seconds) + Double(d.microsecond) / 1e6)
            }
            return c
        }()
    }

    /// The time between two datetimes.
    final class TimeDelta: FoveaObject {
        let microseconds: Int
        init(microseconds: Int) { self.microseconds = microseconds }
        var typeName: String { "timedelta" }
        var totalSeconds: Double { Double(microseconds) / 1e6 }
        /// `0:00:01.234567`, `-1 day, 23:59:59`, as Python prints it.
        func str() -> String {
            let perDay = 86_400 * 1_000_000
            let days = Int((Double(microseconds) / Double(perDay)).rounded(.down))
            let rest = microseconds - days * perDay
            let secs = rest / 1_000_000, micro = rest % 1_000_000
            let clock = "\(secs / 3600):\(String(100 + secs / 60 % 60).dropFirst()):\(String(100 + secs % 60).dropFirst())"
                + (micro == 0 ? "" : "." + String(String(1_000_000 + micro).dropFirst()))
            return days == 0 ? clock : "\(days) day\(abs(days) == 1 ? "" : "s"), " + clock
        }
        func repr() -> String {
            let perDay = 86_400 * 1_000_000
            let days = Int((Double(microseconds) / Double(perDay)).rounded(.down))
            let rest = microseconds - days * perDay
            var parts: [String] = []
            if days != 0 { parts.append("days=\(days)") }
            if rest / 1_000_000 != 0 { parts.append("seconds=\(rest / 1_000_000)") }
            if rest % 1_000_000 != 0 { parts.append("microseconds=\(rest % 1_000_000)") }
            return "datetime.timedelta(" + (parts.isEmpty ? "0" : parts.joined(separator: ", ")) + ")"
        }
        var hostClass: AnyHostClass? { TimeDelta.binding }
        static let binding = HostClass<TimeDelta>("timedelta", module: "datetime", doc: "A duration.")
            .method("total_seconds", doc: "The duration in seconds, as a float.") { t, _, _ in .float(t.totalSeconds) }
            .property("seconds", doc: "The seconds part (0 to 86399).") { t, _ in
                .int(((t.microseconds / 1_000_000) % 86_400 + 86_400) % 86_400)
            }
    }

    static func now() -> DateTime {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return DateTime(seconds: Int(ts.tv_sec), microsecond: Int(ts.tv_nsec) / 1000)
    }

    static func module() -> ModuleValue {
        let m = ModuleValue("datetime", doc: "Dates and times: datetime.now(), strftime, and the time between two of them.")
        let nowFunction = NativeFunction("now", doc: "The current local date and time.") { _, _ in .object(now()) }
        let dt = TypeValue("datetime", module: "datetime", doc: "A local date and time: datetime.now().", constructor: nil) { v in
            if case .object(let o) = v { return o is DateTime }
            return false
        }
        dt.attributes["now"] = .native(nowFunction)
        dt.attributes["today"] = .native(NativeFunction("today", doc: "The current local date and time.") { _, _ in .object(now()) })
        m.add(dt)
        m.add(TypeValue("timedelta", module: "datetime", doc: "A duration: datetime.now() - start.", constructor: nil) { v in
            if case .object(let o) = v { return o is TimeDelta }
            return false
        })
        return m
    }
}
