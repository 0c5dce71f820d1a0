/// Decodes `Decodable` values from a ``Node`` tree.
///
/// Every error is a ``YAMLError`` carrying the coding path and the file, line and column of the
/// node at fault. Keys a type never asks for are reported as unknown, with the closest key the
/// type does know, so a misspelt optional key is never silently ignored.
public struct YAMLDecoder: Sendable {
    public init() {}

    /// Decodes a value and throws the first problem: a type error, or else the unknown keys.
    public func decode<T: Decodable>(_ type: T.Type, from node: Node) throws -> T {
        let (value, errors) = decodeCollectingErrors(type, from: node)
        if let value, errors.isEmpty { return value }
        if errors.count == 1 { throw errors[0] }
        throw YAMLErrors(errors)
    }

    /// Decodes a value and returns it with every problem found: at most one type error (the
    /// value is then `nil`) plus every unknown key.
    public func decodeCollectingErrors<T: Decodable>(_ type: T.Type, from node: Node) -> (T?, [YAMLError]) {
        let state = DecodingState()
        let decoder = NodeDecoder(node: node, codingPath: [], state: state)
        do {
            let value = try decoder.decodeValue(T.self)
            return (value, state.unknownKeyErrors())
        } catch let error as YAMLError {
            return (nil, [error] + state.unknownKeyErrors())
        } catch let errors as YAMLErrors {
            return (nil, errors.errors + state.unknownKeyErrors())
        } catch {
            return (nil, [YAMLError(.invalidValue, at: node.mark, "\(error)")] + state.unknownKeyErrors())
        }
    }
}

extension YAMLDecoder {
    /// Decodes a value and keeps going after a type error: the value at fault is removed and
    /// decoding runs again, so the mistakes after it are found too. Returns the value when the
    /// remaining fields still form one, and every error found along the way.
    public func decodeRecovering<T: Decodable>(
        _ type: T.Type, from node: Node, maxAttempts: Int = 32
    ) -> (T?, [YAMLError]) {
        var current = node
        var errors: [YAMLError] = []
        var removed: [[String]] = []
        for _ in 0..<maxAttempts {
            let (value, found) = decodeCollectingErrors(type, from: current)
            if let value {
                return (value, errors + found)
            }
            guard let fatal = found.first else { return (nil, errors) }
            // A required key reported missing after its own invalid value was removed is a
            // consequence of that error, not a second one.
            if !(fatal.code == .missingKey && removed.contains(fatal.path)) {
                errors.append(fatal)
            }
            // A missing key cannot be removed, so the mapping that lacks it is.
            let prunePath = fatal.code == .missingKey ? Array(fatal.path.dropLast()) : fatal.path
            guard !prunePath.isEmpty, let pruned = current.removing(path: prunePath) else {
                return (nil, errors)
            }
            removed.append(prunePath)
            current = pruned
        }
        return (nil, errors)
    }
}

/// Thrown by a type's `init(from:)` to reject a value with a message meant for the person who
/// wrote the file; the decoder adds the position.
public struct InvalidValue: Error, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}

/// A decoder that exposes the node being decoded, for types that keep their position.
public protocol NodeDecoding: Decoder {
    var node: Node { get }
}

/// Remembers which keys each decoded mapping was asked for.
final class DecodingState: @unchecked Sendable {
    // Decoding runs on one thread from start to end; the class is never shared across threads.
    private var requested: [Int: (node: Node, path: [CodingKey], keys: Set<String>, everything: Bool)] = [:]

    func noteOpened(_ node: Node, path: [CodingKey]) {
        if requested[node.mark.offset] == nil {
            requested[node.mark.offset] = (node, path, [], false)
        }
    }

    func noteRequested(_ key: String, in node: Node) {
        requested[node.mark.offset]?.keys.insert(key)
    }

    func noteAllKeysRead(in node: Node) {
        requested[node.mark.offset]?.everything = true
    }

    func unknownKeyErrors() -> [YAMLError] {
        var errors: [YAMLError] = []
        for entry in requested.values.sorted(by: { $0.node.mark.offset < $1.node.mark.offset }) where !entry.everything
        {
            for pair in entry.node.pairs ?? [] {
                guard let key = pair.key.scalar?.value, !entry.keys.contains(key) else { continue }
                var message = "unknown key '\(key)'"
                if let suggestion = closestMatch(to: key, in: entry.keys) {
                    message += "; did you mean '\(suggestion)'?"
                } else if !entry.keys.isEmpty {
                    message += "; expected one of: \(entry.keys.sorted().joined(separator: ", "))"
                }
                errors.append(
                    YAMLError(.unknownKey, at: pair.key.mark, message, path: entry.path.map(\.stringValue) + [key]))
            }
        }
        return errors
    }
}

struct NodeDecoder: NodeDecoding {
    let node: Node
    let codingPath: [CodingKey]
    let state: DecodingState
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func error(_ code: YAMLError.Code, _ message: String, at mark: Mark? = nil) -> YAMLError {
        YAMLError(code, at: mark ?? node.mark, message, path: codingPath.map(\.stringValue))
    }

    func typeMismatch(expected: String) -> YAMLError {
        error(.typeMismatch, "expected \(expected), found \(describe(node))")
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let pairs = node.pairs else { throw typeMismatch(expected: "a mapping") }
        state.noteOpened(node, path: codingPath)
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, pairs: pairs))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard let items = node.items else { throw typeMismatch(expected: "a sequence") }
        return UnkeyedContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { self }

    func child(_ node: Node, key: CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, codingPath: codingPath + [key], state: state)
    }

    /// Decodes a value of any type here, giving every error this node's position.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type: return try decodeString() as! T
        case is Bool.Type: return try decodeBool() as! T
        case is Int.Type: return try decodeInteger(Int.self) as! T
        case is Int64.Type: return try decodeInteger(Int64.self) as! T
        case is Double.Type: return try decodeDouble() as! T
        default: break
        }
        do {
            return try T(from: self)
        } catch let error as YAMLError {
            throw error
        } catch let errors as YAMLErrors {
            throw errors
        } catch let invalid as InvalidValue {
            throw error(.invalidValue, invalid.message)
        } catch let decodingError as DecodingError {
            throw error(.invalidValue, describe(decodingError))
        }
    }

    func decodeString() throws -> String {
        guard let scalar = node.scalar, !scalar.isNull else { throw typeMismatch(expected: "text") }
        return scalar.value
    }

    func decodeBool() throws -> Bool {
        guard let scalar = node.scalar else { throw typeMismatch(expected: "true or false") }
        guard let value = scalar.boolValue else {
            throw error(.typeMismatch, "expected true or false, found '\(scalar.value)'; write true or false")
        }
        return value
    }

    func decodeInteger<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        guard let scalar = node.scalar else { throw typeMismatch(expected: "an integer") }
        if scalar.hasLeadingZero {
            throw error(
                .invalidValue,
                "'\(scalar.value)' has a leading zero; write the number without it, or quote it if it is a code")
        }
        guard let value = scalar.intValue, let exact = I(exactly: value) else {
            throw error(.typeMismatch, "expected an integer, found \(describe(node))")
        }
        return exact
    }

    func decodeDouble() throws -> Double {
        guard let scalar = node.scalar, let value = scalar.doubleValue else {
            throw typeMismatch(expected: "a number")
        }
        return value
    }
}

extension NodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { node.scalar?.isNull ?? false }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeBool() }
    func decode(_ type: String.Type) throws -> String { try decodeString() }
    func decode(_ type: Double.Type) throws -> Double { try decodeDouble() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decodeDouble()) }
    func decode(_ type: Int.Type) throws -> Int { try decodeInteger(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
}

struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let pairs: [Node.Pair]
    var codingPath: [CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        decoder.state.noteAllKeysRead(in: decoder.node)
        return pairs.compactMap { $0.key.scalar.flatMap { Key(stringValue: $0.value) } }
    }

    func value(for key: Key) -> Node? {
        decoder.state.noteRequested(key.stringValue, in: decoder.node)
        return pairs.first { $0.key.scalar?.value == key.stringValue }?.value
    }

    func contains(_ key: Key) -> Bool { value(for: key) != nil }

    func require(_ key: Key) throws -> NodeDecoder {
        guard let node = value(for: key) else {
            throw YAMLError(
                .missingKey, at: decoder.node.mark, "missing key '\(key.stringValue)'",
                path: decoder.codingPath.map(\.stringValue) + [key.stringValue])
        }
        return decoder.child(node, key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let node = value(for: key) else { return true }
        return node.scalar?.isNull ?? false
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try require(key).decodeBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try require(key).decodeString() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try require(key).decodeDouble() }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try require(key).decodeDouble()) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try require(key).decodeInteger(Int.self) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try require(key).decodeInteger(Int8.self) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try require(key).decodeInteger(Int16.self) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try require(key).decodeInteger(Int32.self) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try require(key).decodeInteger(Int64.self) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try require(key).decodeInteger(UInt.self) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try require(key).decodeInteger(UInt8.self) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try require(key).decodeInteger(UInt16.self) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try require(key).decodeInteger(UInt32.self) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try require(key).decodeInteger(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try require(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try require(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try require(key).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> Decoder { try require(key) }
}

struct IndexKey: CodingKey {
    var stringValue: String { "\(intValue ?? 0)" }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { intValue = Int(stringValue) }
    init?(intValue: Int) { self.intValue = intValue }
}

struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let items: [Node]
    var currentIndex = 0
    var codingPath: [CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw decoder.error(.missingKey, "sequence has only \(items.count) items")
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], key: IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].scalar?.isNull == true else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decodeBool() }
    mutating func decode(_ type: String.Type) throws -> String { try next().decodeString() }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().decodeInteger(Int.self) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().decodeDouble() }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> Decoder { try next() }
}

/// Describes a node for messages: its kind, and the text of a short scalar.
func describe(_ node: Node) -> String {
    guard let scalar = node.scalar else { return "a \(node.kindName)" }
    if scalar.isNull { return "nothing (null)" }
    let text = scalar.value.count > 40 ? String(scalar.value.prefix(40)) + "…" : scalar.value
    return scalar.style.isQuoted ? "quoted text \"\(text)\"" : "'\(text)'"
}

func describe(_ error: DecodingError) -> String {
    switch error {
    case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
        .keyNotFound(_, let context):
        return context.debugDescription
    @unknown default:
        return "\(error)"
    }
}
