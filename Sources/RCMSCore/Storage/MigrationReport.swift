/// The result of `Storage.migrate()`: the schema version before and after, and the steps applied.
public struct MigrationReport: Sendable, Hashable {
    /// The highest version recorded before migrating; 0 for an empty database.
    public var fromVersion: Int
    /// The highest version recorded afterwards.
    public var toVersion: Int
    /// Versions applied in this run, in order; empty when the schema was already current.
    public var applied: [Int]

    public init(fromVersion: Int, toVersion: Int, applied: [Int]) {
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.applied = applied
    }
}
