internal import CSQLite

/// One prepared SQLite statement, finalised when the object goes away.
///
/// Owned by a `SQLiteConnection`'s cache and used by that connection's thread only.
final class SQLiteStatement {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to `?1`, `?2`, ... in order.
    func bind(_ values: [SQLValueBox], connection: OpaquePointer) throws(SQLiteFailure) {
        for (offset, box) in values.enumerated() {
            let index = Int32(offset + 1)
            let result: Int32
            switch box {
            case .null:
                result = sqlite3_bind_null(handle, index)
            case .integer(let value):
                result = sqlite3_bind_int64(handle, index, value)
            case .text(let text):
                // SQLITE_TRANSIENT makes SQLite copy the bytes before the Swift buffer goes away.
                result = sqlite3_bind_text(handle, index, text, -1, rcms_sqlite_transient())
            case .blob(let bytes):
                result = bytes.withUnsafeBytes { buffer in
                    // A zero-length blob still needs a non-null pointer, or SQLite stores NULL.
                    sqlite3_bind_blob64(
                        handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(buffer.count),
                        rcms_sqlite_transient())
                }
            }
            guard result == SQLITE_OK else { throw SQLiteFailure(code: result, connection: connection) }
        }
    }

    /// Makes the statement ready for its next use and drops the bound values, which may hold
    /// personal data.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}

/// A bound value in the form SQLite takes it; booleans are integers 0 and 1.
enum SQLValueBox {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])
}
