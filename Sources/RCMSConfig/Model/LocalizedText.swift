import RCMSYAML

/// A label written once per language: a mapping from BCP 47 language code to text.
public struct LocalizedText: Sendable, Hashable, Decodable {
    public var texts: [String: String]
    /// Languages in the order they were written.
    public var languages: [String]
    public var mark: Mark

    public init(_ texts: [String: String], at mark: Mark = Mark(file: "", line: 0, column: 0)) {
        self.texts = texts
        self.languages = texts.keys.sorted()
        self.mark = mark
    }

    public init(from decoder: Decoder) throws {
        guard let node = (decoder as? NodeDecoding)?.node else {
            texts = try decoder.singleValueContainer().decode([String: String].self)
            languages = texts.keys.sorted()
            mark = Mark(file: "", line: 0, column: 0)
            return
        }
        mark = node.mark
        guard let pairs = node.pairs else {
            throw InvalidValue(
                "a label is a mapping from language code to text, such as {en: Accepted, de: Angenommen}")
        }
        var texts: [String: String] = [:]
        var languages: [String] = []
        for pair in pairs {
            guard let language = pair.key.scalar?.value else { continue }
            guard let text = pair.value.scalar, !text.isNull else {
                throw YAMLError(
                    .typeMismatch, at: pair.value.mark,
                    "the label text for '\(language)' is missing; write the text after '\(language):', quoted if it contains ':' or '#'"
                )
            }
            texts[language] = text.value
            languages.append(language)
        }
        self.texts = texts
        self.languages = languages
    }

    /// The text in `language`, falling back to its base language (`sr` for `sr-Latn`), then to
    /// `fallback`.
    public func text(in language: String, fallback: String) -> String {
        if let text = texts[language] { return text }
        if let base = language.split(separator: "-").first, let text = texts[String(base)] { return text }
        return texts[fallback] ?? texts.values.sorted().first ?? ""
    }
}
