import RCMSConfig

/// Checks document field values against the tenant's field definitions.
enum FieldValidation {
    /// Problems with one document's values: unknown fields, missing required ones, and values
    /// that do not fit the field's type. Messages name the field and the expected form, never
    /// the value, because values are personal data.
    static func problems(of input: DocumentInput, as type: DocumentType, path: String) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let known = type.fields.map(\.id.value)
        for (fieldID, value) in input.fields.sorted(by: { $0.key < $1.key }) {
            let fieldPath = "\(path).fields.\(fieldID)"
            guard let field = type.field(fieldID) else {
                problems.append(
                    FieldProblem(
                        field: fieldPath, code: "unknown_field",
                        message:
                            "document type '\(type.id.value)' has no field '\(fieldID)'; known fields: \(known.joined(separator: ", "))"
                    ))
                continue
            }
            if let problem = typeProblem(value, field: field) {
                problems.append(FieldProblem(field: fieldPath, code: "invalid_value", message: problem))
            }
        }
        // A document cannot expire before it was issued.
        if let issued = input.fields["issue_date"].flatMap(CivilDate.init),
            let expires = input.fields["expiry_date"].flatMap(CivilDate.init), expires < issued
        {
            problems.append(
                FieldProblem(
                    field: "\(path).fields.expiry_date", code: "invalid_value",
                    message: "the expiry date is before the issue date"))
        }
        for field in type.fields where field.isRequired {
            let value = input.fields[field.id.value] ?? ""
            if value.allSatisfy(\.isWhitespace) && !(field.type.value == .file || field.type.value == .biometric) {
                problems.append(
                    FieldProblem(
                        field: "\(path).fields.\(field.id.value)", code: "missing_value",
                        message: "field '\(field.id.value)' of '\(type.id.value)' is required"))
            }
        }
        return problems
    }

    static func typeProblem(_ value: String, field: FieldDefinition) -> String? {
        switch field.type.value {
        case .text, .code, .file, .biometric:
            return value.count > 10_000 ? "text longer than 10,000 characters" : nil
        case .date:
            return CivilDate(value) == nil ? "expected a date that exists, written YYYY-MM-DD" : nil
        case .partialDate:
            return (try? PartialDate.parse(value)) == nil
                ? "expected a date written YYYY, YYYY-MM or YYYY-MM-DD that exists" : nil
        case .country:
            let isCode = (value.count == 2 || value.count == 3) && value.allSatisfy { $0.isASCII && $0.isUppercase }
            return isCode ? nil : "expected an ISO 3166-1 country code in upper case, such as PK or PAK"
        case .enum:
            let allowed = (field.values ?? []).map(\.id.value)
            return allowed.contains(value) ? nil : "expected one of: \(allowed.joined(separator: ", "))"
        case .boolean:
            return value == "true" || value == "false" ? nil : "expected true or false"
        case .number:
            return Double(value) == nil ? "expected a number" : nil
        }
    }
}
