import Foundation
import RCMSConfig
import RCMSCrypto

/// The audit actions of travel documents; like `AuditAction`, raw values never change.
public enum TravelDocumentAuditAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// A travel document was issued with the next number of its series.
    case issue = "travel_document.issue"
    /// A travel document was cancelled with a reason.
    case cancel = "travel_document.cancel"
    /// A travel document was replaced by a newer one for the same case.
    case supersede = "travel_document.supersede"
}

extension CaseEngine {
    // MARK: Issuing

    /// Issues the travel document that `transitionID` issues under `configuration`, if any:
    /// the next number of its series, validity on the issuing party's calendar, the signed
    /// payload and an audit entry. A valid document of the same template for the case is
    /// superseded first, so a reissue keeps the old number in the trail.
    func issueTravelDocument(
        for transitionID: String, case record: CaseRecord, configuration: TenantConfiguration, actor: CaseActor,
        at instant: Instant, in transaction: any StorageTransaction
    ) throws {
        guard let template = configuration.travelDocumentTemplate(issuedBy: transitionID) else { return }
        try issue(
            template, caseID: record.id, configuration: configuration, actorID: actor.auditID,
            reason: "reissued by transition \(transitionID)", at: instant, in: transaction)
    }

    @discardableResult
    func issue(
        _ template: TravelDocumentTemplate, caseID: Int64, configuration: TenantConfiguration, actorID: String,
        reason: String, at instant: Instant, in transaction: any StorageTransaction
    ) throws -> TravelDocumentRecord {
        let writer = try travelDocumentWriter(transaction)
        let party = template.issuedBy.value
        guard let person = try transaction.persons(caseID: caseID).first else {
            throw EngineError.invalidInput([
                FieldProblem(field: "person", code: "missing_value", message: "the case has no person to issue for")
            ])
        }
        let names = try Self.latinNames(of: person)
        let signing = try signingKey(tenant: transaction.tenant, party: party.rawValue)

        let zone = configuration.parties.party(party).flatMap { TimeZone(identifier: $0.timeZone.value) }
        let validFrom = DeadlineCalculator.civilDate(of: instant.date, in: zone ?? TimeZone(identifier: "UTC")!)
        let validUntil = Self.lastDayOfValidity(template.validity, from: validFrom)

        for previous in try writer.travelDocuments(caseID: caseID)
        where previous.status == .valid && previous.templateID == template.id.value {
            try writer.updateTravelDocumentStatus(
                number: previous.number, status: .superseded, reason: reason, at: instant)
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: actorID, action: TravelDocumentAuditAction.supersede.rawValue,
                    objectIDs: ["case:\(caseID)", "travel_document:\(previous.number)"], fieldNames: ["status"],
                    digests: [AuditRecorder.digest(reason)]),
                in: transaction)
        }

        let counter = try writer.nextDocumentCounter(series: template.series.prefix.value)
        let number = template.series.number(counter)
        let payload = TravelDocumentPayload(
            tenant: transaction.tenant, number: number, surname: names.surname, givenNames: names.givenNames,
            dateOfBirth: person.dateOfBirth?.description ?? "", sex: Self.sexLetter(person.sex),
            nationality: person.nationalityClaimed ?? "", issuingState: template.issuingState.value,
            validFrom: validFrom.description, validUntil: validUntil?.description ?? "", keyID: signing?.id ?? "")
        let compact = try signing.map { try payload.compact(signedWith: $0.pair) } ?? Self.unsigned(payload)
        let document = TravelDocumentRecord(
            id: RecordID.random(), caseID: caseID, number: number, templateID: template.id.value,
            issuedBy: party.rawValue, validFrom: validFrom, validUntil: validUntil, payload: compact,
            keyID: signing?.id ?? "", issuedAt: instant)
        try writer.insertTravelDocument(document)
        try AuditRecorder.append(
            AuditDraft(
                at: instant, actor: actorID, action: TravelDocumentAuditAction.issue.rawValue,
                objectIDs: [
                    "case:\(caseID)", "travel_document:\(number)", "template:\(template.id.value)",
                    "key:\(document.keyID)",
                ],
                fieldNames: ["number", "valid_from", "valid_until", "payload"],
                digests: [
                    AuditRecorder.digest(number), AuditRecorder.digest(validFrom.description),
                    AuditRecorder.digest(validUntil?.description ?? ""), AuditRecorder.digest(compact),
                ]),
            in: transaction)
        return document
    }

    // MARK: Cancelling, reissuing, listing

    /// Cancels a valid travel document of a case with a reason; only its issuing party may.
    @discardableResult
    public func cancelTravelDocument(
        tenant: String, caseID: Int64, number: String, reason: String, by user: EngineUser,
        at instant: Instant = .now()
    ) throws -> TravelDocumentRecord {
        try requireReason(reason)
        return try storage.write(tenant: tenant) { transaction in
            let (_, configuration) = try visibleCase(caseID, for: user, in: transaction)
            let writer = try travelDocumentWriter(transaction)
            var document = try issuedDocument(number, caseID: caseID, for: user, in: writer, configuration)
            try writer.updateTravelDocumentStatus(number: number, status: .cancelled, reason: reason, at: instant)
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: String(user.id), action: TravelDocumentAuditAction.cancel.rawValue,
                    objectIDs: ["case:\(caseID)", "travel_document:\(number)"], fieldNames: ["status"],
                    digests: [AuditRecorder.digest(reason)]),
                in: transaction)
            document.status = .cancelled
            document.statusReason = reason
            document.statusChangedAt = instant
            return document
        }
    }

    /// Replaces a travel document of a case with a new one of the same template, such as after
    /// a failed transfer; the old one is superseded (when still valid) and keeps its number.
    @discardableResult
    public func reissueTravelDocument(
        tenant: String, caseID: Int64, number: String, reason: String, by user: EngineUser,
        at instant: Instant = .now()
    ) throws -> TravelDocumentRecord {
        try requireReason(reason)
        return try storage.write(tenant: tenant) { transaction in
            let (_, configuration) = try visibleCase(caseID, for: user, in: transaction)
            let writer = try travelDocumentWriter(transaction)
            let old = try issuedDocument(number, caseID: caseID, for: user, in: writer, configuration)
            guard let template = configuration.travelDocumentTemplate(old.templateID) else {
                throw EngineError.invalidInput([
                    FieldProblem(
                        field: "number", code: "unknown_template",
                        message: "the case's configuration no longer defines travel document '\(old.templateID)'")
                ])
            }
            return try issue(
                template, caseID: caseID, configuration: configuration, actorID: String(user.id), reason: reason,
                at: instant, in: transaction)
        }
    }

    /// The travel documents issued for a case the user may see, oldest first.
    public func travelDocuments(tenant: String, caseID: Int64, for user: EngineUser) throws -> [TravelDocumentRecord] {
        try storage.read(tenant: tenant) { reader in
            _ = try visibleCase(caseID, for: user, in: reader)
            guard let documents = reader as? any TravelDocumentReader else {
                throw StorageError.corrupt("this storage backend keeps no travel documents")
            }
            return try documents.travelDocuments(caseID: caseID)
        }
    }

    // MARK: Helpers

    func travelDocumentWriter(_ transaction: any StorageTransaction) throws -> any TravelDocumentWriter {
        guard let writer = transaction as? any TravelDocumentWriter else {
            throw StorageError.corrupt("this storage backend keeps no travel documents")
        }
        return writer
    }

    /// Returns the document with `number` of the case, checking that the user's party issued
    /// it and may change it.
    func issuedDocument(
        _ number: String, caseID: Int64, for user: EngineUser, in reader: any TravelDocumentReader,
        _ configuration: TenantConfiguration
    ) throws -> TravelDocumentRecord {
        guard let document = try reader.travelDocument(number: number), document.caseID == caseID else {
            throw EngineError.invalidInput([
                FieldProblem(
                    field: "number", code: "travel_document_not_found",
                    message: "the case has no travel document \(number)")
            ])
        }
        try requirePermission(.caseTransition, of: user, in: configuration)
        guard document.issuedBy == user.party.rawValue else {
            throw EngineError.unmetConditions([
                .wrongParty(
                    transition: "travel_document", required: PartySide(rawValue: document.issuedBy) ?? .requested,
                    actual: user.party)
            ])
        }
        guard document.status == .valid else {
            throw EngineError.invalidInput([
                FieldProblem(
                    field: "number", code: "travel_document_not_valid",
                    message: "travel document \(number) is already \(document.status.rawValue)")
            ])
        }
        return document
    }

    func requireReason(_ reason: String) throws {
        if reason.allSatisfy(\.isWhitespace) {
            throw EngineError.invalidInput([
                FieldProblem(field: "reason", code: "missing_value", message: "give a reason for the change")
            ])
        }
    }

    /// The party's current signing key, or `nil` when the engine has no key store.
    func signingKey(tenant: String, party: String) throws -> (id: String, pair: Ed25519.KeyPair)? {
        guard let keys = travelDocumentKeys else { return nil }
        do {
            return try keys.signingKey(tenant: tenant, party: party)
        } catch let error as TravelDocumentError {
            throw EngineError.invalidInput([
                FieldProblem(field: "travel_document_key", code: error.code, message: error.description)
            ])
        }
    }

    /// An engine without keys still records the document, but its payload carries no
    /// signature, so verification reports it as unsigned rather than valid.
    static func unsigned(_ payload: TravelDocumentPayload) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return "\(TravelDocumentPayload.prefix).\(Base64URL.encode([UInt8](try encoder.encode(payload))))."
    }

    /// The names the zone and the payload carry: the recorded Latin transliteration, or the
    /// names themselves when they are already in Latin or Cyrillic letters, which the zone's
    /// transliteration table covers.
    static func latinNames(of person: PersonRecord) throws -> (surname: String, givenNames: String) {
        let surname = nonEmpty(person.transliteratedSurname) ?? person.surname
        let givenNames = nonEmpty(person.transliteratedGivenNames) ?? person.givenNames
        var problems: [FieldProblem] = []
        if !isLatinOrCyrillic(surname) {
            problems.append(
                FieldProblem(
                    field: "person.transliterated_surname", code: "transliteration_required",
                    message:
                        "the surname is not in Latin letters; record its Latin transliteration as the person's documents write it before issuing a travel document"
                ))
        }
        if !isLatinOrCyrillic(givenNames) {
            problems.append(
                FieldProblem(
                    field: "person.transliterated_given_names", code: "transliteration_required",
                    message:
                        "the given names are not in Latin letters; record their Latin transliteration as the person's documents write it before issuing a travel document"
                ))
        }
        if !problems.isEmpty { throw EngineError.invalidInput(problems) }
        return (surname, givenNames)
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }

    static func isLatinOrCyrillic(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            guard scalar.properties.isAlphabetic else { return true }
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return true
            case 0x400...0x52F: return true
            default: return scalar.properties.generalCategory == .nonspacingMark
            }
        }
    }

    static func sexLetter(_ sex: PersonRecord.Sex) -> String {
        switch sex {
        case .female: return "F"
        case .male: return "M"
        case .other, .unknown: return "X"
        }
    }

    /// The last day of validity: the same day `months` later (the month's last day when it is
    /// shorter), or `days` later; `nil` for a single journey.
    static func lastDayOfValidity(_ validity: TravelDocumentValidity, from start: CivilDate) -> CivilDate? {
        if let days = validity.days?.value { return start.adding(days: days) }
        guard let months = validity.months?.value else { return nil }
        let total = start.year * 12 + (start.month - 1) + months
        let year = total / 12
        let month = total % 12 + 1
        let day = min(start.day, CivilDate.daysIn(month: month, year: year))
        return CivilDate(year: year, month: month, day: day)
    }
}
