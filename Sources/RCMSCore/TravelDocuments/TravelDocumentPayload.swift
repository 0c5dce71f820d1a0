import Foundation
import RCMSCrypto

/// The facts a travel document's QR code carries, signed by the issuing party's key, so a
/// border officer can compare them with the person and the printed document.
///
/// Compact form: `RTD1.` then the base64url of the JSON fields, a `.`, and the base64url of the
/// Ed25519 signature over those JSON bytes. The signature covers the bytes as sent, so the
/// verifier never has to rebuild a canonical form.
public struct TravelDocumentPayload: Sendable, Hashable, Codable {
    /// The version of the field set; a new field set gets a new prefix and version.
    public var version: Int
    public var tenant: String
    public var number: String
    /// The surname in Latin letters, as the zone writes it before transliteration to `A`-`Z`.
    public var surname: String
    public var givenNames: String
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty when unknown.
    public var dateOfBirth: String
    /// `F`, `M` or `X`.
    public var sex: String
    /// The ISO 3166-1 alpha-2 code of the claimed nationality; empty when none is recorded.
    public var nationality: String
    /// The ISO 3166-1 alpha-3 code of the issuing state.
    public var issuingState: String
    public var validFrom: String
    /// The last day of validity; empty for a single journey.
    public var validUntil: String
    public var keyID: String

    enum CodingKeys: String, CodingKey {
        case version = "v"
        case tenant = "t"
        case number = "n"
        case surname = "sn"
        case givenNames = "gn"
        case dateOfBirth = "dob"
        case sex = "sx"
        case nationality = "nat"
        case issuingState = "is"
        case validFrom = "vf"
        case validUntil = "vu"
        case keyID = "k"
    }

    /// The prefix of the compact form, with its version.
    public static let prefix = "RTD1"

    /// Creates the fields of a payload.
    public init(
        tenant: String, number: String, surname: String, givenNames: String, dateOfBirth: String, sex: String,
        nationality: String, issuingState: String, validFrom: String, validUntil: String, keyID: String
    ) {
        self.version = 1
        self.tenant = tenant
        self.number = number
        self.surname = surname
        self.givenNames = givenNames
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nationality = nationality
        self.issuingState = issuingState
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.keyID = keyID
    }

    /// Returns the compact form signed with `key`.
    public func compact(signedWith key: Ed25519.KeyPair) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = [UInt8](try encoder.encode(self))
        return "\(Self.prefix).\(Base64URL.encode(body)).\(Base64URL.encode(key.sign(body)))"
    }

    /// A compact payload taken apart, its signature not yet checked.
    public struct Parsed: Sendable {
        public var payload: TravelDocumentPayload
        public var body: [UInt8]
        public var signature: [UInt8]

        /// Returns whether the signature is valid under `publicKey`.
        public func isSigned(by publicKey: [UInt8]) -> Bool {
            Ed25519.verify(signature: signature, of: body, publicKey: publicKey)
        }
    }

    /// Takes a compact payload apart; surrounding blanks are ignored.
    ///
    /// - Throws: ``TravelDocumentError/malformedPayload`` when it is not a compact payload.
    public static func parse(_ text: String) throws -> Parsed {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == prefix, let body = Base64URL.decode(String(parts[1])),
            let signature = Base64URL.decode(String(parts[2])),
            let payload = try? JSONDecoder().decode(TravelDocumentPayload.self, from: Data(body)), payload.version == 1
        else { throw TravelDocumentError.malformedPayload }
        return Parsed(payload: payload, body: body, signature: signature)
    }
}

/// Errors of issuing, signing and verifying travel documents, each with a stable code;
/// descriptions hold ids and numbers, never names.
public enum TravelDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a compact travel document payload.
    case malformedPayload
    /// No key of the tenant and party has this id.
    case unknownKey(String)
    /// The issuing party has no current travel document key.
    case noKey(tenant: String, party: String)
    /// A key already exists where `create` would write one.
    case keyExists(tenant: String, party: String)
    /// A key file could not be read or written.
    case keyFile(String)
    /// The tenant or party is not a name a key folder may have.
    case invalidName(String)
    /// No travel document has this number in the tenant.
    case documentNotFound(String)

    public var code: String {
        switch self {
        case .malformedPayload: return "malformed_payload"
        case .unknownKey: return "unknown_key"
        case .noKey: return "no_travel_document_key"
        case .keyExists: return "key_exists"
        case .keyFile: return "key_file"
        case .invalidName: return "invalid_name"
        case .documentNotFound: return "travel_document_not_found"
        }
    }

    public var description: String {
        switch self {
        case .malformedPayload:
            return "the text is not a travel document payload; expected RTD1.<fields>.<signature> in base64url"
        case .unknownKey(let id):
            return "no published travel document key has id \(id)"
        case .noKey(let tenant, let party):
            return
                "the \(party) party of \(tenant) has no travel document key; run 'rcms keys travel-documents create --tenant \(tenant) --party \(party)'"
        case .keyExists(let tenant, let party):
            return
                "the \(party) party of \(tenant) already has a travel document key; use 'rcms keys travel-documents rotate' to replace it"
        case .keyFile(let reason):
            return "travel document key file: \(reason)"
        case .invalidName(let name):
            return "'\(name)' is not a tenant id or party a key folder may have"
        case .documentNotFound(let number):
            return "travel document \(number) not found"
        }
    }
}
