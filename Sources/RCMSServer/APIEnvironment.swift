import RCMSConfig
import RCMSCore

/// The services every handler uses: storage, configuration versions, the tenants this server
/// serves, the logger and the metrics registry.
public final class APIEnvironment: Sendable {
    public let storage: any Storage
    public let versions: ConfigurationVersions
    /// Tenant ids loaded at start-up, sorted.
    public let tenantIDs: [String]
    public let logger: Logger
    public let metrics: MetricsRegistry
    /// How long a password session lasts, in seconds.
    public let sessionLifetimeSeconds: Int64
    /// The database kind for logs and `/readyz`, such as `sqlite` or `postgres`.
    public let databaseKind: String
    /// The case engine every case route goes through.
    public let engine: CaseEngine
    /// Encrypted attachment files; `nil` when the server runs without an attachment key.
    public let attachments: AttachmentStore?
    /// The keys travel documents are signed and verified with; `nil` when the server runs
    /// without them, so documents are issued unsigned and verification is unavailable.
    public let travelDocumentKeys: TravelDocumentKeyStore?

    public init(
        storage: any Storage, versions: ConfigurationVersions? = nil, tenantIDs: [String], logger: Logger,
        metrics: MetricsRegistry = MetricsRegistry(), sessionLifetimeSeconds: Int64 = 12 * 3600,
        databaseKind: String, attachments: AttachmentStore? = nil, travelDocumentKeys: TravelDocumentKeyStore? = nil
    ) {
        self.attachments = attachments
        self.travelDocumentKeys = travelDocumentKeys
        self.storage = storage
        self.versions = versions ?? ConfigurationVersions(storage: storage)
        self.tenantIDs = tenantIDs.sorted()
        self.logger = logger
        self.metrics = metrics
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
        self.databaseKind = databaseKind
        self.engine = CaseEngine(
            storage: storage, versions: self.versions, travelDocumentKeys: travelDocumentKeys)
    }

    public func serves(tenant: String) -> Bool { tenantIDs.contains(tenant) }

    /// Returns the tenant's active (most recently published) configuration.
    public func activeConfiguration(tenant: String) throws -> TenantConfiguration? {
        try versions.current(tenant: tenant)
    }
}

/// The signed-in user a request acts for, resolved once by `AccessControl`.
public struct Caller: Sendable {
    public var tenant: String
    public var userID: Int64
    public var party: PartySide
    public var roleIDs: [String]
    /// Permissions the user's roles grant in the tenant's active configuration.
    public var permissions: Set<Permission>
    /// Hash of the bearer token the request carried, to end the session.
    var tokenHash: String

    /// The actor written to the audit trail: an id, never a name.
    public var actor: String { "user:\(userID)" }
}
