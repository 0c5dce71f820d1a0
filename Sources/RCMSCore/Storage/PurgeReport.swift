/// How many personal rows a purge removed from one case.
public struct PurgeReport: Sendable, Hashable {
    public var persons: Int64
    public var searchKeys: Int64
    public var fieldValues: Int64
    public var attachments: Int64
    public var messages: Int64
    /// Free-text notes replaced by `notePlaceholder`: interview places, hold and lift reasons,
    /// safeguard evidence references.
    public var notes: Int64

    /// The text a purged note reads afterwards; the record around it stays.
    public static let notePlaceholder = "[purged]"

    public init(
        persons: Int64 = 0, searchKeys: Int64 = 0, fieldValues: Int64 = 0, attachments: Int64 = 0, messages: Int64 = 0,
        notes: Int64 = 0
    ) {
        self.persons = persons
        self.searchKeys = searchKeys
        self.fieldValues = fieldValues
        self.attachments = attachments
        self.messages = messages
        self.notes = notes
    }
}

/// The kinds of personal rows of a case that a purge removes.
public struct PurgeScope: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Persons and their search keys.
    public static let persons = PurgeScope(rawValue: 1 << 0)
    /// Document field values (the documents themselves stay, with their type).
    public static let fieldValues = PurgeScope(rawValue: 1 << 1)
    /// Metadata of every attachment.
    public static let attachments = PurgeScope(rawValue: 1 << 2)
    /// Metadata of biometric attachments only.
    public static let biometricAttachments = PurgeScope(rawValue: 1 << 3)
    /// Message bodies between the parties.
    public static let messages = PurgeScope(rawValue: 1 << 4)
    /// Free text officers wrote about the case: interview places, hold and lift reasons and
    /// safeguard evidence references. The interviews, holds and attestations themselves stay,
    /// so the trail of safeguards checked outlives the personal data.
    public static let notes = PurgeScope(rawValue: 1 << 5)

    public static let all: PurgeScope = [.persons, .fieldValues, .attachments, .messages, .notes]
}
