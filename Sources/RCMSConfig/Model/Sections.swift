import RCMSYAML

/// The `tenant` section: the tenant's id and display name.
public struct TenantInfo: Sendable, Decodable {
    public var id: Located<String>
    public var name: LocalizedText
}

/// The `languages` section.
public struct Languages: Sendable, Decodable {
    public var `default`: Located<String>
    public var supported: [Located<String>]

    public var codes: [String] { supported.map(\.value) }
}

/// The `agreement` section: the readmission agreement or arrangement the tenant implements.
public struct Agreement: Sendable, Decodable {
    public var name: LocalizedText
    public var legalReference: String
    public var inForce: Located<CivilDate>?
    /// `false` when a fact comes from a secondary source and awaits the official text.
    public var verified: Bool?

    enum CodingKeys: String, CodingKey {
        case name
        case legalReference = "legal_reference"
        case inForce = "in_force"
        case verified
    }
}

/// The two sides of a tenant, plus the independent monitor that only roles can belong to.
public enum PartySide: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    case requesting
    case requested
    case monitor

    public static let kind = "party"

    /// The other state of the pair; the monitor has none.
    public var other: PartySide? {
        switch self {
        case .requesting: return .requested
        case .requested: return .requesting
        case .monitor: return nil
        }
    }
}

/// One state of the pair: its country, authority, time zone and working-day calendar.
public struct Party: Sendable, Decodable {
    public var country: Located<String>
    public var authority: LocalizedText
    public var timeZone: Located<String>
    public var calendar: Located<String>

    enum CodingKeys: String, CodingKey {
        case country, authority, calendar
        case timeZone = "time_zone"
    }
}

/// The `parties` section.
public struct Parties: Sendable, Decodable {
    public var requesting: Party
    public var requested: Party

    public func party(_ side: PartySide) -> Party? {
        switch side {
        case .requesting: return requesting
        case .requested: return requested
        case .monitor: return nil
        }
    }
}

/// Something a role allows.
public enum Permission: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    case caseOpen = "case.open"
    case caseRead = "case.read"
    case caseTransition = "case.transition"
    case documentWrite = "document.write"
    case messageSend = "message.send"
    case safeguardAttest = "safeguard.attest"
    case holdPlace = "hold.place"
    case holdLift = "hold.lift"
    case configRead = "config.read"
    case configPublish = "config.publish"
    case auditRead = "audit.read"
    case userManage = "user.manage"
    case retentionRun = "retention.run"
    case exportSubject = "export.subject"

    public static let kind = "permission"
}

/// A role users of one party hold.
public struct Role: Sendable, Decodable {
    public var id: Located<String>
    public var party: Located<PartySide>
    public var label: LocalizedText
    public var permissions: [Located<Permission>]

    public func allows(_ permission: Permission) -> Bool {
        permissions.contains { $0.value == permission }
    }
}

/// One working-day calendar: weekend rules, holidays and extra working days.
public struct PartyCalendar: Sendable, Decodable {
    /// Weekend days that apply from a date on, until the next rule's date.
    public struct WeekendRule: Sendable, Decodable {
        public var from: Located<CivilDate>
        public var days: [Located<Weekday>]
    }

    public struct Holiday: Sendable, Decodable {
        public var date: Located<CivilDate>
        public var name: LocalizedText
        /// A lunar date announced each year by moon sighting; it may be corrected later.
        public var estimated: Bool?
    }

    public var country: Located<String>
    public var weekend: [WeekendRule]
    public var holidays: [Holiday]?
    public var extraWorkingDays: [Located<CivilDate>]?

    enum CodingKeys: String, CodingKey {
        case country, weekend, holidays
        case extraWorkingDays = "extra_working_days"
    }
}
