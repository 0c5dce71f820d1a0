import RCMSConfig

/// Interviews and further particulars of persons.
extension SQLScope {
    public func interviews(caseID: Int64) throws -> [InterviewRecord] {
        try rows(
            """
            SELECT id, case_id, scheduled_at, place, interpreter_language, scheduled_by FROM interviews
            WHERE tenant_id = ?1 AND case_id = ?2 ORDER BY scheduled_at, id
            """,
            [.integer(caseID)]
        ).map { row in
            InterviewRecord(
                id: try row.int64(0), caseID: try row.int64(1), scheduledAt: try row.instant(2),
                place: try row.string(3), interpreterLanguage: try row.string(4), scheduledBy: try row.int64(5))
        }
    }

    public func insertInterview(_ record: InterviewRecord) throws {
        try run(
            """
            INSERT INTO interviews (tenant_id, id, case_id, scheduled_at, place, interpreter_language, scheduled_by)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """,
            [
                .integer(record.id), .integer(record.caseID), .instant(record.scheduledAt), .text(record.place),
                .text(record.interpreterLanguage), .integer(record.scheduledBy),
            ])
    }

    public func particulars(personID: Int64) throws -> [String: String] {
        var values: [String: String] = [:]
        for row in try rows(
            "SELECT field_id, value FROM person_particulars WHERE tenant_id = ?1 AND person_id = ?2",
            [.integer(personID)])
        {
            values[try row.string(0)] = try row.string(1)
        }
        return values
    }

    public func setParticular(personID: Int64, fieldID: String, value: String) throws {
        try run(
            "DELETE FROM person_particulars WHERE tenant_id = ?1 AND person_id = ?2 AND field_id = ?3",
            [.integer(personID), .text(fieldID)])
        guard !value.isEmpty else { return }
        try run(
            "INSERT INTO person_particulars (tenant_id, person_id, field_id, value) VALUES (?1, ?2, ?3, ?4)",
            [.integer(personID), .text(fieldID), .text(value)])
    }
}

/// Counts for operational gauges.
extension SQLScope {
    public func countOpenCases() throws -> Int64 {
        try rows("SELECT count(*) FROM cases WHERE tenant_id = ?1 AND closed_at IS NULL").first?.int64(0) ?? 0
    }

    public func countRunningDeadlines(dueBefore date: CivilDate) throws -> Int64 {
        try rows(
            """
            SELECT count(*) FROM deadlines
            WHERE tenant_id = ?1 AND status IN ('open', 'extended') AND due_date < ?2
            """,
            [.text(date.description)]
        ).first?.int64(0) ?? 0
    }
}

/// Exact search key lookup for duplicate detection, read from the key index.
extension SQLScope {
    public func openCaseIDs(
        withSearchKeys keys: [String], bornCompatibleWith dateOfBirth: PartialDate?, excluding: Int64, limit: Int
    ) throws -> [Int64] {
        guard !keys.isEmpty else { return [] }
        let placeholders = keys.indices.map { "?\($0 + 6)" }.joined(separator: ", ")
        // Partial dates overlap when every part both of them know is equal. Neither ORDER BY
        // nor DISTINCT: either makes SQLite walk the tenant in case order instead of reading
        // the key index, and without them the scan stops at `limit` rows.
        var seen = Set<Int64>()
        return try rows(
            """
            SELECT k.case_id FROM person_search_keys k
            JOIN persons p ON p.tenant_id = k.tenant_id AND p.id = k.person_id
            JOIN cases c ON c.tenant_id = k.tenant_id AND c.id = k.case_id
            WHERE k.tenant_id = ?1 AND k.search_key IN (\(placeholders)) AND k.case_id <> ?2
                AND c.closed_at IS NULL
                AND (CAST(?3 AS INTEGER) IS NULL OR p.birth_year IS NULL OR (p.birth_year = CAST(?3 AS INTEGER)
                    AND (CAST(?4 AS INTEGER) IS NULL OR p.birth_month IS NULL OR (p.birth_month = CAST(?4 AS INTEGER)
                        AND (CAST(?5 AS INTEGER) IS NULL OR p.birth_day IS NULL OR p.birth_day = CAST(?5 AS INTEGER))))))
            LIMIT \(max(0, limit))
            """,
            [
                .integer(excluding), Self.optionalInteger(dateOfBirth?.year),
                Self.optionalInteger(dateOfBirth?.month), Self.optionalInteger(dateOfBirth?.day),
            ] + keys.map { .text($0) }
        ).map { try $0.int64(0) }.filter { seen.insert($0).inserted }
    }

    private static func optionalInteger(_ value: Int?) -> SQLValue {
        value.map { .integer(Int64($0)) } ?? .null
    }
}
