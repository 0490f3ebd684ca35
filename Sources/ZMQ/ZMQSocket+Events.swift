import CZMQ

extension ZMQSocket {
    /// `ZMQ_FD`: a file descriptor that becomes readable when the socket's state may have
    /// changed. It is edge-triggered: after it fires, receive with `nonBlocking` until nothing
    /// is left. It may be polled with the OS `poll` from another thread than the socket's.
    public func fileDescriptor() throws -> Int32 {
        var fd: Int32 = -1
        var size = MemoryLayout<Int32>.size
        if zmq_getsockopt(handle, ZMQ_FD, &fd, &size) != 0 { throw ZMQError.last() }
        return fd
    }
}
