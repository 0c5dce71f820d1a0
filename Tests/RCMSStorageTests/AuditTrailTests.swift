import Dispatch
import RCMSCore
import RCMSCrypto
import RCMSTestSupport
import Testing

@Suite("Audit trail")
struct AuditTrailTests {
    /// Seals an entry for tests: BLAKE2b over the previous hash and the sequence, enough to check links.
    static func seal(_ draft: AuditDraft, _ sequence: Int64, _ previous: String) -> String {
        Blake2b.hexDigest("\(previous)|\(sequence)|\(draft.action)|\(draft.objectIDs.joined(separator: ","))")
    }

    @Test(
        "concurrent appends give each tenant 1...n with no gap and an unbroken chain", arguments: TestDatabases.backends
    )
    func sequencesWithoutGaps(backend: TestBackend) throws {
        let tenants = [StorageFixtures.tenantA, StorageFixtures.tenantB]
        let perWriter = 15
        try TestDatabases.with(backend) { storage in
            // Four writers, two per tenant, each appending a bounded number of entries.
            DispatchQueue.concurrentPerform(iterations: 4) { writer in
                let tenant = tenants[writer % 2]
                for index in 0..<perWriter {
                    let draft = AuditDraft(
                        at: StorageFixtures.baseInstant.adding(seconds: Int64(index)), actor: "writer-\(writer)",
                        action: "case.view", objectIDs: ["case:\(writer)-\(index)"], fieldNames: ["state"],
                        digests: [Blake2b.hexDigest("\(index)")])
                    _ = try? storage.write(tenant: tenant) { transaction throws in
                        try transaction.appendAudit(draft) { sequence, previous in Self.seal(draft, sequence, previous)
                        }
                    }
                }
            }

            for tenant in tenants {
                let entries = try storage.read(tenant: tenant) { try $0.auditEntries(sequences: 1...1_000) }
                #expect(entries.map(\.sequence) == Array(1...Int64(2 * perWriter)))
                var previous = ""
                for entry in entries {
                    #expect(entry.previousHash == previous)
                    let draft = AuditDraft(
                        at: entry.at, actor: entry.actor, action: entry.action, objectIDs: entry.objectIDs,
                        fieldNames: entry.fieldNames, digests: entry.digests)
                    #expect(entry.entryHash == Self.seal(draft, entry.sequence, previous))
                    previous = entry.entryHash
                }
                #expect(try storage.read(tenant: tenant) { try $0.lastAuditEntry() } == entries.last)
            }
        }
    }

    @Test("audit entries read back by sequence and by time range", arguments: TestDatabases.backends)
    func rangeReads(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let tenant = StorageFixtures.tenantA
            // Written with different UTC offsets; stored as the same instants.
            let stamps = [
                "2026-03-01T10:00:00Z", "2026-03-01T15:30:00.000001+05:30", "2026-03-01T05:00:00.5-05:00",
                "2026-03-01T11:00:00+01:00", "2026-03-01T12:00:00Z",
            ].map { Instant(iso8601: $0)! }
            try storage.write(tenant: tenant) { transaction throws in
                for (index, at) in stamps.enumerated() {
                    try transaction.appendAudit(AuditDraft(at: at, actor: "1", action: "a\(index)")) { sequence, _ in
                        "h\(sequence)"
                    }
                }
            }
            try storage.read(tenant: tenant) { reader throws in
                #expect(try reader.auditEntries(sequences: 2...3).map(\.action) == ["a1", "a2"])
                // 10:00:00Z (incl.) to 10:00:00.500001Z (excl.): a0 and a3 (both 10:00:00Z), a1, a2.
                let from = Instant(iso8601: "2026-03-01T11:00:00+01:00")!
                let to = Instant(iso8601: "2026-03-01T10:00:00.500001Z")!
                #expect(try reader.auditEntries(recordedIn: from..<to).map(\.action) == ["a0", "a1", "a2", "a3"])
                #expect(try reader.auditEntries(recordedIn: stamps[1]..<stamps[4]).map(\.action) == ["a1", "a2"])
            }
        }
    }

    @Test("audit entries cannot be changed or deleted through SQL", arguments: TestDatabases.backends)
    func appendOnly(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            try storage.write(tenant: StorageFixtures.tenantA) { transaction throws in
                try transaction.appendAudit(AuditDraft(at: StorageFixtures.baseInstant, actor: "1", action: "x")) {
                    _, _ in
                    "h1"
                }
            }
            #expect(throws: StorageError.self) {
                try TestDatabases.executeMaintenanceSQL("UPDATE audit_entries SET actor = 'mallory'", on: storage)
            }
            #expect(throws: StorageError.self) {
                try TestDatabases.executeMaintenanceSQL("DELETE FROM audit_entries", on: storage)
            }
            let entry = try storage.read(tenant: StorageFixtures.tenantA) { try $0.lastAuditEntry() }
            #expect(entry?.actor == "1")

            // A superuser can still bypass the trigger; only the hash chain reveals that.
            let bypass =
                backend == .postgres
                ? "BEGIN; SET LOCAL session_replication_role = replica; UPDATE audit_entries SET actor = 'mallory'; COMMIT;"
                : "DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET actor = 'mallory';"
            try TestDatabases.executeMaintenanceSQL(bypass, on: storage)
            let tampered = try storage.read(tenant: StorageFixtures.tenantA) { try $0.lastAuditEntry() }
            #expect(tampered?.actor == "mallory")
            #expect(tampered?.entryHash == "h1")
        }
    }
}
