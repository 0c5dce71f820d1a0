import Foundation
import RCMSCore
import RCMSCrypto

/// The API behind the HTTP transport: routes every request through access control to its
/// handler, turns errors into JSON, and logs and counts each request.
public final class APIServer: Sendable {
    public let environment: APIEnvironment
    public let router: Router

    /// - Parameter routes: the route table, normally `RouteTable.all`; tests may add routes.
    public init(environment: APIEnvironment, routes: [Route] = RouteTable.all) {
        self.environment = environment
        self.router = Router(routes: routes)
    }

    /// Starts an HTTP server that serves this API.
    public func listen(options: HTTPServerOptions) throws -> HTTPServer {
        try HTTPServer(options: options) { [self] request in respond(to: request) }
    }

    /// Returns the response to one request. It never throws: every failure becomes a JSON error.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = ContinuousClock.now
        let requestID = secureRandomBytes(8).hexString
        let logger = environment.logger.with(["request_id": .string(requestID)])
        var template = "unmatched"
        var tenant: String?

        var response: HTTPResponse
        if let rejection = request.rejection {
            response = Self.error(for: rejection).response
        } else {
            switch router.match(method: request.method, path: request.path) {
            case .notFound:
                response = APIError.notFound.response
            case .methodNotAllowed(let allowed):
                let names = allowed.map(\.rawValue).joined(separator: ", ")
                response = APIError(status: 405, code: "request.method_not_allowed", "this path takes \(names)")
                    .response.adding(header: "Allow", names)
            case .found(let route, let parameters):
                template = route.path
                tenant = parameters["tenant"]
                response = run(route, request: request, parameters: parameters, requestID: requestID, logger: logger)
            }
        }

        let elapsed = (ContinuousClock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        environment.metrics.observeRequest(
            method: request.method, route: template, status: response.status, seconds: seconds)
        var fields: [String: LogValue] = [
            "method": .string(request.method), "route": .string(template), "status": .int(response.status),
            "duration_ms": .double(seconds * 1000),
        ]
        if let tenant { fields["tenant"] = .string(tenant) }
        logger.info("request", fields)
        if request.method == "HEAD" {
            response.body = []
            response.stream = nil
        }
        return response.adding(header: "X-Request-Id", requestID)
    }

    private func run(
        _ route: Route, request: HTTPRequest, parameters: [String: String], requestID: String, logger: Logger
    ) -> HTTPResponse {
        do {
            let caller = try AccessControl(environment: environment).authorize(
                route: route, request: request, parameters: parameters, logger: logger)
            var requestLogger = logger
            if let caller { requestLogger = logger.with(["user": .int(Int(caller.userID))]) }
            let context = RequestContext(
                request: request, route: route, routes: router.routes, parameters: parameters, requestID: requestID,
                caller: caller,
                environment: environment, logger: requestLogger)
            for parameter in route.query where parameter.required && request.query[parameter.name] == nil {
                throw APIError.badRequest(
                    "request.missing_query", "query parameter '\(parameter.name)' is required")
            }
            return try route.handler(context)
        } catch let error as APIError {
            if error.status >= 500 {
                logger.error("request failed", ["route": .string(route.path), "error": .string(error.code)])
            }
            return error.response
        } catch let error as StorageError {
            if let mapped = APIError.from(error) {
                if mapped.status >= 500 { logger.error("request failed", ["error": .string(error.code)]) }
                return mapped.response
            }
            // StorageError descriptions name tables and ids only, so they may be logged.
            logger.error(
                "request failed",
                ["route": .string(route.path), "error": .string(error.code), "detail": .string(error.description)])
            return Self.internalError(requestID)
        } catch {
            logger.error("request failed", ["route": .string(route.path), "error": errorCode(error)])
            return Self.internalError(requestID)
        }
    }

    static func internalError(_ requestID: String) -> HTTPResponse {
        APIError(
            status: 500, code: "internal",
            "the server could not complete the request; quote request id \(requestID) to the operator"
        ).response
    }

    static func error(for rejection: HTTPRejection) -> APIError {
        switch rejection {
        case .payloadTooLarge(let limit):
            return APIError(
                status: 413, code: "request.too_large", "the request body is larger than \(limit) bytes")
        case .malformed(let reason):
            return APIError.badRequest("request.malformed", reason)
        }
    }
}
