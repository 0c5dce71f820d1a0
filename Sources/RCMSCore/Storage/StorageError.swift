/// A failure of the storage layer, with a stable code.
///
/// Descriptions name tables, columns and ids only. They never carry SQL parameter values or
/// personal data, so they may be logged and shown in HTTP errors.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The case's `version` was not `expected` when the update ran: someone else changed the
    /// case first. `actual` is the version found.
    case staleVersion(caseID: Int64, expected: Int64, actual: Int64)
    /// No row of `kind` with this id exists in the tenant.
    case notFound(kind: String, id: String)
    /// A row of `kind` with the same key already exists.
    case duplicate(kind: String)
    /// A foreign key, check or not-null rule of the schema refused the write.
    case constraint(String)
    /// The database was busy for longer than the wait allowed.
    case busy
    /// The database's schema is newer than the newest version this binary supports.
    case schemaTooNew(database: Int, binary: Int)
    /// The database URL is not one RCMSKit can open.
    case invalidURL(String)
    /// The backend reported an error; `code` is its own (SQLite result code, SQLSTATE).
    case backend(code: String, message: String)
    /// Stored data could not be read back as the expected type.
    case corrupt(String)

    /// A stable identifier for programs and logs, such as `storage.stale_version`.
    public var code: String {
        switch self {
        case .staleVersion: return "storage.stale_version"
        case .notFound: return "storage.not_found"
        case .duplicate: return "storage.duplicate"
        case .constraint: return "storage.constraint"
        case .busy: return "storage.busy"
        case .schemaTooNew: return "storage.schema_too_new"
        case .invalidURL: return "storage.invalid_url"
        case .backend: return "storage.backend"
        case .corrupt: return "storage.corrupt"
        }
    }

    public var description: String {
        switch self {
        case .staleVersion(let caseID, let expected, let actual):
            return
                "case \(caseID) was changed by someone else (version \(actual), expected \(expected)); reload and retry"
        case .notFound(let kind, let id):
            return "no \(kind) with id \(id)"
        case .duplicate(let kind):
            return "a \(kind) with the same key already exists"
        case .constraint(let message):
            return "the database refused the write: \(message)"
        case .busy:
            return "the database stayed busy longer than the wait allowed; retry"
        case .schemaTooNew(let database, let binary):
            return "database schema version \(database) is newer than this rcms (\(binary)); upgrade rcms"
        case .invalidURL(let message):
            return "invalid database URL: \(message)"
        case .backend(let code, let message):
            return "database error \(code): \(message)"
        case .corrupt(let message):
            return "stored data is unreadable: \(message)"
        }
    }
}
