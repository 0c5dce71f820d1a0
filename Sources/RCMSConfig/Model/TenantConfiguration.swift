import RCMSYAML

/// A tenant's configuration after loading and validation: every section present and every
/// reference resolved. Built only when validation found no error.
public struct TenantConfiguration: Sendable {
    public let id: String
    public let info: TenantInfo
    public let languages: Languages
    public let agreement: Agreement
    public let parties: Parties
    public let calendars: [String: PartyCalendar]
    public let roles: [Role]
    public let documentTypes: [DocumentType]
    public let safeguards: [Safeguard]
    public let workflow: Workflow
    public let retention: [RetentionRule]
    /// Travel document templates; empty when the tenant issues none through RCMSKit.
    public let travelDocuments: [TravelDocumentTemplate]
    /// The files the configuration was read from; their hash is the version id.
    public let bundle: TenantBundle
    /// The bundle's content hash, computed once: the engine reads it on every case it opens.
    public let contentHash: String

    public func role(_ id: String) -> Role? { roles.first { $0.id.value == id } }
    public func documentType(_ id: String) -> DocumentType? { documentTypes.first { $0.id.value == id } }
    public func safeguard(_ id: String) -> Safeguard? { safeguards.first { $0.id.value == id } }

    /// The calendar of one party.
    public func calendar(for side: PartySide) -> PartyCalendar? {
        parties.party(side).flatMap { calendars[$0.calendar.value] }
    }
}

/// The sections of a tenant as decoded, any of which may be missing or broken; the validator
/// works on what is there so one broken section does not hide problems in the others.
public struct TenantDraft: Sendable {
    public var directoryName: String
    public var info: TenantInfo?
    public var languages: Languages?
    public var agreement: Agreement?
    public var parties: Parties?
    public var calendars: [String: (calendar: PartyCalendar, mark: Mark)] = [:]
    public var roles: [Role] = []
    public var documentTypes: [DocumentType] = []
    public var safeguards: [Safeguard] = []
    public var workflow: Workflow?
    public var retention: [RetentionRule] = []
    public var travelDocuments: [TravelDocumentTemplate] = []
    /// The position of each section, for messages about a missing or misplaced one.
    public var sectionMarks: [String: Mark] = [:]
    /// Ids of entries that could not be decoded; references to them are not reported again.
    public var brokenIDs: Set<String> = []
    /// Whether a file could not be parsed, so checks that need the whole tenant are skipped.
    public var hasUnreadableFile = false
    /// The first file of the bundle, where section-level problems are reported when the
    /// section is missing altogether.
    public var primaryFile: String

    public init(directoryName: String, primaryFile: String) {
        self.directoryName = directoryName
        self.primaryFile = primaryFile
    }
}
