import RCMSConfig

/// A signed-in user as the engine sees them: id, party and roles in one tenant.
public struct EngineUser: Sendable, Hashable {
    public var id: Int64
    public var party: PartySide
    public var roles: Set<String>

    public init(id: Int64, party: PartySide, roles: Set<String>) {
        self.id = id
        self.party = party
        self.roles = roles
    }

    var actor: CaseActor { .user(id: String(id), party: party, roles: roles) }
}

/// The person's particulars as an officer enters them when opening a case.
public struct PersonInput: Sendable, Hashable, Codable {
    public var surname: String
    public var givenNames: String
    public var transliteratedSurname: String?
    public var transliteratedGivenNames: String?
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var dateOfBirth: String?
    public var sex: PersonRecord.Sex?
    /// ISO 3166-1 alpha-2 code.
    public var nationalityClaimed: String?
    public var placeOfBirth: String?
    public var fatherName: String?
    public var motherName: String?

    public init(
        surname: String, givenNames: String, transliteratedSurname: String? = nil,
        transliteratedGivenNames: String? = nil, dateOfBirth: String? = nil, sex: PersonRecord.Sex? = nil,
        nationalityClaimed: String? = nil, placeOfBirth: String? = nil, fatherName: String? = nil,
        motherName: String? = nil
    ) {
        self.surname = surname
        self.givenNames = givenNames
        self.transliteratedSurname = transliteratedSurname
        self.transliteratedGivenNames = transliteratedGivenNames
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nationalityClaimed = nationalityClaimed
        self.placeOfBirth = placeOfBirth
        self.fatherName = fatherName
        self.motherName = motherName
    }
}

/// A document of one of the tenant's document types, with its field values as text.
public struct DocumentInput: Sendable, Hashable, Codable {
    public var type: String
    public var fields: [String: String]

    public init(type: String, fields: [String: String]) {
        self.type = type
        self.fields = fields
    }
}

/// A new readmission case: the person, whether the return is voluntary, and documents.
public struct OpenCaseInput: Sendable, Hashable, Codable {
    public var person: PersonInput
    public var voluntaryReturn: Bool
    public var documents: [DocumentInput]

    public init(person: PersonInput, voluntaryReturn: Bool = false, documents: [DocumentInput] = []) {
        self.person = person
        self.voluntaryReturn = voluntaryReturn
        self.documents = documents
    }
}

/// The case created, with open cases of the tenant that may concern the same person.
public struct OpenCaseResult: Sendable, Hashable {
    public var record: CaseRecord
    public var possibleDuplicates: [Int64]
}

/// One invalid input, named by field, for an error response next to the field.
public struct FieldProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path of the field, such as `person.date_of_birth` or `documents[0].fields.number`.
    public var field: String
    public var code: String
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
