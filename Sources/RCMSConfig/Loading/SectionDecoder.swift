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
        draft.roles = list(Role.self, sections.nodes[.roles], name: "roles", &diagnostics)
        draft.documentTypes = list(
            DocumentType.self, sections.nodes[.documentTypes], name: "document_types", &diagnostics)
        draft.safeguards = list(Safeguard.self, sections.nodes[.safeguards], name: "safeguards", &diagnostics)
        draft.retention = list(RetentionRule.self, sections.nodes[.retention], name: "retention", &diagnostics)
        draft.workflow = workflow(&diagnostics)

        for pair in sections.keyedEntries[.calendars] ?? [] {
            guard let id = pair.key.scalar?.value else { continue }
            if let calendar = value(PartyCalendar.self, from: pair.value, &diagnostics) {
                draft.calendars[id] = (calendar, pair.key.mark)
            }
        }
        if let first = sections.keyedEntries[.calendars]?.first {
            draft.sectionMarks["calendars"] = first.key.mark
        }
    }

    private func value<T: Decodable>(_ type: T.Type, from node: Node, _ diagnostics: inout [Diagnostic]) -> T? {
        let (value, errors) = decoder.decodeCollectingErrors(type, from: node)
        diagnostics += errors.map(Diagnostic.init)
        return value
    }

    private func single<T: Decodable>(_ type: T.Type, _ section: Section, _ diagnostics: inout [Diagnostic]) -> T? {
        guard let node = sections.nodes[section] else { return nil }
        return value(type, from: node, &diagnostics)
    }

    private func list<T: Decodable>(
        _ type: T.Type, _ node: Node?, name: String, _ diagnostics: inout [Diagnostic]
    ) -> [T] {
        guard let node else { return [] }
        guard let items = node.items else {
            if node.scalar?.isNull == true { return [] }
            diagnostics.append(
                Diagnostic(
                    .error, "type_mismatch", at: node.mark, "'\(name)' is a list of entries, not a \(node.kindName)"))
            return []
        }
        return items.compactMap { value(type, from: $0, &diagnostics) }
    }

    private func workflow(_ diagnostics: inout [Diagnostic]) -> Workflow? {
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
        let states = list(WorkflowState.self, node["states"], name: "workflow.states", &diagnostics)
        let transitions = list(Transition.self, node["transitions"], name: "workflow.transitions", &diagnostics)
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
