import RCMSCore
import RCMSCrypto

/// Signing in and out, and the tenants a caller can see.
enum SessionRoutes {
    struct Login: Codable {
        var login: String
        var password: String
    }

    struct Session: Codable {
        var token: String
        var expiresAt: String
        var user: UserRoutes.User

        enum CodingKeys: String, CodingKey {
            case token, user
            case expiresAt = "expires_at"
        }
    }

    struct TenantList: Codable {
        var tenants: [String]
    }

    static let loginSchema = APISchema.named(
        "Login", .object(["login": .string, "password": .string(format: "password")], required: ["login", "password"]))
    static let sessionSchema = APISchema.named(
        "Session",
        .object(
            ["token": .string, "expires_at": .string(format: "date-time"), "user": UserRoutes.userSchema],
            required: ["token", "expires_at", "user"]))
    static let tenantListSchema = APISchema.named(
        "TenantList", .object(["tenants": .array(.string)], required: ["tenants"]))

    /// A hash verified when the login is unknown, so that the response takes as long as for a
    /// known login with a wrong password.
    private static let decoyHash: String = (try? PasswordHash.hash(secureRandomBytes(16).hexString)) ?? ""

    static func login(_ context: RequestContext) throws -> HTTPResponse {
        let tenant = context.parameter("tenant")
        let body = try context.decode(Login.self)
        let storage = context.environment.storage

        let user = try storage.read(tenant: tenant) { try $0.fetchUser(loginName: body.login) }
        let verified = PasswordHash.verify(body.password, against: user?.passwordHash ?? decoyHash)
        guard let user, verified else {
            try storage.write(tenant: tenant) { transaction in
                try AuditRecorder.append(
                    AuditDraft(
                        at: .now(), actor: user.map { "user:\($0.id)" } ?? "anonymous", action: "session.refused",
                        objectIDs: user.map { ["user:\($0.id)"] } ?? []),
                    in: transaction)
            }
            throw APIError(status: 401, code: "auth.invalid_credentials", "wrong login or password")
        }

        let issued = try storage.write(tenant: tenant) { transaction in
            let issued = try SessionTokens.issue(
                userID: user.id, lifetimeSeconds: context.environment.sessionLifetimeSeconds, in: transaction)
            try AuditRecorder.append(
                AuditDraft(
                    at: .now(), actor: "user:\(user.id)", action: "session.open", objectIDs: ["user:\(user.id)"]),
                in: transaction)
            return issued
        }
        let session = Session(
            token: issued.token, expiresAt: issued.expiresAt.description, user: UserRoutes.User(user))
        return .json(session, status: 201)
    }

    static func logout(_ context: RequestContext) throws -> HTTPResponse {
        let caller = try context.requireCaller()
        try context.environment.storage.write(tenant: caller.tenant) { transaction in
            try transaction.deleteToken(hash: caller.tokenHash)
            try AuditRecorder.append(
                AuditDraft(at: .now(), actor: caller.actor, action: "session.close", objectIDs: [caller.actor]),
                in: transaction)
        }
        return .noContent
    }

    /// A token belongs to one tenant, so that is the one tenant listed for its holder.
    static func tenants(_ context: RequestContext) throws -> HTTPResponse {
        let caller = try context.requireCaller()
        return .json(TenantList(tenants: [caller.tenant]))
    }
}
