import Foundation
import RCMSConfig
import RCMSCore

/// The tenant configuration for administrators: the active version, validating and
/// publishing a bundle, the list of versions and differences between them.
enum ConfigRoutes {
    /// A submitted bundle: file path (relative to the tenant folder) to YAML text.
    struct Bundle: Codable {
        var files: [String: String]
    }

    struct Version: Codable {
        var hash: String
        var publishedBy: String
        var publishedAt: String
        var files: [String: String]?

        enum CodingKeys: String, CodingKey {
            case hash, files
            case publishedBy = "published_by"
            case publishedAt = "published_at"
        }

        init(_ record: ConfigurationVersionRecord, files: [String: String]? = nil) {
            hash = record.contentHash
            publishedBy = record.publishedBy
            publishedAt = record.publishedAt.description
            self.files = files
        }
    }

    struct Report: Codable {
        var valid: Bool
        var contentHash: String?
        var errors: Int
        var warnings: Int
        var diagnostics: [APIErrorDetail]

        enum CodingKeys: String, CodingKey {
            case valid, errors, warnings, diagnostics
            case contentHash = "content_hash"
        }
    }

    struct Change: Codable {
        var kind: String
        var subject: String
        var detail: String?
    }

    struct Diff: Codable {
        var from: String
        var to: String
        var changes: [Change]
    }

    static let bundleSchema = APISchema.named(
        "ConfigurationBundle", .object(["files": .map(.string)], required: ["files"]))
    static let versionSchema = APISchema.named(
        "ConfigurationVersion",
        .object(
            ["hash": .string, "published_by": .string, "published_at": .string(format: "date-time")],
            required: ["hash", "published_by", "published_at"]))
    static let versionWithFilesSchema = APISchema.named(
        "ConfigurationVersionWithFiles",
        .object(
            [
                "hash": .string, "published_by": .string, "published_at": .string(format: "date-time"),
                "files": .map(.string),
            ], required: ["hash", "published_by", "published_at", "files"]))
    static let reportSchema = APISchema.named(
        "ValidationReport",
        .object(
            [
                "valid": .boolean, "content_hash": .string, "errors": .integer, "warnings": .integer,
                "diagnostics": .array(CommonSchemas.errorDetail),
            ], required: ["valid", "errors", "warnings", "diagnostics"]))
    static let diffSchema = APISchema.named(
        "ConfigurationDiff",
        .object(
            [
                "from": .string, "to": .string,
                "changes": .array(
                    .named(
                        "ConfigurationChange",
                        .object(
                            [
                                "kind": .enumeration(["added", "removed", "changed"]), "subject": .string,
                                "detail": .string,
                            ],
                            required: ["kind", "subject"]))),
            ], required: ["from", "to", "changes"]))

    static func active(_ context: RequestContext) throws -> HTTPResponse {
        let tenant = context.parameter("tenant")
        guard
            let record = try context.environment.storage.read(tenant: tenant, { try $0.currentConfigurationVersion() })
        else { throw APIError.notFound }
        let configuration = try context.environment.versions.version(tenant: tenant, hash: record.contentHash)
        let files = Dictionary(configuration.bundle.files.map { ($0.path, $0.text) }) { first, _ in first }
        return .json(Version(record, files: files))
    }

    static func validate(_ context: RequestContext) throws -> HTTPResponse {
        let result = try load(context)
        return .json(report(result))
    }

    /// Publishes a bundle with no error (warnings allowed) through `ConfigurationVersions`.
    static func publish(_ context: RequestContext) throws -> HTTPResponse {
        let caller = try context.requireCaller()
        let result = try load(context)
        guard let configuration = result.configuration, !result.diagnostics.hasErrors else {
            let report = report(result)
            throw APIError.unprocessable(
                "config.invalid", "the bundle has \(report.errors) error(s); nothing was published",
                details: report.diagnostics)
        }
        let record = try context.environment.versions.publish(configuration, by: caller.actor)
        context.logger.info(
            "configuration published", ["tenant": .string(caller.tenant), "hash": .string(record.contentHash)])
        return .json(Version(record))
    }

    static func versions(_ context: RequestContext) throws -> HTTPResponse {
        let tenant = context.parameter("tenant")
        let records = try context.environment.storage.read(tenant: tenant) { try $0.configurationVersions() }
        return .json(records.map { Version($0) })
    }

    static func diffVersions(_ context: RequestContext) throws -> HTTPResponse {
        let tenant = context.parameter("tenant")
        let fromHash = context.request.query["from"] ?? ""
        let toHash: String
        if let given = context.request.query["to"], !given.isEmpty {
            toHash = given
        } else {
            guard
                let active = try context.environment.storage.read(
                    tenant: tenant, { try $0.currentConfigurationVersion() })
            else { throw APIError.notFound }
            toHash = active.contentHash
        }
        let old = try draft(tenant: tenant, hash: fromHash, context: context)
        let new = try draft(tenant: tenant, hash: toHash, context: context)
        return .json(diff(from: fromHash, to: toHash, old: old, new: new))
    }

    static func diffBundle(_ context: RequestContext) throws -> HTTPResponse {
        let tenant = context.parameter("tenant")
        let submitted = try load(context)
        guard
            let active = try context.environment.storage.read(tenant: tenant, { try $0.currentConfigurationVersion() })
        else { throw APIError.notFound }
        let old = try draft(tenant: tenant, hash: active.contentHash, context: context)
        return .json(diff(from: active.contentHash, to: submitted.bundle.contentHash, old: old, new: submitted.draft))
    }

    /// Loads the request's bundle as the path's tenant; positions name files as `TENANT/PATH`.
    static func load(_ context: RequestContext) throws -> TenantLoadResult {
        let tenant = context.parameter("tenant")
        let body = try context.decode(Bundle.self)
        for path in body.files.keys
        where path.isEmpty || path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            throw APIError.badRequest(
                "config.invalid_path", "file paths are relative to the tenant folder, such as calendars/pk.yaml",
                details: [APIErrorDetail(code: "config.invalid_path", message: "not a relative path", field: "files")])
        }
        let files = body.files.map { TenantBundle.File(path: $0.key, contents: Array($0.value.utf8)) }
        return TenantLoader().load(bundle: TenantBundle(tenantID: tenant, files: files), displayPrefix: tenant)
    }

    static func report(_ result: TenantLoadResult) -> Report {
        Report(
            valid: !result.diagnostics.hasErrors, contentHash: result.configuration?.contentHash,
            errors: result.diagnostics.errorCount, warnings: result.diagnostics.warningCount,
            diagnostics: result.diagnostics.map {
                APIErrorDetail(
                    code: $0.code, message: $0.message, file: $0.mark.file, line: $0.mark.line,
                    column: $0.mark.column, severity: $0.severity.rawValue)
            })
    }

    private static func draft(tenant: String, hash: String, context: RequestContext) throws -> TenantDraft {
        let configuration: TenantConfiguration
        do {
            configuration = try context.environment.versions.version(tenant: tenant, hash: hash)
        } catch is EngineError {
            throw APIError(
                status: 404, code: "config.unknown_version", "no published version with hash '\(hash.prefix(64))'")
        }
        return TenantLoader().load(bundle: configuration.bundle, displayPrefix: "\(tenant)@\(hash.prefix(12))").draft
    }

    private static func diff(from: String, to: String, old: TenantDraft, new: TenantDraft) -> Diff {
        let changes = ConfigDiff.compare(old: old, new: new).map {
            Change(kind: $0.kind.rawValue, subject: $0.subject, detail: $0.detail)
        }
        return Diff(from: from, to: to, changes: changes)
    }
}
