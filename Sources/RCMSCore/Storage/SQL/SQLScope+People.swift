import RCMSConfig

/// Persons with their search keys, documents with their field values, attachments, messages.
extension SQLScope {
    // MARK: Persons

    private static let personColumns = """
        id, case_id, surname, given_names, transliterated_surname, transliterated_given_names,
        birth_year, birth_month, birth_day, sex, nationality_claimed
        """

    public func persons(caseID: Int64) throws -> [PersonRecord] {
        // These reads and the document reads below sort in Swift: with ORDER BY on the primary
        // key, SQLite without statistics walks the whole tenant in key order instead of
        // using the case index (QueryPlanTests checks every statement's plan).
        let keyRows = try rows(
            "SELECT person_id, ordinal, search_key FROM person_search_keys WHERE tenant_id = ?1 AND case_id = ?2",
            [.integer(caseID)])
        var ordinalKeys: [Int64: [(Int64, String)]] = [:]
        for row in keyRows { ordinalKeys[try row.int64(0), default: []].append((try row.int64(1), try row.string(2))) }
        let keys = ordinalKeys.mapValues { $0.sorted { $0.0 < $1.0 }.map(\.1) }

        return try rows(
            "SELECT \(Self.personColumns) FROM persons WHERE tenant_id = ?1 AND case_id = ?2",
            [.integer(caseID)]
        ).map { row in
            let id = try row.int64(0)
            var birth: PartialDate?
            if let year = try row.optionalInt(6) {
                guard let date = PartialDate(year: year, month: try row.optionalInt(7), day: try row.optionalInt(8))
                else { throw StorageError.corrupt("persons.birth_year contains an invalid date") }
                birth = date
            }
            guard let sex = PersonRecord.Sex(rawValue: try row.string(9)) else {
                throw StorageError.corrupt("persons.sex contains an unknown value")
            }
            return PersonRecord(
                id: id, caseID: try row.int64(1), surname: try row.string(2), givenNames: try row.string(3),
                transliteratedSurname: try row.optionalString(4), transliteratedGivenNames: try row.optionalString(5),
                dateOfBirth: birth, sex: sex, nationalityClaimed: try row.optionalString(10),
                searchKeys: keys[id] ?? [])
        }.sorted { $0.id < $1.id }
    }

    public func insertPerson(_ record: PersonRecord) throws {
        try run(
            """
            INSERT INTO persons (tenant_id, id, case_id, surname, given_names, transliterated_surname,
                transliterated_given_names, birth_year, birth_month, birth_day, birth_precision, sex,
                nationality_claimed)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """,
            [.integer(record.id), .integer(record.caseID)] + personValues(record))
        try insertSearchKeys(record)
    }

    public func updatePerson(_ record: PersonRecord) throws {
        let changed = try run(
            """
            UPDATE persons SET surname = ?4, given_names = ?5, transliterated_surname = ?6,
                transliterated_given_names = ?7, birth_year = ?8, birth_month = ?9, birth_day = ?10,
                birth_precision = ?11, sex = ?12, nationality_claimed = ?13
            WHERE tenant_id = ?1 AND id = ?2 AND case_id = ?3
            """,
            [.integer(record.id), .integer(record.caseID)] + personValues(record))
        guard changed == 1 else { throw StorageError.notFound(kind: "person", id: String(record.id)) }
        let oldKeys = try rows(
            "SELECT search_key FROM person_search_keys WHERE tenant_id = ?1 AND person_id = ?2", [.integer(record.id)]
        ).map { try $0.string(0) }
        try deleteSearchGrams(keys: oldKeys, personID: record.id, caseID: record.caseID)
        try run("DELETE FROM person_search_keys WHERE tenant_id = ?1 AND person_id = ?2", [.integer(record.id)])
        try insertSearchKeys(record)
    }

    /// Parameters 4 to 13 of the person statements.
    private func personValues(_ record: PersonRecord) -> [SQLValue] {
        let birth = record.dateOfBirth
        return [
            .text(record.surname), .text(record.givenNames), .text(record.transliteratedSurname),
            .text(record.transliteratedGivenNames), .integer(birth.map { Int64($0.year) }),
            .integer(birth?.month.map(Int64.init)), .integer(birth?.day.map(Int64.init)),
            .text(birth?.precision.rawValue), .text(record.sex.rawValue), .text(record.nationalityClaimed),
        ]
    }

    private func insertSearchKeys(_ record: PersonRecord) throws {
        var seen: Set<String> = []
        var grams: Set<String> = []
        var keyRows: [String] = []
        var keyValues: [SQLValue] = [.integer(record.id), .integer(record.caseID)]
        for (ordinal, key) in record.searchKeys.enumerated() where seen.insert(key).inserted {
            keyRows.append("(?1, ?2, ?3, ?\(keyValues.count + 2), ?\(keyValues.count + 3))")
            keyValues += [.integer(Int64(ordinal)), .text(key)]
            grams.formUnion(NameFolding.grams(key))
        }
        // A person has a handful of keys, written in one statement.
        if !keyRows.isEmpty {
            try run(
                """
                INSERT INTO person_search_keys (tenant_id, person_id, case_id, ordinal, search_key)
                VALUES \(keyRows.joined(separator: ", "))
                """, keyValues)
        }
        // Several grams per statement: on PostgreSQL each statement is a round trip.
        for chunk in Self.gramChunks(grams) {
            let rows = chunk.indices.map { "(?1, ?\($0 + 4), ?2, ?3)" }.joined(separator: ", ")
            try run(
                "INSERT INTO person_search_grams (tenant_id, gram, case_id, person_id) VALUES \(rows)",
                [.integer(record.caseID), .integer(record.id)] + chunk.map { .text($0) })
        }
    }

    /// Deletes the name search grams of one person's keys, by primary key.
    func deleteSearchGrams(keys: [String], personID: Int64, caseID: Int64) throws {
        let grams = keys.reduce(into: Set<String>()) { $0.formUnion(NameFolding.grams($1)) }
        for chunk in Self.gramChunks(grams) {
            let list = chunk.indices.map { "?\($0 + 4)" }.joined(separator: ", ")
            try run(
                """
                DELETE FROM person_search_grams
                WHERE tenant_id = ?1 AND case_id = ?2 AND person_id = ?3 AND gram IN (\(list))
                """,
                [.integer(caseID), .integer(personID)] + chunk.map { .text($0) })
        }
    }

    /// Grams in sorted groups of at most 32, so the statements prepared for them come in a few
    /// dozen shapes at most.
    private static func gramChunks(_ grams: Set<String>) -> [[String]] {
        let sorted = grams.sorted()
        return stride(from: 0, to: sorted.count, by: 32).map { Array(sorted[$0..<min($0 + 32, sorted.count)]) }
    }

    // MARK: Documents

    public func fetchDocument(_ id: Int64) throws -> DocumentRecord? {
        guard
            let row = try rows(
                "SELECT id, case_id, document_type_id FROM documents WHERE tenant_id = ?1 AND id = ?2", [.integer(id)]
            ).first
        else { return nil }
        let fields = try rows(
            "SELECT document_id, field_id, value, shared FROM document_fields WHERE tenant_id = ?1 AND document_id = ?2",
            [.integer(id)])
        return DocumentRecord(
            id: try row.int64(0), caseID: try row.int64(1), documentTypeID: try row.string(2),
            fields: try fields.map(fieldValue))
    }

    public func documents(caseID: Int64) throws -> [DocumentRecord] {
        let fieldRows = try rows(
            """
            SELECT document_id, field_id, value, shared FROM document_fields
            WHERE tenant_id = ?1
                AND document_id IN (SELECT id FROM documents WHERE tenant_id = ?1 AND case_id = ?2)
            """,
            [.integer(caseID)])
        var fields: [Int64: [DocumentRecord.FieldValue]] = [:]
        for row in fieldRows { fields[try row.int64(0), default: []].append(try fieldValue(row)) }

        return try rows(
            "SELECT id, case_id, document_type_id FROM documents WHERE tenant_id = ?1 AND case_id = ?2",
            [.integer(caseID)]
        ).map { row in
            let id = try row.int64(0)
            return DocumentRecord(
                id: id, caseID: try row.int64(1), documentTypeID: try row.string(2), fields: fields[id] ?? [])
        }.sorted { $0.id < $1.id }
    }

    private func fieldValue(_ row: SQLRow) throws -> DocumentRecord.FieldValue {
        DocumentRecord.FieldValue(fieldID: try row.string(1), value: try row.string(2), shared: try row.bool(3))
    }

    public func insertDocument(_ record: DocumentRecord) throws {
        try run(
            "INSERT INTO documents (tenant_id, id, case_id, document_type_id) VALUES (?1, ?2, ?3, ?4)",
            [.integer(record.id), .integer(record.caseID), .text(record.documentTypeID)])
        try insertFields(documentID: record.id, record.fields)
    }

    public func replaceDocumentFields(documentID: Int64, _ fields: [DocumentRecord.FieldValue]) throws {
        guard
            !(try rows("SELECT id FROM documents WHERE tenant_id = ?1 AND id = ?2", [.integer(documentID)]).isEmpty)
        else { throw StorageError.notFound(kind: "document", id: String(documentID)) }
        try run("DELETE FROM document_fields WHERE tenant_id = ?1 AND document_id = ?2", [.integer(documentID)])
        try insertFields(documentID: documentID, fields)
    }

    private func insertFields(documentID: Int64, _ fields: [DocumentRecord.FieldValue]) throws {
        for field in fields {
            try run(
                "INSERT INTO document_fields (tenant_id, document_id, field_id, value, shared) VALUES (?1, ?2, ?3, ?4, ?5)",
                [.integer(documentID), .text(field.fieldID), .text(field.value), .bool(field.shared)])
        }
    }

    // MARK: Attachments

    private static let attachmentColumns =
        "id, case_id, document_id, original_name, media_type, size, digest, biometric, stored_at"

    private func attachment(_ row: SQLRow) throws -> AttachmentRecord {
        AttachmentRecord(
            id: try row.int64(0), caseID: try row.int64(1), documentID: try row.int64(2),
            originalName: try row.string(3), mediaType: try row.string(4), size: try row.int64(5),
            digest: try row.string(6), biometric: try row.bool(7), storedAt: try row.instant(8))
    }

    public func fetchAttachment(_ id: Int64) throws -> AttachmentRecord? {
        try rows(
            "SELECT \(Self.attachmentColumns) FROM attachments WHERE tenant_id = ?1 AND id = ?2", [.integer(id)]
        ).first.map(attachment)
    }

    public func attachments(caseID: Int64) throws -> [AttachmentRecord] {
        try rows(
            "SELECT \(Self.attachmentColumns) FROM attachments WHERE tenant_id = ?1 AND case_id = ?2 ORDER BY stored_at, id",
            [.integer(caseID)]
        ).map(attachment)
    }

    public func insertAttachment(_ record: AttachmentRecord) throws {
        try run(
            """
            INSERT INTO attachments (tenant_id, \(Self.attachmentColumns))
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """,
            [
                .integer(record.id), .integer(record.caseID), .integer(record.documentID), .text(record.originalName),
                .text(record.mediaType), .integer(record.size), .text(record.digest), .bool(record.biometric),
                .instant(record.storedAt),
            ])
    }

    // MARK: Messages

    private static let messageColumns = "id, case_id, sender_party, body, sent_at"

    private func message(_ row: SQLRow) throws -> MessageRecord {
        MessageRecord(
            id: try row.int64(0), caseID: try row.int64(1), senderParty: try row.string(2), body: try row.string(3),
            sentAt: try row.instant(4))
    }

    public func messages(caseID: Int64) throws -> [MessageRecord] {
        try rows(
            "SELECT \(Self.messageColumns) FROM messages WHERE tenant_id = ?1 AND case_id = ?2 ORDER BY sent_at, id",
            [.integer(caseID)]
        ).map(message)
    }

    public func messages(sentIn range: Range<Instant>) throws -> [MessageRecord] {
        try rows(
            """
            SELECT \(Self.messageColumns) FROM messages WHERE tenant_id = ?1 AND sent_at >= ?2 AND sent_at < ?3
            ORDER BY sent_at, id
            """,
            [.instant(range.lowerBound), .instant(range.upperBound)]
        ).map(message)
    }

    public func insertMessage(_ record: MessageRecord) throws {
        try run(
            "INSERT INTO messages (tenant_id, \(Self.messageColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            [
                .integer(record.id), .integer(record.caseID), .text(record.senderParty), .text(record.body),
                .instant(record.sentAt),
            ])
    }
}
