import Foundation
import RCMSConfig
import Synchronization

/// Carries out readmission case operations: each checks the caller's party and role against
/// the case's pinned configuration, validates its input, and writes its changes and their
/// audit entries in one storage transaction, so a refused or failed operation leaves nothing.
public final class CaseEngine: Sendable {
    public let storage: any Storage
    public let versions: ConfigurationVersions
    public let calculator: DeadlineCalculator
    /// The keys issued travel documents are signed with; `nil` issues them unsigned.
    public let travelDocumentKeys: TravelDocumentKeyStore?
    /// Workflow engines by configuration content hash. Building one sets up each party's
    /// working calendar and time zone, which every case read and transition repeated.
    private let workflowEngines = Mutex<[String: WorkflowEngine]>([:])

    public init(
        storage: any Storage, versions: ConfigurationVersions? = nil, calculator: DeadlineCalculator = .init(),
        travelDocumentKeys: TravelDocumentKeyStore? = nil
    ) {
        self.storage = storage
        self.versions = versions ?? ConfigurationVersions(storage: storage)
        self.calculator = calculator
        self.travelDocumentKeys = travelDocumentKeys
    }

    // MARK: Opening a case

    /// Opens a case under the tenant's newest configuration version, with the person and the
    /// documents given; reports open cases that may concern the same person.
    public func openCase(
        tenant: String, _ input: OpenCaseInput, by user: EngineUser, at instant: Instant = .now()
    )
        throws -> OpenCaseResult
    {
        guard let configuration = try versions.current(tenant: tenant) else {
            throw EngineError.noConfiguration(tenant: tenant)
        }
        try requirePermission(.caseOpen, of: user, in: configuration)
        guard user.party == .requesting else {
            throw EngineError.unmetConditions([
                .wrongParty(transition: "open", required: .requesting, actual: user.party)
            ])
        }

        var problems: [FieldProblem] = []
        let person: ValidatedPerson
        do {
            person = try validatedPerson(input.person)
        } catch EngineError.invalidInput(let personProblems) {
            problems = personProblems
            person = ValidatedPerson(input: input.person, dateOfBirth: nil, particulars: [])
        }
        for (index, document) in input.documents.enumerated() {
            problems += documentProblems(document, path: "documents[\(index)]", user: user, in: configuration)
        }
        if !problems.isEmpty { throw EngineError.invalidInput(problems) }

        let caseID = RecordID.random()
        let record = CaseRecord(
            id: caseID, configurationHash: configuration.contentHash, state: configuration.workflow.initial.value,
            voluntaryReturn: input.voluntaryReturn, createdAt: instant)
        let personRecord = PersonRecord(
            id: RecordID.random(), caseID: caseID, surname: person.input.surname, givenNames: person.input.givenNames,
            transliteratedSurname: person.input.transliteratedSurname,
            transliteratedGivenNames: person.input.transliteratedGivenNames, dateOfBirth: person.dateOfBirth,
            sex: person.input.sex ?? .unknown, nationalityClaimed: person.input.nationalityClaimed)

        let duplicates = try storage.write(tenant: tenant) { transaction -> [Int64] in
            let duplicates = try possibleDuplicates(of: personRecord, in: transaction)
            try transaction.insertCase(record)
            try transaction.insertPerson(personRecord)
            for (field, value) in person.particulars {
                try transaction.setParticular(personID: personRecord.id, fieldID: field, value: value)
            }
            var documentIDs: [String] = []
            for document in input.documents {
                let stored = documentRecord(document, caseID: caseID, in: configuration)
                try transaction.insertDocument(stored)
                documentIDs.append("document:\(stored.id)")
            }
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: String(user.id), action: AuditAction.caseOpen.rawValue,
                    objectIDs: ["case:\(caseID)", "person:\(personRecord.id)"] + documentIDs,
                    fieldNames: ["surname", "given_names", "date_of_birth"],
                    digests: [
                        AuditRecorder.digest(personRecord.surname), AuditRecorder.digest(personRecord.givenNames),
                        AuditRecorder.digest(personRecord.dateOfBirth?.description ?? ""),
                    ]),
                in: transaction)
            return duplicates
        }
        return OpenCaseResult(record: record, possibleDuplicates: duplicates)
    }

    struct ValidatedPerson {
        var input: PersonInput
        var dateOfBirth: PartialDate?
        var particulars: [(String, String)]
    }

    func validatedPerson(_ input: PersonInput) throws -> ValidatedPerson {
        var problems: [FieldProblem] = []
        if input.surname.allSatisfy(\.isWhitespace) && input.givenNames.allSatisfy(\.isWhitespace) {
            problems.append(
                FieldProblem(
                    field: "person.surname", code: "missing_value", message: "a surname or given name is required"))
        }
        var dateOfBirth: PartialDate?
        if let text = input.dateOfBirth, !text.isEmpty {
            do {
                dateOfBirth = try PartialDate.parse(text)
            } catch {
                problems.append(
                    FieldProblem(
                        field: "person.date_of_birth", code: error.code,
                        message: "expected a date of birth written YYYY, YYYY-MM or YYYY-MM-DD that exists"))
            }
        }
        if let nationality = input.nationalityClaimed,
            !(nationality.count == 2 && nationality.allSatisfy { $0.isASCII && $0.isUppercase })
        {
            problems.append(
                FieldProblem(
                    field: "person.nationality_claimed", code: "invalid_value",
                    message: "expected an ISO 3166-1 alpha-2 code in upper case, such as PK"))
        }
        if !problems.isEmpty { throw EngineError.invalidInput(problems) }
        let particulars = [
            ("place_of_birth", input.placeOfBirth), ("father_name", input.fatherName),
            ("mother_name", input.motherName),
        ].compactMap { field, value in value.map { (field, NameFolding.normalized($0)) } }
        return ValidatedPerson(input: input, dateOfBirth: dateOfBirth, particulars: particulars)
    }

    /// Open cases whose person shares a folded name key and has a compatible date of birth.
    func possibleDuplicates(of person: PersonRecord, in reader: any StorageReader) throws -> [Int64] {
        try reader.openCaseIDs(
            withSearchKeys: person.searchKeys, bornCompatibleWith: person.dateOfBirth, excluding: person.caseID,
            limit: 200
        ).sorted()
    }

    // MARK: Documents, messages, interviews

    /// Adds a document of one of the tenant's types to a case.
    @discardableResult
    public func addDocument(
        tenant: String, caseID: Int64, _ input: DocumentInput, by user: EngineUser, at instant: Instant = .now()
    ) throws -> DocumentRecord {
        try storage.write(tenant: tenant) { transaction in
            let (_, configuration) = try visibleCase(caseID, for: user, in: transaction)
            try requirePermission(.documentWrite, of: user, in: configuration)
            let problems = documentProblems(input, path: "document", user: user, in: configuration)
            if !problems.isEmpty { throw EngineError.invalidInput(problems) }
            let record = documentRecord(input, caseID: caseID, in: configuration)
            try transaction.insertDocument(record)
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: String(user.id), action: AuditAction.documentAdd.rawValue,
                    objectIDs: ["case:\(caseID)", "document:\(record.id)", "type:\(input.type)"],
                    fieldNames: record.fields.map(\.fieldID),
                    digests: record.fields.map { AuditRecorder.digest($0.value) }
                ),
                in: transaction)
            return record
        }
    }

    /// Sends a message from the user's party to the other party of the case.
    @discardableResult
    public func sendMessage(
        tenant: String, caseID: Int64, body: String, by user: EngineUser, at instant: Instant = .now()
    ) throws -> MessageRecord {
        guard !body.allSatisfy(\.isWhitespace) else {
            throw EngineError.invalidInput([
                FieldProblem(field: "body", code: "missing_value", message: "a message needs text")
            ])
        }
        return try storage.write(tenant: tenant) { transaction in
            let (_, configuration) = try visibleCase(caseID, for: user, in: transaction)
            try requirePermission(.messageSend, of: user, in: configuration)
            let record = MessageRecord(
                id: RecordID.random(), caseID: caseID, senderParty: user.party.rawValue, body: body, sentAt: instant)
            try transaction.insertMessage(record)
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: String(user.id), action: AuditAction.messageSend.rawValue,
                    objectIDs: ["case:\(caseID)", "message:\(record.id)"], fieldNames: ["body"],
                    digests: [AuditRecorder.digest(body)]),
                in: transaction)
            return record
        }
    }

    /// Records an interview appointment: time, place and the interpreter's language.
    @discardableResult
    public func scheduleInterview(
        tenant: String, caseID: Int64, scheduledAt: Instant, place: String, interpreterLanguage: String,
        by user: EngineUser, at instant: Instant = .now()
    ) throws -> InterviewRecord {
        var problems: [FieldProblem] = []
        if place.allSatisfy(\.isWhitespace) {
            problems.append(FieldProblem(field: "place", code: "missing_value", message: "an interview needs a place"))
        }
        let languageShape =
            interpreterLanguage.split(separator: "-").first.map { $0.count == 2 || $0.count == 3 } ?? false
        if !languageShape || !interpreterLanguage.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) {
            problems.append(
                FieldProblem(
                    field: "interpreter_language", code: "invalid_value",
                    message: "expected a BCP 47 language code such as ur"))
        }
        if !problems.isEmpty { throw EngineError.invalidInput(problems) }
        return try storage.write(tenant: tenant) { transaction in
            let (_, configuration) = try visibleCase(caseID, for: user, in: transaction)
            try requirePermission(.caseTransition, of: user, in: configuration)
            let record = InterviewRecord(
                id: RecordID.random(), caseID: caseID, scheduledAt: scheduledAt, place: place,
                interpreterLanguage: interpreterLanguage, scheduledBy: user.id)
            try transaction.insertInterview(record)
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: String(user.id), action: AuditAction.interviewSchedule.rawValue,
                    objectIDs: ["case:\(caseID)", "interview:\(record.id)"],
                    fieldNames: ["scheduled_at", "place", "interpreter_language"]),
                in: transaction)
            return record
        }
    }

    // MARK: Shared checks

    /// The case and its pinned configuration, when the user's party may see it: the requested
    /// party sees a case only once it has left the initial state (the application was sent).
    func visibleCase(
        _ caseID: Int64, for user: EngineUser, in reader: any StorageReader
    ) throws
        -> (CaseRecord, TenantConfiguration)
    {
        guard let record = try reader.fetchCase(caseID) else { throw EngineError.caseNotFound(caseID) }
        let configuration = try versions.version(tenant: reader.tenant, hash: record.configurationHash)
        if user.party == .requested && record.state == configuration.workflow.initial.value {
            throw EngineError.caseNotFound(caseID)
        }
        let roles = user.roles.compactMap { configuration.role($0) }
        guard roles.contains(where: { $0.party.value == user.party && $0.allows(.caseRead) }) else {
            throw EngineError.caseNotFound(caseID)
        }
        return (record, configuration)
    }

    /// Returns the workflow engine of `configuration`, the version whose content hash is
    /// `hash` (a case's `configurationHash`), built on first use and kept for the engine's
    /// lifetime. The hash is passed in because `TenantConfiguration.contentHash` rehashes
    /// every file on each call.
    func workflowEngine(for configuration: TenantConfiguration, hash: String) throws -> WorkflowEngine {
        if let cached = workflowEngines.withLock({ $0[hash] }) { return cached }
        let engine = try WorkflowEngine(configuration: configuration, calculator: calculator)
        workflowEngines.withLock { $0[hash] = engine }
        return engine
    }

    func requirePermission(_ permission: Permission, of user: EngineUser, in configuration: TenantConfiguration) throws
    {
        let allowed = user.roles.contains { configuration.role($0)?.allows(permission) == true }
        if !allowed { throw EngineError.unmetConditions([.missingPermission(permission: permission)]) }
    }

    func documentProblems(
        _ input: DocumentInput, path: String, user: EngineUser, in configuration: TenantConfiguration
    ) -> [FieldProblem] {
        guard let type = configuration.documentType(input.type) else {
            let known = configuration.documentTypes.map(\.id.value).joined(separator: ", ")
            return [
                FieldProblem(
                    field: "\(path).type", code: "unknown_document_type",
                    message: "unknown document type '\(input.type)'; known types: \(known)")
            ]
        }
        if type.providedBy.value != user.party {
            return [
                FieldProblem(
                    field: "\(path).type", code: "wrong_party",
                    message:
                        "documents of type '\(input.type)' are provided by the \(type.providedBy.value.rawValue) party")
            ]
        }
        return FieldValidation.problems(of: input, as: type, path: path)
    }

    func documentRecord(_ input: DocumentInput, caseID: Int64, in configuration: TenantConfiguration) -> DocumentRecord
    {
        let type = configuration.documentType(input.type)
        let fields = input.fields.filter { !$0.value.isEmpty }.map { field, value in
            DocumentRecord.FieldValue(
                fieldID: field, value: NameFolding.normalized(value), shared: type?.field(field)?.isShared ?? true)
        }
        return DocumentRecord(id: RecordID.random(), caseID: caseID, documentTypeID: input.type, fields: fields)
    }
}
