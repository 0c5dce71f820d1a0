import Foundation
import RCMSConfig
import RCMSCore
import RCMSSQLite
import RCMSTestSupport
import Testing

/// SQLite plans a query when it first prepares it, and a new database has no statistics, so a
/// query that reads well can still walk every row of a tenant. These tests run each storage
/// call once on a fresh file and read the plan SQLite chose for every statement it prepared.
@Suite("SQLite query plans")
struct QueryPlanTests {
    let tenant = StorageFixtures.tenantA

    /// Tables with a handful of rows per tenant, where reading them all costs nothing.
    static let smallTables: Set<String> = [
        "configuration_versions", "users", "audit_heads", "document_series", "schema_migrations",
    ]

    /// Statements that read a tenant's rows in order on purpose: the statement's fragment, the
    /// one table (or alias) it may read widely, and the reason. Any other table in the same
    /// statement must still be read narrowly.
    static let tenantWideStatements: [(fragment: String, table: String, reason: String)] = [
        ("FROM cases c", "c", "case lists page through the tenant in creation order, stopping at the page size"),
        ("count(*) FROM cases", "cases", "the open-case gauge counts the tenant's open cases"),
        ("FROM messages WHERE tenant_id = ?1 AND sent_at", "messages", "a time range, read by the time index"),
        ("FROM audit_entries", "audit_entries", "audit reads go by sequence or time ranges of one tenant"),
        ("FROM tokens WHERE tenant_id = ?1 AND expires_at", "tokens", "expired tokens are swept tenant by tenant"),
        ("FROM tokens WHERE tenant_id = ?1 AND user_id", "tokens", "tokens of one user, a rare operation"),
        ("AS capped", "capped", "gram postings or overdue deadlines, counted up to a fixed limit"),
        ("AS q", "q", "the grams of the query itself, as a VALUES list"),
        ("AS hits", "hits", "cases holding a rare gram, or the few overdue ones, under the rare-filter limit"),
    ]

    /// Runs every reader call, and the writes a purge makes, against a few cases.
    private func exercise(_ storage: SQLiteStorage) throws {
        let cases = try StorageFixtures.seedCases(storage, tenant: tenant, count: 3)
        let caseID = cases[0].id
        try storage.write(tenant: tenant) { transaction in
            try transaction.insertPerson(
                PersonRecord(id: 1, caseID: caseID, surname: "Rahman", givenNames: "Karim"))
            try transaction.setParticular(personID: 1, fieldID: "father_name", value: "Abdul")
            try transaction.insertDocument(
                DocumentRecord(
                    id: 2, caseID: caseID, documentTypeID: "passport",
                    fields: [.init(fieldID: "number", value: "P1", shared: true)]))
        }
        let today = CivilDate(year: 2026, month: 6, day: 1)!
        try storage.read(tenant: tenant) { reader in
            _ = try reader.fetchCase(caseID)
            _ = try reader.countOpenCases()
            _ = try reader.countRunningDeadlines(dueBefore: today)
            _ = try reader.listCases(CaseQuery(limit: 10))
            _ = try reader.listCases(CaseQuery(states: ["submitted"], limit: 10))
            _ = try reader.listCases(CaseQuery(overdueAsOf: today, limit: 10))
            _ = try reader.listCases(CaseQuery(name: .prefix("rah"), limit: 10))
            _ = try reader.listCases(CaseQuery(name: .contains("ahma"), limit: 10))
            _ = try reader.listCases(CaseQuery(name: .contains("ra"), limit: 10))
            _ = try reader.persons(caseID: caseID)
            _ = try reader.openCaseIDs(
                withSearchKeys: ["karim rahman", "rahman karim"], bornCompatibleWith: PartialDate(year: 1980),
                excluding: 0, limit: 200)
            _ = try reader.particulars(personID: 1)
            _ = try reader.interviews(caseID: caseID)
            _ = try reader.fetchDocument(2)
            _ = try reader.documents(caseID: caseID)
            _ = try reader.fetchAttachment(3)
            _ = try reader.attachments(caseID: caseID)
            _ = try reader.messages(caseID: caseID)
            _ = try reader.deadlines(caseID: caseID)
            _ = try reader.runningDeadlines(dueBefore: today, limit: 10)
            _ = try reader.attestations(caseID: caseID)
            _ = try reader.holds(caseID: caseID)
            _ = try reader.pendingPurge(caseID: caseID)
            _ = try reader.retentionCandidate(caseID: caseID, remedySafeguard: "no_suspensive_remedy")
            _ = try reader.retentionCandidates(remedySafeguard: "no_suspensive_remedy", after: nil, limit: 10)
        }
        try storage.write(tenant: tenant) { transaction in
            _ = try transaction.purgePersonalData(caseID: caseID, scope: .all)
        }
    }

    /// Returns the plan lines that read more of a tenant than the statement needs.
    static func wideSteps(in plan: [String]) -> [String] {
        plan.filter { line in
            let words = line.split(separator: " ")
            guard words.count >= 2 else { return false }
            let table = String(words[1])
            if smallTables.contains(table) { return false }
            if words[0] == "SCAN" { return !line.contains("CONSTANT ROW") }
            // An index search constrained by the tenant alone reads every row of the tenant.
            return words[0] == "SEARCH" && line.hasSuffix("(tenant_id=?)")
        }
    }

    @Test("no statement reads a whole tenant unless it is listed with its reason")
    func plansStayNarrow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rcms-plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try SQLiteStorage(path: folder.appendingPathComponent("plans.sqlite").path)
        defer { storage.close() }
        _ = try storage.migrate()
        try exercise(storage)

        let plans = try storage.queryPlans()
        #expect(plans.count > 20, "the exercise should prepare most statements")
        var offenders: [String] = []
        for (sql, plan) in plans {
            let allowed = Set(Self.tenantWideStatements.filter { sql.contains($0.fragment) }.map(\.table))
            let wide = Self.wideSteps(in: plan).filter { step in
                !allowed.contains(String(step.split(separator: " ")[1]))
            }
            guard !wide.isEmpty else { continue }
            let statement = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .joined(separator: " ")
            offenders.append("\(statement)\n    -> \(wide.joined(separator: "; "))")
        }
        #expect(offenders.isEmpty, "statements that read a whole tenant:\n\(offenders.joined(separator: "\n"))")
    }
}
