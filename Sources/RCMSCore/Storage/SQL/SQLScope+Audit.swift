/// The audit trail and purging of personal rows.
extension SQLScope {
    private static let auditColumns =
        "sequence, at, actor, action, object_ids, field_names, digests, previous_hash, entry_hash"

    private func auditEntry(_ row: SQLRow) throws -> AuditEntry {
        AuditEntry(
            sequence: try row.int64(0), at: try row.instant(1), actor: try row.string(2), action: try row.string(3),
            objectIDs: try decodeList(try row.string(4)), fieldNames: try decodeList(try row.string(5)),
            digests: try decodeList(try row.string(6)), previousHash: try row.string(7), entryHash: try row.string(8))
    }

    public func lastAuditEntry() throws -> AuditEntry? {
        try rows(
            "SELECT \(Self.auditColumns) FROM audit_entries WHERE tenant_id = ?1 ORDER BY sequence DESC LIMIT 1"
        ).first.map(auditEntry)
    }

    public func auditEntries(sequences: ClosedRange<Int64>) throws -> [AuditEntry] {
        try rows(
            """
            SELECT \(Self.auditColumns) FROM audit_entries WHERE tenant_id = ?1 AND sequence >= ?2 AND sequence <= ?3
            ORDER BY sequence
            """,
            [.integer(sequences.lowerBound), .integer(sequences.upperBound)]
        ).map(auditEntry)
    }

    public func auditEntries(recordedIn range: Range<Instant>) throws -> [AuditEntry] {
        try rows(
            """
            SELECT \(Self.auditColumns) FROM audit_entries WHERE tenant_id = ?1 AND at >= ?2 AND at < ?3
            ORDER BY sequence
            """,
            [.instant(range.lowerBound), .instant(range.upperBound)]
        ).map(auditEntry)
    }

    @discardableResult
    public func appendAudit(
        _ draft: AuditDraft, seal: (_ sequence: Int64, _ previousHash: String) throws -> String
    ) throws -> AuditEntry {
        // The head row contains the tenant's last sequence and hash. One statement creates it
        // when missing and reads it. Its no-op update locks an existing row on PostgreSQL until
        // commit, and on SQLite the transaction already has the write lock. Concurrent appends
        // therefore take turns: sequences have no gaps or duplicates, and each entry links to
        // the one before.
        guard
            let head = try rows(
                """
                INSERT INTO audit_heads (tenant_id, last_sequence, last_hash) VALUES (?1, 0, '')
                ON CONFLICT (tenant_id) DO UPDATE SET last_sequence = audit_heads.last_sequence
                RETURNING last_sequence, last_hash
                """
            ).first
        else { throw StorageError.corrupt("the audit head row could not be read") }
        let sequence = try head.int64(0) + 1
        let previousHash = try head.string(1)
        let entry = draft.entry(
            sequence: sequence, previousHash: previousHash, entryHash: try seal(sequence, previousHash))

        // Bound exactly as given, without the NFC step of `run`: the chain hashes these bytes
        // and verification must read back what was sealed.
        try connection.execute(
            "INSERT INTO audit_entries (tenant_id, \(Self.auditColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            [
                .text(tenant), .integer(entry.sequence), .instant(entry.at), .text(entry.actor), .text(entry.action),
                .text(try encodeList(entry.objectIDs)), .text(try encodeList(entry.fieldNames)),
                .text(try encodeList(entry.digests)), .text(entry.previousHash), .text(entry.entryHash),
            ])
        try run(
            "UPDATE audit_heads SET last_sequence = ?2, last_hash = ?3 WHERE tenant_id = ?1",
            [.integer(entry.sequence), .text(entry.entryHash)])
        return entry
    }

    @discardableResult
    public func purgePersonalData(caseID: Int64, scope: PurgeScope) throws -> PurgeReport {
        var report = PurgeReport()
        let id = SQLValue.integer(caseID)
        if scope.contains(.persons) {
            try run(
                """
                DELETE FROM person_particulars WHERE tenant_id = ?1
                    AND person_id IN (SELECT id FROM persons WHERE tenant_id = ?1 AND case_id = ?2)
                """, [id])
            // The grams go first, found from the keys they were cut from.
            var keysByPerson: [Int64: [String]] = [:]
            for row in try rows(
                "SELECT person_id, search_key FROM person_search_keys WHERE tenant_id = ?1 AND case_id = ?2", [id])
            {
                keysByPerson[try row.int64(0), default: []].append(try row.string(1))
            }
            for (personID, keys) in keysByPerson {
                try deleteSearchGrams(keys: keys, personID: personID, caseID: caseID)
            }
            report.searchKeys = try run(
                "DELETE FROM person_search_keys WHERE tenant_id = ?1 AND case_id = ?2", [id])
            report.persons = try run("DELETE FROM persons WHERE tenant_id = ?1 AND case_id = ?2", [id])
            // An issued travel document's signed payload carries names and the date of birth.
            // Only its digest is kept, which still lets a presented document be verified.
            for row in try rows(
                "SELECT id, payload FROM travel_documents WHERE tenant_id = ?1 AND case_id = ?2", [id])
            {
                let payload = try row.string(1)
                guard !payload.hasPrefix(TravelDocumentPayloadDigest.prefix) else { continue }
                try run(
                    "UPDATE travel_documents SET payload = ?3 WHERE tenant_id = ?1 AND id = ?2",
                    [.integer(try row.int64(0)), .text(TravelDocumentPayloadDigest.of(payload))])
            }
        }
        if scope.contains(.fieldValues) {
            report.fieldValues = try run(
                """
                DELETE FROM document_fields WHERE tenant_id = ?1
                AND document_id IN (SELECT id FROM documents WHERE tenant_id = ?1 AND case_id = ?2)
                """,
                [id])
        }
        if scope.contains(.attachments) {
            report.attachments = try run("DELETE FROM attachments WHERE tenant_id = ?1 AND case_id = ?2", [id])
        } else if scope.contains(.biometricAttachments) {
            report.attachments = try run(
                "DELETE FROM attachments WHERE tenant_id = ?1 AND case_id = ?2 AND biometric = ?3", [id, .bool(true)])
        }
        if scope.contains(.messages) {
            report.messages = try run("DELETE FROM messages WHERE tenant_id = ?1 AND case_id = ?2", [id])
        }
        if scope.contains(.notes) {
            let placeholder = SQLValue.text(PurgeReport.notePlaceholder)
            for (table, column) in [
                ("interviews", "place"), ("holds", "reason"), ("holds", "lift_reason"),
                ("safeguard_attestations", "evidence_reference"),
            ] {
                report.notes += try run(
                    """
                    UPDATE \(table) SET \(column) = ?3
                    WHERE tenant_id = ?1 AND case_id = ?2 AND \(column) IS NOT NULL AND \(column) <> ?3
                    """, [id, placeholder])
            }
        }
        return report
    }
}
