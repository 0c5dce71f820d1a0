import RCMSYAML

/// A closed set of words a configuration may use, decoded with a message that lists them and
/// suggests the closest one.
public protocol ConfigEnum: RawRepresentable<String>, CaseIterable, Decodable, Sendable {
    /// A name for the value in messages ("unit", "party").
    static var kind: String { get }
}

extension ConfigEnum {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            let known = Self.allCases.map(\.rawValue)
            var message = "unknown \(Self.kind) '\(text)'"
            if let suggestion = closestMatch(to: text, in: known) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; expected one of: \(known.joined(separator: ", "))"
            }
            throw InvalidValue(message)
        }
        self = value
    }
}
