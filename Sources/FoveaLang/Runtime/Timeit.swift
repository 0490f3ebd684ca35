/// `%timeit statement` and `%%timeit`, as IPython times code: the statement runs in loops of 1,
/// 10, 100, ... until a loop takes 0.2 s (or `-n N` times), that loop is repeated 7 times (or
/// `-r R`), and the mean and standard deviation per run are printed in IPython's words:
/// `1.23 µs ± 4.56 ns per loop (mean ± std. dev. of 7 runs, 100,000 loops each)`.
/// The interrupt button stops it between statements, like any code.
enum Timeit {
    struct Options {
        var number: Int?
        var repeats = 7
        var quiet = false
        var statement = ""
    }

    static var line: LineMagic {
        LineMagic("timeit", doc: "%timeit [-n N] [-r R] statement: run the statement many times and print how long one run takes.") { args, ctx in
            let options = try parse(args, ctx)
            if options.statement.isEmpty {
                throw Diagnostic(.usageError, "%timeit needs a statement to time, e.g. %timeit sum(range(100))", at: ctx.span)
            }
            let (line, _) = ctx.interpreter.source.location(of: ctx.span.start)
            try time(ctx.interpreter.embedded(options.statement, line: line), options, ctx)
            return nil
        }
    }

    static var cell: CellMagic {
        CellMagic("timeit", doc: "%%timeit [-n N] [-r R]: run the cell's body many times and print how long one run takes.") { args, body, offset, ctx in
            let options = try parse(args, ctx)
            let (line, _) = ctx.interpreter.source.location(of: offset)
            try time(ctx.interpreter.embedded(body, line: line), options, ctx)
            return nil
        }
    }

    static func parse(_ args: String, _ ctx: CallContext) throws -> Options {
        var options = Options()
        var words = args.trimmingSpaces.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func count(_ flag: String) throws -> Int {
            guard words.count >= 2, let n = Int(words[1]), n > 0 else {
                throw Diagnostic(.usageError, "%timeit \(flag) needs a positive whole number. Received: \(args.trimmingSpaces)",
                                 at: ctx.span, notes: ["help: %timeit \(flag) 10 statement"])
            }
            words.removeFirst(2)
            return n
        }
        while let w = words.first, w.hasPrefix("-") {
            switch w {
            case "-n": options.number = try count("-n")
            case "-r": options.repeats = try count("-r")
            case "-q": options.quiet = true; words.removeFirst()
            case "-o": words.removeFirst()
            default:
                if w.count > 2, let n = Int(w.dropFirst(2)), n > 0, w.hasPrefix("-n") || w.hasPrefix("-r") {
                    if w.hasPrefix("-n") { options.number = n } else { options.repeats = n }
                    words.removeFirst()
                } else {
                    throw Diagnostic(.usageError, "%timeit has no option \(w); it takes -n N, -r R and -q", at: ctx.span)
                }
            }
        }
        options.statement = words.joined(separator: " ")
        return options
    }

    static func time(_ run: () throws -> Value?, _ options: Options, _ ctx: CallContext) throws {
        func loop(_ n: Int) throws -> Double {
            let t0 = HostSystem.monotonicSeconds()
            for _ in 0..<n { _ = try run() }
            return HostSystem.monotonicSeconds() - t0
        }
        var number = options.number ?? 0
        if number == 0 {
            number = 1
            for index in 0..<10 {
                if try loop(number) >= 0.2 || index == 9 { break }
                number *= 10
            }
        }
        var runs: [Double] = []
        for _ in 0..<options.repeats { runs.append(try loop(number) / Double(number)) }
        if options.quiet { return }
        ctx.write(report(runs, loops: number) + "\n")
    }

    /// IPython's TimeitResult line, with its warning when the slowest run was much slower.
    static func report(_ perLoop: [Double], loops: Int) -> String {
        let mean = perLoop.reduce(0, +) / Double(perLoop.count)
        let std = (perLoop.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(perLoop.count)).squareRoot()
        let runs = perLoop.count
        var text = ""
        if let best = perLoop.min(), let worst = perLoop.max(), best > 0, worst > 4 * best, worst > 1e-6 {
            text += "The slowest run took \(Format.c("%.*f", 2, worst / best)) times longer than the fastest. "
                + "This could mean that an intermediate result is being cached.\n"
        }
        let plural = { (n: Int) in n == 1 ? "" : "s" }
        text += "\(Magics.formatTime(mean)) ± \(Magics.formatTime(std)) per loop (mean ± std. dev. of \(runs) run\(plural(runs)), "
            + "\((try? Format.format(.int(loops), ",")) ?? String(loops)) loop\(plural(loops)) each)"
        return text
    }
}
