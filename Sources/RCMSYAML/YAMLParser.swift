internal import CYAML

/// Parses one YAML document into a ``Node`` tree on libyaml's event API.
///
/// The event API exposes each scalar's style and tag, which the core-schema rules need, and lets
/// the parser stop at the first event that crosses a limit, before memory grows.
public enum YAMLParser {
    /// Parses `bytes` read from `file`.
    ///
    /// - Returns: The document's root node, or `nil` for an empty document.
    /// - Throws: ``YAMLError`` with the position of the first problem.
    public static func parse(_ bytes: [UInt8], file: String, limits: YAMLLimits = .default) throws -> Node? {
        if bytes.count > limits.maxBytes {
            throw YAMLError(
                .fileTooLarge, at: Mark(file: file, line: 1, column: 1),
                "file is \(bytes.count) bytes; the limit is \(limits.maxBytes) bytes")
        }
        let source = SourceCheck.strippingByteOrderMark(bytes)
        try SourceCheck.validateUTF8(source, file: file)
        try SourceCheck.rejectTabIndentation(source, file: file)

        let offsetShift = bytes.count - source.count
        var builder = TreeBuilder(file: file, limits: limits, offsetShift: offsetShift)
        try Array(source).withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                throw YAMLError(.io, at: Mark(file: file, line: 1, column: 1), "libyaml could not allocate a parser")
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

            var done = false
            while !done {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw syntaxError(parser, file: file, offsetShift: offsetShift)
                }
                defer { yaml_event_delete(&event) }
                done = try builder.handle(event)
            }
        }
        return builder.root
    }

    private static func syntaxError(_ parser: yaml_parser_t, file: String, offsetShift: Int) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let mark = Mark(
            file: file, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
            offset: Int(parser.problem_mark.index) + offsetShift)
        let message = context.map { "\(problem) \($0)" } ?? problem
        return YAMLError(.syntax, at: mark, message)
    }
}

/// Builds the tree from events with an explicit stack, so nesting depth never recurses.
private struct TreeBuilder {
    enum Frame {
        case mapping(mark: Mark, anchor: String?, pairs: [Node.Pair], pendingKey: Node?, seen: [String: Mark])
        case sequence(mark: Mark, anchor: String?, items: [Node])
    }

    let file: String
    let limits: YAMLLimits
    let offsetShift: Int
    var stack: [Frame] = []
    var anchors: [String: Node] = [:]
    var aliasCount = 0
    var nodeCount = 0
    var documentCount = 0
    var root: Node?

    init(file: String, limits: YAMLLimits, offsetShift: Int) {
        self.file = file
        self.limits = limits
        self.offsetShift = offsetShift
    }

    func mark(_ mark: yaml_mark_t) -> Mark {
        Mark(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1, offset: Int(mark.index) + offsetShift)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// Handles one event; returns `true` at the end of the stream.
    mutating func handle(_ event: yaml_event_t) throws -> Bool {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documentCount += 1
            if documentCount > 1 {
                throw YAMLError(
                    .multipleDocuments, at: start,
                    "a second document starts here; a configuration file holds one document")
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let style: ScalarStyle
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let node = Node(
                kind: .scalar(Scalar(value: value, style: style, tag: Self.string(scalar.tag))), mark: start)
            try count(nodes: 1, at: start)
            try add(node, anchor: Self.string(scalar.anchor))
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                throw YAMLError(.unknownAnchor, at: start, "alias '*\(name)' names no anchor defined before it")
            }
            aliasCount += 1
            if aliasCount > limits.maxAliases {
                throw YAMLError(.tooManyAliases, at: start, "more than \(limits.maxAliases) aliases in one document")
            }
            try count(nodes: target.weight, at: start)
            var copy = target
            copy.mark = start
            try add(copy, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            try push(
                .sequence(mark: start, anchor: Self.string(event.data.sequence_start.anchor), items: []), at: start)
        case YAML_MAPPING_START_EVENT:
            try push(
                .mapping(
                    mark: start, anchor: Self.string(event.data.mapping_start.anchor), pairs: [], pendingKey: nil,
                    seen: [:]),
                at: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            switch frame {
            case .sequence(let mark, let anchor, let items):
                try add(Node(kind: .sequence(items), mark: mark), anchor: anchor)
            case .mapping(let mark, let anchor, let pairs, _, _):
                try add(Node(kind: .mapping(pairs), mark: mark), anchor: anchor)
            }
        default:
            break
        }
        return false
    }

    mutating func count(nodes: Int, at mark: Mark) throws {
        nodeCount += nodes
        if nodeCount > limits.maxNodes {
            throw YAMLError(.tooManyNodes, at: mark, "document expands to more than \(limits.maxNodes) nodes")
        }
    }

    mutating func push(_ frame: Frame, at mark: Mark) throws {
        if stack.count >= limits.maxDepth {
            throw YAMLError(.tooDeep, at: mark, "nesting deeper than \(limits.maxDepth) levels")
        }
        try count(nodes: 1, at: mark)
        stack.append(frame)
    }

    mutating func add(_ node: Node, anchor: String?) throws {
        if let anchor {
            anchors[anchor] = node
        }
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(let mark, let anchor, var items):
            items.append(node)
            stack.append(.sequence(mark: mark, anchor: anchor, items: items))
        case .mapping(let mark, let anchor, var pairs, let pendingKey, var seen):
            guard let key = pendingKey else {
                guard let text = node.scalar?.value else {
                    throw YAMLError(
                        .typeMismatch, at: node.mark, "a mapping key must be a scalar, not a \(node.kindName)")
                }
                if let first = seen[text] {
                    throw YAMLError(
                        .duplicateKey, at: node.mark,
                        "duplicate key '\(text)'; it is already defined at line \(first.line), column \(first.column)")
                }
                seen[text] = node.mark
                stack.append(.mapping(mark: mark, anchor: anchor, pairs: pairs, pendingKey: node, seen: seen))
                return
            }
            pairs.append(Node.Pair(key: key, value: node))
            stack.append(.mapping(mark: mark, anchor: anchor, pairs: pairs, pendingKey: nil, seen: seen))
        }
    }
}
