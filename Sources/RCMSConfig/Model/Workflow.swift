import RCMSYAML

public struct WorkflowState: Sendable, Decodable {
    public var id: Located<String>
    public var label: LocalizedText
    /// No transition leaves a terminal state.
    public var terminal: Bool?
    /// A state that moves a person out of the requesting state; holds and the baseline
    /// safeguards guard every way into it.
    public var removal: Bool?
    /// Entering this state closes the case, which starts `case_closed` retention periods.
    public var closed: Bool?
    /// Entering this state records the transfer, which starts `case_transferred` periods.
    public var transferred: Bool?

    public var isTerminal: Bool { terminal ?? false }
    public var isRemoval: Bool { removal ?? false }
    public var isClosed: Bool { closed ?? false }
    public var isTransferred: Bool { transferred ?? false }
}

public enum DeadlineUnit: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    case calendarDays = "calendar_days"
    case workingDays = "working_days"

    public static let kind = "deadline unit"
}

public enum ExpiryAction: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    case notify
    case escalate
    /// The system performs a transition, such as deemed acceptance.
    case transition

    public static let kind = "expiry action"
}

public struct Deadline: Sendable, Decodable {
    public struct Extension: Sendable, Decodable {
        public var maxAmount: Located<Int>
        public var unit: Located<DeadlineUnit>

        enum CodingKeys: String, CodingKey {
            case unit
            case maxAmount = "max_amount"
        }
    }

    public struct Expiry: Sendable, Decodable {
        public var action: Located<ExpiryAction>
        public var transition: Located<String>?
    }

    public var amount: Located<Int>
    public var unit: Located<DeadlineUnit>
    /// The party that must act, whose calendar and time zone count the days.
    public var party: Located<PartySide>
    public var legalBasis: Located<String>?
    public var verified: Bool?
    public var `extension`: Extension?
    public var onExpiry: Expiry?

    enum CodingKeys: String, CodingKey {
        case amount, unit, party, verified, `extension`
        case legalBasis = "legal_basis"
        case onExpiry = "on_expiry"
    }
}

public struct TransitionRequirements: Sendable, Decodable {
    /// Document types that must all be present.
    public var documents: [Located<String>]?
    /// Document types of which at least one must be present.
    public var anyDocuments: [Located<String>]?
    /// `person.<field>` or `<document_type>.<field>` references that must have values.
    public var fields: [Located<String>]?

    enum CodingKeys: String, CodingKey {
        case documents, fields
        case anyDocuments = "any_documents"
    }
}

public struct Transition: Sendable, Decodable {
    public var id: Located<String>
    public var label: LocalizedText
    public var from: [Located<String>]
    public var to: Located<String>
    public var party: Located<PartySide>?
    public var roles: [Located<String>]?
    public var requires: TransitionRequirements?
    public var safeguards: [Located<String>]?
    public var deadline: Deadline?
    /// Performed only by the system actor, for example on a deadline's expiry.
    public var system: Bool?

    public var isSystem: Bool { system ?? false }
    public var roleIDs: [String] { (roles ?? []).map(\.value) }
    public var safeguardIDs: [String] { (safeguards ?? []).map(\.value) }
}

public struct Workflow: Sendable, Decodable {
    public var initial: Located<String>
    public var states: [WorkflowState]
    public var transitions: [Transition]

    public func state(_ id: String) -> WorkflowState? { states.first { $0.id.value == id } }
    public func transition(_ id: String) -> Transition? { transitions.first { $0.id.value == id } }
}

public enum RetentionTarget: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    case biometricAttachments = "biometric_attachments"
    case attachments
    case messages
    case documents
    /// The whole case: particulars, documents, attachments and messages.
    case `case`

    public static let kind = "retention target"
}

public enum RetentionAction: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    /// Delete the data and every copy of it.
    case purge
    /// Replace personal values with placeholders, keeping the case's skeleton for statistics.
    case anonymise

    public static let kind = "retention action"
}

public enum RetentionTrigger: String, Sendable, Hashable, CaseIterable, Codable, ConfigEnum {
    case caseCreated = "case_created"
    case caseClosed = "case_closed"
    case caseTransferred = "case_transferred"

    public static let kind = "retention trigger"
}

public struct RetentionRule: Sendable, Decodable {
    public var id: Located<String>
    public var target: Located<RetentionTarget>
    public var action: Located<RetentionAction>
    public var trigger: Located<RetentionTrigger>
    public var afterDays: Located<Int>
    public var legalBasis: String?
    public var verified: Bool?

    enum CodingKeys: String, CodingKey {
        case id, target, action, trigger, verified
        case afterDays = "after_days"
        case legalBasis = "legal_basis"
    }
}
