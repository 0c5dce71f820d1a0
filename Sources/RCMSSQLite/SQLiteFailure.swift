internal import CSQLite
import Foundation
import RCMSCore

/// An error SQLite returned, with its extended result code and message.
///
/// SQLite's messages name tables and columns, never bound values, so they are safe to keep.
struct SQLiteFailure: Error {
    var code: Int32
    var message: String

    init(code: Int32, connection: OpaquePointer?) {
        self.code = code
        if let connection, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
    }

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// The storage error this failure means to the engine.
    var storageError: StorageError {
        // Extended result codes are macros Swift does not import; these are their values.
        let primaryKey: Int32 = 1555, unique: Int32 = 2067, foreignKey: Int32 = 787
        let notNull: Int32 = 1299, check: Int32 = 275, trigger: Int32 = 1811
        switch code {
        case primaryKey, unique:
            // "UNIQUE constraint failed: users.tenant_id, users.login_name" names the table.
            let table = message.split(separator: ":").last?.split(separator: ".").first
            return .duplicate(kind: table.map { $0.trimmingCharacters(in: .whitespaces) } ?? "row")
        case foreignKey, notNull, check, trigger:
            return .constraint(message)
        case _ where code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED:
            return .busy
        default:
            return .backend(code: "SQLITE_\(code)", message: message)
        }
    }
}
