import RCMSConfig
import Testing

@testable import RCMSMRZ

@Suite("writing zones")
struct GenerationTests {
    /// Doc 9303 Part 3 §6 rows, letters with no decomposition, Cyrillic, and separators.
    @Test(arguments: [
        ("Łukasz", "LUKASZ"), ("Søren Ørsted", "SOEREN<OERSTED"), ("Þórunn", "THORUNN"), ("Ägidius", "AEGIDIUS"),
        ("Ñandú", "NANDU"), ("Åse", "AASE"), ("Æsa", "AESA"), ("Müller", "MUELLER"), ("Öztürk", "OEZTUERK"),
        ("Groß", "GROSS"), ("Đorđe", "DORDE"), ("Ħal", "HAL"), ("Ŋuk", "NUK"), ("Yıldız", "YILDIZ"),
        ("Ðiðrik", "DIDRIK"), ("Çelik", "CELIK"), ("José", "JOSE"), ("Jean-Pierre", "JEAN<PIERRE"),
        ("O'Neill", "ONEILL"), ("d’Artagnan", "DARTAGNAN"), ("  van  der Berg ", "VAN<DER<BERG"),
        ("Jose\u{0301}", "JOSE"),
        ("Жуковский Щербаков", "ZHUKOVSKII<SHCHERBAKOV"), ("Хрущёв", "KHRUSHCHEV"), ("Цой", "TSOI"),
        ("Юлия", "IULIIA"), ("Ярослав", "IAROSLAV"), ("Подъячев", "PODIEIACHEV"), ("Игорь", "IGOR"),
        ("Ђорђе Љубић", "DORDE<LJUBIC"), ("Јована Његош", "JOVANA<NJEGOSH"), ("Ћирић Џајић", "CIRIC<DZAJIC"),
        ("Ѓорѓи Ќосе Ѕвонко", "GORGI<KOSE<DZVONKO"), ("Євгенія Їжак Ґанна", "IEVGENIIA<IZHAK<GANNA"),
        ("Ўладзімір", "ULADZIMIR"), ("Быстрова", "BYSTROVA"), ("Эмма", "EMMA"),
    ])
    func transliteration(name: String, expected: String) throws {
        #expect(try MRZTransliteration.parts(of: name, field: .surname).joined(separator: "<") == expected)
    }

    @Test(arguments: [
        ("Παπαδόπουλος", MRZError.Code.unsupportedScript, "Greek"),
        ("محمد", .unsupportedScript, "Latin transliteration"),
        ("Anna2", .invalidField, "digit"),
        ("Anna+Bo", .invalidField, "not a letter"),
    ])
    func nameOutsideTablesIsRejected(name: String, code: MRZError.Code, message: String) {
        #expect {
            try MRZTransliteration.parts(of: name, field: .givenNames)
        } throws: { error in
            guard let error = error as? MRZError else { return false }
            return error.code == code && error.field == .givenNames && error.description.contains(message)
                && !error.description.contains(name)
        }
    }

    /// Names cut from the end of parts, given names first; each part keeps its first letter and
    /// the field ends on a letter.
    @Test(arguments: [
        (
            MRZFormat.td1, "Eriksson", "Anna Maria", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<", false
        ),
        (.td1, "Nilavadhanananda", "Chayapa Dejthamrong Krasuang", "NILAVADHANANANDA<<CHAYAPA<DE<K", true),
        (.td1, "Nilavadhanananda", "Chayapa Dejthamrong Krasuang Anan", "NILAVADHANANANDA<<CHAYAP<D<K<A", true),
        (.td2, "Nilavadhanananda", "Chayapa Dejthamrong Krasuang", "NILAVADHANANANDA<<CHAYAPA<DEJ<K", true),
        (
            .td3, "Nilavadhanananda", "Chayapa Dejthamrong Krasuang",
            "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K", true
        ),
        (.td1, "Abcdefghijklmnopqrstuvwxyzabcdef", "Anna", "ABCDEFGHIJKLMNOPQRSTUVWXYZA<<A", true),
        (.td1, "Жуковский Щербаков", "Пётр", "ZHUKOVSKII<SHCHERBAKOV<<PETR<<", false),
        (.td1, "Жуковский Щербаков", "Пётр Ильич", "ZHUKOVSKII<SHCHERBAKOV<<PETR<I", true),
        (.td1, "Smith", "", "SMITH<<<<<<<<<<<<<<<<<<<<<<<<<", false),
    ])
    func truncation(format: MRZFormat, surname: String, given: String, field: String, truncated: Bool) throws {
        let name = try MRZNameField.make(surname: surname, givenNames: given, width: format.nameWidth)
        #expect(name.text == field)
        #expect(name.text.count == format.nameWidth)
        #expect(name.truncated == truncated)
        if truncated { #expect(name.text.last!.isZoneLetter) }
    }

    @Test func truncationNeverDropsALetterFromInsideAPart() throws {
        let name = try MRZNameField.make(
            surname: "Wolfeschlegelsteinhausen Bergerdorff", givenNames: "Hubert Blaine Adolph Charles",
            width: 30)
        #expect(name.truncated)
        let surname = name.text.split(separator: "<<", maxSplits: 1)[0].split(separator: "<")
        let given = name.text.split(separator: "<<", maxSplits: 1)[1].split(separator: "<")
        for (part, original) in zip(
            surname + given, ["WOLFESCHLEGELSTEINHAUSEN", "BERGERDORFF", "HUBERT", "BLAINE", "ADOLPH", "CHARLES"])
        {
            #expect(original.hasPrefix(part))
        }
        #expect(surname.count == 2)
        #expect(given.count == 4)
    }

    @Test func tooManyNamePartsIsRejected() {
        let given = Array(repeating: "Ann", count: 20).joined(separator: " ")
        #expect(throws: MRZError.self) {
            try MRZNameField.make(surname: "Li", givenNames: given, width: 30)
        }
    }

    @Test func zoneReportsTheTruncation() throws {
        var fields = Specimen.eriksson
        fields.surname = "Nilavadhanananda"
        fields.givenNames = "Chayapa Dejthamrong Krasuang"
        let zone = try MRZZone.make(.td1, fields: fields)
        #expect(zone.nameTruncated)
        #expect(try MRZReader.read(zone.lines, context: readingDay).isValid)
    }

    /// Doc 9303 Part 5: the first 9 characters in the number field, `<` for its check digit, the
    /// rest and the check digit of the whole number at the start of the optional data.
    @Test(arguments: [
        (MRZFormat.td1, "D23145890ABCD", "", "I<UTOD23145890<ABCD3<<<<<<<<<<"),
        (.td1, "D23145890ABCD", "X12", "I<UTOD23145890<ABCD3<X12<<<<<<"),
        (.td1, "123456789012", "", "I<UTO123456789<0122<<<<<<<<<<<"),
        (.td1, "ABCDEFGHIJKLMNOPQRSTUVW", "", "I<UTOABCDEFGHI<JKLMNOPQRSTUVW1"),
    ])
    func longDocumentNumber(format: MRZFormat, number: String, optional: String, line: String) throws {
        var fields = Specimen.all[2].fields
        fields.documentNumber = number
        fields.optionalData = optional
        let zone = try MRZZone.make(format, fields: fields)
        #expect(zone.lines[0] == line)

        let reading = try MRZReader.read(zone.lines, context: readingDay)
        #expect(reading.isValid, "\(reading.checks) \(reading.problems)")
        #expect(reading.documentNumber == number)
        #expect(reading.optionalData == optional)
    }

    @Test func longDocumentNumberOnTD2ContinuesInTheOptionalData() throws {
        var fields = Specimen.all[1].fields
        fields.documentNumber = "D23145890AB"
        let zone = try MRZZone.make(.td2, fields: fields)
        #expect(zone.lines[1].prefix(10) == "D23145890<")
        let reading = try MRZReader.read(zone.lines, context: readingDay)
        #expect(reading.isValid)
        #expect(reading.documentNumber == "D23145890AB")
    }

    @Test(arguments: [
        (MRZFormat.td3, "L898902C3X", "", "", MRZField.documentNumber),
        (.td1, "ABCDEFGHIJKLMNOPQRSTUVWX", "", "", .documentNumber),
        (.td1, "D23145890ABCDEFGHIJK", "XYZ", "", .optionalData),
        (.td3, "L898902C3", "ABCDEFGHIJKLMNO", "", .optionalData),
        (.td2, "D23145890", "", "A", .optionalData2),
        (.td1, "D2314-5890", "", "", .documentNumber),
    ])
    func longOrMalformedValueIsRejected(
        format: MRZFormat, number: String, optional: String, optional2: String, field: MRZField
    ) {
        var fields = Specimen.eriksson
        fields.documentNumber = number
        fields.optionalData = optional
        fields.optionalData2 = optional2
        #expect {
            try MRZZone.make(format, fields: fields)
        } throws: { error in
            (error as? MRZError)?.field == field
        }
    }

    @Test(arguments: [
        ("P", "UTO", true), ("AC", "D", true), ("1", "UTO", false), ("P", "UT0", false), ("PPP", "UTO", false),
    ])
    func codesAreChecked(code: String, state: String, accepted: Bool) throws {
        var fields = Specimen.eriksson
        fields.documentCode = code
        fields.issuingState = state
        let zone = try? MRZZone.make(.td3, fields: fields)
        #expect((zone != nil) == accepted)
        if accepted, let zone {
            #expect(try MRZReader.read(zone.lines, context: readingDay).isValid)
        }
    }

    @Test func expiryAfter2099IsRejected() {
        var fields = Specimen.eriksson
        fields.dateOfExpiry = CivilDate(year: 2100, month: 1, day: 1)!
        #expect(throws: MRZError.self) { try MRZZone.make(.td3, fields: fields) }
    }

    @Test(arguments: ["1974-08-12", "1974-08", "1974", "unknown"])
    func zoneDateText(text: String) {
        #expect(MRZDate(text)?.description == text)
    }

    @Test(arguments: ["1974-13", "1974-02-30", "74-08-12", "1974-8", ""])
    func zoneDateRejectsInvalidText(text: String) {
        #expect(MRZDate(text) == nil)
    }
}
