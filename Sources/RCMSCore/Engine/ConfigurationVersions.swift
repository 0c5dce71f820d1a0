import Foundation
import RCMSConfig
import Synchronization

/// Published configuration versions of every tenant, loaded from storage and kept in memory by
/// content hash. A case's pinned version is loaded on first use.
public final class ConfigurationVersions: Sendable {
    private let storage: any Storage
    private let cache = Mutex<[String: TenantConfiguration]>([:])

    public init(storage: any Storage) {
        self.storage = storage
    }

    /// Stores a validated configuration as a version (publishing an already stored version
    /// again makes it the newest) and audits it.
    @discardableResult
    public func publish(
        _ configuration: TenantConfiguration, by actor: String, at instant: Instant = .now()
    ) throws
        -> ConfigurationVersionRecord
    {
        let previous = try current(tenant: configuration.id)
        let bundle = try JSONEncoder().encode(configuration.bundle)
        let record = ConfigurationVersionRecord(
            contentHash: configuration.contentHash, bundle: [UInt8](bundle), publishedBy: actor, publishedAt: instant)
        try storage.write(tenant: configuration.id) { transaction in
            try transaction.publishConfigurationVersion(record)
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: actor, action: AuditAction.configurationPublish.rawValue,
                    objectIDs: ["configuration:\(configuration.contentHash)"]),
                in: transaction)
        }
        cache.withLock { $0[configuration.contentHash] = configuration }

        // Corrected holidays (an estimated Eid date announced, say) move the running deadlines
        // they fall within; each moved due date is audited.
        if let previous, previous.contentHash != configuration.contentHash,
            Self.calendarsDiffer(previous, configuration)
        {
            try CaseEngine(storage: storage, versions: self).applyCalendarCorrection(
                tenant: configuration.id, from: previous, to: configuration, at: instant)
        }
        return record
    }

    static func calendarsDiffer(_ old: TenantConfiguration, _ new: TenantConfiguration) -> Bool {
        func summary(_ configuration: TenantConfiguration) -> String {
            configuration.calendars.keys.sorted().map { id -> String in
                let calendar = configuration.calendars[id]!
                let weekend = calendar.weekend.map { "\($0.from.value):\($0.days.map(\.value.rawValue))" }
                let holidays = (calendar.holidays ?? []).map { $0.date.value.description }.sorted()
                let extra = (calendar.extraWorkingDays ?? []).map { $0.value.description }.sorted()
                return "\(id)|\(weekend)|\(holidays)|\(extra)"
            }.joined(separator: ";")
        }
        return summary(old) != summary(new)
    }

    /// The newest published version of a tenant.
    public func current(tenant: String) throws -> TenantConfiguration? {
        // Only the hash is read on each call; the files are decoded once per version.
        guard let hash = try storage.read(tenant: tenant, { try $0.currentConfigurationHash() }) else {
            return nil
        }
        return try version(tenant: tenant, hash: hash)
    }

    /// The version with this content hash.
    public func version(tenant: String, hash: String) throws -> TenantConfiguration {
        if let cached = cache.withLock({ $0[hash] }) { return cached }
        guard let record = try storage.read(tenant: tenant, { try $0.configurationVersion(hash: hash) }) else {
            throw EngineError.configurationVersionNotFound(hash: hash)
        }
        return try configuration(tenant: tenant, record: record)
    }

    private func configuration(tenant: String, record: ConfigurationVersionRecord) throws -> TenantConfiguration {
        if let cached = cache.withLock({ $0[record.contentHash] }) { return cached }
        let bundle = try JSONDecoder().decode(TenantBundle.self, from: Data(record.bundle))
        let result = TenantLoader().load(bundle: bundle, displayPrefix: "\(tenant)@\(record.contentHash.prefix(12))")
        guard let configuration = result.configuration else {
            throw EngineError.storedConfigurationInvalid(
                hash: record.contentHash, errors: result.diagnostics.errorCount)
        }
        cache.withLock { $0[record.contentHash] = configuration }
        return configuration
    }
}
