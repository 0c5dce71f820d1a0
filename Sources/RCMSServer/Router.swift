import RCMSConfig

/// HTTP methods the API uses.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}

/// The rule for who may call a route, checked by `AccessControl` before the handler runs.
public enum RouteAccess: Sendable, Hashable {
    /// Anyone, without a token.
    case open
    /// Any valid token, of whichever tenant.
    case signedIn
    /// A token of the tenant named by the path's `{tenant}`, whose user has a role granting
    /// the permission in the tenant's active configuration; `nil` admits every user of the tenant.
    case tenant(Permission?)
}

/// Whether the caller's party limits what a route shows or changes.
public enum PartyScope: Sendable, Hashable {
    /// The party does not matter beyond the permission.
    case any
    /// Records of the caller's own party only (the monitor reads both); the handler checks each
    /// record with `RequestContext.ensureVisible`.
    case own
}

/// One documented response of a route.
public struct RouteResponse: Sendable {
    public var status: Int
    public var description: String
    public var schema: APISchema?

    public init(_ status: Int, _ description: String, _ schema: APISchema? = nil) {
        self.status = status
        self.description = description
        self.schema = schema
    }
}

/// A query parameter, for validation messages and the OpenAPI document.
public struct QueryParameter: Sendable {
    public var name: String
    public var description: String
    public var required: Bool

    public init(_ name: String, _ description: String, required: Bool = false) {
        self.name = name
        self.description = description
        self.required = required
    }
}

/// One API operation: method, path template, access rule, documentation and handler.
public struct Route: Sendable {
    public var method: HTTPMethod
    /// Such as `/api/v1/tenants/{tenant}/users`; `{name}` matches one path segment.
    public var path: String
    /// Unique, such as `listUsers`; the OpenAPI `operationId`.
    public var operationID: String
    public var summary: String
    public var access: RouteAccess
    public var party: PartyScope
    public var query: [QueryParameter]
    public var requestBody: APISchema?
    public var responses: [RouteResponse]
    public var handler: @Sendable (RequestContext) throws -> HTTPResponse

    let segments: [PathSegment]

    public init(
        _ method: HTTPMethod, _ path: String, operationID: String, summary: String, access: RouteAccess,
        party: PartyScope = .any, query: [QueryParameter] = [], requestBody: APISchema? = nil,
        responses: [RouteResponse], handler: @escaping @Sendable (RequestContext) throws -> HTTPResponse
    ) {
        self.method = method
        self.path = path
        self.operationID = operationID
        self.summary = summary
        self.access = access
        self.party = party
        self.query = query
        self.requestBody = requestBody
        self.responses = responses
        self.handler = handler
        self.segments = PathSegment.parse(path)
    }

    /// The names of the path's `{parameters}`, in order.
    public var pathParameters: [String] {
        segments.compactMap { if case .parameter(let name) = $0 { return name } else { return nil } }
    }
}

enum PathSegment: Sendable, Hashable {
    case literal(String)
    case parameter(String)

    static func parse(_ path: String) -> [PathSegment] {
        path.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part.hasPrefix("{") && part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
    }
}

/// Finds the route for a method and path.
public struct Router: Sendable {
    public enum Match {
        case found(Route, parameters: [String: String])
        /// The path exists with other methods.
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    public let routes: [Route]

    /// Fails at start-up, not at request time, when two routes claim the same method and path.
    public init(routes: [Route]) {
        var seen: Set<String> = []
        for route in routes {
            let key =
                "\(route.method.rawValue) \(route.segments.map { if case .literal(let text) = $0 { text } else { "{}" } }.joined(separator: "/"))"
            precondition(seen.insert(key).inserted, "two routes for \(route.method.rawValue) \(route.path)")
        }
        self.routes = routes
    }

    public func match(method: String, path: String) -> Match {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var allowed: [HTTPMethod] = []
        // Literal segments win over parameters, so `/sessions/current` never reads as an id.
        let candidates = routes.compactMap { route -> (Route, [String: String], Int)? in
            guard let (parameters, literals) = Self.bind(route.segments, to: parts) else { return nil }
            return (route, parameters, literals)
        }
        for (route, parameters, _) in candidates.sorted(by: { $0.2 > $1.2 }) {
            if route.method.rawValue == method || (method == "HEAD" && route.method == .get) {
                return .found(route, parameters: parameters)
            }
            allowed.append(route.method)
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }

    private static func bind(_ segments: [PathSegment], to parts: [String]) -> ([String: String], Int)? {
        guard segments.count == parts.count else { return nil }
        var parameters: [String: String] = [:]
        var literals = 0
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text):
                guard text == part else { return nil }
                literals += 1
            case .parameter(let name):
                guard !part.isEmpty else { return nil }
                parameters[name] = part
            }
        }
        return (parameters, literals)
    }
}
