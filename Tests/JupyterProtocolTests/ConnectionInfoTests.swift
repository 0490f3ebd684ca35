import Glibc
import JSON
import JupyterProtocol
import Testing

/// Writes `text` to a fresh file under /tmp and returns its path.
private func tempFile(_ text: String) -> String {
    var template = Array("/tmp/fovea-connection-XXXXXX.json".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
    precondition(fd >= 0)
    let bytes = Array(text.utf8)
    let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    precondition(n == bytes.count)
    close(fd)
    return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}

private let tcpFile = """
{
  "shell_port": 53794, "iopub_port": 53795, "stdin_port": 53796, "control_port": 53797, "hb_port": 53798,
  "ip": "127.0.0.1", "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84",
  "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "fovea"
}
"""

@Test func loadsTCPConnectionFile() throws {
    let path = tempFile(tcpFile)
    defer { unlink(path) }
    let info = try ConnectionInfo.load(path: path)
    #expect(info.transport == "tcp")
    #expect(info.ip == "127.0.0.1")
    #expect(info.key == "a0436f6c-1916-498b-8eb9-e81ab9368e84")
    #expect(info.keyBytes == Array("a0436f6c-1916-498b-8eb9-e81ab9368e84".utf8))
    #expect(info.signatureScheme == "hmac-sha256")
    #expect(info.kernelName == "fovea")
    #expect(info.endpoint(.shell) == "tcp://127.0.0.1:53794")
    #expect(info.endpoint(.iopub) == "tcp://127.0.0.1:53795")
    #expect(info.endpoint(.stdin) == "tcp://127.0.0.1:53796")
    #expect(info.endpoint(.control) == "tcp://127.0.0.1:53797")
    #expect(info.endpoint(.heartbeat) == "tcp://127.0.0.1:53798")
    #expect(Channel.allCases.count == 5)
    #expect(try ConnectionInfo(json: info.json) == info)
}

@Test func loadsIPCConnectionFile() throws {
    let path = tempFile("""
    {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
     "ip": "/tmp/kernel-abc", "key": "", "transport": "ipc", "signature_scheme": "hmac-sha256"}
    """)
    defer { unlink(path) }
    let info = try ConnectionInfo.load(path: path)
    #expect(info.transport == "ipc")
    #expect(info.key.isEmpty)
    #expect(info.kernelName == nil)
    #expect(info.endpoint(.shell) == "ipc:///tmp/kernel-abc-1")
    #expect(info.endpoint(.heartbeat) == "ipc:///tmp/kernel-abc-5")
}

@Test func defaultsForOptionalFields() throws {
    let info = try ConnectionInfo(json: [
        "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
        "ip": "::1", "key": "k",
    ])
    #expect(info.transport == "tcp" && info.signatureScheme == "hmac-sha256")
    #expect(info.endpoint(.shell) == "tcp://[::1]:1")
}

@Test func missingFieldIsNamedWithTheFile() throws {
    let path = tempFile(#"{"iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "ip": "127.0.0.1", "key": "k"}"#)
    defer { unlink(path) }
    let e = try #require(throws: ConnectionFileError.self) { try ConnectionInfo.load(path: path) }
    #expect(e.path == path)
    #expect(e.field == "shell_port")
    #expect(e.description.contains(path))
    #expect(e.description.contains("shell_port"))
    #expect(e.description.contains("missing"))
}

@Test func badSignatureSchemeIsAClearError() throws {
    let path = tempFile(tcpFile.replacing("hmac-sha256", with: "hmac-md5"))
    defer { unlink(path) }
    let e = try #require(throws: ConnectionFileError.self) { try ConnectionInfo.load(path: path) }
    #expect(e.field == "signature_scheme")
    #expect(e.description.contains("hmac-md5"))
    #expect(e.description.contains("hmac-sha256"))
    #expect(e.description.contains(path))
}

@Test func otherConnectionFileErrors() throws {
    let missing = try #require(throws: ConnectionFileError.self) {
        try ConnectionInfo.load(path: "/tmp/fovea-no-such-connection-file.json")
    }
    #expect(missing.description.contains("/tmp/fovea-no-such-connection-file.json"))
    #expect(missing.description.contains("No such file"))

    let path = tempFile("{\"ip\": ")
    defer { unlink(path) }
    let bad = try #require(throws: ConnectionFileError.self) { try ConnectionInfo.load(path: path) }
    #expect(bad.description.contains("invalid JSON"))

    let port = try #require(throws: ConnectionFileError.self) {
        try ConnectionInfo(json: ["shell_port": "1", "iopub_port": 2, "stdin_port": 3, "control_port": 4,
                                  "hb_port": 5, "ip": "127.0.0.1", "key": "k"])
    }
    #expect(port.field == "shell_port" && port.path == nil)
    let transport = try #require(throws: ConnectionFileError.self) {
        try ConnectionInfo(json: ["transport": "udp", "shell_port": 1, "iopub_port": 2, "stdin_port": 3,
                                  "control_port": 4, "hb_port": 5, "ip": "127.0.0.1", "key": "k"])
    }
    #expect(transport.field == "transport")
}
