import RCMSConfig
import RCMSCore
import RCMSCrypto

/// Users of a tenant, for callers with `user.manage`, limited to the caller's own party.
enum UserRoutes {
    /// A user as the API shows it: never the password hash.
    struct User: Codable {
        var id: String
        var login: String
        var party: String
        var roles: [String]

        init(_ record: UserRecord) {
            id = String(record.id)
            login = record.loginName
            party = record.party
            roles = record.roleIDs
        }
    }

    struct NewUser: Codable {
        var login: String
        var password: String
        var party: String
        var roles: [String]
    }

    /// Ids are strings in JSON because they use all 63 bits, more than a JavaScript number holds.
    static let userSchema = APISchema.named(
        "User",
        .object(
            [
                "id": .string, "login": .string, "party": .enumeration(PartySide.allCases.map(\.rawValue)),
                "roles": .array(.string),
            ], required: ["id", "login", "party", "roles"]))
    static let createSchema = APISchema.named(
        "NewUser",
        .object(
            [
                "login": .string, "password": .string(format: "password"),
                "party": .enumeration(PartySide.allCases.map(\.rawValue)), "roles": .array(.string),
            ], required: ["login", "password", "party", "roles"]))

    static func list(_ context: RequestContext) throws -> HTTPResponse {
        let caller = try context.requireCaller()
        let users = try context.environment.storage.read(tenant: caller.tenant) { try $0.users() }
        let visible = users.filter { caller.party == .monitor || $0.party == caller.party.rawValue }
        return .json(visible.sorted { $0.loginName < $1.loginName }.map(User.init))
    }

    static func show(_ context: RequestContext) throws -> HTTPResponse {
        let caller = try context.requireCaller()
        guard let id = Int64(context.parameter("user")),
            let user = try context.environment.storage.read(tenant: caller.tenant, { try $0.fetchUser(id) }),
            let owner = PartySide(rawValue: user.party)
        else { throw APIError.notFound }
        try context.ensureVisible(owner: owner, objectID: "user:\(id)")
        return .json(User(user))
    }

    static func create(_ context: RequestContext) throws -> HTTPResponse {
        let caller = try context.requireCaller()
        let body = try context.decode(NewUser.self)
        guard let party = PartySide(rawValue: body.party) else {
            throw APIError.unprocessable(
                "user.invalid_party",
                "party must be one of: \(PartySide.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        // Each party manages its own users; the other party's side is not visible at all,
        // and the monitor reads but creates no one else's accounts.
        guard caller.party == party else {
            throw context.refuse(reason: "other_party", objectIDs: ["party:\(party.rawValue)"])
        }

        guard let configuration = try context.environment.activeConfiguration(tenant: caller.tenant) else {
            throw APIError(status: 503, code: "not_ready.configuration", "the tenant has no published configuration")
        }
        let problems = UserRules.problems(
            login: body.login, password: body.password, party: party, roles: body.roles, configuration: configuration)
        if !problems.isEmpty {
            throw APIError.unprocessable("user.invalid", "the user cannot be created as given", details: problems)
        }

        let record = UserRecord(
            id: RecordID.random(), party: party.rawValue, roleIDs: body.roles, loginName: body.login,
            passwordHash: try PasswordHash.hash(body.password))
        try context.environment.storage.write(tenant: caller.tenant) { transaction in
            if try transaction.fetchUser(loginName: body.login) != nil {
                throw APIError(status: 409, code: "user.login_taken", "the login is already in use in this tenant")
            }
            try transaction.insertUser(record)
            try AuditRecorder.append(
                AuditDraft(
                    at: .now(), actor: caller.actor, action: "user.create", objectIDs: ["user:\(record.id)"],
                    fieldNames: ["login_name", "party", "role_ids", "password_hash"]),
                in: transaction)
        }
        return .json(User(record), status: 201)
    }
}

/// The rules a new user must meet, shared by the API and `rcms user add`.
public enum UserRules {
    /// Shortest password accepted, in characters.
    public static let minimumPasswordLength = 12

    /// Returns every problem with a new user at once, each naming its field.
    public static func problems(
        login: String, password: String, party: PartySide, roles: [String], configuration: TenantConfiguration
    ) -> [APIErrorDetail] {
        var problems: [APIErrorDetail] = []
        if login.isEmpty || login.count > 64 || login.contains(where: { $0.isWhitespace || $0.isNewline }) {
            problems.append(
                APIErrorDetail(
                    code: "user.invalid_login", message: "login must be 1 to 64 characters without spaces",
                    field: "login"))
        }
        if password.count < UserRules.minimumPasswordLength {
            problems.append(
                APIErrorDetail(
                    code: "user.weak_password",
                    message: "password must have at least \(UserRules.minimumPasswordLength) characters",
                    field: "password"))
        }
        if roles.isEmpty {
            problems.append(
                APIErrorDetail(code: "user.no_role", message: "give the user at least one role", field: "roles"))
        }
        let known = configuration.roles.filter { $0.party.value == party }.map(\.id.value)
        for (index, roleID) in roles.enumerated() {
            guard let role = configuration.role(roleID) else {
                problems.append(
                    APIErrorDetail(
                        code: "user.unknown_role",
                        message:
                            "no role '\(roleID)' in the tenant; roles of party \(party.rawValue): \(known.joined(separator: ", "))",
                        field: "roles[\(index)]"))
                continue
            }
            if role.party.value != party {
                problems.append(
                    APIErrorDetail(
                        code: "user.role_of_other_party",
                        message:
                            "role '\(roleID)' belongs to party \(role.party.value.rawValue), not \(party.rawValue)",
                        field: "roles[\(index)]"))
            }
        }
        return problems
    }
}
