import Foundation

/// Users and bearer tokens.
extension SQLScope {
    private static let userColumns = "id, party, role_ids, login_name, password_hash"

    private func user(_ row: SQLRow) throws -> UserRecord {
        UserRecord(
            id: try row.int64(0), party: try row.string(1), roleIDs: try decodeList(try row.string(2)),
            loginName: try row.string(3), passwordHash: try row.string(4))
    }

    public func fetchUser(_ id: Int64) throws -> UserRecord? {
        try rows("SELECT \(Self.userColumns) FROM users WHERE tenant_id = ?1 AND id = ?2", [.integer(id)])
            .first.map(user)
    }

    public func fetchUser(loginName: String) throws -> UserRecord? {
        try rows("SELECT \(Self.userColumns) FROM users WHERE tenant_id = ?1 AND login_name = ?2", [.text(loginName)])
            .first.map(user)
    }

    public func users() throws -> [UserRecord] {
        try rows("SELECT \(Self.userColumns) FROM users WHERE tenant_id = ?1 ORDER BY id").map(user)
    }

    public func insertUser(_ record: UserRecord) throws {
        try run(
            "INSERT INTO users (tenant_id, \(Self.userColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            [
                .integer(record.id), .text(record.party), .text(try encodeList(record.roleIDs)),
                .text(record.loginName), .text(record.passwordHash),
            ])
    }

    public func updateUser(_ record: UserRecord) throws {
        let changed = try run(
            """
            UPDATE users SET party = ?3, role_ids = ?4, login_name = ?5, password_hash = ?6
            WHERE tenant_id = ?1 AND id = ?2
            """,
            [
                .integer(record.id), .text(record.party), .text(try encodeList(record.roleIDs)),
                .text(record.loginName), .text(record.passwordHash),
            ])
        guard changed == 1 else { throw StorageError.notFound(kind: "user", id: String(record.id)) }
    }

    public func fetchToken(hash: String) throws -> TokenRecord? {
        try rows(
            "SELECT token_hash, user_id, expires_at FROM tokens WHERE tenant_id = ?1 AND token_hash = ?2", [.text(hash)]
        ).first.map { row in
            TokenRecord(tokenHash: try row.string(0), userID: try row.int64(1), expiresAt: try row.instant(2))
        }
    }

    public func insertToken(_ record: TokenRecord) throws {
        try run(
            "INSERT INTO tokens (tenant_id, token_hash, user_id, expires_at) VALUES (?1, ?2, ?3, ?4)",
            [.text(record.tokenHash), .integer(record.userID), .instant(record.expiresAt)])
    }

    public func deleteToken(hash: String) throws {
        try run("DELETE FROM tokens WHERE tenant_id = ?1 AND token_hash = ?2", [.text(hash)])
    }

    @discardableResult
    public func deleteTokens(ofUser userID: Int64) throws -> Int64 {
        try run("DELETE FROM tokens WHERE tenant_id = ?1 AND user_id = ?2", [.integer(userID)])
    }

    @discardableResult
    public func deleteTokens(expiredBefore instant: Instant) throws -> Int64 {
        try run("DELETE FROM tokens WHERE tenant_id = ?1 AND expires_at < ?2", [.instant(instant)])
    }

    /// Encodes a list of short identifiers as a JSON array, the same bytes in both backends.
    func encodeList(_ list: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
    }

    func decodeList(_ text: String) throws -> [String] {
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw StorageError.corrupt("a list column does not hold a JSON array of strings")
        }
    }
}
