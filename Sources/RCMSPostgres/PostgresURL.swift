import RCMSCore

/// A `postgres://` or `postgresql://` URL split into what libpq takes and the schema RCMSKit
/// keeps its tables in.
///
/// libpq understands these URLs itself but refuses parameters it does not know, so the
/// `schema` parameter is removed before the rest is handed over unchanged.
struct PostgresURL: Sendable {
    /// The schema of this deployment; several deployments may share one database.
    var schema: String
    /// The URL without the `schema` parameter, for `PQconnectdb`.
    var conninfo: String

    static let defaultSchema = "rcms"

    init(_ url: String) throws {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw StorageError.invalidURL("a PostgreSQL URL starts with postgres:// or postgresql://")
        }
        var schema = Self.defaultSchema
        var base = url
        var kept: [Substring] = []
        if let question = url.firstIndex(of: "?") {
            base = String(url[..<question])
            for item in url[url.index(after: question)...].split(separator: "&") {
                if item.hasPrefix("schema=") {
                    schema = String(item.dropFirst("schema=".count))
                } else {
                    kept.append(item)
                }
            }
        }
        guard Self.isValidSchemaName(schema) else {
            throw StorageError.invalidURL(
                "schema must be 1 to 63 lower-case letters, digits or underscores, starting with a letter or underscore"
            )
        }
        self.schema = schema
        conninfo = kept.isEmpty ? base : base + "?" + kept.joined(separator: "&")
    }

    static func isValidSchemaName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...63).contains(name.unicodeScalars.count),
            first == "_" || ("a"..."z").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// Quotes an identifier that `isValidSchemaName` accepted.
    static func quoted(_ identifier: String) -> String { "\"\(identifier)\"" }
}
