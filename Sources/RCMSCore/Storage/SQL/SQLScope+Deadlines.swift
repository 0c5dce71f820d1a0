import RCMSConfig

/// Deadlines, safeguard attestations and holds.
extension SQLScope {
    // MARK: Deadlines

    private static let deadlineColumns =
        "id, case_id, transition_id, party, due_date, unit, status, expiry_action_done, started_at, amount, extended_by"

    private func deadline(_ row: SQLRow) throws -> DeadlineRecord {
        guard let unit = DeadlineRecord.Unit(rawValue: try row.string(5)),
            let status = DeadlineRecord.Status(rawValue: try row.string(6))
        else { throw StorageError.corrupt("deadlines.unit or deadlines.status contains an unknown value") }
        return DeadlineRecord(
            id: try row.int64(0), caseID: try row.int64(1), transitionID: try row.string(2), party: try row.string(3),
            dueDate: try row.civilDate(4), unit: unit, status: status, expiryActionDone: try row.bool(7),
            startedAt: try row.instant(8), amount: try row.int64(9), extendedBy: try row.int64(10))
    }

    public func deadlines(caseID: Int64) throws -> [DeadlineRecord] {
        try rows(
            "SELECT \(Self.deadlineColumns) FROM deadlines WHERE tenant_id = ?1 AND case_id = ?2 ORDER BY due_date, id",
            [.integer(caseID)]
        ).map(deadline)
    }

    public func runningDeadlines(dueBefore date: CivilDate, limit: Int) throws -> [DeadlineRecord] {
        try rows(
            """
            SELECT \(Self.deadlineColumns) FROM deadlines
            WHERE tenant_id = ?1 AND status IN ('open', 'extended') AND due_date < ?2
            ORDER BY due_date, id LIMIT ?3
            """,
            [.text(date.description), .integer(Int64(max(0, limit)))]
        ).map(deadline)
    }

    public func insertDeadline(_ record: DeadlineRecord) throws {
        try run(
            """
            INSERT INTO deadlines (tenant_id, \(Self.deadlineColumns))
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """,
            [
                .integer(record.id), .integer(record.caseID), .text(record.transitionID), .text(record.party),
                .text(record.dueDate.description), .text(record.unit.rawValue), .text(record.status.rawValue),
                .bool(record.expiryActionDone), .instant(record.startedAt), .integer(record.amount),
                .integer(record.extendedBy),
            ])
    }

    public func updateDeadline(_ record: DeadlineRecord) throws {
        let changed = try run(
            """
            UPDATE deadlines SET due_date = ?3, status = ?4, expiry_action_done = ?5, extended_by = ?6
            WHERE tenant_id = ?1 AND id = ?2
            """,
            [
                .integer(record.id), .text(record.dueDate.description), .text(record.status.rawValue),
                .bool(record.expiryActionDone), .integer(record.extendedBy),
            ])
        guard changed == 1 else { throw StorageError.notFound(kind: "deadline", id: String(record.id)) }
    }

    // MARK: Safeguard attestations

    public func attestations(caseID: Int64) throws -> [SafeguardAttestationRecord] {
        try rows(
            """
            SELECT case_id, safeguard_id, attested_by, evidence_reference, attested_at FROM safeguard_attestations
            WHERE tenant_id = ?1 AND case_id = ?2 ORDER BY attested_at, safeguard_id
            """,
            [.integer(caseID)]
        ).map { row in
            SafeguardAttestationRecord(
                caseID: try row.int64(0), safeguardID: try row.string(1), attestedBy: try row.int64(2),
                evidenceReference: try row.string(3), attestedAt: try row.instant(4))
        }
    }

    public func insertAttestation(_ record: SafeguardAttestationRecord) throws {
        try run(
            """
            INSERT INTO safeguard_attestations (tenant_id, case_id, safeguard_id, attested_by, evidence_reference,
                attested_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """,
            [
                .integer(record.caseID), .text(record.safeguardID), .integer(record.attestedBy),
                .text(record.evidenceReference), .instant(record.attestedAt),
            ])
    }

    // MARK: Holds

    public func holds(caseID: Int64) throws -> [HoldRecord] {
        try rows(
            """
            SELECT id, case_id, placed_by, reason, placed_at, lifted_by, lift_reason, lifted_at FROM holds
            WHERE tenant_id = ?1 AND case_id = ?2 ORDER BY placed_at, id
            """,
            [.integer(caseID)]
        ).map { row in
            var lift: HoldRecord.Lift?
            if let liftedBy = try row.optionalInt64(5) {
                lift = HoldRecord.Lift(liftedBy: liftedBy, reason: try row.string(6), liftedAt: try row.instant(7))
            }
            return HoldRecord(
                id: try row.int64(0), caseID: try row.int64(1), placedBy: try row.int64(2), reason: try row.string(3),
                placedAt: try row.instant(4), lift: lift)
        }
    }

    public func insertHold(_ record: HoldRecord) throws {
        try run(
            """
            INSERT INTO holds (tenant_id, id, case_id, placed_by, reason, placed_at, lifted_by, lift_reason, lifted_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """,
            [
                .integer(record.id), .integer(record.caseID), .integer(record.placedBy), .text(record.reason),
                .instant(record.placedAt), .integer(record.lift?.liftedBy), .text(record.lift?.reason),
                .instant(record.lift?.liftedAt),
            ])
    }

    public func liftHold(id: Int64, _ lift: HoldRecord.Lift) throws {
        let changed = try run(
            """
            UPDATE holds SET lifted_by = ?3, lift_reason = ?4, lifted_at = ?5
            WHERE tenant_id = ?1 AND id = ?2 AND lifted_at IS NULL
            """,
            [.integer(id), .integer(lift.liftedBy), .text(lift.reason), .instant(lift.liftedAt)])
        guard changed == 1 else { throw StorageError.notFound(kind: "hold in force", id: String(id)) }
    }
}

/// Retention planning reads every case of a tenant, so its facts come in one query per page.
extension SQLScope {
    private static let candidateColumns = """
        c.id, c.created_at, c.closed_at, c.transferred_at,
            (SELECT count(*) FROM holds h WHERE h.tenant_id = c.tenant_id AND h.case_id = c.id
                AND h.lifted_by IS NULL),
            (SELECT count(*) FROM safeguard_attestations a WHERE a.tenant_id = c.tenant_id AND a.case_id = c.id
                AND a.safeguard_id = ?2)
        """

    private func candidate(_ row: SQLRow) throws -> RetentionCandidate {
        RetentionCandidate(
            caseID: try row.int64(0), createdAt: try row.instant(1), closedAt: try row.optionalInstant(2),
            transferredAt: try row.optionalInstant(3), holdsInForce: Int(try row.int64(4)),
            suspensiveRemedyCleared: try row.int64(5) > 0)
    }

    public func retentionCandidates(
        remedySafeguard: String, after cursor: CaseQuery.Cursor?, limit: Int
    ) throws -> [(candidate: RetentionCandidate, cursor: CaseQuery.Cursor)] {
        var sql = "SELECT \(Self.candidateColumns) FROM cases c WHERE c.tenant_id = ?1"
        var parameters: [SQLValue] = [.text(remedySafeguard)]
        if let cursor {
            sql += " AND (c.created_at > ?3 OR (c.created_at = ?3 AND c.id > ?4))"
            parameters += [.instant(cursor.createdAt), .integer(cursor.id)]
        }
        sql += " ORDER BY c.created_at, c.id LIMIT \(max(0, limit))"
        return try rows(sql, parameters).map { row in
            let candidate = try candidate(row)
            return (candidate, CaseQuery.Cursor(createdAt: candidate.createdAt, id: candidate.caseID))
        }
    }

    public func retentionCandidate(caseID: Int64, remedySafeguard: String) throws -> RetentionCandidate? {
        try rows(
            "SELECT \(Self.candidateColumns) FROM cases c WHERE c.tenant_id = ?1 AND c.id = ?3",
            [.text(remedySafeguard), .integer(caseID)]
        ).first.map(candidate)
    }

    public func pendingPurge(caseID: Int64) throws -> PurgeReport {
        let notes = [
            ("interviews", "place"), ("holds", "reason"), ("holds", "lift_reason"),
            ("safeguard_attestations", "evidence_reference"),
        ].map { table, column in
            "(SELECT count(*) FROM \(table) WHERE tenant_id = ?1 AND case_id = ?2 AND \(column) <> ?4)"
        }
        guard
            let row = try rows(
                """
                SELECT
                    (SELECT count(*) FROM persons WHERE tenant_id = ?1 AND case_id = ?2
                        AND NOT (surname = ?3 AND given_names = '' AND birth_year IS NULL)),
                    (SELECT count(*) FROM person_search_keys WHERE tenant_id = ?1 AND case_id = ?2),
                    (SELECT count(*) FROM document_fields WHERE tenant_id = ?1
                        AND document_id IN (SELECT id FROM documents WHERE tenant_id = ?1 AND case_id = ?2)),
                    (SELECT count(*) FROM attachments WHERE tenant_id = ?1 AND case_id = ?2),
                    (SELECT count(*) FROM messages WHERE tenant_id = ?1 AND case_id = ?2),
                    \(notes.joined(separator: " + "))
                """,
                [.integer(caseID), .text(RetentionExecutor.placeholderSurname), .text(PurgeReport.notePlaceholder)]
            ).first
        else { return PurgeReport() }
        return PurgeReport(
            persons: try row.int64(0), searchKeys: try row.int64(1), fieldValues: try row.int64(2),
            attachments: try row.int64(3), messages: try row.int64(4), notes: try row.int64(5))
    }
}
