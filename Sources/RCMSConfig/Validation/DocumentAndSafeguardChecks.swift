import RCMSYAML

extension TenantValidator {
    mutating func checkDocumentTypes() {
        checkUnique(draft.documentTypes.map(\.id), kind: "document type")
        for type in draft.documentTypes {
            if type.providedBy.value == .monitor {
                error(
                    "invalid_value", at: type.providedBy.mark,
                    "a document is provided by the requesting or requested party, not the monitor")
            }
            if type.fields.isEmpty {
                warning("missing_value", at: type.id.mark, "document type '\(type.id.value)' has no field")
            }
            checkUnique(type.fields.map(\.id), kind: "field of '\(type.id.value)'")
            for field in type.fields {
                if field.type.value == .enum && (field.values ?? []).isEmpty {
                    error(
                        "missing_value", at: field.type.mark,
                        "field '\(type.id.value).\(field.id.value)' is an enum but lists no 'values'")
                }
                if field.type.value != .enum && field.values != nil {
                    warning(
                        "unused_value", at: field.id.mark,
                        "field '\(type.id.value).\(field.id.value)' lists values but is of type '\(field.type.value.rawValue)', not enum"
                    )
                }
                if field.type.value == .biometric && type.effectiveRetentionClass != .biometric {
                    error(
                        "biometric_retention", at: field.type.mark,
                        "field '\(type.id.value).\(field.id.value)' holds biometric data; set 'retention_class: biometric' on document type '\(type.id.value)'"
                    )
                }
                if let values = field.values {
                    checkUnique(values.map(\.id), kind: "value of '\(type.id.value).\(field.id.value)'")
                }
            }
        }
    }

    mutating func checkSafeguards() {
        checkUnique(draft.safeguards.map(\.id), kind: "safeguard")
        let roleIDs = draft.roles.map(\.id.value)
        for safeguard in draft.safeguards {
            if (safeguard.legalBasis ?? "").isEmpty {
                error(
                    "missing_legal_basis", at: safeguard.id.mark,
                    "safeguard '\(safeguard.id.value)' has no legal_basis; name the article it implements")
            }
            if safeguard.attestedBy.isEmpty {
                error(
                    "missing_value", at: safeguard.id.mark,
                    "safeguard '\(safeguard.id.value)' names no role in attested_by")
            }
            for role in safeguard.attestedBy {
                checkReference(role, kind: "role", known: roleIDs, context: "safeguard '\(safeguard.id.value)'")
                if let definition = draft.roles.first(where: { $0.id.value == role.value }),
                    !definition.allows(.safeguardAttest)
                {
                    error(
                        "missing_permission", at: role.mark,
                        "role '\(role.value)' attests safeguard '\(safeguard.id.value)' but lacks the permission 'safeguard.attest'"
                    )
                }
            }
        }
        guard draft.sectionMarks["safeguards"] != nil else { return }
        for baseline in Safeguard.baseline {
            guard let safeguard = draft.safeguards.first(where: { $0.id.value == baseline.id }) else {
                error(
                    "missing_baseline_safeguard", at: draft.sectionMarks["safeguards"] ?? fallbackMark,
                    "baseline safeguard '\(baseline.id)' is not declared; a tenant may add safeguards but never drop a baseline one"
                )
                continue
            }
            if safeguard.scope != baseline.scope {
                error(
                    "baseline_scope", at: safeguard.appliesTo?.mark ?? safeguard.id.mark,
                    "baseline safeguard '\(baseline.id)' must apply to '\(baseline.scope.rawValue)' cases")
            }
        }
    }
}
