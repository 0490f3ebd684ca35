import Glibc

/// `!command` lines, as IPython runs them: through `/bin/sh -c`, in the kernel's working
/// directory, with the command's output streamed into the cell as it comes (stdout and stderr
/// apart). The interrupt button stops the command (SIGINT, then SIGKILL after a second). A
/// failing command prints what it printed; the cell goes on, as in IPython.
///
/// `!pip install ...` (and `%pip install`) never runs pip: Fovea runs no Python packages. For a
/// package Fovea itself provides (a module a library registered: tensorflow, keras, numpy, ...)
/// it says so in one line; for any other it raises ModuleNotFoundError naming what Fovea has.
///
/// `files = !ls` captures instead: the command's output (stdout and stderr, as IPython's
/// getoutput) split into lines, which the statement assigns as a list.
extension Interpreter {
    @discardableResult
    func runShell(_ command: String, span: Span, capture: Bool = false) throws -> [String]? {
        let words = command.split(separator: " ").map(String.init)
        if let packages = Interpreter.pipInstallPackages(words) {
            try pipInstall(packages, span: span)
            return capture ? [] : nil
        }
        flushStreams()
        var out: [Int32] = [0, 0], err: [Int32] = [0, 0]
        guard pipe(&out) == 0, pipe(&err) == 0 else {
            throw Diagnostic(.osError, "cannot run a shell command: no pipe (\(String(cString: strerror(errno))))", at: span)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        for fd in out + err { posix_spawn_file_actions_addclose(&actions, fd) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // Its own process group, with default signal handling and nothing blocked (the kernel
        // blocks SIGINT in its threads), so that an interrupt reaches the whole pipeline.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGTERM, SIGPIPE, SIGQUIT] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        defer { for p in argv { free(p) } }
        let rc = posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, environ)
        close(out[1]); close(err[1])
        defer { close(out[0]); close(err[0]) }
        guard rc == 0 else {
            throw Diagnostic(.osError, "cannot run /bin/sh: \(String(cString: strerror(rc)))", at: span)
        }
        var fds = [pollfd(fd: out[0], events: Int16(POLLIN), revents: 0), pollfd(fd: err[0], events: Int16(POLLIN), revents: 0)]
        var open = 2
        var interruptedAt: Double?
        var buffer = [UInt8](repeating: 0, count: 65536)
        var captured: [UInt8] = []
        while open > 0 {
            if interrupt.isRaised, interruptedAt == nil {
                kill(-pid, SIGINT)
                interruptedAt = HostSystem.monotonicSeconds()
            }
            if let t = interruptedAt, HostSystem.monotonicSeconds() - t > 1 { kill(-pid, SIGKILL) }
            guard poll(&fds, 2, 100) >= 0 || errno == EINTR else { break }
            for k in 0..<2 where fds[k].fd >= 0 && fds[k].revents != 0 {
                let n = read(fds[k].fd, &buffer, buffer.count)
                if n > 0 && capture {
                    captured += buffer[0..<n]
                    if captured.count > Limits.maxCapturedOutput { kill(-pid, SIGKILL); fds[k].fd = -1; open -= 1 }
                } else if n > 0 {
                    write(String(decoding: buffer[0..<n], as: UTF8.self), to: k == 0 ? .stdout : .stderr)
                } else {
                    fds[k].fd = -1
                    open -= 1
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        flushStreams()
        try checkInterrupt(at: span)
        guard capture else { return nil }
        if captured.count > Limits.maxCapturedOutput {
            throw Diagnostic(.memoryError, "the output of !\(command) is larger than \(Limits.maxCapturedOutput >> 20) MiB", at: span,
                             notes: ["help: write it to a file instead: !\(command) > output.txt"])
        }
        // Lines as Python's splitlines() cuts them ("\r\n" and "\n" end a line).
        var lines = captured.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The packages of `pip install a b`, `pip3 install`, `python -m pip install`; nil when the
    /// command is something else.
    static func pipInstallPackages(_ words: [String]) -> [String]? {
        var w = words
        if w.count >= 3, w[0].hasPrefix("python"), w[1] == "-m", w[2] == "pip" { w.removeFirst(2) }
        guard w.count >= 2, w[0] == "pip" || w[0] == "pip3", w[1] == "install" else { return nil }
        return w.dropFirst(2).filter { !$0.hasPrefix("-") }
    }

    func pipInstall(_ packages: [String], span: Span) throws {
        func moduleName(_ requirement: String) -> String {
            let name = String(requirement.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
            let lower = name.lowercased().replacingAll("-", with: "_")
            return ["tensorflow_cpu": "tensorflow", "tf_nightly": "tensorflow", "tensorflow_gpu": "tensorflow"][lower] ?? lower
        }
        let provided = packages.filter { moduleTable.has(moduleName($0)) }
        let missing = packages.filter { !moduleTable.has(moduleName($0)) }
        if !provided.isEmpty {
            write("Fovea provides \(provided.map { moduleName($0) }.joined(separator: ", ")) itself: nothing to install.\n", to: .stdout)
        }
        if !missing.isEmpty {
            throw Diagnostic(.moduleNotFoundError,
                             "Fovea runs no Python packages, so \(missing.joined(separator: ", ")) cannot be installed",
                             at: span, notes: ["note: Fovea has these modules: " + moduleTable.topLevelNames.joined(separator: ", "),
                                               "help: remove the install line; import what Fovea has instead"])
        }
        if packages.isEmpty {
            throw Diagnostic(.usageError, "pip install needs the name of a package", at: span)
        }
    }
}
