import Foundation
import RCMSCore
import RCMSCrypto
import RCMSServer

struct UserPasswordCommand: Command {
    static let path = ["user", "passwd"]
    static let summary = "Set a user's password; the user's existing sessions and tokens stop working"
    static let valueOptions: Set<String> = ["tenant", "login", "database"]
    static let flagOptions: Set<String> = ["password-stdin"]
    static let help = """
        Usage: rcms user passwd --tenant T --login L [--password-stdin] [--database URL]

        Replaces the password of user L of tenant T, for example the first administrator's
        password printed at the first start of 'rcms serve'. Every session and API token of
        the user is revoked, so a leaked one stops working.

        Options:
          --tenant T          tenant id, such as gr-bd
          --login L           the user's login name
          --password-stdin    read the new password from the first line of standard input;
                              without it a random password is generated and printed once
          --database URL      as for 'rcms migrate'
        Exit status: 0 changed, 1 no such user or password refused, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard let tenant = arguments.options["tenant"], let login = arguments.options["login"] else {
            throw UsageError(
                "--tenant and --login are required, for example: rcms user passwd --tenant gr-bd --login admin-gr-bd")
        }
        var password = secureRandomBytes(12).hexString
        let generated = !arguments.flags.contains("password-stdin")
        if !generated {
            guard let line = readLine(strippingNewline: true) else {
                throw UsageError("--password-stdin given but standard input is empty")
            }
            password = line
        }
        if password.count < UserRules.minimumPasswordLength {
            context.console.printError(
                "error: the password is too short; use at least \(UserRules.minimumPasswordLength) characters")
            return ExitStatus.failure
        }

        let storage = try openMigratedStorage(arguments, context: context)
        defer { storage.close() }
        let hash = try PasswordHash.hash(password)
        let revoked = try storage.write(tenant: tenant) { transaction -> Int64? in
            guard var user = try transaction.fetchUser(loginName: login) else { return nil }
            user.passwordHash = hash
            try transaction.updateUser(user)
            let count = try transaction.deleteTokens(ofUser: user.id)
            try AuditRecorder.append(
                AuditDraft(
                    at: .now(), actor: "cli", action: "user.password", objectIDs: ["user:\(user.id)"],
                    fieldNames: ["password_hash"]),
                in: transaction)
            return count
        }
        guard let revoked else {
            context.console.printError("error: tenant \(tenant) has no user with that login; list users with the API")
            return ExitStatus.failure
        }
        context.console.print("\(tenant): password changed; \(revoked) session(s) and token(s) revoked")
        if generated { context.console.print("password (shown once): \(password)") }
        return ExitStatus.success
    }
}
