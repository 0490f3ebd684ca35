import FixtureSupport
import FoveaLang
import Testing

/// A tiny library written through the binding API, as a new library would be: one module with a
/// function and a class. help(), `?`, completion, the located errors and `isinstance` must all
/// come from the declarations, with nothing else written by hand. README's "How to add a module
/// or a function to the language" follows this file.
final class Thermometer: FoveaObject {
    var celsius: Double
    init(_ celsius: Double) { self.celsius = celsius }
    var typeName: String { "Thermometer" }
    func repr() -> String { "Thermometer(\(Repr.float(celsius)))" }
    var hostClass: AnyHostClass? { Thermometer.binding }

    static let binding = HostClass<Thermometer>("Thermometer", module: "weather", doc: "A thermometer that reads in Celsius.")
        .property("celsius", doc: "The reading in degrees Celsius.", get: { t, _ in .float(t.celsius) },
                  set: { t, v, ctx in
            guard let d = v.asDouble else { throw Diagnostic(.typeError, "celsius must be a number. Received: \(Repr.repr(v))", at: ctx.span) }
            t.celsius = d
        })
        .property("fahrenheit", doc: "The reading in degrees Fahrenheit.") { t, _ in .float(t.celsius * 9 / 5 + 32) }
        .method("warm", [.required("degrees"), .unsupported("humidity")],
                doc: "Raise the reading by degrees and return the new reading.") { t, args, _ in
            let d = try args.double("degrees")
            guard d >= 0 else { throw Diagnostic(.valueError, "warm() expects degrees >= 0. Received: degrees=\(Repr.float(d))", at: args.span(of: "degrees")) }
            t.celsius += d
            return .float(t.celsius)
        }
}

enum WeatherLibrary {
    static func install(into session: Session) {
        session.modules.register("weather") { _ in
            let m = ModuleValue("weather", doc: "Readings for the binding API's test.")
            m.add(Thermometer.binding.typeValue(constructor: NativeFunction(
                "Thermometer", doc: "Thermometer(celsius=20.0): a thermometer at this reading.",
                parameters: [.optional("celsius", default: .float(20))]) { args, _ in
                    .object(Thermometer(try args.double("celsius")))
                }))
            // An overloaded function, as pyplot's subplot(235) and subplot(2, 3, 5).
            m.add(NativeFunction("station", doc: "A station by its three-digit code, or by region, district and number.",
                                 overloads: [[.required("code")], [.required("region"), .required("district"), .required("number")]]) { args, _ in
                if args.overload == 0 {
                    let code = try args.int("code")
                    return .tuple([.int(code / 100), .int(code / 10 % 10), .int(code % 10)])
                }
                return .tuple([.int(try args.int("region")), .int(try args.int("district")), .int(try args.int("number"))])
            })
            m.add(NativeFunction("forecast", doc: "The forecast for a city, days ahead.",
                                 parameters: [.required("city"), .optional("days", default: .int(1))]) { args, _ in
                .str("\(try args.string("city")): sunny for \(try args.int("days")) day(s)")
            })
            return m
        }
        session.modules.registerImportHint("Thermometer", "from weather import Thermometer")
    }
}

@Suite("Binding API")
struct BindingAPITests {
    func session() -> Recorder {
        let r = Recorder()
        WeatherLibrary.install(into: r.session)
        r.run("import weather\nt = weather.Thermometer(21.5)")
        return r
    }

    @Test func membersWorkFromTheirDeclarations() {
        let r = session()
        #expect(r.result("t.warm(2), t.celsius, t.fahrenheit") == "(23.5, 23.5, 74.3)")
        #expect(r.result("t.celsius = 0\nt.fahrenheit") == "32.0")
        #expect(r.result("isinstance(t, weather.Thermometer), type(t).__name__") == "(True, 'Thermometer')")
        #expect(r.result("weather.forecast('Oslo', days=3)") == "'Oslo: sunny for 3 day(s)'")
    }

    @Test func overloadsPickTheFormTheArgumentsFit() {
        let r = session()
        #expect(r.result("weather.station(235), weather.station(2, 3, 5)") == "((2, 3, 5), (2, 3, 5))")
        guard case .error(let e, let m, let tb) = r.run("weather.station(2, 3)") else { Issue.record("no error"); return }
        #expect(e == "TypeError")
        #expect(m == "station() takes one of: station(code), station(region, district, number). Received: 2 positional arguments")
        #expect(tb.contains("  --> In[3]:1:1"), "\(tb)")
        r.events = []
        r.run("help(weather.station)")
        #expect(r.stdout.contains("station(code)\nstation(region, district, number)"), "\(r.stdout)")
    }

    @Test func theAuditCatchesAnArgumentTheBodyNeverReads() {
        let r = session()
        r.session.registerBuiltin("sloppy", .native(NativeFunction("sloppy", doc: "Reads only a.",
                                                                   parameters: [.required("a"), .optional("b", default: .int(0))]) { args, _ in
            .int(try args.int("a"))
        }))
        r.session.auditIgnoredArguments()
        r.run("sloppy(1)\nsloppy(1, b=2)")
        #expect(r.session.ignoredArguments == ["sloppy(b)"])
    }

    @Test func aHostClassSaysWhetherTheLanguageMaySubclassIt() {
        let r = session()
        guard let m = r.session.modules.make("weather"), case .type(let t)? = m["Thermometer"] else {
            Issue.record("no class"); return
        }
        #expect(t.hostClass === Thermometer.binding)
        #expect(Thermometer.binding.isSubclassable == false)
        #expect(HostClass<Thermometer>("Callback", doc: "", isSubclassable: true).isSubclassable)
    }

    @Test func helpAndInspectionShowTheDeclaredSignatureAndDoc() {
        let r = session()
        r.events = []
        r.run("help(t.warm)")
        #expect(r.stdout.contains("warm(degrees, humidity=None)"), "\(r.stdout)")
        #expect(r.stdout.contains("Raise the reading by degrees"))
        let page = r.session.inspect("weather.forecast", cursor: 16, detailLevel: 0) ?? ""
        #expect(page.contains("forecast(city, days=1)") && page.contains("The forecast for a city"), "\(page)")
        let object = r.session.inspect("t", cursor: 1, detailLevel: 1) ?? ""
        #expect(object.contains("celsius, fahrenheit, warm"), "\(object)")
    }

    @Test func completionOffersTheDeclaredMembers() {
        let r = session()
        #expect(r.session.complete("t.", cursor: 2).matches == ["celsius", "fahrenheit", "warm"])
        #expect(r.session.complete("weather.f", cursor: 9).matches == ["forecast"])
    }

    @Test func wrongArgumentsGetLocatedErrors() {
        let r = session()
        guard case .error(let e1, let m1, let tb1) = r.run("t.warm(degrees='hot')") else { Issue.record("no error"); return }
        #expect(e1 == "TypeError" && m1 == "warm() argument 'degrees' must be a number, not 'str'")
        #expect(tb1.contains("  --> In[2]:1:8"), "\(tb1)")
        guard case .error(let e2, _, let tb2) = r.run("t.warm(degres=1)") else { Issue.record("no error"); return }
        #expect(e2 == "TypeError")
        #expect(tb2.contains { $0.hasSuffix("= help: did you mean 'degrees'?") }, "\(tb2)")
        guard case .error(let e3, let m3, let tb3) = r.run("t.warm(1, humidity=0.5)") else { Issue.record("no error"); return }
        #expect(e3 == "NotImplementedError" && m3.contains("`humidity`"), "\(m3)")
        #expect(tb3.contains("  --> In[4]:1:11"), "\(tb3)")
        guard case .error(let e4, _, let tb4) = r.run("t.fahrenheit = 3") else { Issue.record("no error"); return }
        #expect(e4 == "AttributeError")
        #expect(tb4.contains("  --> In[5]:1:3"), "\(tb4)")
        guard case .error(_, _, let tb5) = r.run("t.celsiuss") else { Issue.record("no error"); return }
        #expect(tb5.contains { $0.hasSuffix("= help: did you mean 'celsius'?") })
        guard case .error(_, _, let tb6) = r.run("Thermometer()") else { Issue.record("no error"); return }
        #expect(tb6.contains { $0.contains("from weather import Thermometer") })
    }
}
