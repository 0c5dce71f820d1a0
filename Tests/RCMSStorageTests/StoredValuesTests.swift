import RCMSConfig
import RCMSCore
import RCMSTestSupport
import Testing

@Suite("Stored values round-trip exactly")
struct StoredValuesTests {
    let tenant = StorageFixtures.tenantA

    @Test("64-bit ids, sizes and instants survive unchanged", arguments: TestDatabases.backends)
    func sixtyFourBitValues(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let bigID = Int64.max - 1
            let aboveUInt32 = Int64(UInt32.max) + 7
            let caseRecord = CaseRecord(
                id: bigID, configurationHash: StorageFixtures.configurationHash, state: "submitted",
                version: Int64(Int32.max) + 1, voluntaryReturn: true,
                createdAt: Instant(microsecondsSinceEpoch: 4_102_444_800_000_000),  // 2100-01-01
                closedAt: Instant(microsecondsSinceEpoch: -1_000_000))
            let document = DocumentRecord(id: aboveUInt32, caseID: bigID, documentTypeID: "passport")
            let attachments = [
                AttachmentRecord(
                    id: Int64.max, caseID: bigID, documentID: aboveUInt32, originalName: "huge.bin",
                    mediaType: "application/octet-stream", size: Int64.max, digest: "d1", biometric: false,
                    storedAt: caseRecord.createdAt),
                AttachmentRecord(
                    id: aboveUInt32, caseID: bigID, documentID: aboveUInt32, originalName: "photo.jpg",
                    mediaType: "image/jpeg", size: 5 * (1 << 32), digest: "d2", biometric: true,
                    storedAt: caseRecord.createdAt.adding(microseconds: 1)),
            ]
            try storage.write(tenant: tenant) { transaction throws in
                try StorageFixtures.publishVersion(transaction)
                try transaction.insertCase(caseRecord)
                try transaction.insertDocument(document)
                for attachment in attachments { try transaction.insertAttachment(attachment) }
            }
            try storage.read(tenant: tenant) { reader throws in
                #expect(try reader.fetchCase(bigID) == caseRecord)
                #expect(try reader.fetchAttachment(Int64.max) == attachments[0])
                #expect(try reader.attachments(caseID: bigID) == attachments)
            }
        }
    }

    @Test("every record kind reads back as written", arguments: TestDatabases.backends)
    func recordsRoundTrip(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let at = StorageFixtures.baseInstant
            let record = StorageFixtures.makeCase()
            let bundle: [UInt8] = [0, 1, 2, 0x5C, 0x78, 255, 0]
            let version = ConfigurationVersionRecord(
                contentHash: "ff" + String(repeating: "0", count: 62), bundle: bundle, publishedBy: "admin",
                publishedAt: at.adding(seconds: 10))
            let person = PersonRecord(
                id: 42, caseID: record.id, surname: "Çelik", givenNames: "Zeynep Ayşe",
                transliteratedSurname: "Celik", dateOfBirth: PartialDate(year: 1988, month: 2, day: 29), sex: .female,
                nationalityClaimed: "tr")
            let yearOnly = PersonRecord(
                id: 43, caseID: record.id, surname: "خان", givenNames: "محمد", dateOfBirth: PartialDate(year: 1979))
            let document = DocumentRecord(
                id: 7, caseID: record.id, documentTypeID: "birth_certificate",
                fields: [
                    .init(fieldID: "place", value: "Lahore", shared: false),
                    .init(fieldID: "date", value: "1988-02-29", shared: true),
                ])
            var deadline = DeadlineRecord(
                id: 8, caseID: record.id, transitionID: "reply", party: "requested", dueDate: CivilDate("2026-12-31")!,
                unit: .workingDays)

            try storage.write(tenant: tenant) { transaction throws in
                try StorageFixtures.publishVersion(transaction)
                try transaction.publishConfigurationVersion(version)
                try transaction.insertCase(record)
                try transaction.insertPerson(person)
                try transaction.insertPerson(yearOnly)
                try transaction.insertDocument(document)
                try transaction.insertDeadline(deadline)
            }
            deadline.status = .extended
            deadline.dueDate = CivilDate("2027-01-15")!
            deadline.expiryActionDone = true
            try storage.write(tenant: tenant) { transaction throws in
                try transaction.updateDeadline(deadline)
                try transaction.replaceDocumentFields(
                    documentID: 7, [.init(fieldID: "place", value: "Karachi", shared: true)])
                // Republishing the first version makes it current again.
                try StorageFixtures.publishVersion(transaction)
            }
            try storage.write(tenant: tenant) { transaction throws in
                var older = try transaction.configurationVersion(hash: StorageFixtures.configurationHash)!
                older.publishedAt = at.adding(seconds: 20)
                try transaction.publishConfigurationVersion(older)
            }

            try storage.read(tenant: tenant) { reader throws in
                #expect(try reader.configurationVersion(hash: version.contentHash) == version)
                #expect(try reader.currentConfigurationVersion()?.contentHash == StorageFixtures.configurationHash)
                #expect(try reader.currentConfigurationHash() == StorageFixtures.configurationHash)
                #expect(try reader.configurationVersions().map(\.contentHash).last == StorageFixtures.configurationHash)
                #expect(try reader.persons(caseID: record.id) == [person, yearOnly])
                #expect(try reader.persons(caseID: record.id).first?.dateOfBirth?.precision == .day)
                #expect(try reader.persons(caseID: record.id).last?.dateOfBirth?.precision == .year)
                #expect(
                    try reader.fetchDocument(7)?.fields == [.init(fieldID: "place", value: "Karachi", shared: true)])
                #expect(try reader.deadlines(caseID: record.id) == [deadline])
            }
        }
    }

    @Test("text is stored in NFC whatever form it came in", arguments: TestDatabases.backends)
    func textIsNormalized(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let record = try StorageFixtures.seedCases(storage, tenant: tenant, count: 1)[0]
            let decomposed = "Mu\u{0308}ller"  // u + combining diaeresis
            try storage.write(tenant: tenant) { transaction throws in
                try transaction.insertMessage(
                    MessageRecord(
                        id: 1, caseID: record.id, senderParty: "requested", body: decomposed,
                        sentAt: record.createdAt))
            }
            let body = try storage.read(tenant: tenant) { try $0.messages(caseID: record.id).first?.body }
            #expect(body?.unicodeScalars.map(\.value) == "M\u{00FC}ller".unicodeScalars.map(\.value))
        }
    }

    @Test(
        "messages in a time range agree whatever offset the bounds were written in", arguments: TestDatabases.backends)
    func messageTimeRanges(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let record = try StorageFixtures.seedCases(storage, tenant: tenant, count: 1)[0]
            let sent = [
                "2026-03-01T23:59:59.999999-01:00",  // 2026-03-02T00:59:59.999999Z
                "2026-03-02T01:00:00+01:00",  // 2026-03-02T00:00:00Z
                "2026-03-02T05:30:00+05:30",  // 2026-03-02T00:00:00Z, same instant as the one above
                "2026-03-01T20:00:00-05:00",  // 2026-03-02T01:00:00Z
            ]
            try storage.write(tenant: tenant) { transaction throws in
                for (index, text) in sent.enumerated() {
                    try transaction.insertMessage(
                        MessageRecord(
                            id: Int64(index + 1), caseID: record.id, senderParty: "requesting", body: "m\(index)",
                            sentAt: Instant(iso8601: text)!))
                }
            }
            try storage.read(tenant: tenant) { reader throws in
                let from = Instant(iso8601: "2026-03-02T00:00:00Z")!
                let to = Instant(iso8601: "2026-03-02T02:00:00+01:00")!  // 01:00Z, excluded
                #expect(try reader.messages(sentIn: from..<to).map(\.body) == ["m1", "m2", "m0"])
                #expect(try reader.messages(caseID: record.id).map(\.body) == ["m1", "m2", "m0", "m3"])
            }
        }
    }
}
