/// The check digit that Doc 9303 Part 3 puts after the document number, the dates, the
/// optional data and the whole zone.
///
/// Each character has a value: digits their own, `A` 10 to `Z` 35, the filler `<` 0. The values
/// are multiplied by the weights 7, 3, 1 repeating from the left, and the last digit of the sum
/// is the check digit.
public enum MRZCheckDigit {
    /// The weights of Doc 9303 Part 3, applied from the first character on.
    static let weights = [7, 3, 1]

    /// Returns the value of one zone character, or `nil` for a character outside `A`–`Z`, `0`–`9`
    /// and `<`.
    public static func value(of character: Character) -> Int? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(ascii - UInt8(ascii: "A")) + 10
        case UInt8(ascii: "<"): return 0
        default: return nil
        }
    }

    /// Returns the check digit of `text`, or `nil` when it contains a character outside the
    /// zone's character set.
    public static func compute(_ text: some StringProtocol) -> Character? {
        var sum = 0
        for (index, character) in text.enumerated() {
            guard let value = value(of: character) else { return nil }
            sum += value * weights[index % 3]
        }
        return Character(String(sum % 10))
    }
}

extension Character {
    /// Whether the character belongs to the zone's set: `A`–`Z`, `0`–`9` and the filler `<`.
    var isZoneCharacter: Bool { MRZCheckDigit.value(of: self) != nil }

    var isZoneLetter: Bool {
        guard let ascii = asciiValue else { return false }
        return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(ascii)
    }

    var isZoneDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii)
    }
}
