import Foundation
import RCMSConfig

/// The storage operations of one tenant inside one transaction, written once in SQL that both
/// backends run.
///
/// Every statement names `tenant_id = ?` with the scope's tenant as its first parameter, so no
/// operation can reach another tenant's rows. Backends create a scope inside a transaction they
/// opened and must not use it after committing or rolling back.
public final class SQLScope: StorageTransaction {
    public let tenant: String
    let connection: any SQLConnection

    public init(connection: any SQLConnection, tenant: String) {
        self.connection = connection
        self.tenant = tenant
    }

    var dialect: SQLDialect { connection.dialect }

    /// Runs a statement; `?1` is the tenant, `?2`, `?3`, ... are `parameters` in order.
    @discardableResult
    func run(_ sql: String, _ parameters: [SQLValue] = []) throws -> Int64 {
        try connection.execute(sql, ([.text(tenant)] + parameters).map(\.bindable))
    }

    /// Runs a query; `?1` is the tenant, `?2`, `?3`, ... are `parameters` in order.
    func rows(_ sql: String, _ parameters: [SQLValue] = []) throws -> [SQLRow] {
        try connection.query(sql, ([.text(tenant)] + parameters).map(\.bindable))
    }

    // MARK: Configuration versions

    private static let versionColumns = "content_hash, bundle, published_by, published_at"

    private func version(_ row: SQLRow) throws -> ConfigurationVersionRecord {
        ConfigurationVersionRecord(
            contentHash: try row.string(0), bundle: try row.bytes(1), publishedBy: try row.string(2),
            publishedAt: try row.instant(3))
    }

    public func configurationVersion(hash: String) throws -> ConfigurationVersionRecord? {
        try rows(
            "SELECT \(Self.versionColumns) FROM configuration_versions WHERE tenant_id = ?1 AND content_hash = ?2",
            [.text(hash)]
        ).first.map(version)
    }

    public func configurationVersions() throws -> [ConfigurationVersionRecord] {
        try rows(
            "SELECT \(Self.versionColumns) FROM configuration_versions WHERE tenant_id = ?1 ORDER BY published_at, content_hash"
        ).map(version)
    }

    public func currentConfigurationHash() throws -> String? {
        try rows(
            """
            SELECT content_hash FROM configuration_versions WHERE tenant_id = ?1
            ORDER BY published_at DESC, content_hash DESC LIMIT 1
            """
        ).first?.string(0)
    }

    public func currentConfigurationVersion() throws -> ConfigurationVersionRecord? {
        try rows(
            """
            SELECT \(Self.versionColumns) FROM configuration_versions WHERE tenant_id = ?1
            ORDER BY published_at DESC, content_hash DESC LIMIT 1
            """
        ).first.map(version)
    }

    public func publishConfigurationVersion(_ record: ConfigurationVersionRecord) throws {
        try run(
            """
            INSERT INTO configuration_versions (tenant_id, content_hash, bundle, published_by, published_at)
            VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (tenant_id, content_hash)
            DO UPDATE SET published_by = excluded.published_by, published_at = excluded.published_at
            """,
            [.text(record.contentHash), .blob(record.bundle), .text(record.publishedBy), .instant(record.publishedAt)])
    }

    // MARK: Cases

    private static let caseColumns =
        "c.id, c.configuration_hash, c.state, c.version, c.voluntary_return, c.created_at, c.updated_at, c.closed_at, c.transferred_at"

    private func caseRecord(_ row: SQLRow) throws -> CaseRecord {
        CaseRecord(
            id: try row.int64(0), configurationHash: try row.string(1), state: try row.string(2),
            version: try row.int64(3), voluntaryReturn: try row.bool(4), createdAt: try row.instant(5),
            updatedAt: try row.instant(6), closedAt: try row.optionalInstant(7),
            transferredAt: try row.optionalInstant(8))
    }

    public func fetchCase(_ id: Int64) throws -> CaseRecord? {
        try rows("SELECT \(Self.caseColumns) FROM cases c WHERE c.tenant_id = ?1 AND c.id = ?2", [.integer(id)])
            .first.map(caseRecord)
    }

    public func listCases(_ query: CaseQuery) throws -> [CaseRecord] {
        var parameters: [SQLValue] = []
        /// Appends a parameter and returns its placeholder; `?1` is the tenant.
        func bind(_ value: SQLValue) -> String {
            parameters.append(value)
            return "?\(parameters.count + 1)"
        }
        var from = "cases c"
        var sql = ""

        if let states = query.states {
            if states.isEmpty { return [] }
            sql += " AND c.state IN (\(states.map { bind(.text($0)) }.joined(separator: ", ")))"
        }
        // A filter that few cases pass drives the query: its cases are read first, then
        // sorted. A filter that many pass is tested case by case in creation order instead,
        // which finds a page of matches early.
        var driver: String?
        if let date = query.overdueAsOf {
            let overdue = "d.status IN ('open', 'extended') AND d.due_date < \(bind(.text(date.description)))"
            let count =
                try rows(
                    """
                    SELECT count(*) FROM (SELECT 1 FROM deadlines d WHERE d.tenant_id = ?1
                    AND d.status IN ('open', 'extended') AND d.due_date < ?2 LIMIT \(Self.rareFilterLimit)) AS capped
                    """, [.text(date.description)]
                ).first?.int64(0) ?? 0
            if count == 0 { return [] }
            if count < Int64(Self.rareFilterLimit) {
                // `+ 0`: a bare column lets SQLite serve DISTINCT from the case index and read
                // every deadline of the tenant.
                driver =
                    "SELECT DISTINCT d.case_id + 0 AS case_id FROM deadlines d WHERE d.tenant_id = ?1 AND \(overdue)"
            } else {
                sql += """
                     AND EXISTS (SELECT 1 FROM deadlines d WHERE d.tenant_id = c.tenant_id AND d.case_id = c.id
                     AND \(overdue))
                    """
            }
        }
        if let name = query.name {
            let (text, prefix): (String, Bool)
            switch name {
            case .prefix(let value): (text, prefix) = (value, true)
            case .contains(let value): (text, prefix) = (value, false)
            }
            let keys = NameFolding.queryKeys(text)
            if keys.isEmpty { return [] }
            // Plain substring positions, the same in both backends: no collation, no LIKE.
            let test = prefix ? " = 1" : " > 0"
            let matches = keys.map { dialect.position(of: bind(.text($0)), in: "k.search_key") + test }
            switch try nameCandidates(keys) {
            case .noMatch:
                return []
            case .grams(let grams):
                let holders = """
                    SELECT DISTINCT g.case_id FROM person_search_grams g WHERE g.tenant_id = ?1
                    AND g.gram IN (\(grams.map { bind(.text($0)) }.joined(separator: ", ")))
                    """
                if driver == nil {
                    driver = holders
                } else {
                    sql += " AND c.id IN (\(holders))"
                }
            case .everyCase:
                break
            }
            sql += """
                 AND EXISTS (SELECT 1 FROM person_search_keys k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id
                 AND (\(matches.joined(separator: " OR "))))
                """
        }
        if let driver {
            // With `c.id IN (...)` SQLite walks every case in creation order and probes the
            // list. CROSS JOIN fixes the order in SQLite; PostgreSQL plans it as a plain join.
            from = "(\(driver)) AS hits CROSS JOIN cases c"
            sql += " AND c.id = hits.case_id"
        }
        if let after = query.after {
            let instant = bind(.instant(after.createdAt))
            sql +=
                " AND (c.created_at > \(instant) OR (c.created_at = \(instant) AND c.id > \(bind(.integer(after.id)))))"
        }
        sql += " ORDER BY c.created_at, c.id LIMIT \(bind(.integer(Int64(max(0, min(query.limit, 1000))))))"
        return try rows("SELECT \(Self.caseColumns) FROM \(from) WHERE c.tenant_id = ?1" + sql, parameters).map(
            caseRecord)
    }

    /// The cases a name query tests key by key.
    enum NameCandidates {
        /// No case can match: some gram of every query key is in no key of the tenant.
        case noMatch
        /// The cases holding one of these grams, the rarest of each query key.
        case grams([String])
        /// Every case in creation order: a query key is shorter than a gram, or each of its
        /// grams is common, so matches come early in the scan.
        // NOTE: a query whose grams are each common, but which few names contain as a whole,
        // still scans the tenant. Intersecting postings would need counts kept per gram.
        case everyCase
    }

    /// Rows read per gram, or of overdue deadlines, to judge whether a filter is rare.
    static let rareFilterLimit = 1000

    /// Picks the cases a name query tests. Each gram's postings are counted up to
    /// `rareFilterLimit`, so this costs a few thousand index entries at most.
    func nameCandidates(_ keys: [String]) throws -> NameCandidates {
        let gramsByKey = keys.map { NameFolding.grams($0) }
        if gramsByKey.contains(where: \.isEmpty) { return .everyCase }
        // One statement counts every gram, since on PostgreSQL each statement is a round trip.
        let all = gramsByKey.reduce(into: Set<String>()) { $0.formUnion($1) }.sorted()
        let values = all.indices.map { "(CAST(?\($0 + 2) AS TEXT))" }.joined(separator: ", ")
        var counts: [String: Int64] = [:]
        for row in try rows(
            """
            SELECT q.column1, (SELECT count(*) FROM (SELECT 1 FROM person_search_grams g
                WHERE g.tenant_id = ?1 AND g.gram = q.column1 LIMIT \(Self.rareFilterLimit)) AS capped)
            FROM (VALUES \(values)) AS q
            """, all.map { .text($0) })
        {
            counts[try row.string(0)] = try row.int64(1)
        }
        var chosen: [String] = []
        for grams in gramsByKey {
            guard let rarest = grams.map({ ($0, counts[$0] ?? 0) }).min(by: { $0.1 < $1.1 }) else { continue }
            if rarest.1 == 0 { continue }  // this key matches nothing
            if rarest.1 >= Int64(Self.rareFilterLimit) { return .everyCase }
            chosen.append(rarest.0)
        }
        return chosen.isEmpty ? .noMatch : .grams(chosen.sorted())
    }

    public func insertCase(_ record: CaseRecord) throws {
        try run(
            """
            INSERT INTO cases (tenant_id, id, configuration_hash, state, version, voluntary_return, created_at,
                updated_at, closed_at, transferred_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """,
            [
                .integer(record.id), .text(record.configurationHash), .text(record.state), .integer(record.version),
                .bool(record.voluntaryReturn), .instant(record.createdAt), .instant(record.updatedAt),
                .instant(record.closedAt), .instant(record.transferredAt),
            ])
    }

    @discardableResult
    public func updateCase(_ record: CaseRecord, expectedVersion: Int64) throws -> CaseRecord {
        // Compare-and-set in one statement: a concurrent writer either committed first (the
        // version no longer matches) or holds the row lock, and this statement then re-reads
        // the committed row and matches nothing. Never a lost update.
        let changed = try run(
            """
            UPDATE cases SET configuration_hash = ?2, state = ?3, version = version + 1, voluntary_return = ?4,
                updated_at = ?5, closed_at = ?6, transferred_at = ?7
            WHERE tenant_id = ?1 AND id = ?8 AND version = ?9
            """,
            [
                .text(record.configurationHash), .text(record.state), .bool(record.voluntaryReturn),
                .instant(record.updatedAt), .instant(record.closedAt), .instant(record.transferredAt),
                .integer(record.id), .integer(expectedVersion),
            ])
        guard changed == 1 else {
            guard let current = try fetchCase(record.id) else {
                throw StorageError.notFound(kind: "case", id: String(record.id))
            }
            throw StorageError.staleVersion(caseID: record.id, expected: expectedVersion, actual: current.version)
        }
        var updated = record
        updated.version = expectedVersion + 1
        return updated
    }
}
