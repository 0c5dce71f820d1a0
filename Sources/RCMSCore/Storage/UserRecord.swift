/// A person who signs in to one tenant on behalf of one party.
public struct UserRecord: Sendable, Hashable {
    public var id: Int64
    /// The party the user acts for: `requesting` or `requested`.
    public var party: String
    /// Role ids from the tenant configuration.
    public var roleIDs: [String]
    /// Unique within the tenant.
    public var loginName: String
    /// Argon2id hash in libsodium's string form; never the password.
    public var passwordHash: String

    public init(id: Int64, party: String, roleIDs: [String], loginName: String, passwordHash: String) {
        self.id = id
        self.party = party
        self.roleIDs = roleIDs
        self.loginName = loginName
        self.passwordHash = passwordHash
    }
}
