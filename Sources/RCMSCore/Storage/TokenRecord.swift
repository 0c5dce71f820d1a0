/// A bearer token, stored as its hash only, so a copy of the database cannot be used to sign in.
public struct TokenRecord: Sendable, Hashable {
    /// BLAKE2b of the token, lower-case hex.
    public var tokenHash: String
    public var userID: Int64
    public var expiresAt: Instant

    public init(tokenHash: String, userID: Int64, expiresAt: Instant) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.expiresAt = expiresAt
    }
}
