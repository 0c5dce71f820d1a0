import Foundation
import RCMSConfig
import RCMSCore
import RCMSCrypto
import RCMSServer

/// Returns the tenant's active configuration, or throws a message saying how to publish one.
private func activeConfiguration(_ tenant: String, storage: any Storage) throws -> TenantConfiguration {
    guard let configuration = try ConfigurationVersions(storage: storage).current(tenant: tenant) else {
        throw UsageError(
            "tenant '\(tenant)' has no published configuration in this database; run 'rcms config publish \(tenant)' or start 'rcms serve' once"
        )
    }
    return configuration
}

struct UserAddCommand: Command {
    static let path = ["user", "add"]
    static let summary = "Create a user of one party with roles from the tenant's configuration"
    static let valueOptions: Set<String> = ["tenant", "login", "party", "roles", "database"]
    static let flagOptions: Set<String> = ["password-stdin"]
    static let help = """
        Usage: rcms user add --tenant T --login L --party P --roles R1,R2 [--password-stdin]
                             [--database URL]

        Creates a user who signs in to tenant T for party P (requesting, requested or monitor)
        with roles of that party from T's active configuration. This is how the first
        administrator of the requested party and the monitor are created.

        Options:
          --tenant T          tenant id, such as de-pk
          --login L           login name, unique in the tenant, without spaces
          --party P           requesting, requested or monitor
          --roles R1,R2       role ids, comma-separated
          --password-stdin    read the password from the first line of standard input;
                              without it a random password is generated and printed once
          --database URL      as for 'rcms migrate'
        Exit status: 0 created, 1 refused or database error, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard let tenant = arguments.options["tenant"], let login = arguments.options["login"],
            let partyText = arguments.options["party"], let rolesText = arguments.options["roles"]
        else {
            throw UsageError("--tenant, --login, --party and --roles are required")
        }
        guard let party = PartySide(rawValue: partyText) else {
            throw UsageError("--party must be requesting, requested or monitor, got '\(partyText)'")
        }
        let roles = rolesText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var password = secureRandomBytes(12).hexString
        let generated = !arguments.flags.contains("password-stdin")
        if !generated {
            guard let line = readLine(strippingNewline: true) else {
                throw UsageError("--password-stdin given but standard input is empty")
            }
            password = line
        }

        let storage = try openMigratedStorage(arguments, context: context)
        defer { storage.close() }
        let configuration = try activeConfiguration(tenant, storage: storage)
        let problems = UserRules.problems(
            login: login, password: password, party: party, roles: roles, configuration: configuration)
        if !problems.isEmpty {
            for problem in problems {
                context.console.printError("error: \(problem.field.map { "\($0): " } ?? "")\(problem.message)")
            }
            return ExitStatus.failure
        }

        let record = UserRecord(
            id: RecordID.random(), party: party.rawValue, roleIDs: roles, loginName: login,
            passwordHash: try PasswordHash.hash(password))
        let created = try storage.write(tenant: tenant) { transaction -> Bool in
            if try transaction.fetchUser(loginName: login) != nil { return false }
            try transaction.insertUser(record)
            try AuditRecorder.append(
                AuditDraft(
                    at: .now(), actor: "cli", action: "user.create", objectIDs: ["user:\(record.id)"],
                    fieldNames: ["login_name", "party", "role_ids", "password_hash"]),
                in: transaction)
            return true
        }
        guard created else {
            context.console.printError("error: the login is already in use in tenant \(tenant)")
            return ExitStatus.failure
        }
        context.console.print(
            "\(tenant): created user \(record.id) (\(party.rawValue); \(roles.joined(separator: ", ")))")
        if generated { context.console.print("password (shown once): \(password)") }
        return ExitStatus.success
    }
}

struct TokenCreateCommand: Command {
    static let path = ["token", "create"]
    static let summary = "Create an API token for a user and print it once"
    static let valueOptions: Set<String> = ["tenant", "login", "days", "database"]
    static let help = """
        Usage: rcms token create --tenant T --login L [--days N] [--database URL]

        Creates a bearer token for user L of tenant T, for scripts and integrations. The token
        is printed once; only its hash is stored. It acts with the user's roles until it
        expires.

        Options:
          --tenant T       tenant id
          --login L        the user's login name
          --days N         lifetime in days, 1 to 365 (default 30)
          --database URL   as for 'rcms migrate'
        Exit status: 0 created, 1 no such user or database error, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard let tenant = arguments.options["tenant"], let login = arguments.options["login"] else {
            throw UsageError("--tenant and --login are required")
        }
        let daysText = arguments.options["days"] ?? "30"
        guard let days = Int64(daysText), (1...365).contains(days) else {
            throw UsageError("--days must be a whole number from 1 to 365, got '\(daysText)'")
        }
        let storage = try openMigratedStorage(arguments, context: context)
        defer { storage.close() }
        let issued = try storage.write(tenant: tenant) { transaction -> (token: String, expiresAt: Instant)? in
            guard let user = try transaction.fetchUser(loginName: login) else { return nil }
            let issued = try SessionTokens.issue(userID: user.id, lifetimeSeconds: days * 86_400, in: transaction)
            try AuditRecorder.append(
                AuditDraft(at: .now(), actor: "cli", action: "token.create", objectIDs: ["user:\(user.id)"]),
                in: transaction)
            return issued
        }
        guard let issued else {
            context.console.printError("error: no user with that login in tenant \(tenant)")
            return ExitStatus.failure
        }
        context.console.print(issued.token)
        context.console.printError("token expires at \(issued.expiresAt); it is not shown again")
        return ExitStatus.success
    }
}
