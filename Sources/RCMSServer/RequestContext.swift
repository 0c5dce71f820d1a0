import Foundation
import RCMSConfig
import RCMSCore

/// Everything a handler receives: the request, its path parameters, the caller and the
/// environment.
public struct RequestContext: Sendable {
    public let request: HTTPRequest
    public let route: Route
    /// Every route the server serves, for the OpenAPI document.
    public let routes: [Route]
    public let parameters: [String: String]
    /// 16 lower-case hex digits, also sent as `X-Request-Id` and written on every log line.
    public let requestID: String
    /// `nil` on open routes.
    public let caller: Caller?
    public let environment: APIEnvironment
    /// A logger carrying the request id.
    public let logger: Logger

    /// Returns the path parameter `name`, which the route template guarantees is present.
    public func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// Returns the caller of a route that is not open.
    public func requireCaller() throws -> Caller {
        guard let caller else { throw APIError.unauthenticated }
        return caller
    }

    /// Decodes the JSON body, or throws `400` naming the field that did not fit.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let contentType = request.header("content-type"), !contentType.lowercased().contains("json") {
            throw APIError(status: 415, code: "request.unsupported_media_type", "send the body as application/json")
        }
        do {
            return try JSONCoding.decoder.decode(type, from: Data(request.body))
        } catch let error as DecodingError {
            throw APIError.badRequest("request.invalid_json", Self.describe(error))
        } catch {
            throw APIError.badRequest("request.invalid_json", "the body is not JSON")
        }
    }

    /// Names the place in the body that failed, never the value found there.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the body" : String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(path(context.codingPath + [key]))'"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' must be \(type)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "the body is not valid JSON" : "field '\(path(context.codingPath))' is malformed"
        @unknown default:
            return "the body does not match the expected shape"
        }
    }

    /// Checks that the caller's party may see a record of `owner`; otherwise audits the
    /// refusal and throws `404`, exactly as for a record that does not exist.
    ///
    /// - Parameters:
    ///   - owner: the party the record belongs to.
    ///   - shared: whether the record is shared with the other party (a document type's
    ///     `shared_with_other_party`).
    ///   - objectID: the record's id for the audit trail, such as `user:81`.
    public func ensureVisible(owner: PartySide, shared: Bool = false, objectID: String) throws {
        let caller = try requireCaller()
        if route.party == .any || caller.party == .monitor || caller.party == owner || shared { return }
        throw refuse(reason: "other_party", objectIDs: [objectID])
    }

    /// Audits a refusal in the caller's tenant and returns the `404` to throw.
    ///
    /// - Parameter reason: a short code such as `other_party`, stored in the audit entry.
    public func refuse(reason: String, objectIDs: [String]) -> APIError {
        if let caller {
            AccessControl(environment: environment).recordRefusal(
                tenant: caller.tenant, actor: caller.actor, route: route, reason: reason, objectIDs: objectIDs,
                logger: logger)
        }
        return .notFound
    }

    /// Returns the tenant language that best fits the request's `Accept-Language`.
    public func language(for configuration: TenantConfiguration) -> String {
        LanguageNegotiation.best(
            acceptLanguage: request.header("accept-language"), supported: configuration.languages.codes,
            default: configuration.languages.default.value)
    }
}
