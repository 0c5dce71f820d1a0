/// Errors of engine operations, each with a stable code; descriptions hold ids only.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No published configuration version has this content hash.
    case configurationVersionNotFound(hash: String)
    /// A stored version no longer loads, for example after a validator change.
    case storedConfigurationInvalid(hash: String, errors: Int)
    /// The tenant has no published configuration, so no case can be opened.
    case noConfiguration(tenant: String)
    /// The case does not exist in the tenant, or the caller's party may not see it.
    case caseNotFound(Int64)
    /// Input values that are missing or invalid, each named.
    case invalidInput([FieldProblem])
    /// The change is not possible now; every reason is listed.
    case unmetConditions([UnmetCondition])
    /// Another change to the case was saved since the caller read it.
    case staleVersion(caseID: Int64, read: Int64, current: Int64)
    /// A state mapping for moving cases to another configuration version is incomplete or wrong.
    case invalidStateMapping([String])

    public var code: String {
        switch self {
        case .configurationVersionNotFound: return "configuration_version_not_found"
        case .storedConfigurationInvalid: return "stored_configuration_invalid"
        case .noConfiguration: return "no_configuration"
        case .caseNotFound: return "case_not_found"
        case .invalidInput: return "invalid_input"
        case .unmetConditions: return "unmet_conditions"
        case .staleVersion: return "stale_version"
        case .invalidStateMapping: return "invalid_state_mapping"
        }
    }

    public var description: String {
        switch self {
        case .configurationVersionNotFound(let hash):
            return "no published configuration version \(hash); list versions with 'rcms config versions TENANT'"
        case .storedConfigurationInvalid(let hash, let errors):
            return
                "stored configuration version \(hash) no longer validates (\(errors) errors); publish a corrected version"
        case .noConfiguration(let tenant):
            return "tenant '\(tenant)' has no published configuration; run 'rcms config publish \(tenant)'"
        case .caseNotFound(let id):
            return "case \(id) not found"
        case .invalidInput(let problems):
            return "invalid input: " + problems.map(\.description).joined(separator: "; ")
        case .unmetConditions(let conditions):
            return "not possible now: " + conditions.map(\.message).joined(separator: "; ")
        case .staleVersion(let caseID, let read, let current):
            return "case \(caseID) changed since version \(read) was read (now \(current)); read it again and retry"
        case .invalidStateMapping(let problems):
            return "invalid state mapping: " + problems.joined(separator: "; ")
        }
    }
}
