import Dispatch
import Synchronization

/// A connection a pool can hand out again once it is returned.
public protocol PooledConnection: AnyObject, Sendable {
    /// Whether the connection is open and outside any transaction, so the next user may have it.
    var isReusable: Bool { get }
}

/// A small pool of database connections, each lent to one thread at a time.
///
/// At most `capacity` connections exist; a caller that finds them all lent waits up to
/// `waitSeconds` and then fails with `StorageError.busy`. Connections are opened lazily and a
/// connection that comes back unusable (broken, or left inside a transaction) is dropped.
public final class ConnectionPool<Connection: PooledConnection>: Sendable {
    private let idle = Mutex<[Connection]>([])
    private let closed = Atomic<Bool>(false)
    /// Counts the connections that may still be lent out.
    private let slots: DispatchSemaphore
    private let waitSeconds: Double
    private let open: @Sendable () throws -> Connection

    public init(capacity: Int, waitSeconds: Double = 10, open: @escaping @Sendable () throws -> Connection) {
        precondition(capacity > 0, "a pool needs at least one connection")
        slots = DispatchSemaphore(value: capacity)
        self.waitSeconds = waitSeconds
        self.open = open
    }

    /// Lends a connection to `body` and takes it back afterwards.
    public func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        guard !closed.load(ordering: .acquiring) else {
            throw StorageError.backend(code: "closed", message: "the storage was closed")
        }
        guard slots.wait(timeout: .now() + waitSeconds) == .success else { throw StorageError.busy }
        defer { slots.signal() }

        let connection = try idle.withLock { $0.popLast() } ?? open()
        defer {
            if connection.isReusable && !closed.load(ordering: .acquiring) {
                idle.withLock { $0.append(connection) }
            }
        }
        return try body(connection)
    }

    /// Drops every idle connection, which closes it, and refuses further loans.
    public func close() {
        closed.store(true, ordering: .releasing)
        let dropped = idle.withLock { connections in
            let all = connections
            connections.removeAll()
            return all
        }
        _ = dropped
    }
}
