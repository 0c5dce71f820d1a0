import Foundation
import RCMSConfig
import RCMSCore

/// The one place that decides whether a request may reach its handler.
///
/// Order: tenant from the path, then token, then user, then the user's roles in that tenant's
/// active configuration, then the route's permission. A caller who is refused for anything
/// other than a missing or invalid token gets the same `404` as for a path that does not
/// exist, and the refusal is appended to the path tenant's audit trail (ids only). Nothing
/// else is written.
struct AccessControl {
    let environment: APIEnvironment

    /// Returns the caller of a request for `route`, `nil` for open routes, or throws the
    /// `APIError` to respond with.
    func authorize(
        route: Route, request: HTTPRequest, parameters: [String: String], logger: Logger
    ) throws
        -> Caller?
    {
        let pathTenant = parameters["tenant"]
        if let pathTenant, !environment.serves(tenant: pathTenant) { throw APIError.notFound }
        if route.access == .open { return nil }

        // Token: shape, then its tenant, then the stored hash, expiry and user.
        guard let token = Self.bearerToken(request), let tokenTenant = SessionTokens.tenant(of: token),
            environment.serves(tenant: tokenTenant)
        else { throw APIError.unauthenticated }
        let hash = SessionTokens.hash(token)
        let now = Instant.now()
        // One read transaction returns the token, its user and the hash of the active configuration.
        // The token is looked up on every request, so a revoked or expired token is refused at once.
        let found = try environment.storage.read(tenant: tokenTenant) {
            reader -> (user: UserRecord, configurationHash: String?)? in
            guard let stored = try reader.fetchToken(hash: hash), stored.expiresAt > now,
                let user = try reader.fetchUser(stored.userID)
            else { return nil }
            return (user, try reader.currentConfigurationHash())
        }
        guard let (user, configurationHash) = found, let party = PartySide(rawValue: user.party) else {
            throw APIError.unauthenticated
        }

        // Tenant: a token works in its own tenant only.
        if let pathTenant, pathTenant != tokenTenant {
            recordRefusal(
                tenant: pathTenant, actor: "user:\(user.id)@\(tokenTenant)", route: route, reason: "other_tenant",
                objectIDs: [], logger: logger)
            throw APIError.notFound
        }

        // Roles: only roles of the user's own party count, as the configuration defines them now.
        let configuration = try configurationHash.map {
            try environment.versions.version(tenant: tokenTenant, hash: $0)
        }
        let roles = user.roleIDs.compactMap { configuration?.role($0) }.filter { $0.party.value == party }
        let permissions = Set(roles.flatMap { $0.permissions.map(\.value) })
        let caller = Caller(
            tenant: tokenTenant, userID: user.id, party: party, roleIDs: roles.map(\.id.value),
            permissions: permissions, tokenHash: hash)

        if case .tenant(let needed?) = route.access, !permissions.contains(needed) {
            recordRefusal(
                tenant: tokenTenant, actor: caller.actor, route: route, reason: "missing_permission",
                objectIDs: ["permission:\(needed.rawValue)"], logger: logger)
            throw APIError.notFound
        }
        return caller
    }

    /// Appends an `access.refused` entry to `tenant`'s audit trail; a failure to write it is
    /// logged and does not change the response.
    func recordRefusal(
        tenant: String, actor: String, route: Route, reason: String, objectIDs: [String], logger: Logger
    ) {
        let draft = AuditDraft(
            at: .now(), actor: actor, action: Self.refusedAction,
            objectIDs: ["route:\(route.operationID)", "reason:\(reason)"] + objectIDs)
        do {
            try environment.storage.write(tenant: tenant) { try AuditRecorder.append(draft, in: $0) }
        } catch {
            logger.error(
                "audit append for a refused request failed", ["tenant": .string(tenant), "error": errorCode(error)])
        }
        logger.info("access refused", ["tenant": .string(tenant), "reason": .string(reason)])
    }

    /// The audit action of a refused request.
    static let refusedAction = AuditAction.accessRefused.rawValue

    /// Returns the token of an `Authorization: Bearer TOKEN` header.
    static func bearerToken(_ request: HTTPRequest) -> String? {
        guard let header = request.header("authorization") else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        // A token that starts and ends with a printable ASCII character has no whitespace to
        // trim. Foundation's trimming showed in profiles, so it runs only for other tokens.
        if let first = parts[1].utf8.first, let last = parts[1].utf8.last, isPrintableASCII(first),
            isPrintableASCII(last)
        {
            return String(parts[1])
        }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}

/// Returns a code for an error that is safe to log: the stable code when there is one, else the type.
func errorCode(_ error: any Error) -> LogValue {
    switch error {
    case let storage as StorageError: return .string(storage.code)
    case let api as APIError: return .string(api.code)
    default: return .string(String(describing: type(of: error)))
    }
}
