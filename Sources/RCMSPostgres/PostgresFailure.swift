internal import CLibPQ
import RCMSCore

/// An error PostgreSQL or libpq reported, reduced to what may be shown and logged.
///
/// Only the SQLSTATE, the primary message and the names of the table or constraint are kept.
/// The detail and context fields are dropped because they can quote row values, and data
/// exceptions (class 22) lose their message too because it quotes the value that failed.
struct PostgresFailure: Error {
    var sqlState: String
    var message: String
    var table: String?
    var constraint: String?

    /// Field codes of `PQresultErrorField`; the header defines them as character macros.
    private static let sqlStateField = Int32(UInt8(ascii: "C"))
    private static let primaryMessageField = Int32(UInt8(ascii: "M"))
    private static let tableField = Int32(UInt8(ascii: "t"))
    private static let constraintField = Int32(UInt8(ascii: "n"))

    init(result: OpaquePointer?, connection: OpaquePointer?) {
        func field(_ code: Int32) -> String? {
            guard let result, let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        sqlState = field(Self.sqlStateField) ?? "08000"
        table = field(Self.tableField)
        constraint = field(Self.constraintField)
        if let primary = field(Self.primaryMessageField) {
            message = sqlState.hasPrefix("22") ? "a value does not fit its column's type" : primary
        } else if let connection, let text = PQerrorMessage(connection) {
            // libpq's connection messages span lines; one line reads better in logs.
            message = String(cString: text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        } else {
            message = "no response from the server"
        }
    }

    init(sqlState: String, message: String) {
        self.sqlState = sqlState
        self.message = message
    }

    /// The storage error this failure means to the engine.
    var storageError: StorageError {
        switch sqlState {
        case "23505": return .duplicate(kind: table ?? "row")
        case _ where sqlState.hasPrefix("23"): return .constraint(constraint.map { "\(message) (\($0))" } ?? message)
        case "40001", "40P01", "55P03", "57014": return .busy
        default: return .backend(code: sqlState, message: message)
        }
    }
}
