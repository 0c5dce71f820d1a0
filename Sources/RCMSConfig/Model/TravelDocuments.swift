import RCMSYAML

/// The machine-readable zone a travel document carries, or `none` for a document without one.
public enum TravelDocumentZone: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    /// Three lines of 30 characters, card size.
    case td1
    /// Two lines of 36 characters.
    case td2
    /// Two lines of 44 characters, passport size.
    case td3
    /// No zone: the document is read by eye and by its QR code only.
    case none

    public static let kind = "machine-readable zone format"
}

/// How long an issued travel document is valid: a number of months or days from the date of
/// issue, or a single journey that ends on arrival in the country of return.
public struct TravelDocumentValidity: Sendable, Decodable {
    public var months: Located<Int>?
    public var days: Located<Int>?
    /// Valid for one journey only, until arrival, as the EU travel document for return is.
    public var singleJourney: Located<Bool>?
    /// The position of the validity mapping in its file.
    public var mark: Mark

    enum CodingKeys: String, CodingKey {
        case months, days
        case singleJourney = "single_journey"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        months = try container.decodeIfPresent(Located<Int>.self, forKey: .months)
        days = try container.decodeIfPresent(Located<Int>.self, forKey: .days)
        singleJourney = try container.decodeIfPresent(Located<Bool>.self, forKey: .singleJourney)
        mark = (decoder as? NodeDecoding)?.node.mark ?? Mark(file: "", line: 0, column: 0)
    }

    /// Whether the document ends with the journey rather than on a date.
    public var isSingleJourney: Bool { singleJourney?.value ?? false }
}

/// The number series of a template: a fixed prefix and a counter padded with zeros.
public struct TravelDocumentSeries: Sendable, Decodable {
    /// Letters and digits printed before the counter, such as `PKETD`.
    public var prefix: Located<String>
    /// How many digits the counter is padded to; numbers beyond that width grow longer.
    public var width: Located<Int>

    /// Returns the document number for counter value `counter`, such as `PKETD000042`.
    public func number(_ counter: Int64) -> String {
        let digits = String(counter)
        return prefix.value + String(repeating: "0", count: max(0, width.value - digits.count)) + digits
    }
}

/// The labels printed beside each value of a travel document, one per language.
public struct TravelDocumentLabels: Sendable, Decodable {
    public var surname: LocalizedText
    public var givenNames: LocalizedText
    public var dateOfBirth: LocalizedText
    public var sex: LocalizedText
    public var nationality: LocalizedText
    public var number: LocalizedText
    public var issueDate: LocalizedText
    public var validUntil: LocalizedText
    public var authority: LocalizedText

    enum CodingKeys: String, CodingKey {
        case surname, sex, nationality, number, authority
        case givenNames = "given_names"
        case dateOfBirth = "date_of_birth"
        case issueDate = "issue_date"
        case validUntil = "valid_until"
    }

    /// Every label with its key, in the order a document prints them.
    public var all: [(key: String, label: LocalizedText)] {
        [
            ("surname", surname), ("given_names", givenNames), ("date_of_birth", dateOfBirth), ("sex", sex),
            ("nationality", nationality), ("number", number), ("issue_date", issueDate),
            ("valid_until", validUntil), ("authority", authority),
        ]
    }
}

/// A travel document a party issues when a transition is performed: an emergency travel
/// document or laissez-passer of the requested state, or the EU travel document for return of
/// the requesting state. What the issuing transition requires (documents, safeguards, roles)
/// is what the transition itself requires.
public struct TravelDocumentTemplate: Sendable, Decodable {
    public var id: Located<String>
    /// The party that issues the document and signs it.
    public var issuedBy: Located<PartySide>
    public var title: LocalizedText
    public var labels: TravelDocumentLabels
    public var validity: TravelDocumentValidity
    public var mrz: Located<TravelDocumentZone>
    /// The document code of the zone: one or two letters, such as `PT` or `I<`.
    public var documentCode: Located<String>
    /// The issuing state as an ISO 3166-1 alpha-3 code, as the zone writes it.
    public var issuingState: Located<String>
    public var series: TravelDocumentSeries
    /// The transition whose performing issues the document.
    public var transition: Located<String>
    public var legalBasis: String?
    /// `false` when a fact of the template comes from a secondary source.
    public var verified: Bool?

    enum CodingKeys: String, CodingKey {
        case id, title, labels, validity, mrz, series, transition, verified
        case issuedBy = "issued_by"
        case documentCode = "document_code"
        case issuingState = "issuing_state"
        case legalBasis = "legal_basis"
    }
}

extension TenantConfiguration {
    /// Returns the travel document template that the transition `transitionID` issues, if any.
    public func travelDocumentTemplate(issuedBy transitionID: String) -> TravelDocumentTemplate? {
        travelDocuments.first { $0.transition.value == transitionID }
    }

    /// Returns the travel document template with id `id`.
    public func travelDocumentTemplate(_ id: String) -> TravelDocumentTemplate? {
        travelDocuments.first { $0.id.value == id }
    }
}

/// Country code conversions a travel document needs.
public enum CountryCodes {
    /// Returns the ISO 3166-1 alpha-3 code of an alpha-2 code, such as `PAK` for `PK`.
    public static func alpha3(_ alpha2: String) -> String? { Codes.alpha3(forAlpha2: alpha2) }
}
