import Foundation
import RCMSConfig
import RCMSCore
import RCMSCrypto
import RCMSServer
import RCMSTestSupport

/// The repository root, for the bundled tenants.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Users every test tenant gets, by role; all share one password.
struct TestUsers {
    static let password = "correct horse battery"
    static let passwordHash = (try? PasswordHash.hash(password)) ?? ""
    var tokens: [String: String] = [:]
    var ids: [String: Int64] = [:]

    /// Returns the token of `role` in `tenant`, such as `requesting_admin` in `de-pk`.
    func token(_ tenant: String, _ role: String) -> String { tokens["\(tenant)/\(role)"] ?? "" }
    func id(_ tenant: String, _ role: String) -> Int64 { ids["\(tenant)/\(role)"] ?? 0 }
}

/// A real server on 127.0.0.1 with a free port, over a fresh database of one backend, with
/// two bundled tenants published and four users each.
struct TestServer {
    static let tenants = ["de-pk", "at-rs"]
    static let roles = ["requesting_admin", "requesting_officer", "requested_admin", "requested_officer", "monitor"]

    let http: HTTPServer
    let api: APIServer
    let storage: any Storage
    let logs: CapturingLogSink
    let users: TestUsers
    let environment: APIEnvironment
    /// Where the attachment store keeps its encrypted files and the travel document keys live.
    let dataDirectory: String

    var port: UInt16 { http.boundAddress.port }

    static let configurations: [TenantConfiguration] = tenants.map { tenant in
        let result = TenantLoader().load(directory: repositoryRoot.appendingPathComponent("Tenants/\(tenant)").path)
        guard let configuration = result.configuration else { fatalError("bundled tenant \(tenant) is invalid") }
        return configuration
    }

    /// Runs `body` against a started server, then stops it.
    static func with<T>(
        _ backend: TestBackend, options: HTTPServerOptions = HTTPServerOptions(), extraRoutes: [Route] = [],
        _ body: (TestServer) throws -> T
    ) throws -> T {
        try TestDatabases.with(backend) { storage in
            let versions = ConfigurationVersions(storage: storage)
            var users = TestUsers()
            for configuration in configurations {
                try ServerSetup.publishIfNeeded(configuration, versions: versions, storage: storage)
                for roleID in roles {
                    guard let role = configuration.role(roleID) else { continue }
                    let record = UserRecord(
                        id: RecordID.random(), party: role.party.value.rawValue, roleIDs: [roleID],
                        loginName: "\(roleID)-\(configuration.id)", passwordHash: TestUsers.passwordHash)
                    let token = try storage.write(tenant: configuration.id) { transaction in
                        try transaction.insertUser(record)
                        return try SessionTokens.issue(userID: record.id, lifetimeSeconds: 3600, in: transaction).token
                    }
                    users.tokens["\(configuration.id)/\(roleID)"] = token
                    users.ids["\(configuration.id)/\(roleID)"] = record.id
                }
            }
            let logs = CapturingLogSink()
            let dataDirectory = FileManager.default.temporaryDirectory
                .appendingPathComponent("rcms-server-test-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
            let attachments = AttachmentStore(
                dataDirectory: dataDirectory, keyring: AttachmentKeyring(current: AttachmentKey.generate()))
            // Each tenant's issuing parties get a key, as `rcms serve` makes them on a first start.
            let travelDocumentKeys = TravelDocumentKeyStore(dataDirectory: dataDirectory)
            for configuration in configurations {
                for party in Set(configuration.travelDocuments.map(\.issuedBy.value.rawValue)) {
                    try travelDocumentKeys.create(tenant: configuration.id, party: party)
                }
            }
            let environment = APIEnvironment(
                storage: storage, versions: versions, tenantIDs: tenants,
                logger: Logger(label: "test", level: .debug, sink: logs), databaseKind: backend.rawValue,
                attachments: attachments, travelDocumentKeys: travelDocumentKeys)
            let api = APIServer(environment: environment, routes: RouteTable.all + extraRoutes)
            var listening = options
            listening.address = ListenAddress(host: "127.0.0.1", port: 0)
            let http = try api.listen(options: listening)
            defer { http.stop(graceSeconds: 5) }
            return try body(
                TestServer(
                    http: http, api: api, storage: storage, logs: logs, users: users, environment: environment,
                    dataDirectory: dataDirectory))
        }
    }

    /// Reads what a refusal could change: the count of users and versions, and the audit entries.
    func snapshot(_ tenant: String) throws -> (users: Int, versions: Int, audit: [AuditEntry]) {
        try storage.read(tenant: tenant) { reader in
            let last = try reader.lastAuditEntry()?.sequence ?? 0
            return (
                try reader.users().count, try reader.configurationVersions().count,
                last == 0 ? [] : try reader.auditEntries(sequences: 1...last)
            )
        }
    }
}
