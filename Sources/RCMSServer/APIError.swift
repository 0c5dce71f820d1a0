import RCMSCore

/// One item of an error's `details`: a field, or a position in a configuration file.
public struct APIErrorDetail: Sendable, Hashable, Codable {
    public var code: String
    public var message: String
    /// The request field concerned, such as `roles[1]`.
    public var field: String?
    public var file: String?
    /// 1-based line and column in `file`.
    public var line: Int?
    public var column: Int?
    /// `error` or `warning`, for configuration diagnostics.
    public var severity: String?

    public init(
        code: String, message: String, field: String? = nil, file: String? = nil, line: Int? = nil,
        column: Int? = nil, severity: String? = nil
    ) {
        self.code = code
        self.message = message
        self.field = field
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
    }
}

/// An error a route responds with: HTTP status, a stable code, a message a person can act on,
/// and details.
///
/// Messages name ids, fields and rules only, never personal values, because they are shown to
/// clients and written to logs.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    /// Stable, dotted where it helps, such as `auth.unauthenticated`.
    public var code: String
    public var message: String
    public var details: [APIErrorDetail]

    public init(status: Int, code: String, _ message: String, details: [APIErrorDetail] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(status) \(code): \(message)" }

    /// The JSON body: `{"error": {"code", "message", "details"}}`.
    public var response: HTTPResponse {
        .json(ErrorBody(error: .init(code: code, message: message, details: details)), status: status)
    }

    /// The same response for "does not exist" and "exists but is not yours", so that a refusal
    /// tells a caller nothing about other tenants or the other party.
    public static let notFound = APIError(
        status: 404, code: "not_found", "no such resource, or it is not visible to you")

    public static let unauthenticated = APIError(
        status: 401, code: "auth.unauthenticated",
        "sign in first: send 'Authorization: Bearer TOKEN' with a token from POST /api/v1/tenants/{tenant}/sessions")

    public static func badRequest(_ code: String, _ message: String, details: [APIErrorDetail] = []) -> APIError {
        APIError(status: 400, code: code, message, details: details)
    }

    public static func unprocessable(_ code: String, _ message: String, details: [APIErrorDetail] = []) -> APIError {
        APIError(status: 422, code: code, message, details: details)
    }

    /// Maps a storage failure to a response; descriptions of `StorageError` hold no personal data.
    static func from(_ error: StorageError) -> APIError? {
        switch error {
        case .busy:
            return APIError(status: 503, code: error.code, "the database is busy; retry shortly")
        case .staleVersion:
            return APIError(status: 409, code: error.code, error.description)
        case .notFound:
            return .notFound
        case .duplicate:
            return APIError(status: 409, code: error.code, error.description)
        default:
            return nil
        }
    }
}

/// The envelope every error is sent in.
struct ErrorBody: Codable {
    struct Inner: Codable {
        var code: String
        var message: String
        var details: [APIErrorDetail]
    }

    var error: Inner
}
