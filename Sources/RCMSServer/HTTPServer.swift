internal import CMicroHTTPD
import Foundation
import Synchronization

/// Limits and sizes of the HTTP transport.
public struct HTTPServerOptions: Sendable {
    public var address: ListenAddress
    /// Largest request body accepted, in bytes; larger bodies get `413`.
    public var maxBodyBytes: Int
    /// Threads in libmicrohttpd's pool; each runs one request handler at a time.
    public var threads: Int
    /// Seconds a connection may stay idle before it is closed, so slow clients cannot hold
    /// threads and sockets for ever.
    public var connectionTimeoutSeconds: Int
    /// Connections open at once; further ones are refused at accept.
    public var maxConnections: Int
    /// How long `stop()` waits for requests in flight, in seconds.
    public var shutdownGraceSeconds: Double

    public init(
        address: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080), maxBodyBytes: Int = 16 << 20,
        threads: Int = 4, connectionTimeoutSeconds: Int = 30, maxConnections: Int = 512,
        shutdownGraceSeconds: Double = 10
    ) {
        self.address = address
        self.maxBodyBytes = maxBodyBytes
        self.threads = threads
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.maxConnections = maxConnections
        self.shutdownGraceSeconds = shutdownGraceSeconds
    }
}

/// The context libmicrohttpd's threads reach through their `void *cls`: the handler, the limits and
/// the count of requests in flight.
final class HTTPServerContext: Sendable {
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let maxBodyBytes: Int
    /// Requests that reached the access handler and whose completion was not yet reported.
    let inFlight = Atomic<Int>(0)

    init(handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse, maxBodyBytes: Int) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
    }
}

/// A running libmicrohttpd daemon; the handle is only touched under the lock.
private struct DaemonHandle: @unchecked Sendable {
    var daemon: OpaquePointer?
    var listen: ListenSocket?
}

/// An HTTP/1.1 server on libmicrohttpd with an internal thread pool and epoll.
///
/// Every request is handed, body complete, to one handler function on a pool thread. Bodies
/// over the limit are refused with `413`, before reading when `Content-Length` declares them.
public final class HTTPServer: Sendable {
    /// The address actually bound; with port 0 it carries the port the system picked.
    public let boundAddress: ListenAddress
    private let context: HTTPServerContext
    private let options: HTTPServerOptions
    private let handle: Mutex<DaemonHandle>

    /// Binds the address and starts serving at once.
    public init(options: HTTPServerOptions, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws {
        let listen = try ListenSocket(options.address)
        let context = HTTPServerContext(handler: handler, maxBodyBytes: options.maxBodyBytes)
        let contextPointer = Unmanaged.passUnretained(context).toOpaque()

        // ITC is what lets MHD_quiesce_daemon wake the pool threads; epoll scales past select.
        let flags = MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_USE_ITC.rawValue
        let completed = unsafeBitCast(requestCompletedCallback as MHD_RequestCompletedCallback, to: OpaquePointer.self)
        func option(_ name: MHD_OPTION) -> CInt { CInt(name.rawValue) }
        let arguments: [any CVarArg] = [
            option(.LISTEN_SOCKET), CInt(listen.descriptor),
            option(.THREAD_POOL_SIZE), CUnsignedInt(max(1, options.threads)),
            option(.CONNECTION_TIMEOUT), CUnsignedInt(max(1, options.connectionTimeoutSeconds)),
            option(.CONNECTION_LIMIT), CUnsignedInt(max(1, options.maxConnections)),
            option(.NOTIFY_COMPLETED), completed, OpaquePointer(contextPointer),
            option(.END),
        ]
        let daemon = withVaList(arguments) { list in
            MHD_start_daemon_va(flags, 0, nil, nil, accessHandlerCallback, contextPointer, list)
        }
        guard let daemon else {
            throw ListenError(
                code: "listen.daemon", description: "libmicrohttpd failed to start on \(listen.boundAddress)")
        }
        self.boundAddress = listen.boundAddress
        self.context = context
        self.options = options
        self.handle = Mutex(DaemonHandle(daemon: daemon, listen: listen))
    }

    deinit {
        stop(graceSeconds: 0)
    }

    /// Requests that reached a handler and have not completed.
    public var requestsInFlight: Int { context.inFlight.load(ordering: .acquiring) }

    /// Stops accepting connections, lets requests in flight finish (up to the grace period,
    /// in seconds), then closes every connection; calling it again does nothing.
    public func stop(graceSeconds: Double? = nil) {
        let taken = handle.withLock { state -> DaemonHandle in
            let copy = state
            state = DaemonHandle(daemon: nil, listen: nil)
            return copy
        }
        guard let daemon = taken.daemon else { return }

        // Quiescing returns the listening socket to its owner, `ListenSocket`. It stays open
        // until the daemon has stopped, so no other process can take the port meanwhile.
        _ = MHD_quiesce_daemon(daemon)
        let deadline = Date().addingTimeInterval(graceSeconds ?? options.shutdownGraceSeconds)
        while context.inFlight.load(ordering: .acquiring) > 0 && Date() < deadline {
            usleep(10_000)
        }
        MHD_stop_daemon(daemon)
        withExtendedLifetime(taken.listen) {}
    }
}
