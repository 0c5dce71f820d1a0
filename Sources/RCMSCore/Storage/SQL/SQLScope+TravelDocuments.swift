import RCMSConfig

/// Issued travel documents and their number series.
extension SQLScope: TravelDocumentWriter {
    private static let travelDocumentColumns = """
        id, case_id, number, template_id, issued_by, valid_from, valid_until, status, status_reason, payload,
        key_id, issued_at, status_changed_at
        """

    private func travelDocument(_ row: SQLRow) throws -> TravelDocumentRecord {
        guard let status = TravelDocumentRecord.Status(rawValue: try row.string(7)) else {
            throw StorageError.corrupt("a travel document has an unknown status")
        }
        return TravelDocumentRecord(
            id: try row.int64(0), caseID: try row.int64(1), number: try row.string(2), templateID: try row.string(3),
            issuedBy: try row.string(4), validFrom: try row.civilDate(5),
            validUntil: row.isNull(6) ? nil : try row.civilDate(6), status: status,
            statusReason: try row.optionalString(8), payload: try row.string(9), keyID: try row.string(10),
            issuedAt: try row.instant(11), statusChangedAt: try row.optionalInstant(12))
    }

    public func travelDocuments(caseID: Int64) throws -> [TravelDocumentRecord] {
        try rows(
            """
            SELECT \(Self.travelDocumentColumns) FROM travel_documents WHERE tenant_id = ?1 AND case_id = ?2
            ORDER BY issued_at, id
            """, [.integer(caseID)]
        ).map(travelDocument)
    }

    public func travelDocument(number: String) throws -> TravelDocumentRecord? {
        try rows(
            "SELECT \(Self.travelDocumentColumns) FROM travel_documents WHERE tenant_id = ?1 AND number = ?2",
            [.text(number)]
        ).first.map(travelDocument)
    }

    public func nextDocumentCounter(series: String) throws -> Int64 {
        // The update takes the row lock (PostgreSQL) or runs under the write lock BEGIN
        // IMMEDIATE already holds (SQLite); a second issuer waits for this transaction to end
        // and then reads the committed value.
        try run(
            """
            INSERT INTO document_series (tenant_id, series, last_value) VALUES (?1, ?2, 0)
            ON CONFLICT (tenant_id, series) DO NOTHING
            """, [.text(series)])
        guard
            let row = try rows(
                """
                UPDATE document_series SET last_value = last_value + 1 WHERE tenant_id = ?1 AND series = ?2
                RETURNING last_value
                """, [.text(series)]
            ).first
        else { throw StorageError.corrupt("the document series row vanished") }
        return try row.int64(0)
    }

    public func insertTravelDocument(_ record: TravelDocumentRecord) throws {
        try run(
            """
            INSERT INTO travel_documents (tenant_id, \(Self.travelDocumentColumns))
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            """,
            [
                .integer(record.id), .integer(record.caseID), .text(record.number), .text(record.templateID),
                .text(record.issuedBy), .text(record.validFrom.description), .text(record.validUntil?.description),
                .text(record.status.rawValue), .text(record.statusReason), .text(record.payload), .text(record.keyID),
                .instant(record.issuedAt), .instant(record.statusChangedAt),
            ])
    }

    public func updateTravelDocumentStatus(
        number: String, status: TravelDocumentRecord.Status, reason: String, at instant: Instant
    ) throws {
        let changed = try run(
            """
            UPDATE travel_documents SET status = ?2, status_reason = ?3, status_changed_at = ?4
            WHERE tenant_id = ?1 AND number = ?5
            """, [.text(status.rawValue), .text(reason), .instant(instant), .text(number)])
        if changed != 1 { throw StorageError.notFound(kind: "travel document", id: number) }
    }
}
