/// The name field of a zone: surname, `<<`, given names, parts joined by `<`, filled with `<`.
public struct MRZNameField: Sendable, Hashable {
    /// The field's characters, exactly as wide as the format's name field.
    public let text: String
    /// Whether letters were cut to make the name fit, which the issuing officer must see.
    public let truncated: Bool

    /// Builds the name field from a surname and given names as the case writes them.
    ///
    /// Both are transliterated first (see ``MRZTransliteration``). A name too long for the
    /// field is cut as Doc 9303 Part 3 describes: letters go from the end of name parts, given
    /// names first, the last given name before the earlier ones, then the surname's parts; each
    /// part keeps at least its first letter, and the field's last position is a letter so a
    /// reader sees the name was cut. No letter is ever taken from the middle of a part.
    ///
    /// - Throws: ``MRZError`` when the surname is empty, a character cannot be transliterated,
    ///   or the parts do not fit even as initials.
    public static func make(surname: String, givenNames: String, width: Int) throws(MRZError) -> MRZNameField {
        let surnameParts = try MRZTransliteration.parts(of: surname, field: .surname)
        let givenParts = try MRZTransliteration.parts(of: givenNames, field: .givenNames)
        guard !surnameParts.isEmpty else {
            throw MRZError(
                .invalidField, field: .surname,
                "surname is empty; a person known by one name has it entered as the surname (Doc 9303 Part 3)")
        }
        return try make(surnameParts: surnameParts, givenParts: givenParts, width: width)
    }

    /// Builds the name field from parts already in zone letters.
    static func make(surnameParts: [String], givenParts: [String], width: Int) throws(MRZError) -> MRZNameField {
        var surnameKept = surnameParts
        var givenKept = givenParts
        let full = joined(surnameKept, givenKept)
        if full.count <= width {
            return MRZNameField(text: full + String(repeating: "<", count: width - full.count), truncated: false)
        }

        // Cut exactly the excess, so the field ends on the last letter kept.
        var excess = full.count - width
        for index in givenKept.indices.reversed() where excess > 0 {
            let cut = min(excess, givenKept[index].count - 1)
            givenKept[index].removeLast(cut)
            excess -= cut
        }
        for index in surnameKept.indices.reversed() where excess > 0 {
            let cut = min(excess, surnameKept[index].count - 1)
            surnameKept[index].removeLast(cut)
            excess -= cut
        }
        guard excess == 0 else {
            throw MRZError(
                .nameTooLong, field: .name,
                "the name has too many parts to fit \(width) characters even as initials; enter the name as it should appear in the zone"
            )
        }
        return MRZNameField(text: joined(surnameKept, givenKept), truncated: true)
    }

    static func joined(_ surname: [String], _ given: [String]) -> String {
        let primary = surname.joined(separator: "<")
        return given.isEmpty ? primary : primary + "<<" + given.joined(separator: "<")
    }

    /// Splits a name field read from a zone into surname and given names, parts separated by
    /// spaces.
    static func read(_ field: Substring) -> (surname: String, givenNames: String) {
        let text = String(field)
        let primary: Substring
        let secondary: Substring
        if let separator = text.firstRange(of: "<<") {
            primary = text[..<separator.lowerBound]
            secondary = text[separator.upperBound...]
        } else {
            primary = text[...]
            secondary = ""
        }
        func words(_ part: Substring) -> String {
            part.split(separator: "<").joined(separator: " ")
        }
        return (words(primary), words(secondary))
    }
}
