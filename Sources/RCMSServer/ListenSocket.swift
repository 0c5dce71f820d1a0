import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A host and port to listen on, such as `127.0.0.1:8080` or `[::1]:8080`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// A numeric IPv4 or IPv6 address; host names are refused so the bound address is exact.
    public var host: String
    /// Port number; 0 lets the system pick a free port.
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, with IPv6 hosts in brackets; returns `nil` for anything else.
    public init?(_ text: String) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return nil
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let port = UInt16(portText), !host.isEmpty, Self.family(of: String(host)) != nil else { return nil }
        self.init(host: String(host), port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// `AF_INET` or `AF_INET6` for a numeric address, `nil` for anything else.
    static func family(of host: String) -> Int32? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return AF_INET }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return AF_INET6 }
        return nil
    }
}

/// A failure to open the listening socket.
public struct ListenError: Error, Sendable, CustomStringConvertible {
    /// Stable code such as `listen.bind`.
    public var code: String
    public var description: String
}

/// A bound, listening, non-blocking TCP socket owned by this object until it is handed on.
///
/// The server binds the socket itself, rather than letting libmicrohttpd do it, so that the
/// port the system picked for port 0 can be read with `getsockname`.
final class ListenSocket {
    let descriptor: Int32
    let boundAddress: ListenAddress

    init(_ address: ListenAddress, backlog: Int32 = 128) throws {
        guard let family = ListenAddress.family(of: address.host) else {
            throw ListenError(code: "listen.address", description: "'\(address.host)' is not a numeric IP address")
        }
        // Non-blocking because every pool thread accepts on it. Close-on-exec so child processes do not inherit it.
        let kind = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(family, kind, 0)
        guard descriptor >= 0 else {
            throw ListenError(code: "listen.socket", description: "cannot create a socket: \(Self.lastError())")
        }
        var yes: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))

        let bound: Int32
        if family == AF_INET {
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = address.port.bigEndian
            _ = inet_pton(AF_INET, address.host, &socketAddress.sin_addr)
            bound = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        } else {
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = address.port.bigEndian
            _ = inet_pton(AF_INET6, address.host, &socketAddress.sin6_addr)
            bound = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        guard bound == 0, listen(descriptor, backlog) == 0 else {
            let reason = Self.lastError()
            close(descriptor)
            throw ListenError(code: "listen.bind", description: "cannot listen on \(address): \(reason)")
        }

        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        let port: UInt16 = withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET {
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    UInt16(bigEndian: $0.pointee.sin_port)
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                UInt16(bigEndian: $0.pointee.sin6_port)
            }
        }
        self.descriptor = descriptor
        self.boundAddress = ListenAddress(host: address.host, port: port)
    }

    deinit {
        close(descriptor)
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
