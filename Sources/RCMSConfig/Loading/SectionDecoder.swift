import RCMSYAML

/// Decodes each section on its own, and each item of a list on its own, so one mistake costs
/// only its item and every other problem is still found.
struct SectionDecoder {
    let sections: SectionMerger
    let decoder = YAMLDecoder()

    func decode(into draft: inout TenantDraft, diagnostics: inout [Diagnostic]) {
        for (section, node) in sections.nodes {
            draft.sectionMarks[section.rawValue] = node.mark
        }

        draft.info = single(TenantInfo.self, .tenant, &diagnostics)
        draft.languages = single(Languages.self, .languages, &diagnostics)
        draft.agreement = single(Agreement.self, .agreement, &diagnostics)
        draft.parties = single(Parties.self, .parties, &diagnostics)
        draft.roles = merged(Role.self, .roles, &draft, &diagnostics)
        draft.documentTypes = merged(DocumentType.self, .documentTypes, &draft, &diagnostics)
        draft.safeguards = merged(Safeguard.self, .safeguards, &draft, &diagnostics)
        draft.retention = merged(RetentionRule.self, .retention, &draft, &diagnostics)
        draft.travelDocuments = merged(TravelDocumentTemplate.self, .travelDocuments, &draft, &diagnostics)
        draft.workflow = workflow(&draft, &diagnostics)

        for pair in sections.keyedEntries[.calendars] ?? [] {
            guard let id = pair.key.scalar?.value else { continue }
            if let calendar = value(PartyCalendar.self, from: pair.value, &diagnostics) {
                draft.calendars[id] = (calendar, pair.key.mark)
            } else {
                draft.brokenIDs.insert(id)
            }
        }
        if let first = sections.keyedEntries[.calendars]?.first {
            draft.sectionMarks["calendars"] = first.key.mark
        }
    }

    private func value<T: Decodable>(_ type: T.Type, from node: Node, _ diagnostics: inout [Diagnostic]) -> T? {
        let (value, errors) = decoder.decodeRecovering(type, from: node)
        diagnostics += errors.map(Diagnostic.init)
        return value
    }

    private func single<T: Decodable>(_ type: T.Type, _ section: Section, _ diagnostics: inout [Diagnostic]) -> T? {
        guard let node = sections.nodes[section] else { return nil }
        return value(type, from: node, &diagnostics)
    }

    /// Decodes a list section whose items may come from several files.
    private func merged<T: Decodable>(
        _ type: T.Type, _ section: Section, _ draft: inout TenantDraft, _ diagnostics: inout [Diagnostic]
    ) -> [T] {
        if let items = sections.listItems[section] {
            return items.compactMap { item(type, from: $0, &draft, &diagnostics) }
        }
        return list(type, sections.nodes[section], name: section.rawValue, &draft, &diagnostics)
    }

    private func list<T: Decodable>(
        _ type: T.Type, _ node: Node?, name: String, _ draft: inout TenantDraft, _ diagnostics: inout [Diagnostic]
    ) -> [T] {
        guard let node else { return [] }
        guard let items = node.items else {
            if node.scalar?.isNull == true { return [] }
            diagnostics.append(
                Diagnostic(
                    .error, "type_mismatch", at: node.mark, "'\(name)' is a list of entries, not a \(node.kindName)"))
            return []
        }
        return items.compactMap { item(type, from: $0, &draft, &diagnostics) }
    }

    /// Decodes one list item; an item that cannot be decoded leaves its id in `brokenIDs`, so
    /// references to it are not reported as unknown on top of its own error.
    private func item<T: Decodable>(
        _ type: T.Type, from node: Node, _ draft: inout TenantDraft, _ diagnostics: inout [Diagnostic]
    ) -> T? {
        let decoded = value(type, from: node, &diagnostics)
        if decoded == nil, let id = node["id"]?.scalar?.value {
            draft.brokenIDs.insert(id)
        }
        return decoded
    }

    private func workflow(_ draft: inout TenantDraft, _ diagnostics: inout [Diagnostic]) -> Workflow? {
        guard let node = sections.nodes[.workflow] else { return nil }
        guard let pairs = node.pairs else {
            diagnostics.append(
                Diagnostic(
                    .error, "type_mismatch", at: node.mark,
                    "'workflow' is a mapping with initial, states and transitions, not a \(node.kindName)"))
            return nil
        }
        let known = ["initial", "states", "transitions"]
        for pair in pairs {
            guard let key = pair.key.scalar?.value, !known.contains(key) else { continue }
            var message = "unknown key '\(key)' in workflow"
            if let suggestion = closestMatch(to: key, in: known) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; expected one of: \(known.joined(separator: ", "))"
            }
            diagnostics.append(Diagnostic(.error, "unknown_key", at: pair.key.mark, message))
        }
        let states = list(WorkflowState.self, node["states"], name: "workflow.states", &draft, &diagnostics)
        let transitions = list(Transition.self, node["transitions"], name: "workflow.transitions", &draft, &diagnostics)
        guard let initialNode = node["initial"] else {
            diagnostics.append(
                Diagnostic(
                    .error, "missing_key", at: node.mark,
                    "the workflow has no 'initial' state; add 'initial: <state id>'"))
            return nil
        }
        guard let initial = value(Located<String>.self, from: initialNode, &diagnostics) else { return nil }
        return Workflow(initial: initial, states: states, transitions: transitions)
    }
}
