/// A decoded value with the position where it was written, so later checks can point at it.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var mark: Mark

    public init(_ value: Value, at mark: Mark) {
        self.value = value
        self.mark = mark
    }
}

extension Located: Decodable where Value: Decodable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = try container.decode(Value.self)
        mark = (decoder as? NodeDecoding)?.node.mark ?? Mark(file: "", line: 0, column: 0)
    }
}

extension Located: Equatable where Value: Equatable {
    /// Compares values only; the same value written elsewhere is equal.
    public static func == (lhs: Located, rhs: Located) -> Bool { lhs.value == rhs.value }
}

extension Located: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension Located: CustomStringConvertible {
    public var description: String { "\(value)" }
}
