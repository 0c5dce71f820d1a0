import RCMSConfig
import RCMSCore

/// Small builders for storage tests: a published configuration and cases pinned to it.
public enum StorageFixtures {
    public static let tenantA = "de-pk"
    public static let tenantB = "be-pk"
    public static let configurationHash = String(repeating: "ab", count: 32)
    /// 2026-03-01T10:00:00Z.
    public static let baseInstant = Instant(microsecondsSinceEpoch: 1_772_359_200_000_000)

    /// Publishes the fixture configuration version for the transaction's tenant.
    public static func publishVersion(_ transaction: any StorageTransaction) throws {
        try transaction.publishConfigurationVersion(
            ConfigurationVersionRecord(
                contentHash: configurationHash, bundle: Array("{\"files\":[]}".utf8), publishedBy: "admin",
                publishedAt: baseInstant))
    }

    /// Returns a case in `state`, created `offsetSeconds` after the base instant.
    public static func makeCase(
        id: Int64 = RecordID.random(), state: String = "submitted", offsetSeconds: Int64 = 0
    )
        -> CaseRecord
    {
        CaseRecord(
            id: id, configurationHash: configurationHash, state: state,
            createdAt: baseInstant.adding(seconds: offsetSeconds))
    }

    /// Publishes the version and inserts `count` cases; returns them in creation order.
    @discardableResult
    public static func seedCases(
        _ storage: any Storage, tenant: String, count: Int, state: String = "submitted"
    )
        throws -> [CaseRecord]
    {
        try storage.write(tenant: tenant) { transaction in
            try publishVersion(transaction)
            var cases: [CaseRecord] = []
            for index in 0..<count {
                let record = makeCase(state: state, offsetSeconds: Int64(index))
                try transaction.insertCase(record)
                cases.append(record)
            }
            return cases
        }
    }
}
