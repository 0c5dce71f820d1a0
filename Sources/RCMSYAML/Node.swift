/// One node of a parsed YAML document, with the position where it starts.
///
/// Aliases are resolved while parsing, so the tree contains no anchors; the loader bounds how many
/// nodes aliases may expand to.
public struct Node: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case scalar(Scalar)
        case mapping([Pair])
        case sequence([Node])
    }

    /// A key and its value, in document order.
    public struct Pair: Sendable, Hashable {
        public var key: Node
        public var value: Node

        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var kind: Kind
    public var mark: Mark
    /// Nodes in this subtree, this one included; aliases count every node they expand to.
    public var weight: Int

    public init(kind: Kind, mark: Mark) {
        self.kind = kind
        self.mark = mark
        switch kind {
        case .scalar:
            weight = 1
        case .mapping(let pairs):
            weight = pairs.reduce(1) { $0 + $1.key.weight + $1.value.weight }
        case .sequence(let items):
            weight = items.reduce(1) { $0 + $1.weight }
        }
    }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    public var pairs: [Pair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    public var items: [Node]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The value stored under a text key, when this node is a mapping.
    public subscript(key: String) -> Node? {
        pairs?.first { $0.key.scalar?.value == key }?.value
    }

    /// A word for this node's kind, as used in error messages.
    public var kindName: String {
        switch kind {
        case .scalar(let scalar): return scalar.isNull ? "null" : "scalar"
        case .mapping: return "mapping"
        case .sequence: return "sequence"
        }
    }
}

/// A scalar's text as written (after YAML unescaping), its style and explicit tag if any.
public struct Scalar: Sendable, Hashable {
    public var value: String
    public var style: ScalarStyle
    public var tag: String?

    public init(value: String, style: ScalarStyle, tag: String? = nil) {
        self.value = value
        self.style = style
        self.tag = tag
    }
}

extension Node {
    /// A copy without the node at `path` (mapping keys and sequence indexes as text), or `nil`
    /// when the path names nothing or names this node itself.
    public func removing(path: some Collection<String>) -> Node? {
        guard let head = path.first else { return nil }
        let rest = path.dropFirst()
        switch kind {
        case .mapping(let pairs):
            guard let index = pairs.firstIndex(where: { $0.key.scalar?.value == head }) else { return nil }
            var copy = pairs
            if rest.isEmpty {
                copy.remove(at: index)
            } else {
                guard let child = pairs[index].value.removing(path: rest) else { return nil }
                copy[index].value = child
            }
            return Node(kind: .mapping(copy), mark: mark)
        case .sequence(let items):
            guard let index = Int(head), items.indices.contains(index) else { return nil }
            var copy = items
            if rest.isEmpty {
                copy.remove(at: index)
            } else {
                guard let child = items[index].removing(path: rest) else { return nil }
                copy[index] = child
            }
            return Node(kind: .sequence(copy), mark: mark)
        case .scalar:
            return nil
        }
    }
}
