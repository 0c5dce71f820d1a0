import RCMSConfig

/// Where RCMSKit keeps everything: one protocol, two backends (SQLite and PostgreSQL) that pass
/// the same conformance suite.
///
/// Every read and write is scoped to one tenant: each row carries the tenant id and every
/// statement filters on it, so a transaction of one tenant never reads or changes another's
/// rows. One engine operation is one `write` call, that is one database transaction.
public protocol Storage: Sendable {
    /// Brings the schema to the newest version this binary supports; running it again does nothing.
    ///
    /// Throws `StorageError.schemaTooNew` when the database was migrated by a newer binary.
    func migrate() throws -> MigrationReport

    /// Runs `body` in one write transaction for `tenant` and commits it; any error thrown rolls
    /// back every change and is rethrown.
    @discardableResult
    func write<T>(tenant: String, _ body: (any StorageTransaction) throws -> T) throws -> T

    /// Runs `body` against one consistent snapshot of `tenant`'s data.
    func read<T>(tenant: String, _ body: (any StorageReader) throws -> T) throws -> T

    /// Runs `body` while holding the lock `name`, or returns `nil` at once when another holder
    /// (another thread, or with PostgreSQL another server) has it.
    ///
    /// Background jobs such as the deadline sweep use it so that one server runs each.
    func withAdvisoryLock<T>(_ name: String, _ body: () throws -> T) throws -> T?

    /// Clears the copies of purged rows the database keeps beside its tables, after a
    /// retention run: SQLite checkpoints its write-ahead log and truncates it, PostgreSQL
    /// vacuums the tables that hold personal data.
    ///
    /// Runs outside any transaction; call it once after a batch of purges, not per case.
    func maintenanceAfterPurge() throws

    /// Closes idle connections; the storage must not be used afterwards.
    func close()
}

/// The read operations of one tenant-scoped transaction or snapshot.
public protocol StorageReader {
    /// The tenant every operation is scoped to.
    var tenant: String { get }

    func configurationVersion(hash: String) throws -> ConfigurationVersionRecord?
    /// Versions by publication instant, the latest last.
    func configurationVersions() throws -> [ConfigurationVersionRecord]
    /// The most recently published version.
    func currentConfigurationVersion() throws -> ConfigurationVersionRecord?
    /// The content hash of the newest published version, without reading its files.
    func currentConfigurationHash() throws -> String?

    func fetchCase(_ id: Int64) throws -> CaseRecord?
    /// Cases not yet closed, for the open-cases gauge.
    func countOpenCases() throws -> Int64
    /// Open or extended deadlines due before `date`, for the overdue gauge.
    func countRunningDeadlines(dueBefore date: CivilDate) throws -> Int64
    func listCases(_ query: CaseQuery) throws -> [CaseRecord]
    /// Returns one case as retention plans it, or `nil` when the case does not exist.
    func retentionCandidate(caseID: Int64, remedySafeguard: String) throws -> RetentionCandidate?
    /// Counts in one query what a whole-case purge would remove from the case now: persons
    /// other than anonymisation placeholders, search keys, field values, attachment records,
    /// messages and notes not yet purged.
    func pendingPurge(caseID: Int64) throws -> PurgeReport
    /// Returns a page of the tenant's cases in creation order as retention plans them: dates,
    /// the number of holds in force, and whether `remedySafeguard` is attested. One query per page.
    func retentionCandidates(
        remedySafeguard: String, after cursor: CaseQuery.Cursor?, limit: Int
    ) throws -> [(candidate: RetentionCandidate, cursor: CaseQuery.Cursor)]

    func persons(caseID: Int64) throws -> [PersonRecord]
    /// Returns the ids of open cases other than `excluding` with a person who has one of these
    /// search keys exactly and a date of birth that is unknown or compatible with `dateOfBirth`.
    /// At most `limit` ids come back, in no particular order.
    func openCaseIDs(
        withSearchKeys keys: [String], bornCompatibleWith dateOfBirth: PartialDate?, excluding: Int64, limit: Int
    ) throws -> [Int64]
    /// Particulars beyond names and date of birth, by field id (`place_of_birth`, ...).
    func particulars(personID: Int64) throws -> [String: String]
    /// Interview appointments in time order.
    func interviews(caseID: Int64) throws -> [InterviewRecord]
    func fetchDocument(_ id: Int64) throws -> DocumentRecord?
    func documents(caseID: Int64) throws -> [DocumentRecord]
    func fetchAttachment(_ id: Int64) throws -> AttachmentRecord?
    func attachments(caseID: Int64) throws -> [AttachmentRecord]
    /// Messages in the order they were sent.
    func messages(caseID: Int64) throws -> [MessageRecord]
    /// Messages of every case sent in `range` (lower bound included, upper excluded).
    func messages(sentIn range: Range<Instant>) throws -> [MessageRecord]

    func deadlines(caseID: Int64) throws -> [DeadlineRecord]
    /// Open or extended deadlines whose due date is before `date`, oldest first, at most `limit`.
    func runningDeadlines(dueBefore date: CivilDate, limit: Int) throws -> [DeadlineRecord]

    func attestations(caseID: Int64) throws -> [SafeguardAttestationRecord]
    func holds(caseID: Int64) throws -> [HoldRecord]

    func fetchUser(_ id: Int64) throws -> UserRecord?
    func fetchUser(loginName: String) throws -> UserRecord?
    func users() throws -> [UserRecord]
    /// Returns the token with this hash, whether or not it has expired.
    func fetchToken(hash: String) throws -> TokenRecord?

    /// Returns the entry with the highest sequence, or `nil` for an empty trail.
    func lastAuditEntry() throws -> AuditEntry?
    /// Entries with `sequences.lowerBound <= sequence <= sequences.upperBound`, in order.
    func auditEntries(sequences: ClosedRange<Int64>) throws -> [AuditEntry]
    /// Entries recorded in `range` (lower bound included, upper excluded), in sequence order.
    func auditEntries(recordedIn range: Range<Instant>) throws -> [AuditEntry]
}

/// The write operations of one tenant-scoped transaction, on top of its reads.
public protocol StorageTransaction: StorageReader {
    /// Stores a published version, or moves an already stored one to the top by updating who
    /// published it and when (rolling back is publishing an older version again).
    func publishConfigurationVersion(_ record: ConfigurationVersionRecord) throws

    func insertCase(_ record: CaseRecord) throws
    /// Writes `record` over the stored case when its version is still `expectedVersion`, and
    /// returns it with the version incremented.
    ///
    /// Throws `StorageError.staleVersion` when another transaction changed the case first, and
    /// `StorageError.notFound` when there is no such case.
    @discardableResult
    func updateCase(_ record: CaseRecord, expectedVersion: Int64) throws -> CaseRecord

    /// Stores a person and their search keys.
    func insertPerson(_ record: PersonRecord) throws
    /// Replaces a person's names and details and recomputes nothing: the record's keys are stored.
    func updatePerson(_ record: PersonRecord) throws

    /// Sets one further particular of a person; an empty value removes it.
    func setParticular(personID: Int64, fieldID: String, value: String) throws
    func insertInterview(_ record: InterviewRecord) throws

    /// Stores a document and its field values.
    func insertDocument(_ record: DocumentRecord) throws
    /// Replaces the field values of a document.
    func replaceDocumentFields(documentID: Int64, _ fields: [DocumentRecord.FieldValue]) throws
    func insertAttachment(_ record: AttachmentRecord) throws
    func insertMessage(_ record: MessageRecord) throws

    func insertDeadline(_ record: DeadlineRecord) throws
    /// Writes the status, due date and expiry flag of a stored deadline.
    func updateDeadline(_ record: DeadlineRecord) throws

    func insertAttestation(_ record: SafeguardAttestationRecord) throws
    func insertHold(_ record: HoldRecord) throws
    /// Records that a hold in force was lifted; throws `notFound` when no such hold is in force.
    func liftHold(id: Int64, _ lift: HoldRecord.Lift) throws

    func insertUser(_ record: UserRecord) throws
    func updateUser(_ record: UserRecord) throws
    func insertToken(_ record: TokenRecord) throws
    func deleteToken(hash: String) throws
    /// Deletes tokens that expired before `instant`; returns how many.
    @discardableResult
    func deleteTokens(expiredBefore instant: Instant) throws -> Int64
    /// Deletes every session and API token of a user, for example after a password change;
    /// returns how many.
    @discardableResult
    func deleteTokens(ofUser userID: Int64) throws -> Int64

    /// Appends an entry to the tenant's audit chain and returns it.
    ///
    /// The storage assigns the next sequence (one more than the last, per tenant, with no gaps
    /// even under concurrent writers) and passes it with the previous entry's hash to `seal`,
    /// which computes the new entry's hash.
    ///
    /// Appends of one tenant take turns on a lock held until commit, so append last in a
    /// transaction: taking it before a case row another writer already locked can deadlock,
    /// which PostgreSQL breaks by failing one transaction with `StorageError.busy`.
    @discardableResult
    func appendAudit(
        _ draft: AuditDraft, seal: (_ sequence: Int64, _ previousHash: String) throws -> String
    ) throws -> AuditEntry

    /// Deletes the personal rows of a case named by `scope`; the case row, deadlines, holds,
    /// attestations and audit entries stay.
    @discardableResult
    func purgePersonalData(caseID: Int64, scope: PurgeScope) throws -> PurgeReport
}
