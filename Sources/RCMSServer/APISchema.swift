/// The shape of a JSON request or response body, as the OpenAPI document shows it.
///
/// A `named` schema appears once under `components/schemas` and is referenced elsewhere, so a
/// route declares its body types in place and the document collects them.
public indirect enum APISchema: Sendable, Hashable {
    case string(format: String?)
    case integer
    case boolean
    case enumeration([String])
    case array(APISchema)
    /// An object whose keys are free, such as file path to file text.
    case map(APISchema)
    /// An object with these properties; `required` lists the ones always present.
    case object([String: APISchema], required: [String])
    case named(String, APISchema)

    public static let string = APISchema.string(format: nil)

    /// The schema as OpenAPI 3.1 JSON; named schemas become `$ref`s.
    var json: JSONValue {
        switch self {
        case .string(let format):
            if let format { return ["type": "string", "format": .string(format)] }
            return ["type": "string"]
        case .integer: return ["type": "integer", "format": "int64"]
        case .boolean: return ["type": "boolean"]
        case .enumeration(let values): return ["type": "string", "enum": .array(values.map { .string($0) })]
        case .array(let items): return ["type": "array", "items": items.json]
        case .map(let values): return ["type": "object", "additionalProperties": values.json]
        case .object(let properties, let required):
            var members: [String: JSONValue] = [
                "type": "object", "properties": .object(properties.mapValues(\.json)),
            ]
            if !required.isEmpty { members["required"] = .array(required.sorted().map { .string($0) }) }
            return .object(members)
        case .named(let name, _): return ["$ref": .string("#/components/schemas/\(name)")]
        }
    }

    /// Every named schema reachable from this one, by name.
    var namedSchemas: [String: APISchema] {
        var found: [String: APISchema] = [:]
        collect(into: &found)
        return found
    }

    private func collect(into found: inout [String: APISchema]) {
        switch self {
        case .string, .integer, .boolean, .enumeration: return
        case .array(let items), .map(let items): items.collect(into: &found)
        case .object(let properties, _):
            for property in properties.values { property.collect(into: &found) }
        case .named(let name, let schema):
            guard found[name] == nil else { return }
            found[name] = schema
            schema.collect(into: &found)
        }
    }
}

/// Schemas shared by several routes.
public enum CommonSchemas {
    public static let errorDetail = APISchema.named(
        "ErrorDetail",
        .object(
            [
                "code": .string, "message": .string, "field": .string, "file": .string, "line": .integer,
                "column": .integer, "severity": .enumeration(["error", "warning"]),
            ], required: ["code", "message"]))

    public static let error = APISchema.named(
        "Error",
        .object(
            [
                "error": .object(
                    ["code": .string, "message": .string, "details": .array(errorDetail)],
                    required: ["code", "message", "details"])
            ], required: ["error"]))
}
