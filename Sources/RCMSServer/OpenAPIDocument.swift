/// The OpenAPI 3.1 document, generated from the route table so the two cannot drift apart.
public enum OpenAPIDocument {
    /// Builds the document for `routes` as a JSON value.
    public static func make(routes: [Route]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        var schemas: [String: APISchema] = [:]
        for route in routes {
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation(route)
            for schema in [route.requestBody].compactMap({ $0 }) + route.responses.compactMap(\.schema) {
                schemas.merge(schema.namedSchemas) { first, _ in first }
            }
        }
        schemas.merge(CommonSchemas.error.namedSchemas) { first, _ in first }

        return [
            "openapi": "3.1.0",
            "info": [
                "title": "RCMSKit readmission case management API", "version": "1",
                "description": .string(
                    "Every error is {\"error\": {\"code\", \"message\", \"details\"}}. Routes under /api/v1/tenants/{tenant} answer 404 to callers of another tenant or party."
                ),
            ],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "schemas": .object(schemas.mapValues(\.json)),
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            ],
        ]
    }

    private static func operation(_ route: Route) -> JSONValue {
        var members: [String: JSONValue] = [
            "operationId": .string(route.operationID), "summary": .string(route.summary),
        ]
        var parameters: [JSONValue] = route.pathParameters.map { name in
            ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string"]]
        }
        parameters += route.query.map { parameter in
            [
                "name": .string(parameter.name), "in": "query", "required": .bool(parameter.required),
                "description": .string(parameter.description), "schema": ["type": "string"],
            ]
        }
        if !parameters.isEmpty { members["parameters"] = .array(parameters) }
        if let body = route.requestBody {
            members["requestBody"] = [
                "required": true, "content": ["application/json": ["schema": body.json]],
            ]
        }

        var responses: [String: JSONValue] = [:]
        for response in route.responses {
            var entry: [String: JSONValue] = ["description": .string(response.description)]
            if let schema = response.schema { entry["content"] = ["application/json": ["schema": schema.json]] }
            responses[String(response.status)] = .object(entry)
        }
        if route.access != .open {
            responses["401"] = responses["401"] ?? errorResponse("No valid bearer token")
            members["security"] = [["bearer": []]]
        }
        if route.path.contains("{") { responses["404"] = errorResponse("Not found, or not visible to the caller") }
        if route.requestBody != nil {
            responses["400"] = errorResponse("The body is not the expected JSON")
            responses["413"] = errorResponse("The body is too large")
        }
        members["responses"] = .object(responses)

        var extensions: [String: JSONValue] = [:]
        if case .tenant(let permission?) = route.access {
            extensions["x-rcms-permission"] = .string(permission.rawValue)
        }
        if route.party == .own { extensions["x-rcms-party-scoped"] = true }
        members.merge(extensions) { first, _ in first }
        return .object(members)
    }

    private static func errorResponse(_ description: String) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": CommonSchemas.error.json]]]
    }

    static func serve(_ context: RequestContext) throws -> HTTPResponse {
        .json(make(routes: context.routes))
    }
}
