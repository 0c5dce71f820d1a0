import Foundation
import RCMSConfig
import RCMSCore

/// Readmission cases: open, list, read, and every change the engine performs on them. The
/// engine checks party, role and state; this file turns requests into engine calls and engine
/// errors into API errors.
enum CaseRoutes {
    struct NewCase: Decodable {
        struct Person: Decodable {
            var surname: String
            var givenNames: String
            var transliteratedSurname: String?
            var transliteratedGivenNames: String?
            var dateOfBirth: String?
            var sex: PersonRecord.Sex?
            var nationalityClaimed: String?
            var placeOfBirth: String?
            var fatherName: String?
            var motherName: String?

            enum CodingKeys: String, CodingKey {
                case surname, sex
                case givenNames = "given_names"
                case transliteratedSurname = "transliterated_surname"
                case transliteratedGivenNames = "transliterated_given_names"
                case dateOfBirth = "date_of_birth"
                case nationalityClaimed = "nationality_claimed"
                case placeOfBirth = "place_of_birth"
                case fatherName = "father_name"
                case motherName = "mother_name"
            }
        }

        var person: Person
        var voluntaryReturn: Bool?
        var documents: [DocumentInput]?

        enum CodingKeys: String, CodingKey {
            case person, documents
            case voluntaryReturn = "voluntary_return"
        }
    }

    struct TransitionRequestBody: Decodable {
        var transition: String
        var expectedVersion: Int64

        enum CodingKeys: String, CodingKey {
            case transition
            case expectedVersion = "expected_version"
        }
    }

    struct MessageBody: Decodable { var body: String }
    struct ReasonBody: Decodable { var reason: String }

    struct InterviewBody: Decodable {
        var scheduledAt: String
        var place: String
        var interpreterLanguage: String

        enum CodingKeys: String, CodingKey {
            case place
            case scheduledAt = "scheduled_at"
            case interpreterLanguage = "interpreter_language"
        }
    }

    struct AttestationBody: Decodable {
        var safeguard: String
        var evidenceReference: String

        enum CodingKeys: String, CodingKey {
            case safeguard
            case evidenceReference = "evidence_reference"
        }
    }

    // MARK: Handlers

    static func open(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let body = try context.decode(NewCase.self)
        let input = OpenCaseInput(
            person: PersonInput(
                surname: body.person.surname, givenNames: body.person.givenNames,
                transliteratedSurname: body.person.transliteratedSurname,
                transliteratedGivenNames: body.person.transliteratedGivenNames, dateOfBirth: body.person.dateOfBirth,
                sex: body.person.sex, nationalityClaimed: body.person.nationalityClaimed,
                placeOfBirth: body.person.placeOfBirth, fatherName: body.person.fatherName,
                motherName: body.person.motherName),
            voluntaryReturn: body.voluntaryReturn ?? false, documents: body.documents ?? [])
        let result = try mapped(context) {
            try context.environment.engine.openCase(tenant: caller.tenant, input, by: user)
        }
        let configuration = try context.environment.activeConfiguration(tenant: caller.tenant)
        let language = configuration.map { context.language(for: $0) } ?? "en"
        return .json(
            CaseViews.Opened(
                case: CaseViews.Case(result.record, configuration: configuration, language: language),
                possibleDuplicates: result.possibleDuplicates.map(String.init)),
            status: 201)
    }

    static func list(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, _) = try engineUser(context)
        let query = context.request.query
        var caseQuery = CaseQuery(limit: min(max(Int(query["limit"] ?? "") ?? 50, 1), 500))
        if let state = query["state"], !state.isEmpty {
            caseQuery.states = state.split(separator: ",").map(String.init)
        }
        if let name = query["name"], !name.isEmpty { caseQuery.name = .contains(name) }
        if query["overdue"] == "true" {
            caseQuery.overdueAsOf = DeadlineCalculator.civilDate(of: Date(), in: TimeZone(identifier: "UTC")!)
        }
        if let after = query["after"], let id = Int64(after) {
            let record = try context.environment.storage.read(tenant: caller.tenant) { try $0.fetchCase(id) }
            if let record { caseQuery.after = CaseQuery.Cursor(after: record) }
        }
        let configuration = try context.environment.activeConfiguration(tenant: caller.tenant)
        let records = try context.environment.storage.read(tenant: caller.tenant) { try $0.listCases(caseQuery) }
        // The requested party sees a case only once the application was sent.
        let visible = records.filter { record in
            caller.party != .requested || record.state != (configuration?.workflow.initial.value ?? "")
        }
        let language = configuration.map { context.language(for: $0) } ?? "en"
        return .json(visible.map { CaseViews.Case($0, configuration: configuration, language: language) })
    }

    static func show(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let caseID = try self.caseID(context)
        let engine = context.environment.engine
        // One read gives the transitions and the view, so both describe the same version of the case.
        let detail = try mapped(context) {
            try engine.storage.read(tenant: caller.tenant) { reader -> CaseViews.Detail in
                let parts = try engine.readCase(caseID, for: user, in: reader)
                let transitions = try engine.availableTransitions(of: parts, for: user)
                return try detailView(parts, transitions: transitions, caller: caller, context: context, in: reader)
            }
        }
        return .json(detail)
    }

    /// Builds the view of a case from `parts`, reading its attachments, messages and
    /// interviews in `reader`.
    static func detailView(
        _ parts: CaseParts, transitions: [AvailableTransition], caller: Caller, context: RequestContext,
        in reader: any StorageReader
    ) throws -> CaseViews.Detail {
        let record = parts.record
        let configuration = parts.configuration
        let language = context.language(for: configuration)
        let fallback = configuration.languages.default.value
        let persons = parts.persons.map { person in
            CaseViews.Person(
                surname: person.surname, givenNames: person.givenNames,
                dateOfBirth: person.dateOfBirth?.description, sex: person.sex.rawValue,
                nationalityClaimed: person.nationalityClaimed, particulars: parts.particulars[person.id] ?? [:])
        }
        let attachments = Dictionary(grouping: try reader.attachments(caseID: record.id), by: \.documentID)
        let documents = parts.documents.map { document in
            let type = configuration.documentType(document.documentTypeID)
            let provider = type?.providedBy.value ?? .requesting
            // Fields marked not shared stay with the party that provided the document.
            let fields = document.fields.filter {
                $0.shared || caller.party == provider || caller.party == .monitor
            }
            return CaseViews.Document(
                id: String(document.id), type: document.documentTypeID,
                typeLabel: type?.label.text(in: language, fallback: fallback) ?? document.documentTypeID,
                fields: Dictionary(fields.map { ($0.fieldID, $0.value) }, uniquingKeysWith: { first, _ in first }),
                attachments: (attachments[document.id] ?? []).map {
                    CaseViews.Attachment(
                        id: String($0.id), name: $0.originalName, mediaType: $0.mediaType, size: $0.size,
                        biometric: $0.biometric)
                })
        }
        let transitionViews = transitions.map { available in
            CaseViews.Transition(
                id: available.transitionID,
                label: configuration.workflow.transition(available.transitionID)?.label.text(
                    in: language, fallback: fallback) ?? available.transitionID,
                to: available.toState, allowed: available.isAllowed,
                unmet: available.unmetConditions.map { APIErrorDetail(code: $0.code, message: $0.message) })
        }
        return CaseViews.Detail(
            case: CaseViews.Case(record, configuration: configuration, language: language),
            persons: persons, documents: documents,
            deadlines: parts.deadlines.map {
                CaseViews.Deadline(
                    id: String($0.id), transition: $0.transitionID, party: $0.party,
                    dueDate: $0.dueDate.description, unit: $0.unit.rawValue, status: $0.status.rawValue)
            },
            safeguardsAttested: parts.attestations.map(\.safeguardID),
            holds: parts.holds.map {
                CaseViews.Hold(
                    id: String($0.id), reason: $0.reason, placedAt: $0.placedAt.description,
                    liftedAt: $0.lift?.liftedAt.description)
            },
            messages: try reader.messages(caseID: record.id).map {
                CaseViews.Message(
                    id: String($0.id), senderParty: $0.senderParty, body: $0.body, sentAt: $0.sentAt.description)
            },
            interviews: try reader.interviews(caseID: record.id).map {
                CaseViews.Interview(
                    id: String($0.id), scheduledAt: $0.scheduledAt.description, place: $0.place,
                    interpreterLanguage: $0.interpreterLanguage)
            },
            transitions: transitionViews)
    }

    static func transition(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let caseID = try self.caseID(context)
        let body = try context.decode(TransitionRequestBody.self)
        let record = try mapped(context) {
            try context.environment.engine.perform(
                tenant: caller.tenant, caseID: caseID, transition: body.transition,
                expectedVersion: body.expectedVersion, by: user)
        }
        let configuration = try context.environment.engine.versions.version(
            tenant: caller.tenant, hash: record.configurationHash)
        return .json(
            CaseViews.Case(record, configuration: configuration, language: context.language(for: configuration)))
    }

    static func addDocument(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let caseID = try self.caseID(context)
        let body = try context.decode(DocumentInput.self)
        let record = try mapped(context) {
            try context.environment.engine.addDocument(tenant: caller.tenant, caseID: caseID, body, by: user)
        }
        return .json(["id": String(record.id), "type": record.documentTypeID], status: 201)
    }

    static func sendMessage(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let caseID = try self.caseID(context)
        let body = try context.decode(MessageBody.self)
        let record = try mapped(context) {
            try context.environment.engine.sendMessage(tenant: caller.tenant, caseID: caseID, body: body.body, by: user)
        }
        return .json(["id": String(record.id)], status: 201)
    }

    static func scheduleInterview(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let caseID = try self.caseID(context)
        let body = try context.decode(InterviewBody.self)
        guard let scheduledAt = Instant(iso8601: body.scheduledAt) else {
            throw APIError.unprocessable(
                "invalid_input", "scheduled_at is not an instant",
                details: [
                    APIErrorDetail(
                        code: "invalid_value", message: "expected an ISO 8601 instant such as 2026-05-04T09:30:00Z",
                        field: "scheduled_at")
                ])
        }
        let record = try mapped(context) {
            try context.environment.engine.scheduleInterview(
                tenant: caller.tenant, caseID: caseID, scheduledAt: scheduledAt, place: body.place,
                interpreterLanguage: body.interpreterLanguage, by: user)
        }
        return .json(["id": String(record.id)], status: 201)
    }

    static func attest(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let caseID = try self.caseID(context)
        let body = try context.decode(AttestationBody.self)
        try mapped(context) {
            try context.environment.engine.attest(
                tenant: caller.tenant, caseID: caseID, safeguard: body.safeguard,
                evidenceReference: body.evidenceReference, by: user)
        }
        return .json(["safeguard": body.safeguard], status: 201)
    }

    static func placeHold(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let caseID = try self.caseID(context)
        let body = try context.decode(ReasonBody.self)
        let hold = try mapped(context) {
            try context.environment.engine.placeHold(
                tenant: caller.tenant, caseID: caseID, reason: body.reason, by: user)
        }
        return .json(["id": String(hold.id)], status: 201)
    }

    static func liftHold(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let caseID = try self.caseID(context)
        guard let holdID = Int64(context.parameter("hold")) else { throw APIError.notFound }
        let body = try context.decode(ReasonBody.self)
        try mapped(context) {
            try context.environment.engine.liftHold(
                tenant: caller.tenant, caseID: caseID, holdID: holdID, reason: body.reason, by: user)
        }
        return .json(["id": String(holdID)])
    }

    struct ExtensionBody: Decodable {
        var amount: Int
        var reason: String
    }

    static func extendDeadline(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let caseID = try self.caseID(context)
        guard let deadlineID = Int64(context.parameter("deadline")) else { throw APIError.notFound }
        let body = try context.decode(ExtensionBody.self)
        let deadline = try mapped(context) {
            try context.environment.engine.extendDeadline(
                tenant: caller.tenant, caseID: caseID, deadlineID: deadlineID, amount: body.amount, reason: body.reason,
                by: user)
        }
        return .json(
            CaseViews.Deadline(
                id: String(deadline.id), transition: deadline.transitionID, party: deadline.party,
                dueDate: deadline.dueDate.description, unit: deadline.unit.rawValue, status: deadline.status.rawValue))
    }

    static func auditTrail(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try engineUser(context)
        let caseID = try self.caseID(context)
        _ = try mapped(context) {
            try context.environment.engine.availableTransitions(tenant: caller.tenant, caseID: caseID, for: user)
        }
        let marker = "case:\(caseID)"
        let entries = try context.environment.storage.read(tenant: caller.tenant) { reader -> [RCMSCore.AuditEntry] in
            guard let last = try reader.lastAuditEntry() else { return [] }
            // NOTE: reads the whole trail and filters in memory; an index of entries by case
            // would keep this fast for tenants with millions of entries.
            return try reader.auditEntries(sequences: 1...last.sequence).filter { $0.objectIDs.contains(marker) }
        }
        return .json(
            entries.map {
                CaseViews.AuditEntry(
                    sequence: $0.sequence, at: $0.at.description, actor: $0.actor, action: $0.action,
                    objects: $0.objectIDs, fields: $0.fieldNames)
            })
    }

    // MARK: Helpers

    static func engineUser(_ context: RequestContext) throws -> (Caller, EngineUser) {
        let caller = try context.requireCaller()
        return (caller, EngineUser(id: caller.userID, party: caller.party, roles: Set(caller.roleIDs)))
    }

    static func caseID(_ context: RequestContext) throws -> Int64 {
        guard let id = Int64(context.parameter("case")), id > 0 else { throw APIError.notFound }
        return id
    }

    /// Runs an engine call and turns its errors into API errors: unmet conditions and invalid
    /// input are 422 with one detail each, a stale version is 409, an invisible case is 404.
    @discardableResult
    static func mapped<T>(_ context: RequestContext, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as EngineError {
            switch error {
            case .caseNotFound(let id):
                throw context.refuse(reason: "case_not_visible", objectIDs: ["case:\(id)"])
            case .invalidInput(let problems):
                throw APIError.unprocessable(
                    "invalid_input", "some values are missing or invalid",
                    details: problems.map { APIErrorDetail(code: $0.code, message: $0.message, field: $0.field) })
            case .unmetConditions(let conditions):
                throw APIError.unprocessable(
                    "unmet_conditions", "the change is not possible now",
                    details: conditions.map { APIErrorDetail(code: $0.code, message: $0.message) })
            case .staleVersion:
                throw APIError(status: 409, code: "stale_version", error.description)
            case .noConfiguration, .configurationVersionNotFound, .storedConfigurationInvalid, .invalidStateMapping:
                throw APIError(status: 409, code: error.code, error.description)
            }
        }
    }
}
