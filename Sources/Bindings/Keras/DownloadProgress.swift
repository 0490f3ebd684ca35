import DataIO
import FoveaLang
import NeuralNet

/// The live display of a download, as Keras prints one: "Downloading data from URL", then one
/// display updated in place (same display id, at most ten times a second) with the bytes so far,
/// a bar when the size is known, the rate and the time left. The kernel's interrupt stops it.
final class DownloadProgress {
    let context: CallContext
    private var displayID = ""
    private var clock = Stopwatch()
    private var lastUpdate = Stopwatch()
    private var shown = false

    init(context: CallContext) { self.context = context }

    var observer: GetFile.Observer {
        GetFile.Observer(started: { [unowned self] url in self.start(url) },
                         progress: { [unowned self] now, total in self.update(now, total) },
                         finished: { [unowned self] size in self.finish(size) },
                         message: { [unowned self] text in self.context.write(text + "\n") })
    }

    private func start(_ url: String) {
        context.write("Downloading data from \(url)\n")
        context.flush()
        displayID = context.newDisplayID()
        clock = Stopwatch()
        shown = false
    }

    private func update(_ received: Int64, _ total: Int64?) -> Bool {
        if context.isInterrupted { return false }
        if !shown {
            shown = true
            context.display(bundle(received, total), displayID: displayID)
            lastUpdate = Stopwatch()
        } else if lastUpdate.seconds >= 0.1 {
            context.updateDisplay(bundle(received, total), displayID: displayID)
            lastUpdate = Stopwatch()
        }
        return true
    }

    private func finish(_ size: Int64) {
        let b = bundle(size, size, done: true)
        if shown { context.updateDisplay(b, displayID: displayID) } else { context.display(b, displayID: displayID) }
    }

    private func bundle(_ received: Int64, _ total: Int64?, done: Bool = false) -> MimeBundle {
        let text = Self.line(received: received, total: total, seconds: clock.seconds, done: done)
        let escaped = text.map { $0 == "&" ? "&amp;" : $0 == "<" ? "&lt;" : String($0) }.joined()
        let html = "<pre style=\"margin:0\">" + escaped + "</pre>"
        return MimeBundle(text: ["text/plain": text, "text/html": html])
    }

    /// `5.2 MB/11.5 MB ━━━━━━━━━─────────── 2.1 MB/s ETA 3s`; when finished, the total time.
    static func line(received: Int64, total: Int64?, seconds: Double, done: Bool) -> String {
        let rate = seconds > 0 ? Double(received) / seconds : 0
        var parts: [String] = []
        if let total, total > 0 {
            parts.append("\(size(received))/\(size(total))")
            let filled = Int((Double(received) / Double(total) * 20).rounded(.down))
            parts.append(String(repeating: "━", count: min(filled, 20)) + String(repeating: "─", count: max(0, 20 - filled)))
            if done {
                parts.append("\(duration(seconds))")
            } else if rate > 0 {
                parts.append("\(size(Int64(rate)))/s")
                parts.append("ETA \(duration(Double(total - received) / rate))")
            }
        } else {
            parts.append(size(received))
            if rate > 0 { parts.append("\(size(Int64(rate)))/s") }
        }
        return parts.joined(separator: " ")
    }

    static func size(_ bytes: Int64) -> String {
        let b = Double(bytes)
        if b < 1000 { return "\(bytes) B" }
        if b < 1e6 { return format(b / 1e3) + " kB" }
        if b < 1e9 { return format(b / 1e6) + " MB" }
        return format(b / 1e9) + " GB"
    }

    static func format(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 60 ? "\(t / 60)m \(t % 60)s" : "\(t)s"
    }
}
