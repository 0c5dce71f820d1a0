/// One published configuration of a tenant, identified by its content hash.
public struct ConfigurationVersionRecord: Sendable, Hashable {
    /// The BLAKE2b content hash of the tenant bundle, lower-case hex.
    public var contentHash: String
    /// The bundle as the engine serialised it; the storage layer keeps the bytes unchanged.
    public var bundle: [UInt8]
    /// User id or name of who published it.
    public var publishedBy: String
    /// When it was last published; publishing an older version again moves this forward.
    public var publishedAt: Instant

    public init(contentHash: String, bundle: [UInt8], publishedBy: String, publishedAt: Instant) {
        self.contentHash = contentHash
        self.bundle = bundle
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }
}
