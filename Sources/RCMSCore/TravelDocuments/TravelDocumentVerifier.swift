import Foundation
import RCMSConfig
import RCMSCrypto

/// What a border officer learns from a travel document's payload: whether its signature holds
/// under a published key, its status now, and the signed fields to compare with the person.
public struct TravelDocumentVerification: Sendable, Hashable, Codable {
    /// The overall result.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// The signature holds, the document is recorded as valid and its validity has not ended.
        case valid
        /// The signature holds, but the last day of validity has passed.
        case expired
        /// The signature holds, but the issuing party cancelled the document.
        case cancelled
        /// The signature holds, but a newer document replaced it.
        case superseded
        /// The signature does not hold, the key is unknown, or the payload differs from the
        /// one recorded: the document must not be accepted.
        case invalidSignature = "invalid_signature"
        /// The payload carries no signature.
        case unsigned
        /// The signature holds, but no document with this number is recorded.
        case unknownDocument = "unknown_document"
    }

    public var outcome: Outcome
    /// The signed fields; present whenever the signature holds. A cancellation's reason is
    /// free text an officer wrote, so it is never part of this public result.
    public var fields: TravelDocumentPayload?
}

/// Checks compact payloads against the published keys and the recorded documents.
public struct TravelDocumentVerifier: Sendable {
    public let keys: TravelDocumentKeyStore
    public let storage: any Storage
    /// The tenants whose documents may be checked; a payload naming another is rejected.
    public let tenants: [String]

    /// Creates a verifier over the keys, the storage and the tenants served.
    public init(keys: TravelDocumentKeyStore, storage: any Storage, tenants: [String]) {
        self.keys = keys
        self.storage = storage
        self.tenants = tenants
    }

    /// Checks a compact payload; `today` is the date the validity is compared with.
    ///
    /// - Throws: ``TravelDocumentError/malformedPayload`` when the text is not a payload.
    public func verify(_ text: String, today: CivilDate = .today) throws -> TravelDocumentVerification {
        let parsed = try TravelDocumentPayload.parse(text)
        let fields = parsed.payload
        guard tenants.contains(fields.tenant) else {
            return TravelDocumentVerification(outcome: .invalidSignature)
        }
        if parsed.signature.isEmpty { return TravelDocumentVerification(outcome: .unsigned) }
        guard let key = try keys.publicKey(tenant: fields.tenant, keyID: fields.keyID),
            let publicKey = Base64URL.decode(key.publicKey), parsed.isSigned(by: publicKey)
        else { return TravelDocumentVerification(outcome: .invalidSignature) }

        let stored = try storage.read(tenant: fields.tenant) { reader -> TravelDocumentRecord? in
            guard let documents = reader as? any TravelDocumentReader else { return nil }
            return try documents.travelDocument(number: fields.number)
        }
        guard let stored else { return TravelDocumentVerification(outcome: .unknownDocument, fields: fields) }
        // A payload signed with the right key but not the one recorded for the number was
        // never issued by this installation.
        let presented = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard stored.payload == presented || stored.payload == TravelDocumentPayloadDigest.of(presented) else {
            return TravelDocumentVerification(outcome: .invalidSignature)
        }
        switch stored.status {
        case .cancelled:
            return TravelDocumentVerification(outcome: .cancelled, fields: fields)
        case .superseded:
            return TravelDocumentVerification(outcome: .superseded, fields: fields)
        case .valid:
            if let until = stored.validUntil, until < today {
                return TravelDocumentVerification(outcome: .expired, fields: fields)
            }
            return TravelDocumentVerification(outcome: .valid, fields: fields)
        }
    }
}

/// The form a travel document's payload is kept in once the case's personal data was purged:
/// its BLAKE2b digest, enough to recognise the payload a person presents.
enum TravelDocumentPayloadDigest {
    static let prefix = "blake2b:"

    static func of(_ payload: String) -> String {
        prefix + Blake2b.hexDigest(payload)
    }
}
