/// `/healthz`, `/readyz` and `/metrics`.
enum HealthRoutes {
    struct Status: Codable {
        var status: String
        var tenants: [String]?
        var database: String?
    }

    static let statusSchema = APISchema.named(
        "Status",
        .object(["status": .string, "tenants": .array(.string), "database": .string], required: ["status"]))

    static func health(_ context: RequestContext) throws -> HTTPResponse {
        .json(Status(status: "ok"))
    }

    /// Ready when every tenant's active configuration can be read from the database.
    static func readiness(_ context: RequestContext) throws -> HTTPResponse {
        let environment = context.environment
        guard !environment.tenantIDs.isEmpty else {
            throw APIError(status: 503, code: "not_ready.no_tenants", "no tenant is loaded")
        }
        var missing: [String] = []
        for tenant in environment.tenantIDs {
            do {
                if try environment.storage.read(tenant: tenant, { try $0.currentConfigurationHash() }) == nil {
                    missing.append(tenant)
                }
            } catch {
                context.logger.warning(
                    "readiness check failed", ["tenant": .string(tenant), "error": errorCode(error)])
                throw APIError(
                    status: 503, code: "not_ready.database",
                    "the database is not reachable; check the database server and the rcms log")
            }
        }
        if !missing.isEmpty {
            throw APIError(
                status: 503, code: "not_ready.configuration",
                "no published configuration for: \(missing.joined(separator: ", "))")
        }
        return .json(Status(status: "ready", tenants: environment.tenantIDs, database: environment.databaseKind))
    }

    static func metrics(_ context: RequestContext) throws -> HTTPResponse {
        .text(context.environment.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}
