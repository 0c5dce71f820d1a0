import Foundation

/// Folds personal names into search keys that match across case, diacritics and scripts.
///
/// Both storage backends compare keys with plain string operations (no collation, no
/// locale-aware matching), so everything that makes two spellings meet happens here, once, in
/// the application:
/// - NFC at the boundary, whitespace collapsed;
/// - Turkish `İ`, `I`, `ı` and `i` all become `i` (locale-free case folding alone keeps `ı`
///   apart, and folding with a Turkish locale keeps `i` apart);
/// - case folded without a locale, diacritics removed;
/// - Arabic-script letter variants unified (`ي`/`ى` to `ی`, `ك` to `ک`, `ة` to `ه`, hamza forms
///   of alef to `ا`), tatweel and harakat removed;
/// - a Latin transliteration in ASCII, so a Latin query finds a name stored in Arabic, Cyrillic,
///   Greek, Bengali, Tamil or Sinhala script and the reverse;
/// - a consonant skeleton of the Latin form (vowels dropped, doubled letters merged), because
///   Arabic and Urdu script usually leave short vowels unwritten: "Muhammad" and "محمد" meet at
///   `mhmd`.
public enum NameFolding {
    /// Skeleton keys shorter than this many letters are not used for queries: they would
    /// match too many names.
    public static let minimumSkeletonQueryLetters = 3

    /// Returns the text in NFC with runs of whitespace collapsed to one space and no space at the ends.
    public static func normalized(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        return composed.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Folds the name within its own script: lower case, no diacritics, unified letter
    /// variants, only letters, digits and single spaces.
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in normalized(text).unicodeScalars {
            switch scalar.value {
            case 0x0130, 0x0049, 0x0131: scalars.append("i")  // İ, I, ı
            default: scalars.append(scalar)
            }
        }
        let caseless = String(scalars).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)

        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in caseless.unicodeScalars {
            if let replacement = arabicVariant(scalar.value) {
                out.append(replacement)
                lastWasSpace = false
                continue
            }
            if isRemovedMark(scalar.value) || scalar.properties.generalCategory == .format { continue }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
                || scalar.properties.generalCategory == .spacingMark
            {
                out.append(scalar)
                lastWasSpace = false
            } else if scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}" || scalar == "\u{02BF}"
                || scalar == "\u{02BE}"
            {
                continue  // apostrophes and ayn/hamza signs join a name: O'Brien, Ma'ruf
            } else if !lastWasSpace {
                out.append(" ")
                lastWasSpace = true
            }
        }
        return String(String(out).precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces))
    }

    /// Transliterates the folded name to ASCII Latin letters, or the folded name when it is
    /// already Latin.
    public static func latin(_ text: String) -> String {
        latin(folded: fold(text))
    }

    /// The Latin form of text that is already folded; ICU's transliterator, the costly step,
    /// runs only when non-ASCII letters remain.
    static func latin(folded: String) -> String {
        guard folded.unicodeScalars.contains(where: { !$0.isASCII }) else { return folded }
        let transliterated =
            folded.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? folded
        return fold(transliterated)
    }

    public static func skeleton(_ text: String) -> String {
        skeleton(latin: latin(text))
    }

    static func skeleton(latin: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var out = ""
        var previous: Character?
        for character in latin {
            if vowels.contains(character) { continue }
            if character == previous { continue }
            out.append(character)
            previous = character
        }
        return out.split(separator: " ").joined(separator: " ")
    }

    public static func searchKeys(surname: String, givenNames: String, transliterations: [String] = []) -> [String] {
        // Each part is folded and transliterated once, then joined in both orders; joining
        // folded parts gives the same key as folding the joined name.
        func forms(_ parts: [String]) -> (folded: String, latin: String) {
            let foldedParts = parts.map { NameFolding.fold($0) }.filter { !$0.isEmpty }
            let latinParts = foldedParts.map { NameFolding.latin(folded: $0) }.filter { !$0.isEmpty }
            return (foldedParts.joined(separator: " "), latinParts.joined(separator: " "))
        }
        var orders = [[givenNames, surname], [surname, givenNames]]
        if !transliterations.isEmpty {
            orders.append(transliterations)
            orders.append(transliterations.reversed())
        }
        var keys: [String] = []
        for order in orders {
            let (folded, latin) = forms(order)
            for key in [folded, latin, skeleton(latin: latin)] where !key.isEmpty && !keys.contains(key) {
                keys.append(key)
            }
        }
        return keys
    }

    /// Scalars per gram of the name search index.
    public static let gramLength = 3

    /// Returns the distinct runs of `gramLength` Unicode scalars in a search key, which the name
    /// search index stores per person. A key that contains a query key contains all of its grams.
    /// Counting scalars matches what `length` and `substr` count in both databases, so a
    /// migration can compute the same grams in SQL.
    public static func grams(_ key: String) -> Set<String> {
        let scalars = Array(key.unicodeScalars)
        guard scalars.count >= gramLength else { return [] }
        var grams: Set<String> = []
        for start in 0...(scalars.count - gramLength) {
            var gram = String.UnicodeScalarView()
            gram.append(contentsOf: scalars[start..<(start + gramLength)])
            grams.insert(String(gram))
        }
        return grams
    }

    public static func queryKeys(_ query: String) -> [String] {
        var keys: [String] = []
        let letters = skeleton(query).filter { $0 != " " }.count
        var candidates = [fold(query), latin(query)]
        if letters >= minimumSkeletonQueryLetters { candidates.append(skeleton(query)) }
        for key in candidates where !key.isEmpty && !keys.contains(key) {
            keys.append(key)
        }
        return keys
    }

    /// Returns the unified form of an Arabic-script letter that is written several ways.
    private static func arabicVariant(_ value: UInt32) -> Unicode.Scalar? {
        switch value {
        case 0x064A, 0x0649, 0x06D2: return "\u{06CC}"  // ي ى ے → ی
        case 0x0643: return "\u{06A9}"  // ك → ک
        case 0x0629, 0x06C1, 0x06D5: return "\u{0647}"  // ة ہ ە → ه
        case 0x0622, 0x0623, 0x0625, 0x0671: return "\u{0627}"  // آ أ إ ٱ → ا
        case 0x0624: return "\u{0648}"  // ؤ → و
        case 0x0626: return "\u{06CC}"  // ئ → ی
        default: return nil
        }
    }

    /// Tatweel and the Arabic vowel and reading marks, which spellings of a name use or omit.
    private static func isRemovedMark(_ value: UInt32) -> Bool {
        value == 0x0640 || (0x064B...0x065F).contains(value) || value == 0x0670
            || (0x06D6...0x06ED).contains(value)
    }
}
