import Testing
import FoveaLang

@Suite("Completion and inspection")
struct RuntimeCompletionTests {
    func session(_ setup: String = "") -> Session {
        let s = makeSession()
        if !setup.isEmpty { _ = s.execute(setup, executionCount: 1) }
        return s
    }

    @Test func namesBuiltinsAndKeywords() {
        let s = session("my_var = 1\nmy_list = []")
        #expect(s.complete("pri", cursor: 3) == Completion(matches: ["print"], cursorStart: 0, cursorEnd: 3))
        #expect(s.complete("x = my_", cursor: 7) == Completion(matches: ["my_list", "my_var"], cursorStart: 4, cursorEnd: 7))
        #expect(s.complete("whi", cursor: 3).matches == ["while"])
        #expect(s.complete("is", cursor: 2).matches == ["is", "isinstance", "issubclass"])
        #expect(s.complete("", cursor: 0).matches == [])
    }

    @Test func attributesAfterADot() {
        let s = session("import math\nnums = [1]\ntext = 'a'")
        #expect(s.complete("math.fl", cursor: 7) == Completion(matches: ["floor"], cursorStart: 5, cursorEnd: 7))
        #expect(s.complete("nums.ap", cursor: 7).matches == ["append"])
        #expect(s.complete("text.st", cursor: 7).matches == ["startswith", "strip"])
        #expect(s.complete("print(nums.c", cursor: 12).matches == ["clear", "copy", "count"])
        #expect(s.complete("math.", cursor: 5).matches.contains("sqrt"))
        #expect(s.complete("nums.", cursor: 5).matches.count == 11)
    }

    @Test func modulesImportedByTheCellItselfBeforeItRuns() {
        let s = session()
        let code = "import sys\nsys.std"
        #expect(s.complete(code, cursor: 18) == Completion(matches: ["stderr", "stdout"], cursorStart: 15, cursorEnd: 18))
        #expect(s.complete("import math as m\nm.sq", cursor: 21).matches == ["sqrt"])
        // Nothing was imported into the session by completing.
        guard case .error(let ename, _, _) = s.execute("sys", executionCount: 2) else { Issue.record("sys is bound"); return }
        #expect(ename == "NameError")
    }

    @Test func neverCallsAnything() {
        let s = session("calls = []\ndef f():\n    calls.append(1)\n    return 'x'")
        #expect(s.complete("f().up", cursor: 6).matches == [])
        _ = s.complete("f().", cursor: 4)
        _ = s.inspect("f().upper", cursor: 9, detailLevel: 0)
        guard case .ok(let r, _) = s.execute("calls", executionCount: 2) else { Issue.record("error"); return }
        #expect(r == .plain("[]"))
    }

    @Test func importsAndFromImports() {
        let s = session()
        #expect(s.complete("import ma", cursor: 9) == Completion(matches: ["math"], cursorStart: 7, cursorEnd: 9))
        #expect(s.complete("from ra", cursor: 7).matches == ["random"])
        #expect(s.complete("from math import sq", cursor: 19) == Completion(matches: ["sqrt"], cursorStart: 17, cursorEnd: 19))
        #expect(s.complete("from math import floor, ce", cursor: 26).matches == ["ceil"])
        #expect(s.complete("from nothing import x", cursor: 21).matches == [])
    }

    @Test func magics() {
        let s = session()
        #expect(s.complete("%wh", cursor: 3) == Completion(matches: ["who", "whos"], cursorStart: 1, cursorEnd: 3))
        #expect(s.complete("%%ti", cursor: 4).matches == ["time", "timeit"])
        #expect(s.complete("%%timei", cursor: 7).matches == ["timeit"])
    }

    @Test func inspectBuiltinsAtOrInsideCalls() {
        let s = session()
        let expected = "print(*values, sep=' ', end='\\n', file=None, flush=False)\n\nPrint the values to the cell's output, separated by sep and followed by end."
        #expect(s.inspect("print", cursor: 5, detailLevel: 0)?.hasPrefix(expected) == true)
        #expect(s.inspect("print(", cursor: 6, detailLevel: 0)?.hasPrefix(expected) == true)
        #expect(s.inspect("print(1, len(x), ", cursor: 17, detailLevel: 0)?.hasPrefix("print(") == true)
        #expect(s.inspect("print(1, len(", cursor: 13, detailLevel: 0)?.hasPrefix("len(obj, /)") == true)
        #expect(s.inspect("pr", cursor: 1, detailLevel: 0)?.hasPrefix("print(") == nil)
        #expect(s.inspect("nothing_here", cursor: 12, detailLevel: 0) == nil)
        #expect(s.inspect("", cursor: 0, detailLevel: 0) == nil)
    }

    @Test func inspectUserValuesModulesAndMethods() {
        let s = session("import math\nn = 3\nwords = ['a']\ndef area(r, pi=3.14):\n    \"\"\"Area of a circle.\"\"\"\n    return pi * r * r")
        #expect(s.inspect("n", cursor: 1, detailLevel: 0) == "Type: int\nValue: 3")
        #expect(s.inspect("x = n", cursor: 5, detailLevel: 0) == "Type: int\nValue: 3")
        #expect(s.inspect("words", cursor: 5, detailLevel: 0) == "Type: list\nValue: ['a']\nLength: 1")
        #expect(s.inspect("area(", cursor: 5, detailLevel: 0) == "area(r, pi=3.14)\n\nArea of a circle.")
        #expect(s.inspect("area", cursor: 4, detailLevel: 1)?.contains("Source:\ndef area(r, pi=3.14):") == true)
        #expect(s.inspect("math.sqrt(", cursor: 10, detailLevel: 0) == "sqrt(x, /)\n\nReturn the square root of x. x must not be negative.")
        #expect(s.inspect("words.append(", cursor: 13, detailLevel: 0) == "list.append(object, /)\n\nAdd an item to the end of the list.")
        #expect(s.inspect("math", cursor: 4, detailLevel: 0)?.hasPrefix("module math\n\n") == true)
        #expect(s.inspect("int", cursor: 3, detailLevel: 0)?.hasPrefix("class int\n\nint(x=0, base=10)") == true)
    }

    @Test func everyBuiltinAndModuleMemberHasARealDocstring() {
        let s = session("import math, random, time, sys")
        var names: [String] = []
        for c in "abcdefghijklmnopqrstuvwxyz".map(String.init) {
            names += s.complete(c, cursor: 1).matches.filter { !["and", "as", "assert", "break", "continue", "def", "del", "elif", "else", "for", "from", "if", "import", "in", "is", "lambda", "not", "or", "pass", "return", "while"].contains($0) }
        }
        #expect(names.count > 50)
        for m in ["math", "random", "time"] {
            names += s.complete("\(m).", cursor: m.count + 1).matches.map { "\(m).\($0)" }
        }
        for name in names where !["math", "random", "time", "sys"].contains(name) {
            guard let text = s.inspect(name, cursor: name.unicodeScalars.count, detailLevel: 0) else {
                Issue.record("no documentation for \(name)"); continue
            }
            if text.hasPrefix("Type: float") { continue }   // constants: math.pi, math.e, ...
            let parts = text.components("\n\n")
            #expect(parts.count >= 2, "\(name): \(text)")
            #expect((parts.last?.count ?? 0) >= 25, "\(name): docstring too short: \(text)")
        }
    }
}

extension String {
    func components(_ separator: String) -> [String] {
        var out: [String] = [], rest = Substring(self)
        while let r = rest.firstRange(of: separator) {
            out.append(String(rest[..<r.lowerBound])); rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}
