/// The names of actions the engine records in the audit trail.
///
/// The raw values are stored in audit entries and hashed into the chain, so they never change;
/// a new action gets a new name.
public enum AuditAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// A case moved from one workflow state to another.
    case caseTransition = "case.transition"
    /// A case entered a state marked `closed`, which starts `case_closed` retention periods.
    case caseClose = "case.close"
    /// A case entered a state marked `transferred`: the person was handed over.
    case caseTransfer = "case.transfer"
    /// A case entered a state marked `removal`.
    case caseRemovalEntered = "case.removal_entered"
    case deadlineStart = "deadline.start"
    /// The case left the awaited state before the deadline expired.
    case deadlineMeet = "deadline.meet"
    /// The system made the deadline's expiry transition, such as deemed acceptance.
    case deadlineExpire = "deadline.expire"
    case deadlineExtend = "deadline.extend"
    /// A calendar correction moved the due date.
    case deadlineRecompute = "deadline.recompute"
    case safeguardAttest = "safeguard.attest"
    case holdPlace = "hold.place"
    case holdLift = "hold.lift"
    /// A configuration version was published for a tenant.
    case configurationPublish = "configuration.publish"
    /// A readmission case was opened with its person and documents.
    case caseOpen = "case.open"
    /// An open case moved to another configuration version with a state mapping.
    case caseMigrate = "case.migrate"
    case documentAdd = "document.add"
    case messageSend = "message.send"
    case interviewSchedule = "interview.schedule"
    /// A request for a record the caller may not see or change was refused.
    case accessRefused = "access.refused"
}
