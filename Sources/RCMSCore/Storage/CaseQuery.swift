import RCMSConfig

/// Filters and a page for listing cases; every filter given must hold.
///
/// Results are ordered by creation instant, then id, so keyset pagination with `after` is
/// stable while cases are added.
public struct CaseQuery: Sendable, Hashable {
    /// The way a name query matches the stored search keys.
    public enum NameMatch: Sendable, Hashable {
        /// A key starts with the folded query.
        case prefix(String)
        /// A key contains the folded query anywhere.
        case contains(String)
    }

    /// The position where the previous page ended.
    public struct Cursor: Sendable, Hashable {
        public var createdAt: Instant
        public var id: Int64

        public init(createdAt: Instant, id: Int64) {
            self.createdAt = createdAt
            self.id = id
        }

        public init(after record: CaseRecord) {
            self.init(createdAt: record.createdAt, id: record.id)
        }
    }

    /// Only cases in one of these states; `nil` for any state.
    public var states: [String]?
    /// Only cases with an open or extended deadline whose due date is before this date.
    public var overdueAsOf: CivilDate?
    /// Only cases with a person whose name matches.
    public var name: NameMatch?
    public var after: Cursor?
    /// At most this many cases; the backends cap it at 1000.
    public var limit: Int

    public init(
        states: [String]? = nil, overdueAsOf: CivilDate? = nil, name: NameMatch? = nil, after: Cursor? = nil,
        limit: Int = 100
    ) {
        self.states = states
        self.overdueAsOf = overdueAsOf
        self.name = name
        self.after = after
        self.limit = limit
    }
}
