import RCMSConfig
import RCMSCore
import RCMSMRZ

/// The content of one printed travel document: title, labelled values in every tenant language,
/// the photo, the machine-readable zone and the QR code's payload.
public struct TravelDocumentSheet: Sendable {
    /// One labelled value; the label joins its text in every language with ` / `.
    public struct Row: Sendable, Hashable {
        public var label: String
        public var value: String
    }

    /// The title in each supported language, in the tenant's order.
    public var titles: [String]
    public var rows: [Row]
    /// The zone's lines; empty for a template with `mrz: none`.
    public var zoneLines: [String]
    /// The signed compact payload the QR code carries.
    public var payload: String
    /// The holder's photo as PNG, or `nil` to print a placeholder.
    public var photoPNG: [UInt8]?

    /// Builds the sheet of an issued document.
    ///
    /// - Parameters:
    ///   - photoPNG: the photo from the case's attachments, decrypted; `nil` when there is
    ///     none or it is not a PNG.
    /// - Throws: ``RenderError/zone(code:message:)`` when the zone cannot be written.
    public static func make(
        document: TravelDocumentRecord, template: TravelDocumentTemplate, configuration: TenantConfiguration,
        person: PersonRecord, photoPNG: [UInt8]? = nil
    ) throws(RenderError) -> TravelDocumentSheet {
        let languages = configuration.languages.codes
        let fallback = configuration.languages.default.value
        func label(_ text: LocalizedText) -> String {
            languages.map { text.text(in: $0, fallback: fallback) }.joined(separator: " / ")
        }
        func name(_ original: String, _ latin: String?) -> String {
            guard let latin, !latin.isEmpty, latin != original else { return original }
            return "\(original)\n\(latin)"
        }

        let labels = template.labels
        let authority = configuration.parties.party(template.issuedBy.value).map { label($0.authority) } ?? ""
        var rows = [
            Row(label: label(labels.surname), value: name(person.surname, person.transliteratedSurname)),
            Row(label: label(labels.givenNames), value: name(person.givenNames, person.transliteratedGivenNames)),
            Row(label: label(labels.dateOfBirth), value: person.dateOfBirth?.description ?? "–"),
            Row(label: label(labels.sex), value: sexLetter(person.sex)),
            Row(label: label(labels.nationality), value: person.nationalityClaimed ?? "–"),
            Row(label: label(labels.number), value: document.number),
            Row(label: label(labels.issueDate), value: document.validFrom.description),
        ]
        rows.append(Row(label: label(labels.validUntil), value: document.validUntil?.description ?? "–"))
        rows.append(Row(label: label(labels.authority), value: authority))

        return TravelDocumentSheet(
            titles: languages.map { template.title.text(in: $0, fallback: fallback) }, rows: rows,
            zoneLines: try zone(document: document, template: template, person: person), payload: document.payload,
            photoPNG: photoPNG)
    }

    static func sexLetter(_ sex: PersonRecord.Sex) -> String {
        switch sex {
        case .female: return "F"
        case .male: return "M"
        case .other, .unknown: return "X"
        }
    }

    /// Returns the zone's lines from the person's Latin names, or none for `mrz: none`.
    static func zone(
        document: TravelDocumentRecord, template: TravelDocumentTemplate, person: PersonRecord
    ) throws(RenderError) -> [String] {
        let format: MRZFormat
        switch template.mrz.value {
        case .none: return []
        case .td1: format = .td1
        case .td2: format = .td2
        case .td3: format = .td3
        }
        guard let expiry = document.validUntil else {
            throw RenderError.zone(code: "mrz_invalid_date", message: "a zone needs a last day of validity")
        }
        let surname = nonEmpty(person.transliteratedSurname) ?? person.surname
        let givenNames = nonEmpty(person.transliteratedGivenNames) ?? person.givenNames
        let nationality = person.nationalityClaimed.flatMap(CountryCodes.alpha3) ?? "XXX"
        let dateOfBirth = person.dateOfBirth.flatMap { MRZDate($0.description) } ?? .unknown
        var sex = MRZSex.unspecified
        if person.sex == .female { sex = .female }
        if person.sex == .male { sex = .male }
        let fields = MRZFields(
            documentCode: template.documentCode.value.replacingOccurrences(of: "<", with: ""),
            issuingState: template.issuingState.value, surname: surname, givenNames: givenNames,
            documentNumber: document.number, nationality: nationality, dateOfBirth: dateOfBirth, sex: sex,
            dateOfExpiry: expiry)
        do {
            return try MRZZone.make(format, fields: fields).lines
        } catch {
            throw RenderError.zone(code: error.code.rawValue, message: error.message)
        }
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }
}
