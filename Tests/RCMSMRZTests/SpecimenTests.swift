import RCMSConfig
import Testing

@testable import RCMSMRZ

/// The ICAO specimen zones of the "UTO" documents, and the fields they were made from.
struct Specimen: Sendable, CustomTestStringConvertible {
    var format: MRZFormat
    var lines: [String]
    var fields: MRZFields

    var testDescription: String { format.label }

    static let eriksson = MRZFields(
        documentCode: "P", issuingState: "UTO", surname: "Eriksson", givenNames: "Anna María",
        documentNumber: "L898902C3", nationality: "UTO", dateOfBirth: MRZDate(year: 1974, month: 8, day: 12)!,
        sex: .female, dateOfExpiry: CivilDate(year: 2012, month: 4, day: 15)!, optionalData: "ZE184226B")

    static let all: [Specimen] = {
        var card = eriksson
        card.documentCode = "I"
        card.documentNumber = "D23145890"
        card.optionalData = ""
        return [
            Specimen(
                format: .td3,
                lines: [
                    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
                ], fields: eriksson),
            Specimen(
                format: .td2,
                lines: ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"],
                fields: card),
            Specimen(
                format: .td1,
                lines: [
                    "I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
                ], fields: card),
        ]
    }()
}

let readingDay = MRZReadingContext(today: CivilDate(year: 2026, month: 11, day: 1)!)

@Suite("ICAO specimen zones")
struct SpecimenTests {
    @Test(arguments: Specimen.all)
    func specimenReadsWithEveryCheckPassing(specimen: Specimen) throws {
        let reading = try MRZReader.read(specimen.lines, context: readingDay)
        #expect(reading.format == specimen.format)
        #expect(reading.isValid, "\(reading.checks.filter { !$0.passed }) \(reading.problems)")
        #expect(reading.checks.count == (specimen.format == .td3 ? 5 : 4))
        #expect(reading.surname == "ERIKSSON")
        #expect(reading.givenNames == "ANNA MARIA")
        #expect(reading.documentNumber == specimen.fields.documentNumber)
        #expect(reading.dateOfBirth == specimen.fields.dateOfBirth)
        #expect(reading.dateOfExpiry == specimen.fields.dateOfExpiry)
        #expect(reading.sex == .female)
        #expect(reading.issuingState == "UTO")
        #expect(reading.nationality == "UTO")
        #expect(reading.optionalData == specimen.fields.optionalData)
    }

    @Test(arguments: Specimen.all)
    func regeneratingGivesTheSameLines(specimen: Specimen) throws {
        let zone = try MRZZone.make(specimen.format, fields: specimen.fields)
        #expect(zone.lines == specimen.lines)
        #expect(!zone.nameTruncated)
    }

    @Test(arguments: [
        ("L898902C3", "6"), ("D23145890", "7"), ("740812", "2"), ("120415", "9"), ("ZE184226B<<<<<", "1"),
        ("<<<<<<", "0"), ("74<<<<", "1"), ("7408<<", "7"), ("D23145890ABCD", "3"), ("AB1234567", "1"),
    ])
    func checkDigit(text: String, digit: Character) {
        #expect(MRZCheckDigit.compute(text) == digit)
    }

    @Test func checkDigitRejectsOtherCharacters() {
        #expect(MRZCheckDigit.compute("ab12") == nil)
        #expect(MRZCheckDigit.compute("A-1") == nil)
    }
}
