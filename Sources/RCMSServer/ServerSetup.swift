import RCMSConfig
import RCMSCore
import RCMSCrypto

/// Start-up steps of a server, shared by `rcms serve` and the tests: publishing the loaded
/// configurations and creating each tenant's first administrator.
public enum ServerSetup {
    /// The account created on first start.
    public struct FirstAdministrator: Sendable {
        public var tenant: String
        public var login: String
        public var roleID: String
        /// Shown once; `nil` when it was given by the operator.
        public var generatedPassword: String?
    }

    /// A failure that stops start-up.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var code: String
        public var description: String
    }

    /// Publishes `configuration` by actor `system` unless it already is the active version;
    /// returns whether it published.
    @discardableResult
    public static func publishIfNeeded(
        _ configuration: TenantConfiguration, versions: ConfigurationVersions, storage: any Storage
    )
        throws -> Bool
    {
        let current = try storage.read(tenant: configuration.id) { try $0.currentConfigurationVersion() }
        if current?.contentHash == configuration.contentHash { return false }
        try versions.publish(configuration, by: "system")
        return true
    }

    /// Returns the role a first administrator gets: a role of the requesting party that can manage
    /// users, preferring one that can also publish the configuration.
    public static func administratorRole(in configuration: TenantConfiguration) -> Role? {
        let candidates = configuration.roles.filter { $0.party.value == .requesting && $0.allows(.userManage) }
        return candidates.first { $0.allows(.configPublish) } ?? candidates.first
    }

    /// Creates `admin-TENANT` for the requesting party when the tenant has no user yet.
    ///
    /// - Parameter password: the operator's choice (such as `RCMS_ADMIN_PASSWORD`); when `nil`
    ///   a random one is generated and returned to be shown once.
    /// - Returns: the account created, or `nil` when the tenant already had users.
    public static func ensureFirstAdministrator(
        _ configuration: TenantConfiguration, storage: any Storage, password: String?
    ) throws -> FirstAdministrator? {
        let tenant = configuration.id
        if try !storage.read(tenant: tenant, { try $0.users() }).isEmpty { return nil }
        guard let role = administratorRole(in: configuration) else {
            throw Problem(
                code: "setup.no_admin_role",
                description:
                    "\(tenant): no role of the requesting party has user.manage, so no first administrator can be created; add one to the tenant's roles"
            )
        }
        let generated = password == nil ? secureRandomBytes(12).hexString : nil
        let chosen = password ?? generated ?? ""
        let login = "admin-\(tenant)"
        let record = UserRecord(
            id: RecordID.random(), party: PartySide.requesting.rawValue, roleIDs: [role.id.value], loginName: login,
            passwordHash: try PasswordHash.hash(chosen))
        try storage.write(tenant: tenant) { transaction in
            try transaction.insertUser(record)
            try AuditRecorder.append(
                AuditDraft(
                    at: .now(), actor: "system", action: "user.create", objectIDs: ["user:\(record.id)"],
                    fieldNames: ["login_name", "party", "role_ids", "password_hash"]),
                in: transaction)
        }
        return FirstAdministrator(tenant: tenant, login: login, roleID: role.id.value, generatedPassword: generated)
    }
}
