import RCMSYAML

/// The strength of a document as evidence of nationality under the agreement's annexes.
public enum EvidenceClass: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    /// Proof of nationality: accepted without further investigation.
    case proof
    /// Prima facie evidence: nationality is presumed unless the requested state disproves it.
    case primaFacie = "prima_facie"
    case supporting

    public static let kind = "evidence class"
}

/// The retention rules that reach a document's data.
public enum RetentionClass: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    case standard
    /// Biometric data, a special category under Article 9 GDPR.
    case biometric

    public static let kind = "retention class"
}

public enum FieldType: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    case text
    /// An identifier kept byte for byte (document numbers, file references).
    case code
    case date
    /// A date that may be known to the year or month only.
    case partialDate = "partial_date"
    /// An ISO 3166-1 alpha-2 or alpha-3 country code.
    case country
    case `enum`
    case boolean
    case number
    case file
    case biometric

    public static let kind = "field type"
}

/// A choice of an `enum` field.
public struct EnumValue: Sendable, Decodable {
    public var id: Located<String>
    public var label: LocalizedText
}

public struct FieldDefinition: Sendable, Decodable {
    public var id: Located<String>
    public var label: LocalizedText
    public var type: Located<FieldType>
    public var required: Bool?
    /// `false` keeps the value from the other party; the default is `true`.
    public var sharedWithOtherParty: Bool?
    public var values: [EnumValue]?

    public var isRequired: Bool { required ?? false }
    public var isShared: Bool { sharedWithOtherParty ?? true }

    enum CodingKeys: String, CodingKey {
        case id, label, type, required, values
        case sharedWithOtherParty = "shared_with_other_party"
    }
}

public struct DocumentType: Sendable, Decodable {
    public var id: Located<String>
    public var label: LocalizedText
    public var evidence: Located<EvidenceClass>
    public var providedBy: Located<PartySide>
    public var retentionClass: Located<RetentionClass>?
    public var legalBasis: String?
    public var fields: [FieldDefinition]

    public var effectiveRetentionClass: RetentionClass { retentionClass?.value ?? .standard }

    public func field(_ id: String) -> FieldDefinition? { fields.first { $0.id.value == id } }

    enum CodingKeys: String, CodingKey {
        case id, label, evidence, fields
        case providedBy = "provided_by"
        case retentionClass = "retention_class"
        case legalBasis = "legal_basis"
    }
}

/// When a safeguard applies.
public enum SafeguardScope: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    case all
    /// Only cases recorded as a voluntary return.
    case voluntary

    public static let kind = "safeguard scope"
}

/// A check an authorised role must attest, with a reference to its evidence, before the
/// transitions that list it.
public struct Safeguard: Sendable, Decodable {
    public var id: Located<String>
    public var label: LocalizedText
    public var legalBasis: String?
    public var attestedBy: [Located<String>]
    public var appliesTo: Located<SafeguardScope>?

    public var scope: SafeguardScope { appliesTo?.value ?? .all }

    enum CodingKeys: String, CodingKey {
        case id, label
        case legalBasis = "legal_basis"
        case attestedBy = "attested_by"
        case appliesTo = "applies_to"
    }

    /// The checks no tenant may drop: each must guard every transition into a removal state.
    public static let baseline: [(id: String, scope: SafeguardScope)] = [
        ("no_pending_asylum_claim", .all),
        ("no_suspensive_remedy", .all),
        ("no_valid_residence_permit", .all),
        ("identity_confirmed", .all),
        ("informed_consent", .voluntary),
    ]
}
