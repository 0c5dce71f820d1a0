import CMicroHTTPD
import Foundation
import Synchronization

/// The fixed response bodies of the bare server, shared with libmicrohttpd's pool threads.
final class BareHTTPBodies: Sendable {
    let get: [UInt8]
    let post: [UInt8]

    init(get: [UInt8], post: [UInt8]) {
        self.get = get
        self.post = post
    }
}

/// A non-nil marker the bare handler stores per request, so later calls know the headers were seen.
private let requestSeenMark = 1

/// The bare handler: it reads and drops any body, then returns `get` (200) for GET and `post`
/// (201) for anything else, both as JSON. Like the product, it responds on a later call than
/// the first, so connections stay open.
private let bareAccessHandler: MHD_AccessHandlerCallback = {
    cls, connection, _, method, _, _, uploadSize, requestSlot in
    guard let cls, let connection, let uploadSize, let requestSlot else { return .NO }
    if requestSlot.pointee == nil {
        requestSlot.pointee = UnsafeMutableRawPointer(bitPattern: requestSeenMark)
        return .YES
    }
    if uploadSize.pointee > 0 {
        uploadSize.pointee = 0
        return .YES
    }
    let bodies = Unmanaged<BareHTTPBodies>.fromOpaque(cls).takeUnretainedValue()
    let isGet = method.map { strcmp($0, "GET") == 0 } ?? true
    let body = isGet ? bodies.get : bodies.post
    let response = body.withUnsafeBytes { bytes in
        MHD_create_response_from_buffer(
            bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
    }
    guard let response else { return .NO }
    defer { MHD_destroy_response(response) }
    _ = MHD_add_response_header(response, "Content-Type", "application/json")
    return MHD_queue_response(connection, isGet ? 200 : 201, response)
}

/// libmicrohttpd with the product's threading (internal pool of 4 and epoll) and a handler
/// that does no work, on 127.0.0.1 and a port the system picks.
final class BareHTTPServer {
    let port: UInt16
    private let daemon: OpaquePointer
    private let bodies: BareHTTPBodies

    init(bodies: BareHTTPBodies, threads: Int = 4) throws {
        self.bodies = bodies
        let (descriptor, boundPort) = try Self.listenOnLoopback()
        let context = Unmanaged.passUnretained(bodies).toOpaque()
        let flags = MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_USE_ITC.rawValue
        func option(_ name: MHD_OPTION) -> CInt { CInt(name.rawValue) }
        let arguments: [any CVarArg] = [
            option(.LISTEN_SOCKET), descriptor,
            option(.THREAD_POOL_SIZE), CUnsignedInt(threads),
            option(.CONNECTION_LIMIT), CUnsignedInt(512),
            option(.END),
        ]
        let started = withVaList(arguments) { list in
            MHD_start_daemon_va(flags, 0, nil, nil, bareAccessHandler, context, list)
        }
        guard let started else {
            close(descriptor)
            throw BenchError("libmicrohttpd failed to start the bare server")
        }
        daemon = started
        port = boundPort
    }

    /// Opens a listening TCP socket on 127.0.0.1 with a port the system picks. libmicrohttpd
    /// closes it when the daemon stops.
    private static func listenOnLoopback() throws -> (CInt, UInt16) {
        let descriptor = socket(AF_INET, CInt(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 512) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw BenchError("listening on 127.0.0.1 failed: errno \(errno)")
        }
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }

    func stop() {
        MHD_stop_daemon(daemon)
        withExtendedLifetime(bodies) {}
    }
}
