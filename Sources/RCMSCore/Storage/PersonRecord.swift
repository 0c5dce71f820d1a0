/// A person in a case as the requesting state identifies them.
///
/// Names are kept as written, in any script, after NFC normalisation; `searchKeys` are the
/// folded forms that name search compares against (see `NameFolding`).
public struct PersonRecord: Sendable, Hashable {
    /// Sex as recorded in the documents.
    public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
        case female, male, other, unknown
    }

    public var id: Int64
    public var caseID: Int64
    public var surname: String
    public var givenNames: String
    /// The surname in Latin letters as a document gives it, when it is written in another script.
    public var transliteratedSurname: String?
    public var transliteratedGivenNames: String?
    public var dateOfBirth: PartialDate?
    public var sex: Sex
    /// ISO 3166-1 alpha-2 code of the nationality the person claims or is reported to have.
    public var nationalityClaimed: String?
    /// Folded name keys; computed from the names unless given.
    public var searchKeys: [String]

    public init(
        id: Int64, caseID: Int64, surname: String, givenNames: String, transliteratedSurname: String? = nil,
        transliteratedGivenNames: String? = nil, dateOfBirth: PartialDate? = nil, sex: Sex = .unknown,
        nationalityClaimed: String? = nil, searchKeys: [String]? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.surname = NameFolding.normalized(surname)
        self.givenNames = NameFolding.normalized(givenNames)
        self.transliteratedSurname = transliteratedSurname.map(NameFolding.normalized)
        self.transliteratedGivenNames = transliteratedGivenNames.map(NameFolding.normalized)
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nationalityClaimed = nationalityClaimed
        self.searchKeys =
            searchKeys
            ?? NameFolding.searchKeys(
                surname: surname, givenNames: givenNames,
                transliterations: [transliteratedSurname, transliteratedGivenNames].compactMap { $0 })
    }
}
