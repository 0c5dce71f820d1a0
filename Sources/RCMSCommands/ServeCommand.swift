import Dispatch
import Foundation
import RCMSConfig
import RCMSCore
import RCMSServer
import RCMSYAML
import Synchronization

/// The settings of `Config/rcms.yaml`; every field is optional there.
struct ServerSettings: Decodable {
    var listen: String?
    var dataDir: String?
    var databaseURL: String?
    var tenantsDir: String?
    var logLevel: String?

    enum CodingKeys: String, CodingKey {
        case listen
        case dataDir = "data_dir"
        case databaseURL = "database_url"
        case tenantsDir = "tenants_dir"
        case logLevel = "log_level"
    }

    static func load(path: String) throws -> ServerSettings {
        guard FileManager.default.fileExists(atPath: path), let root = try YAMLFile.load(path: path) else {
            return ServerSettings()
        }
        return try YAMLDecoder().decode(ServerSettings.self, from: root)
    }
}

/// A one-shot latch that passes the first signal number to the waiting task, whether the
/// signal arrives before or after the task starts waiting.
final class SignalLatch: Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<Int32, Never>)
        case fired(Int32)
    }

    private let state = Mutex<State>(.idle)

    func fire(_ number: Int32) {
        let waiting = state.withLock { state -> CheckedContinuation<Int32, Never>? in
            switch state {
            case .idle:
                state = .fired(number)
                return nil
            case .waiting(let continuation):
                state = .fired(number)
                return continuation
            case .fired:
                return nil
            }
        }
        waiting?.resume(returning: number)
    }

    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let early = state.withLock { state -> Int32? in
                if case .fired(let number) = state { return number }
                state = .waiting(continuation)
                return nil
            }
            if let early { continuation.resume(returning: early) }
        }
    }
}

/// Waits for SIGTERM or SIGINT through dispatch sources, so the reaction runs as an ordinary
/// closure on a dispatch queue rather than inside a signal handler. Returns the signal number.
///
/// - Parameter ready: runs once the signals are caught, so a process that learns of the
///   server from its output can stop it with a signal.
func waitForTerminationSignal(ready: () -> Void) async -> Int32 {
    let latch = SignalLatch()
    let queue = DispatchQueue(label: "rcms.signals")
    let sources = [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
        // Ignored at process level so that only the dispatch source receives the signal.
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
        source.setEventHandler { latch.fire(number) }
        source.resume()
        return source
    }
    ready()
    let number = await latch.wait()
    for source in sources { source.cancel() }
    signal(SIGTERM, SIG_DFL)
    signal(SIGINT, SIG_DFL)
    return number
}

struct ServeCommand: Command {
    static let path = ["serve"]
    static let summary = "Run the HTTP API server until SIGTERM or SIGINT"
    static let valueOptions: Set<String> = ["listen", "database", "tenants", "data", "config", "attachment-key-file"]
    static let help = """
        Usage: rcms serve [--listen HOST:PORT] [--database URL] [--tenants DIR] [--data DIR]
                          [--config FILE]

        Loads and validates every tenant (any error stops start-up, printed as by 'rcms config
        validate'), migrates the database, publishes each tenant's configuration when it
        changed, creates a first administrator 'admin-TENANT' for a tenant without users, and
        serves the JSON API under /api/v1 with /healthz, /readyz and /metrics.
        The first administrator's password is RCMS_ADMIN_PASSWORD, or a random one printed once.

        Options (each overrides the environment variable, which overrides the config file):
          --listen HOST:PORT  numeric address and port (RCMS_LISTEN; default 127.0.0.1:8080;
                              port 0 picks a free port)
          --database URL      sqlite:PATH or postgres://... (RCMS_DATABASE_URL; default
                              sqlite:DATA/rcms.sqlite)
          --tenants DIR       folder with one sub-folder per tenant (RCMS_TENANTS; default Tenants)
          --data DIR          folder for data files (RCMS_DATA_DIR; default data)
          --config FILE       settings file (default Config/rcms.yaml)
          --attachment-key-file FILE
                              key encrypting attachments at rest (RCMS_ATTACHMENT_KEY_FILE or
                              RCMS_ATTACHMENT_KEY; on a first start without one, a new key is
                              written to DATA/keys/attachment.key)
        Background jobs: the deadline sweep every RCMS_SWEEP_INTERVAL_SECONDS (default 60) and
        the retention purge every RCMS_RETENTION_INTERVAL_SECONDS (default 86400; 0 turns it off).
        Log lines are JSON on standard error; RCMS_LOG_LEVEL overrides log_level.
        Exit status: 0 stopped by a signal, 1 start-up failed, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.isEmpty else { throw UsageError("rcms serve takes no arguments, only options") }
        let console = context.console
        let environment = context.environment
        let configPath = arguments.options["config"] ?? StorageFactory.defaultConfigPath
        let settings = try ServerSettings.load(path: configPath)

        func setting(_ option: String, _ variable: String, _ file: String?, _ fallback: String) -> String {
            if let value = arguments.options[option], !value.isEmpty { return value }
            if let value = environment[variable], !value.isEmpty { return value }
            return file ?? fallback
        }
        let listenText = setting("listen", "RCMS_LISTEN", settings.listen, "127.0.0.1:8080")
        guard let address = ListenAddress(listenText) else {
            throw UsageError("--listen must be a numeric HOST:PORT such as 127.0.0.1:8080, got '\(listenText)'")
        }
        let root = setting("tenants", "RCMS_TENANTS", settings.tenantsDir, "Tenants")
        let dataDirectory = setting("data", "RCMS_DATA_DIR", settings.dataDir, "data")
        var url = try StorageFactory.resolveURL(
            option: arguments.options["database"], environment: environment, configPath: configPath)
        if url == StorageFactory.defaultURL { url = "sqlite:\(dataDirectory)/rcms.sqlite" }
        let levelText = environment["RCMS_LOG_LEVEL"] ?? settings.logLevel ?? "info"
        guard let level = LogLevel(rawValue: levelText) else {
            throw UsageError(
                "unknown log level '\(levelText)'; use one of \(LogLevel.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let logger = Logger(label: "rcms.server", level: level)

        // Tenants first: nothing is opened or written when a configuration is invalid.
        let names = try tenantDirectories(in: root, named: [])
        if names.isEmpty {
            throw UsageError("no tenant folder in '\(root)'; create one with 'rcms tenant init REQUESTING-REQUESTED'")
        }
        let results = names.map { TenantLoader().load(directory: "\(root)/\($0)", displayPrefix: "\(root)/\($0)") }
        let invalid = results.filter { $0.diagnostics.hasErrors }
        if !invalid.isEmpty {
            for result in invalid {
                for diagnostic in result.diagnostics { console.printError(diagnostic.description) }
                console.printError(
                    "\(result.tenantID): invalid (\(count(result.diagnostics.errorCount, "error")), \(count(result.diagnostics.warningCount, "warning")))"
                )
            }
            console.printError("error: the server does not start while a tenant is invalid; fix the errors above")
            return ExitStatus.failure
        }
        let configurations = results.compactMap(\.configuration)

        let storage: any Storage
        do {
            storage = try StorageFactory.open(url: url)
            _ = try storage.migrate()
        } catch let error as StorageError {
            console.printError("error: \(StorageFactory.redacted(url)): \(error.description) [\(error.code)]")
            return ExitStatus.failure
        }
        defer { storage.close() }
        let versions = ConfigurationVersions(storage: storage)
        var administrators: [ServerSetup.FirstAdministrator] = []
        do {
            for configuration in configurations {
                if try ServerSetup.publishIfNeeded(configuration, versions: versions, storage: storage) {
                    logger.info(
                        "configuration published",
                        ["tenant": .string(configuration.id), "hash": .string(configuration.contentHash)])
                }
                if let admin = try ServerSetup.ensureFirstAdministrator(
                    configuration, storage: storage, password: environment["RCMS_ADMIN_PASSWORD"])
                {
                    administrators.append(admin)
                }
            }
        } catch let problem as ServerSetup.Problem {
            console.printError("error: \(problem.description)")
            return ExitStatus.failure
        }

        let attachments: AttachmentStore
        do {
            let key = try serverAttachmentKey(
                arguments, context: context, dataDirectory: dataDirectory, logger: logger)
            attachments = AttachmentStore(dataDirectory: dataDirectory, keyring: AttachmentKeyring(current: key))
            for configuration in configurations { try attachments.checkKeys(tenant: configuration.id) }
        } catch let error as AttachmentError {
            console.printError("error: attachment key: \(error.description) [\(error.code)]")
            return ExitStatus.failure
        }

        let travelDocumentKeys = TravelDocumentKeyStore(dataDirectory: dataDirectory)
        do {
            try ensureTravelDocumentKeys(configurations, in: travelDocumentKeys, logger: logger)
        } catch let error as TravelDocumentError {
            console.printError("error: travel document key: \(error.description) [\(error.code)]")
            return ExitStatus.failure
        }

        let databaseKind = url.hasPrefix("sqlite:") ? "sqlite" : "postgres"
        let apiEnvironment = APIEnvironment(
            storage: storage, versions: versions, tenantIDs: configurations.map(\.id), logger: logger,
            databaseKind: databaseKind, attachments: attachments, travelDocumentKeys: travelDocumentKeys)
        let api = APIServer(environment: apiEnvironment)
        let server: HTTPServer
        do {
            server = try api.listen(options: HTTPServerOptions(address: address))
        } catch let error as ListenError {
            console.printError("error: \(error.description) [\(error.code)]")
            return ExitStatus.failure
        }
        let jobs = BackgroundJobs(
            environment: apiEnvironment,
            intervals: BackgroundJobs.Intervals(
                sweep: Int(environment["RCMS_SWEEP_INTERVAL_SECONDS"] ?? "") ?? 60,
                retention: Int(environment["RCMS_RETENTION_INTERVAL_SECONDS"] ?? "") ?? 86_400))
        jobs.start()
        logger.info(
            "server started",
            [
                "listen": .string(server.boundAddress.description), "database": .string(databaseKind),
                "tenants": .string(configurations.map(\.id).joined(separator: ",")),
            ])
        let number = await waitForTerminationSignal {
            printWelcome(
                server.boundAddress, administrators: administrators, tenants: configurations.map(\.id), console)
        }
        logger.info("stopping", ["signal": .int(Int(number)), "in_flight": .int(server.requestsInFlight)])
        server.stop()
        jobs.stop()
        logger.info("server stopped", [:])
        return ExitStatus.success
    }

    /// The attachment key from `--attachment-key-file`, the environment or the config file; on a
    /// first start without one, a new key is written to `DATA/keys/attachment.key` (mode 0600),
    /// outside the database, and its use is logged.
    static func serverAttachmentKey(
        _ arguments: Arguments, context: CommandContext, dataDirectory: String, logger: Logger
    ) throws -> AttachmentKey {
        do {
            return try DataProtectionSettings.attachmentKey(arguments, context: context)
        } catch AttachmentError.missingKey {
            let path = "\(dataDirectory)/keys/attachment.key"
            if FileManager.default.fileExists(atPath: path) {
                return try AttachmentKey(contentsOfFile: path)
            }
            try FileManager.default.createDirectory(
                atPath: "\(dataDirectory)/keys", withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            let key = AttachmentKey.generate()
            guard
                FileManager.default.createFile(
                    atPath: path, contents: Data((key.base64 + "\n").utf8), attributes: [.posixPermissions: 0o600])
            else { throw AttachmentError.io(operation: "create key file", errno: errno) }
            logger.warning(
                "attachment key created", ["path": .string(path), "key_id": .string(key.id)])
            return key
        }
    }

    /// Makes a signing key for every party that issues travel documents in a tenant and has
    /// none yet, and logs its id.
    ///
    /// A first start creates the key rather than refusing to start, as it does for the
    /// attachment key: the operator has no choice to make in creating one (the algorithm and
    /// place are fixed), what matters is publishing it, which the open keys route does from
    /// the first request, and a refusal would only add a step that every new installation
    /// gets wrong once. Issuing without a key stops with an error, so no unsigned document is
    /// handed out. The key stays in the data folder, outside the database, readable by its
    /// owner only; the log names its id, never the key.
    static func ensureTravelDocumentKeys(
        _ configurations: [TenantConfiguration], in keys: TravelDocumentKeyStore, logger: Logger
    ) throws {
        for configuration in configurations {
            let parties = Set(configuration.travelDocuments.map(\.issuedBy.value.rawValue))
            for party in parties.sorted() {
                do {
                    _ = try keys.signingKey(tenant: configuration.id, party: party)
                } catch TravelDocumentError.noKey {
                    let key = try keys.create(tenant: configuration.id, party: party)
                    logger.warning(
                        "travel document key created",
                        [
                            "tenant": .string(configuration.id), "party": .string(party),
                            "key_id": .string(key.keyID),
                        ])
                }
            }
        }
    }

    /// Prints where to go next: the URL, the first administrators and how to sign in with curl.
    static func printWelcome(
        _ address: ListenAddress, administrators: [ServerSetup.FirstAdministrator], tenants: [String],
        _ console: Console
    ) {
        let base = "http://\(address)"
        console.print("rcms serving \(tenants.count) tenant(s) on \(base)")
        for admin in administrators {
            let password =
                admin.generatedPassword.map { "password \($0) (shown once; change it)" }
                ?? "the password from RCMS_ADMIN_PASSWORD"
            console.print("  \(admin.tenant): first administrator '\(admin.login)' (role \(admin.roleID)), \(password)")
        }
        let tenant = administrators.first?.tenant ?? tenants.first ?? "TENANT"
        console.print("Sign in:")
        console.print(
            "  curl -s -X POST \(base)/api/v1/tenants/\(tenant)/sessions -H 'Content-Type: application/json' -d '{\"login\":\"admin-\(tenant)\",\"password\":\"...\"}'"
        )
        console.print("then send 'Authorization: Bearer TOKEN'. API description: \(base)/api/v1/openapi.json")
        console.print(
            "Add officers and the monitor: rcms user add --tenant T --login L --party requesting|requested|monitor --roles R"
        )
        console.print("Change a password: rcms user passwd --tenant T --login L --password-stdin")
    }
}
