import Foundation

/// Turns a name as written in the case into the letters `A`–`Z` a zone can carry, by the
/// transliteration of Doc 9303 Part 3 §6.
///
/// Latin letters with diacritics lose them (`É` → `E`), except those the table spells out
/// (`Ä` → `AE`, `Å` → `AA`, `Ø` → `OE`, `Þ` → `TH`). Latin letters with no decomposition have
/// their own rows (`Ł` → `L`, `Đ` → `D`, `ß` → `SS`), and Cyrillic follows its table. Spaces and
/// hyphens separate name parts; apostrophes and other punctuation are left out. Letters of
/// other scripts, Greek and Arabic among them, are rejected: the case keeps a Latin
/// transliteration of the name for them, which is what goes in.
public enum MRZTransliteration {
    /// Returns the parts of `text` in zone letters, in order and never empty.
    ///
    /// - Parameter field: the field the text belongs to, named in errors.
    /// - Throws: ``MRZError`` with ``MRZError/Code/unsupportedScript`` for a letter with no row
    ///   here, or ``MRZError/Code/invalidField`` for a digit or symbol in a name.
    public static func parts(of text: String, field: MRZField) throws(MRZError) -> [String] {
        var parts: [String] = []
        var current = ""
        // Composed form first, so that `A` followed by a combining diaeresis meets the `Ä` row.
        for (offset, character) in text.precomposedStringWithCanonicalMapping.enumerated() {
            if character.isWhitespace || separators.contains(character) {
                if !current.isEmpty { parts.append(current) }
                current = ""
                continue
            }
            if omitted.contains(character) || (character.isPunctuation && !character.isLetter) {
                continue
            }
            current += try latin(character, field: field, position: offset + 1)
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// Characters that end a name part: Doc 9303 Part 3 writes spaces and hyphens as fillers.
    static let separators: Set<Character> = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "<"]

    /// Apostrophes and full stops, which Doc 9303 Part 3 leaves out of the zone (`O'NEILL` →
    /// `ONEILL`).
    static let omitted: Set<Character> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "."]

    /// Returns the zone letters for one character of a name.
    static func latin(_ character: Character, field: MRZField, position: Int) throws(MRZError) -> String {
        if let row = letterRows[character] { return row }
        let upper = String(character).uppercased()
        if upper.allSatisfy(\.isZoneLetter) { return upper }
        if upper.count == 1, let row = letterRows[Character(upper)] ?? cyrillicRows[Character(upper)] {
            return row
        }

        // Canonical decomposition splits a letter from its diacritics: `É` is `E` and an acute.
        var letters = ""
        for scalar in upper.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let piece = Character(scalar)
            if omitted.contains(piece) { continue }
            guard piece.isZoneLetter else {
                throw rejection(of: scalar, field: field, position: position)
            }
            letters.append(piece)
        }
        return letters
    }

    static func rejection(of scalar: Unicode.Scalar, field: MRZField, position: Int) -> MRZError {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        if scalar.properties.numericType != nil {
            return MRZError(
                .invalidField, field: field,
                "\(field.label): character \(position) is a digit (\(code)); a name in the zone has letters only")
        }
        guard scalar.properties.isAlphabetic else {
            return MRZError(
                .invalidField, field: field,
                "\(field.label): character \(position) (\(code)) is not a letter, space, hyphen or apostrophe")
        }
        let script = (0x0370...0x03FF).contains(scalar.value) ? "a Greek letter" : "a letter with no transliteration"
        return MRZError(
            .unsupportedScript, field: field,
            "\(field.label): character \(position) is \(script) (\(code)); Doc 9303 transliteration is done here for Latin and Cyrillic only, so enter the name's Latin transliteration as the case records it"
        )
    }

    /// Latin letters the table of Doc 9303 Part 3 §6 spells out, and letters with no canonical
    /// decomposition.
    static let letterRows: [Character: String] = [
        "Ä": "AE", "Å": "AA", "Æ": "AE", "Ö": "OE", "Ø": "OE", "Ü": "UE", "Þ": "TH", "Ð": "D",
        "Œ": "OE", "Ĳ": "IJ", "ß": "SS", "ẞ": "SS", "Ł": "L", "Đ": "D", "Ħ": "H", "Ŋ": "N",
        "Ŧ": "T", "Ŀ": "L", "ı": "I", "ĸ": "K", "Ñ": "N",
    ]

    /// The Cyrillic table of Doc 9303 Part 3 §6, upper case.
    ///
    /// NOTE: these rows give one spelling per letter whatever the language. Serbian `Ђ` → `D`
    /// and `Ћ` → `C` match what the Latin rows do to Serbian Latin `Đ` and `Ć`. The other
    /// Serbian and Macedonian rows are `Љ` → `LJ`, `Њ` → `NJ`, `Џ` → `DZ`, `Ѕ` → `DZ`, `Ѓ` → `G`,
    /// `Ќ` → `K`, and Ukrainian `Г` → `G`, `И` → `I`. These rows were not compared with the
    /// published table letter by letter. Where a national rule differs (Ukrainian `H` and `Y`,
    /// Serbian `DJ`), enter the name in Latin letters as the person's passport shows it.
    static let cyrillicRows: [Character: String] = [
        "А": "A", "Б": "B", "В": "V", "Г": "G", "Ѓ": "G", "Ґ": "G", "Д": "D", "Ђ": "D",
        "Е": "E", "Ё": "E", "Є": "IE", "Ж": "ZH", "З": "Z", "Ѕ": "DZ", "И": "I", "І": "I",
        "Ї": "I", "Й": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "LJ", "М": "M", "Н": "N",
        "Њ": "NJ", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "C", "Ќ": "K",
        "У": "U", "Ў": "U", "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH", "Џ": "DZ", "Ш": "SH",
        "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA",
    ]
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        String(repeating: pad, count: max(0, width - count)) + self
    }
}
