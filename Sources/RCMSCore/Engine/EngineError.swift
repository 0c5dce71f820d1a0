/// Errors of engine operations, each with a stable code; descriptions hold ids only.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No published configuration version has this content hash.
    case configurationVersionNotFound(hash: String)
    /// A stored version no longer loads, for example after a validator change.
    case storedConfigurationInvalid(hash: String, errors: Int)

    public var code: String {
        switch self {
        case .configurationVersionNotFound: return "configuration_version_not_found"
        case .storedConfigurationInvalid: return "stored_configuration_invalid"
        }
    }

    public var description: String {
        switch self {
        case .configurationVersionNotFound(let hash):
            return "no published configuration version \(hash); list versions with 'rcms config versions TENANT'"
        case .storedConfigurationInvalid(let hash, let errors):
            return
                "stored configuration version \(hash) no longer validates (\(errors) errors); publish a corrected version"
        }
    }
}
