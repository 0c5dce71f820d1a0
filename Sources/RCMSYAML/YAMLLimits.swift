/// Bounds that keep a hostile or broken file from exhausting memory or time.
///
/// The defaults are far above what a tenant configuration needs (the bundled tenants stay under
/// 64 KiB per file, 10 levels deep and use no aliases) and far below what would hurt a server.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest accepted file, in bytes.
    public var maxBytes: Int
    /// Deepest accepted nesting of mappings and sequences.
    public var maxDepth: Int
    /// Most alias references (`*name`) accepted in one document.
    public var maxAliases: Int
    /// Most nodes a document may expand to once every alias is resolved.
    public var maxNodes: Int

    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64, maxAliases: Int = 256, maxNodes: Int = 250_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliases = maxAliases
        self.maxNodes = maxNodes
    }

    public static let `default` = YAMLLimits()
}
