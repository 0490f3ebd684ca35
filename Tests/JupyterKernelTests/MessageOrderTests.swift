import JupyterKernel
import JSON
import JupyterProtocol
import Testing

@Suite struct MessageOrderTests {
    @Test func executeWithOutputAndResult() {
        let (core, t, _) = makeCore()
        let r = executeRequest("value 42")
        #expect(core.handle(r, on: .shell) == .keepGoing)
        let id = r.header.msgId
        #expect(t.log == [
            .iopub("status", parent: id), .iopub("execute_input", parent: id),
            .iopub("execute_result", parent: id), .reply("execute_reply", .shell, parent: id),
            .iopub("status", parent: id),
        ])
        #expect(t.messages.first?.content["execution_state"] == "busy")
        #expect(t.messages.last?.content["execution_state"] == "idle")
        #expect(t.last("execute_reply")?.content["execution_count"] == 1)
        #expect(t.last("execute_result")?.content["data"]?["text/plain"] == "42")
        // Replies go back to the requester's identity.
        #expect(t.last("execute_reply")?.identities == [Array("client-id".utf8)])
    }

    @Test func streamsAndDisplaysPrecedeTheReplyAndIdle() {
        let (core, t, _) = makeCore()
        let r = executeRequest("display")
        _ = core.handle(r, on: .shell)
        let id = r.header.msgId
        #expect(t.log == [
            .iopub("status", parent: id), .iopub("execute_input", parent: id),
            .iopub("display_data", parent: id), .iopub("update_display_data", parent: id),
            .iopub("clear_output", parent: id), .reply("execute_reply", .shell, parent: id),
            .iopub("status", parent: id),
        ])
        #expect(t.last("display_data")?.content["transient"]?["display_id"] == "d1")
        #expect(t.last("update_display_data")?.content["transient"]?["display_id"] == "d1")
        #expect(t.last("clear_output")?.content["wait"] == true)
    }

    @Test func errorPublishesErrorThenReply() {
        let (core, t, _) = makeCore()
        let r = executeRequest("fail")
        _ = core.handle(r, on: .shell)
        let id = r.header.msgId
        #expect(t.log == [
            .iopub("status", parent: id), .iopub("execute_input", parent: id),
            .iopub("error", parent: id), .reply("execute_reply", .shell, parent: id),
            .iopub("status", parent: id),
        ])
        let reply = t.last("execute_reply")!
        #expect(reply.content["status"] == "error")
        #expect(reply.content["ename"] == "ValueError")
    }

    @Test func queuedExecutesAfterAnErrorAreAnsweredWithoutRunning() {
        let (core, t, backend) = makeCore()
        let failing = executeRequest("fail")
        let queued = [executeRequest("print ran"), request("kernel_info_request"), executeRequest("value 1")]
        t.shellQueue = queued
        #expect(core.handle(failing, on: .shell) == .keepGoing)
        #expect(backend.ran == ["fail"])
        #expect(!core.isAborting)
        // The failed request's idle comes before anything about the queued ones.
        let idleOfFailing = t.log.firstIndex(of: .iopub("status", parent: failing.header.msgId))
        let firstQueued = t.log.firstIndex(of: .iopub("status", parent: queued[0].header.msgId))
        #expect(idleOfFailing != nil && firstQueued != nil && idleOfFailing! < firstQueued!)
        for q in [queued[0], queued[2]] {
            let reply = t.messages.last { $0.msgType == "execute_reply" && $0.parentMsgId == q.header.msgId }
            #expect(reply?.content["status"] == "error")
            #expect(reply?.content["ename"] == "ExecutionAborted")
            // Not run: no execute_input, only busy and idle around the reply.
            let about = t.log.filter {
                if case .iopub(_, let p) = $0 { return p == q.header.msgId }
                return false
            }
            #expect(about == [.iopub("status", parent: q.header.msgId), .iopub("status", parent: q.header.msgId)])
        }
        // Other requests in the queue are served as usual.
        #expect(t.messages.contains { $0.msgType == "kernel_info_reply" && $0.parentMsgId == queued[1].header.msgId })
        // A request that comes after the failure was answered runs.
        _ = core.handle(executeRequest("print later"), on: .shell)
        #expect(backend.ran == ["fail", "print later"])
    }

    @Test func stopOnErrorFalseKeepsRunning() {
        let (core, _, backend) = makeCore()
        _ = core.handle(executeRequest("fail", stopOnError: false), on: .shell)
        #expect(!core.isAborting)
        _ = core.handle(executeRequest("print x"), on: .shell)
        #expect(backend.ran == ["fail", "print x"])
    }

    @Test func silentExecutePublishesNothingButStatus() {
        let (core, t, _) = makeCore()
        let r = executeRequest("print hidden", silent: true)
        _ = core.handle(r, on: .shell)
        let id = r.header.msgId
        #expect(t.log == [.iopub("status", parent: id), .reply("execute_reply", .shell, parent: id),
                          .iopub("status", parent: id)])
        #expect(core.executionCount == 0)
        #expect(core.history.entries.isEmpty)
    }

    @Test func executionCountAndHistory() {
        let (core, t, _) = makeCore()
        _ = core.handle(executeRequest("print a"), on: .shell)
        _ = core.handle(executeRequest("print b", storeHistory: false), on: .shell)
        _ = core.handle(executeRequest("value 6*7"), on: .shell)
        #expect(core.executionCount == 2)
        #expect(t.last("execute_reply")?.content["execution_count"] == 2)
        #expect(core.history.entries.map(\.input) == ["print a", "value 6*7"])
        _ = core.handle(request("history_request", ["hist_access_type": "search", "pattern": "value*",
                                                    "output": false, "raw": true]), on: .shell)
        #expect(t.last("history_reply")?.content["history"] == [[1, 2, "value 6*7"]])
        _ = core.handle(request("history_request", ["hist_access_type": "tail", "n": 1, "output": false]), on: .shell)
        #expect(t.last("history_reply")?.content["history"] == [[1, 2, "value 6*7"]])
        _ = core.handle(request("history_request", ["hist_access_type": "range", "session": 0,
                                                    "start": 1, "stop": 2, "output": false]), on: .shell)
        #expect(t.last("history_reply")?.content["history"] == [[1, 1, "print a"]])
    }

    @Test(arguments: ["kernel_info_request", "complete_request", "inspect_request", "is_complete_request",
                      "history_request", "comm_info_request"])
    func everyRequestIsFramedByBusyAndIdle(type: String) {
        let (core, t, _) = makeCore()
        let r = request(type, ["code": "print", "cursor_pos": 5, "detail_level": 0, "hist_access_type": "tail", "n": 3])
        _ = core.handle(r, on: .shell)
        let id = r.header.msgId
        let replyType = String(type.dropLast("request".count)) + "reply"
        #expect(t.log == [.iopub("status", parent: id), .reply(replyType, .shell, parent: id), .iopub("status", parent: id)])
        // is_complete_reply's status is the verdict itself.
        #expect(t.last(replyType)?.content["status"] == (type == "is_complete_request" ? "complete" : "ok"))
    }

    @Test func kernelInfoOnControl() {
        let (core, t, _) = makeCore()
        let r = request("kernel_info_request")
        _ = core.handle(r, on: .control)
        #expect(t.log[1] == .reply("kernel_info_reply", .control, parent: r.header.msgId))
        let c = t.last("kernel_info_reply")!.content
        #expect(c["protocol_version"] == "5.5")
        #expect(c["implementation"] == "scripted")
    }

    @Test func completeInspectAndIsComplete() {
        let (core, t, _) = makeCore()
        _ = core.handle(request("inspect_request", ["code": "print", "cursor_pos": 5, "detail_level": 0]), on: .shell)
        #expect(t.last("inspect_reply")?.content["found"] == true)
        #expect(t.last("inspect_reply")?.content["data"]?["text/plain"] == "print(*values)")
        _ = core.handle(request("inspect_request", ["code": "nothing", "cursor_pos": 2]), on: .shell)
        #expect(t.last("inspect_reply")?.content["found"] == false)
        _ = core.handle(request("is_complete_request", ["code": "for i in x:"]), on: .shell)
        #expect(t.last("is_complete_reply")?.content == ["status": "incomplete", "indent": "    "])
        _ = core.handle(request("complete_request", ["code": "pri", "cursor_pos": 3]), on: .shell)
        #expect(t.last("complete_reply")?.content["matches"] == ["print"])
        #expect(t.last("complete_reply")?.content["cursor_end"] == 3)
    }

    @Test func commOpenToAnUnknownTargetIsClosed() {
        let (core, t, _) = makeCore()
        let r = request("comm_open", ["comm_id": "c1", "target_name": "jupyter.widget", "data": [:]])
        _ = core.handle(r, on: .shell)
        #expect(t.log == [.iopub("status", parent: r.header.msgId), .iopub("comm_close", parent: r.header.msgId),
                          .iopub("status", parent: r.header.msgId)])
        #expect(t.last("comm_close")?.content["comm_id"] == "c1")
    }

    @Test func interruptAndShutdown() {
        let (core, t, backend) = makeCore()
        #expect(core.handle(request("interrupt_request"), on: .control) == .keepGoing)
        #expect(backend.interrupted)
        #expect(t.last("interrupt_reply")?.content["status"] == "ok")
        #expect(core.handle(request("shutdown_request", ["restart": true]), on: .control) == .shutdown(restart: true))
        #expect(t.last("shutdown_reply")?.content["restart"] == true)
    }

    @Test func inputRoundTripOverStdin() {
        let (core, t, _) = makeCore()
        let r = executeRequest("ask")
        var answer = client.make("input_reply", content: ["value": "Ada"], parent: nil)
        answer.identities = r.identities
        t.stdinQueue = [answer]
        _ = core.handle(r, on: .shell)
        #expect(t.log.contains(.reply("input_request", .stdin, parent: r.header.msgId)))
        #expect(t.last("input_request")?.content["prompt"] == "name? ")
        #expect(t.last("execute_result")?.content["data"]?["text/plain"] == "Ada")
    }

    @Test func inputWithoutStdinFailsClearly() {
        let (core, t, _) = makeCore()
        _ = core.handle(executeRequest("ask", allowStdin: false), on: .shell)
        #expect(t.last("input_request") == nil)
        #expect(t.last("execute_reply")?.content["status"] == "error")
    }

    @Test func unknownRequestsGetNoReplyButStatus() {
        let (core, t, _) = makeCore()
        let r = request("debug_request")
        _ = core.handle(r, on: .control)
        #expect(t.log == [.iopub("status", parent: r.header.msgId), .iopub("status", parent: r.header.msgId)])
    }

    @Test func historyGlobs() {
        var h = History()
        h.append(line: 1, input: "x = 1")
        h.append(line: 2, input: "print(x)")
        h.append(line: 3, input: "x = 1")
        #expect(h.search(pattern: "x*", n: nil, unique: false).map(\.line) == [1, 3])
        #expect(h.search(pattern: "x*", n: nil, unique: true).map(\.line) == [3])
        #expect(h.search(pattern: "*(?)", n: nil, unique: false).map(\.line) == [2])
        #expect(h.search(pattern: "*", n: 1, unique: false).map(\.line) == [3])
        #expect(h.range(session: -1, start: 1, stop: nil).isEmpty)
    }
}
