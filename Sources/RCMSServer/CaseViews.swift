import RCMSConfig
import RCMSCore

/// JSON shapes of the case routes. Ids are strings because they use all 63 bits, more than a
/// JavaScript number holds; instants are ISO 8601 UTC; civil dates are `YYYY-MM-DD`.
enum CaseViews {
    struct Case: Codable {
        var id: String
        var state: String
        var stateLabel: String
        var version: Int64
        var voluntaryReturn: Bool
        var configurationVersion: String
        var createdAt: String
        var updatedAt: String
        var closedAt: String?
        var transferredAt: String?

        init(_ record: CaseRecord, configuration: TenantConfiguration?, language: String) {
            id = String(record.id)
            state = record.state
            let fallback = configuration?.languages.default.value ?? "en"
            stateLabel =
                configuration?.workflow.state(record.state)?.label.text(in: language, fallback: fallback)
                ?? record.state
            version = record.version
            voluntaryReturn = record.voluntaryReturn
            configurationVersion = record.configurationHash
            createdAt = record.createdAt.description
            updatedAt = record.updatedAt.description
            closedAt = record.closedAt?.description
            transferredAt = record.transferredAt?.description
        }

        enum CodingKeys: String, CodingKey {
            case id, state, version
            case stateLabel = "state_label"
            case voluntaryReturn = "voluntary_return"
            case configurationVersion = "configuration_version"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
            case closedAt = "closed_at"
            case transferredAt = "transferred_at"
        }
    }

    struct Person: Codable {
        var surname: String
        var givenNames: String
        var dateOfBirth: String?
        var sex: String
        var nationalityClaimed: String?
        var particulars: [String: String]

        enum CodingKeys: String, CodingKey {
            case surname, sex, particulars
            case givenNames = "given_names"
            case dateOfBirth = "date_of_birth"
            case nationalityClaimed = "nationality_claimed"
        }
    }

    struct Document: Codable {
        var id: String
        var type: String
        var typeLabel: String
        var fields: [String: String]
        var attachments: [Attachment]

        enum CodingKeys: String, CodingKey {
            case id, type, fields, attachments
            case typeLabel = "type_label"
        }
    }

    struct Attachment: Codable {
        var id: String
        var name: String
        var mediaType: String
        var size: Int64
        var biometric: Bool

        enum CodingKeys: String, CodingKey {
            case id, name, size, biometric
            case mediaType = "media_type"
        }
    }

    struct Deadline: Codable {
        var id: String
        var transition: String
        var party: String
        var dueDate: String
        var unit: String
        var status: String

        enum CodingKeys: String, CodingKey {
            case id, transition, party, unit, status
            case dueDate = "due_date"
        }
    }

    struct Hold: Codable {
        var id: String
        var reason: String
        var placedAt: String
        var liftedAt: String?

        enum CodingKeys: String, CodingKey {
            case id, reason
            case placedAt = "placed_at"
            case liftedAt = "lifted_at"
        }
    }

    struct Message: Codable {
        var id: String
        var senderParty: String
        var body: String
        var sentAt: String

        enum CodingKeys: String, CodingKey {
            case id, body
            case senderParty = "sender_party"
            case sentAt = "sent_at"
        }
    }

    struct Interview: Codable {
        var id: String
        var scheduledAt: String
        var place: String
        var interpreterLanguage: String

        enum CodingKeys: String, CodingKey {
            case id, place
            case scheduledAt = "scheduled_at"
            case interpreterLanguage = "interpreter_language"
        }
    }

    struct Transition: Codable {
        var id: String
        var label: String
        var to: String
        var allowed: Bool
        var unmet: [APIErrorDetail]
    }

    struct Detail: Codable {
        var `case`: Case
        var persons: [Person]
        var documents: [Document]
        var deadlines: [Deadline]
        var safeguardsAttested: [String]
        var holds: [Hold]
        var messages: [Message]
        var interviews: [Interview]
        var transitions: [Transition]

        enum CodingKeys: String, CodingKey {
            case `case`, persons, documents, deadlines, holds, messages, interviews, transitions
            case safeguardsAttested = "safeguards_attested"
        }
    }

    struct Opened: Codable {
        var `case`: Case
        var possibleDuplicates: [String]

        enum CodingKeys: String, CodingKey {
            case `case`
            case possibleDuplicates = "possible_duplicates"
        }
    }

    struct AuditEntry: Codable {
        var sequence: Int64
        var at: String
        var actor: String
        var action: String
        var objects: [String]
        var fields: [String]
    }

    // MARK: Schemas for the OpenAPI document

    static let caseSchema = APISchema.named(
        "Case",
        .object(
            [
                "id": .string, "state": .string, "state_label": .string, "version": .integer,
                "voluntary_return": .boolean, "configuration_version": .string, "created_at": .string,
                "updated_at": .string, "closed_at": .string, "transferred_at": .string,
            ], required: ["id", "state", "state_label", "version", "voluntary_return", "configuration_version"]))
    static let detailSchema = APISchema.named(
        "CaseDetail",
        .object(
            [
                "case": caseSchema, "persons": .array(.object([:], required: [])),
                "documents": .array(.object([:], required: [])), "deadlines": .array(.object([:], required: [])),
                "safeguards_attested": .array(.string), "holds": .array(.object([:], required: [])),
                "messages": .array(.object([:], required: [])), "interviews": .array(.object([:], required: [])),
                "transitions": .array(.object([:], required: [])),
            ], required: ["case", "persons", "documents", "deadlines", "transitions"]))
    static let openSchema = APISchema.named(
        "NewCase",
        .object(
            [
                "person": .object(
                    [
                        "surname": .string, "given_names": .string, "transliterated_surname": .string,
                        "transliterated_given_names": .string, "date_of_birth": .string,
                        "sex": .enumeration(PersonRecord.Sex.allCases.map(\.rawValue)),
                        "nationality_claimed": .string, "place_of_birth": .string, "father_name": .string,
                        "mother_name": .string,
                    ], required: ["surname", "given_names"]),
                "voluntary_return": .boolean,
                "documents": .array(
                    .object(["type": .string, "fields": .map(.string)], required: ["type", "fields"])),
            ], required: ["person"]))
    static let openedSchema = APISchema.named(
        "OpenedCase", .object(["case": caseSchema, "possible_duplicates": .array(.string)], required: ["case"]))
    static let transitionSchema = APISchema.named(
        "TransitionRequest",
        .object(["transition": .string, "expected_version": .integer], required: ["transition", "expected_version"]))
    static let documentSchema = APISchema.named(
        "NewDocument", .object(["type": .string, "fields": .map(.string)], required: ["type", "fields"]))
    static let messageSchema = APISchema.named("NewMessage", .object(["body": .string], required: ["body"]))
    static let interviewSchema = APISchema.named(
        "NewInterview",
        .object(
            ["scheduled_at": .string, "place": .string, "interpreter_language": .string],
            required: ["scheduled_at", "place", "interpreter_language"]))
    static let attestationSchema = APISchema.named(
        "NewAttestation",
        .object(["safeguard": .string, "evidence_reference": .string], required: ["safeguard", "evidence_reference"]))
    static let reasonSchema = APISchema.named("Reason", .object(["reason": .string], required: ["reason"]))
    static let auditSchema = APISchema.named(
        "AuditEntry",
        .object(
            [
                "sequence": .integer, "at": .string, "actor": .string, "action": .string,
                "objects": .array(.string), "fields": .array(.string),
            ], required: ["sequence", "at", "actor", "action", "objects", "fields"]))
}
