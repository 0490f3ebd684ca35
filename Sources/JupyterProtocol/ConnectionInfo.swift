import JSON
// The connection file a frontend writes for a kernel.

import Glibc

/// The five sockets of a kernel.
public enum Channel: String, CaseIterable, Sendable {
    case shell, control, stdin, iopub, heartbeat
}

/// A problem with a connection file: which file (when known) and what is wrong.
public struct ConnectionFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file, or nil when parsing JSON that came from elsewhere.
    public let path: String?
    /// The offending field, when the problem is one field.
    public let field: String?
    public let message: String

    public init(path: String?, field: String?, message: String) {
        self.path = path
        self.field = field
        self.message = message
    }

    public var description: String {
        var s = "connection file"
        if let path { s += " \(path)" }
        s += ": "
        if let field { s += "field \"\(field)\": " }
        return s + message
    }
}

/// The contents of a Jupyter connection file.
public struct ConnectionInfo: Sendable, Equatable {
    /// "tcp" or "ipc".
    public var transport: String
    /// The IP address for tcp; for ipc, the path prefix of the socket files.
    public var ip: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var hbPort: Int
    /// The HMAC key as written (UTF-8); empty means messages are not signed.
    public var key: String
    /// Always "hmac-sha256" (the only scheme supported).
    public var signatureScheme: String
    public var kernelName: String?

    public init(transport: String = "tcp", ip: String = "127.0.0.1", shellPort: Int, iopubPort: Int,
                stdinPort: Int, controlPort: Int, hbPort: Int, key: String,
                signatureScheme: String = "hmac-sha256", kernelName: String? = nil) {
        self.transport = transport
        self.ip = ip
        self.shellPort = shellPort
        self.iopubPort = iopubPort
        self.stdinPort = stdinPort
        self.controlPort = controlPort
        self.hbPort = hbPort
        self.key = key
        self.signatureScheme = signatureScheme
        self.kernelName = kernelName
    }

    /// The key as bytes, for `WireCodec(key:)` and `Signer(key:)`.
    public var keyBytes: [UInt8] { Array(key.utf8) }

    /// Reads and parses a connection file (with Glibc, no Foundation).
    public static func load(path: String) throws -> ConnectionInfo {
        let bytes: [UInt8]
        do {
            bytes = try readFile(path)
        } catch let e as ConnectionFileError {
            throw ConnectionFileError(path: path, field: nil, message: e.message)
        }
        let json: JSON
        do {
            json = try JSON.parse(bytes)
        } catch let e as JSONError {
            throw ConnectionFileError(path: path, field: nil, message: e.description)
        }
        do {
            return try ConnectionInfo(json: json)
        } catch let e as ConnectionFileError {
            throw ConnectionFileError(path: path, field: e.field, message: e.message)
        }
    }

    /// Parses the JSON of a connection file. `transport` defaults to "tcp" and
    /// `signature_scheme` to "hmac-sha256"; `ip`, the five ports and `key` are required.
    public init(json: JSON) throws {
        guard let o = json.objectValue else {
            throw ConnectionFileError(path: nil, field: nil, message: "not a JSON object")
        }
        func fail(_ field: String, _ message: String) -> ConnectionFileError {
            ConnectionFileError(path: nil, field: field, message: message)
        }
        func string(_ field: String, default value: String? = nil) throws -> String {
            guard let v = o[field] else {
                if let value { return value }
                throw fail(field, "missing")
            }
            guard let s = v.stringValue else { throw fail(field, "expected a string, found \(v)") }
            return s
        }
        func port(_ field: String) throws -> Int {
            guard let v = o[field] else { throw fail(field, "missing") }
            guard let p = v.intValue, p >= 0, p <= 65535 else {
                throw fail(field, "expected a port number 0...65535, found \(v)")
            }
            return p
        }
        transport = try string("transport", default: "tcp")
        guard transport == "tcp" || transport == "ipc" else {
            throw fail("transport", "unsupported transport \"\(transport)\" (expected \"tcp\" or \"ipc\")")
        }
        ip = try string("ip")
        guard !ip.isEmpty else { throw fail("ip", "empty") }
        shellPort = try port("shell_port")
        iopubPort = try port("iopub_port")
        stdinPort = try port("stdin_port")
        controlPort = try port("control_port")
        hbPort = try port("hb_port")
        key = try string("key")
        signatureScheme = try string("signature_scheme", default: "hmac-sha256")
        guard signatureScheme == "hmac-sha256" else {
            throw fail("signature_scheme",
                       "unsupported signature scheme \"\(signatureScheme)\" (only \"hmac-sha256\" is supported)")
        }
        if let v = o["kernel_name"], !v.isNull {
            guard let s = v.stringValue else { throw fail("kernel_name", "expected a string, found \(v)") }
            kernelName = s
        } else {
            kernelName = nil
        }
    }

    public func port(_ channel: Channel) -> Int {
        switch channel {
        case .shell: return shellPort
        case .control: return controlPort
        case .stdin: return stdinPort
        case .iopub: return iopubPort
        case .heartbeat: return hbPort
        }
    }

    /// The ZeroMQ endpoint of a channel: `tcp://IP:PORT` (IPv6 in brackets), or for ipc
    /// Jupyter's convention `ipc://IP-PORT` (the "ip" is a path prefix).
    public func endpoint(_ channel: Channel) -> String {
        let p = port(channel)
        if transport == "ipc" { return "ipc://\(ip)-\(p)" }
        if ip.utf8.contains(UInt8(ascii: ":")) && !ip.hasPrefix("[") { return "tcp://[\(ip)]:\(p)" }
        return "tcp://\(ip):\(p)"
    }

    /// The JSON of a connection file with these values.
    public var json: JSON {
        var o: JSONObject = [
            "transport": .string(transport), "ip": .string(ip),
            "shell_port": .int(shellPort), "iopub_port": .int(iopubPort), "stdin_port": .int(stdinPort),
            "control_port": .int(controlPort), "hb_port": .int(hbPort),
            "key": .string(key), "signature_scheme": .string(signatureScheme),
        ]
        if let kernelName { o["kernel_name"] = .string(kernelName) }
        return .object(o)
    }
}

/// Reads a whole file with Glibc.
func readFile(_ path: String) throws -> [UInt8] {
    guard let f = fopen(path, "rb") else {
        throw ConnectionFileError(path: path, field: nil, message: "cannot open: \(String(cString: strerror(errno)))")
    }
    defer { fclose(f) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
        if n > 0 { result.append(contentsOf: chunk[0..<n]) }
        if n < chunk.count {
            if ferror(f) != 0 {
                throw ConnectionFileError(path: path, field: nil, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            break
        }
    }
    return result
}
