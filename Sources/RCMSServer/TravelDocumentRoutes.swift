import Foundation
import RCMSConfig
import RCMSCore
import RCMSDocuments

/// Travel document routes: the published keys and the verifier, open to anyone with a
/// document's QR code, and a case's documents, their PDF and their cancellation for users of
/// the tenant.
enum TravelDocumentRoutes {
    static let keySchema = APISchema.named(
        "TravelDocumentKey",
        .object(
            [
                "party": .enumeration(["requesting", "requested"]), "key_id": .string, "algorithm": .string,
                "public_key": .string, "current": .boolean,
            ], required: ["party", "key_id", "algorithm", "public_key", "current"]))

    static let fieldsSchema = APISchema.named(
        "TravelDocumentFields",
        .object(
            [
                "tenant": .string, "number": .string, "surname": .string, "given_names": .string,
                "date_of_birth": .string, "sex": .enumeration(["F", "M", "X"]), "nationality": .string,
                "issuing_state": .string, "valid_from": .string(format: "date"), "valid_until": .string,
                "key_id": .string,
            ],
            required: [
                "tenant", "number", "surname", "given_names", "date_of_birth", "sex", "nationality", "issuing_state",
                "valid_from", "valid_until", "key_id",
            ]))

    static let verificationSchema = APISchema.named(
        "TravelDocumentVerification",
        .object(
            [
                "status": .enumeration(
                    TravelDocumentVerification.Outcome.allValues.map(\.rawValue)),
                "fields": fieldsSchema,
            ], required: ["status"]))

    static let verifySchema = APISchema.named(
        "TravelDocumentVerifyRequest", .object(["payload": .string], required: ["payload"]))

    static let documentSchema = APISchema.named(
        "TravelDocument",
        .object(
            [
                "number": .string, "template": .string, "issued_by": .enumeration(["requesting", "requested"]),
                "valid_from": .string(format: "date"), "valid_until": .string(format: "date"),
                "status": .enumeration(TravelDocumentRecord.Status.allCases.map(\.rawValue)),
                "status_reason": .string, "key_id": .string, "signed": .boolean,
                "issued_at": .string(format: "date-time"), "payload": .string,
            ],
            required: ["number", "template", "issued_by", "valid_from", "status", "key_id", "signed", "issued_at"]))

    struct Key: Encodable {
        var party: String
        var keyID: String
        var algorithm = "Ed25519"
        var publicKey: String
        var current: Bool

        enum CodingKeys: String, CodingKey {
            case party, algorithm, current
            case keyID = "key_id"
            case publicKey = "public_key"
        }
    }

    /// The signed fields with readable names; the payload itself uses short keys to keep the
    /// QR code small.
    struct Fields: Encodable {
        var tenant: String
        var number: String
        var surname: String
        var givenNames: String
        var dateOfBirth: String
        var sex: String
        var nationality: String
        var issuingState: String
        var validFrom: String
        var validUntil: String
        var keyID: String

        init(_ payload: TravelDocumentPayload) {
            tenant = payload.tenant
            number = payload.number
            surname = payload.surname
            givenNames = payload.givenNames
            dateOfBirth = payload.dateOfBirth
            sex = payload.sex
            nationality = payload.nationality
            issuingState = payload.issuingState
            validFrom = payload.validFrom
            validUntil = payload.validUntil
            keyID = payload.keyID
        }

        enum CodingKeys: String, CodingKey {
            case tenant, number, surname, sex, nationality
            case givenNames = "given_names"
            case dateOfBirth = "date_of_birth"
            case issuingState = "issuing_state"
            case validFrom = "valid_from"
            case validUntil = "valid_until"
            case keyID = "key_id"
        }
    }

    struct Verification: Encodable {
        var status: String
        var fields: Fields?
    }

    struct Document: Encodable {
        var number: String
        var template: String
        var issuedBy: String
        var validFrom: String
        var validUntil: String?
        var status: String
        var statusReason: String?
        var keyID: String
        var signed: Bool
        var issuedAt: String
        var payload: String

        init(_ record: TravelDocumentRecord) {
            number = record.number
            template = record.templateID
            issuedBy = record.issuedBy
            validFrom = record.validFrom.description
            validUntil = record.validUntil?.description
            status = record.status.rawValue
            statusReason = record.statusReason
            keyID = record.keyID
            signed = !record.keyID.isEmpty
            issuedAt = record.issuedAt.description
            payload = record.payload
        }

        enum CodingKeys: String, CodingKey {
            case number, template, status, signed, payload
            case issuedBy = "issued_by"
            case validFrom = "valid_from"
            case validUntil = "valid_until"
            case statusReason = "status_reason"
            case keyID = "key_id"
            case issuedAt = "issued_at"
        }
    }

    struct VerifyBody: Decodable { var payload: String }

    // MARK: Open routes

    /// `GET /api/v1/tenants/{tenant}/travel-documents/keys`: the public keys, so that a
    /// verifier elsewhere can check a QR code without calling this server again.
    static func keys(_ context: RequestContext) throws -> HTTPResponse {
        let store = try self.store(context)
        let keys = try mapped(context) { try store.publicKeys(tenant: context.parameter("tenant")) }
        return .json(
            keys.map { Key(party: $0.party, keyID: $0.keyID, publicKey: $0.publicKey, current: $0.current) })
    }

    /// `POST /api/v1/documents/verify`: the signature, the recorded status and the signed fields.
    static func verify(_ context: RequestContext) throws -> HTTPResponse {
        let body = try context.decode(VerifyBody.self)
        let verifier = TravelDocumentVerifier(
            keys: try store(context), storage: context.environment.storage, tenants: context.environment.tenantIDs)
        let result = try mapped(context) { try verifier.verify(body.payload) }
        // The outcome only: the payload carries the holder's names.
        context.logger.info("travel document verified", ["outcome": .string(result.outcome.rawValue)])
        return .json(Verification(status: result.outcome.rawValue, fields: result.fields.map(Fields.init)))
    }

    // MARK: Case routes

    /// `GET .../cases/{case}/travel-documents`: every document of a case the caller may see.
    static func list(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try CaseRoutes.engineUser(context)
        let caseID = try CaseRoutes.caseID(context)
        let documents = try CaseRoutes.mapped(context) {
            try context.environment.engine.travelDocuments(tenant: caller.tenant, caseID: caseID, for: user)
        }
        return .json(documents.map(Document.init))
    }

    /// `GET .../travel-documents/{number}/pdf`: the printable document with its zone and QR code.
    static func pdf(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try CaseRoutes.engineUser(context)
        let caseID = try CaseRoutes.caseID(context)
        let document = try visibleDocument(context, caller: caller, user: user, caseID: caseID)

        let engine = context.environment.engine
        let (record, person) = try engine.storage.read(tenant: caller.tenant) { reader in
            (try reader.fetchCase(caseID), try reader.persons(caseID: caseID).first)
        }
        guard let record, let person else { throw APIError.notFound }

        // The template of the version the case runs under, which is the one that issued it.
        let configuration = try engine.versions.version(tenant: caller.tenant, hash: record.configurationHash)
        guard let template = configuration.travelDocumentTemplate(document.templateID) else {
            throw APIError(
                status: 409, code: "unknown_template",
                "the case's configuration no longer defines travel document template '\(document.templateID)'")
        }
        let photo = try photoPNG(context, caller: caller, user: user, caseID: caseID)
        let rendered = Result { () throws(RenderError) -> [UInt8] in
            try TravelDocumentRenderer.pdf(
                try TravelDocumentSheet.make(
                    document: document, template: template, configuration: configuration, person: person,
                    photoPNG: photo))
        }
        let bytes = try rendered.mapError { renderFailure($0, context) }.get()

        let fileName = document.number.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return HTTPResponse(
            status: 200,
            headers: [
                ("Content-Type", "application/pdf"),
                ("Content-Disposition", "attachment; filename=\"\(fileName).pdf\""),
                ("X-Content-Type-Options", "nosniff"),
                // The page contains the person's particulars, so no cache may store it.
                ("Cache-Control", "no-store"),
            ], body: bytes)
    }

    /// `POST .../travel-documents/{number}/cancel` with `{"reason": ...}`; the engine lets only
    /// the issuing party cancel.
    static func cancel(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try CaseRoutes.engineUser(context)
        let caseID = try CaseRoutes.caseID(context)
        let body = try context.decode(CaseRoutes.ReasonBody.self)
        let document = try visibleDocument(context, caller: caller, user: user, caseID: caseID)
        let cancelled = try CaseRoutes.mapped(context) {
            try context.environment.engine.cancelTravelDocument(
                tenant: caller.tenant, caseID: caseID, number: document.number, reason: body.reason, by: user)
        }
        return .json(Document(cancelled))
    }

    // MARK: Helpers

    /// The person's photo for the printed document: the newest PNG attached to the case that is
    /// not biometric data, decrypted (the read is audited); `nil` when there is none.
    static func photoPNG(_ context: RequestContext, caller: Caller, user: EngineUser, caseID: Int64) throws -> [UInt8]?
    {
        guard let store = context.environment.attachments else { return nil }
        let candidates = try context.environment.storage.read(tenant: caller.tenant) {
            try $0.attachments(caseID: caseID)
        }
        guard
            let photo = candidates.filter({ $0.mediaType == "image/png" && !$0.biometric }).max(by: {
                $0.storedAt < $1.storedAt
            })
        else { return nil }
        var bytes: [UInt8] = []
        try AttachmentRoutes.mappedAttachment(context) {
            try context.environment.engine.readAttachment(
                tenant: caller.tenant, caseID: caseID, attachmentID: photo.id, from: store, by: user
            ) { bytes += $0 }
        }
        return bytes
    }

    /// Maps a rendering failure to an API error. A zone that cannot be written comes from the
    /// case's data, so the caller can fix it. Anything else is a server fault, logged by its code.
    static func renderFailure(_ error: RenderError, _ context: RequestContext) -> APIError {
        switch error {
        case .zone(let code, let message):
            return APIError.unprocessable(code, "the machine-readable zone cannot be written: \(message)")
        case .cairo, .pango, .qrCode:
            context.logger.error("travel document rendering failed", ["code": .string(error.code)])
            return APIError(status: 500, code: error.code, "the travel document could not be drawn")
        }
    }

    /// Returns the document `{number}` of a case the caller may see, or throws `404`, so an
    /// unknown number reads like an unknown case.
    static func visibleDocument(
        _ context: RequestContext, caller: Caller, user: EngineUser, caseID: Int64
    ) throws -> TravelDocumentRecord {
        let number = context.parameter("number")
        let documents = try CaseRoutes.mapped(context) {
            try context.environment.engine.travelDocuments(tenant: caller.tenant, caseID: caseID, for: user)
        }
        guard let document = documents.first(where: { $0.number == number }) else {
            context.logger.info("travel document not found", ["case": .string(String(caseID))])
            throw APIError.notFound
        }
        return document
    }

    static func store(_ context: RequestContext) throws -> TravelDocumentKeyStore {
        guard let store = context.environment.travelDocumentKeys else {
            context.logger.warning("travel document keys not configured", [:])
            throw APIError(
                status: 503, code: "travel_document_keys_unavailable",
                "this server runs without travel document keys; start it with a data folder")
        }
        return store
    }

    /// Turns key store and payload errors into API errors; a damaged key file is a server
    /// fault, logged by its code only.
    static func mapped<T>(_ context: RequestContext, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TravelDocumentError {
            switch error {
            case .malformedPayload:
                throw APIError.badRequest(error.code, error.description)
            case .invalidName, .documentNotFound:
                throw APIError.notFound
            default:
                context.logger.error("travel document key store error", ["code": .string(error.code)])
                throw APIError(status: 500, code: error.code, "the travel document keys could not be read")
            }
        }
    }
}

extension TravelDocumentVerification.Outcome {
    /// Every outcome, in the order the API documents them.
    static let allValues: [Self] = [
        .valid, .expired, .cancelled, .superseded, .invalidSignature, .unsigned, .unknownDocument,
    ]
}
