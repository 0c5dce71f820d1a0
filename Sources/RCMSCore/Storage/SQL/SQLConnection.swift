/// The SQL flavour of a backend, for the few statements the two write differently.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// Returns an expression for the 1-based position of `needle` in `haystack`, 0 when absent.
    public func position(of needle: String, in haystack: String) -> String {
        switch self {
        case .sqlite: return "instr(\(haystack), \(needle))"
        case .postgres: return "strpos(\(haystack), \(needle))"
        }
    }
}

/// One database connection, as the shared query code uses it.
///
/// Statements use `?` placeholders, numbered in order; a backend that needs another spelling
/// rewrites them. A connection is used by one thread at a time.
public protocol SQLConnection: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs a statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int64

    /// Runs a statement and returns its rows.
    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow]

    /// Runs several statements without parameters, as in a migration step.
    func executeScript(_ sql: String) throws

    /// Starts a transaction; `writing` transactions take the write lock at once where the
    /// backend has one, so two writers queue instead of failing halfway.
    func begin(writing: Bool) throws
    func commit() throws
    /// Rolls back; errors are ignored because the connection is discarded when it stays unusable.
    func rollback()
}

extension SQLConnection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    public func transaction<T>(writing: Bool, _ body: () throws -> T) throws -> T {
        try begin(writing: writing)
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            rollback()
            throw error
        }
    }
}
