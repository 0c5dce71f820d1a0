import RCMSYAML

/// The person particulars every case has, referenced as `person.<field>`.
public let personFields: [String] = [
    "surname", "given_names", "date_of_birth", "place_of_birth", "sex", "nationality_claimed",
    "father_name", "mother_name", "photo",
]

extension TenantValidator {
    mutating func checkWorkflow() {
        guard let workflow = draft.workflow else { return }
        let stateIDs = workflow.states.map(\.id.value)
        let transitionIDs = workflow.transitions.map(\.id.value)
        checkUnique(workflow.states.map(\.id), kind: "state")
        checkUnique(workflow.transitions.map(\.id), kind: "transition")
        checkReference(workflow.initial, kind: "state", known: stateIDs, context: "workflow 'initial'")

        for transition in workflow.transitions {
            checkTransition(transition, in: workflow, stateIDs: stateIDs, transitionIDs: transitionIDs)
        }
        // A misspelt state already has its own error; reachability would only repeat it.
        let referenced = workflow.transitions.flatMap { $0.from + [$0.to] } + [workflow.initial]
        if referenced.allSatisfy({ stateIDs.contains($0.value) || draft.brokenIDs.contains($0.value) }) {
            checkReachability(workflow)
        }
        checkRemovalGuards(workflow)
    }

    mutating func checkTransition(
        _ transition: Transition, in workflow: Workflow, stateIDs: [String], transitionIDs: [String]
    ) {
        let name = "transition '\(transition.id.value)'"
        if transition.from.isEmpty {
            error("missing_value", at: transition.id.mark, "\(name) has no 'from' state")
        }
        for from in transition.from {
            checkReference(from, kind: "state", known: stateIDs, context: name)
            if let state = workflow.state(from.value), state.isTerminal {
                error(
                    "terminal_exit", at: from.mark,
                    "\(name) leaves terminal state '\(from.value)'; terminal states have no way out")
            }
        }
        checkReference(transition.to, kind: "state", known: stateIDs, context: name)

        if transition.isSystem {
            if !(transition.roles ?? []).isEmpty {
                error(
                    "system_roles", at: transition.id.mark, "\(name) is performed by the system, so it names no roles")
            }
        } else {
            guard let party = transition.party else {
                error("missing_value", at: transition.id.mark, "\(name) names no 'party'; say which party performs it")
                return checkTransitionBody(transition, name: name, transitionIDs: transitionIDs, workflow: workflow)
            }
            if party.value == .monitor {
                error("invalid_value", at: party.mark, "the monitor holds cases but performs no transition")
            }
            if (transition.roles ?? []).isEmpty {
                error("missing_value", at: transition.id.mark, "\(name) names no role that may perform it")
            }
            for role in transition.roles ?? [] {
                checkReference(role, kind: "role", known: draft.roles.map(\.id.value), context: name)
                guard let definition = draft.roles.first(where: { $0.id.value == role.value }) else { continue }
                if definition.party.value != party.value {
                    error(
                        "wrong_party_role", at: role.mark,
                        "\(name) is performed by the \(party.value.rawValue) party, but role '\(role.value)' belongs to the \(definition.party.value.rawValue) party"
                    )
                }
                if !definition.allows(.caseTransition) {
                    error(
                        "missing_permission", at: role.mark,
                        "role '\(role.value)' performs \(name) but lacks the permission 'case.transition'")
                }
            }
        }
        checkTransitionBody(transition, name: name, transitionIDs: transitionIDs, workflow: workflow)
    }

    mutating func checkTransitionBody(
        _ transition: Transition, name: String, transitionIDs: [String], workflow: Workflow
    ) {
        let documentIDs = draft.documentTypes.map(\.id.value)
        for document in (transition.requires?.documents ?? []) + (transition.requires?.anyDocuments ?? []) {
            checkReference(document, kind: "document type", known: documentIDs, context: name)
        }
        for field in transition.requires?.fields ?? [] {
            checkFieldReference(field, context: name)
        }
        for safeguard in transition.safeguards ?? [] {
            checkReference(safeguard, kind: "safeguard", known: draft.safeguards.map(\.id.value), context: name)
        }
        if let deadline = transition.deadline {
            checkDeadline(deadline, of: transition, name: name, workflow: workflow)
        }
    }

    mutating func checkFieldReference(_ reference: Located<String>, context: String) {
        let parts = reference.value.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            error(
                "invalid_reference", at: reference.mark,
                "\(context) requires field '\(reference.value)'; write person.<field> or <document_type>.<field>")
            return
        }
        if parts[0] == "person" {
            checkReference(
                Located(parts[1], at: reference.mark), kind: "person field", known: personFields, context: context)
            return
        }
        guard let type = draft.documentTypes.first(where: { $0.id.value == parts[0] }) else {
            checkReference(
                Located(parts[0], at: reference.mark), kind: "document type",
                known: ["person"] + draft.documentTypes.map(\.id.value), context: context)
            return
        }
        checkReference(
            Located(parts[1], at: reference.mark), kind: "field of '\(parts[0])'", known: type.fields.map(\.id.value),
            context: context)
    }

    mutating func checkDeadline(_ deadline: Deadline, of transition: Transition, name: String, workflow: Workflow) {
        if deadline.amount.value <= 0 {
            error(
                "invalid_deadline", at: deadline.amount.mark,
                "the deadline of \(name) is \(deadline.amount.value) days; it must be a positive number of days")
        }
        if deadline.party.value == .monitor {
            error(
                "invalid_deadline", at: deadline.party.mark,
                "a deadline runs for the requesting or requested party, not the monitor")
        }
        if (deadline.legalBasis?.value ?? "").isEmpty {
            error(
                "missing_legal_basis", at: deadline.amount.mark,
                "the deadline of \(name) has no legal_basis; name the article that sets it, or mark it verified: false with the source"
            )
        }
        if let ext = deadline.extension, ext.maxAmount.value <= 0 {
            error(
                "invalid_deadline", at: ext.maxAmount.mark, "the extension of \(name) must be a positive number of days"
            )
        }
        guard let expiry = deadline.onExpiry else { return }
        switch expiry.action.value {
        case .transition:
            guard let target = expiry.transition else {
                error(
                    "missing_value", at: expiry.action.mark,
                    "the deadline of \(name) expires into a transition but names none; add 'transition: <id>'")
                return
            }
            checkReference(
                target, kind: "transition", known: workflow.transitions.map(\.id.value),
                context: "the deadline of \(name)")
            guard let automatic = workflow.transition(target.value) else { return }
            if !automatic.isSystem {
                error(
                    "expiry_not_system", at: target.mark,
                    "transition '\(target.value)' runs on expiry, so it must be marked 'system: true'")
            }
            if !automatic.from.contains(where: { $0.value == transition.to.value }) {
                error(
                    "expiry_wrong_state", at: target.mark,
                    "transition '\(target.value)' does not start from '\(transition.to.value)', the state this deadline runs in"
                )
            }
        case .notify, .escalate:
            if let target = expiry.transition {
                warning(
                    "unused_value", at: target.mark,
                    "'transition' is only used when the expiry action is 'transition', not '\(expiry.action.value.rawValue)'"
                )
            }
        }
    }

    mutating func checkReachability(_ workflow: Workflow) {
        guard workflow.state(workflow.initial.value) != nil else { return }
        var reached: Set<String> = [workflow.initial.value]
        var queue = [workflow.initial.value]
        while let state = queue.popLast() {
            for transition in workflow.transitions where transition.from.contains(where: { $0.value == state }) {
                if reached.insert(transition.to.value).inserted {
                    queue.append(transition.to.value)
                }
            }
        }
        for state in workflow.states {
            if !reached.contains(state.id.value) {
                error(
                    "unreachable_state", at: state.id.mark,
                    "state '\(state.id.value)' cannot be reached from the initial state '\(workflow.initial.value)'")
            }
            let exits = workflow.transitions.filter { $0.from.contains { $0.value == state.id.value } }
            if !state.isTerminal && exits.isEmpty {
                error(
                    "dead_end_state", at: state.id.mark,
                    "state '\(state.id.value)' is not terminal but no transition leaves it; add one or mark it 'terminal: true'"
                )
            }
        }
    }

    /// Every transition into a removal state must list every baseline safeguard.
    mutating func checkRemovalGuards(_ workflow: Workflow) {
        let removalStates = Set(workflow.states.filter(\.isRemoval).map(\.id.value))
        for transition in workflow.transitions where removalStates.contains(transition.to.value) {
            let listed = Set(transition.safeguardIDs)
            let missing = Safeguard.baseline.map(\.id).filter { !listed.contains($0) }
            if !missing.isEmpty {
                error(
                    "unguarded_removal", at: transition.to.mark,
                    "transition '\(transition.id.value)' enters removal state '\(transition.to.value)' without the baseline safeguards \(missing.joined(separator: ", ")); list them under 'safeguards'"
                )
            }
            if transition.isSystem {
                error(
                    "automatic_removal", at: transition.id.mark,
                    "transition '\(transition.id.value)' enters removal state '\(transition.to.value)' and may not be performed by the system"
                )
            }
        }
    }

    mutating func checkRetention() {
        checkUnique(draft.retention.map(\.id), kind: "retention rule")
        let states = draft.workflow?.states ?? []
        for rule in draft.retention {
            if rule.afterDays.value < 0 {
                error(
                    "invalid_value", at: rule.afterDays.mark, "retention rule '\(rule.id.value)' has a negative period")
            }
            if (rule.legalBasis ?? "").isEmpty {
                warning("missing_legal_basis", at: rule.id.mark, "retention rule '\(rule.id.value)' has no legal_basis")
            }
            switch rule.trigger.value {
            case .caseClosed where draft.workflow != nil && !states.contains(where: \.isClosed):
                error(
                    "unknown_trigger", at: rule.trigger.mark,
                    "retention rule '\(rule.id.value)' starts when a case is closed, but no state has 'closed: true'")
            case .caseTransferred where draft.workflow != nil && !states.contains(where: \.isTransferred):
                error(
                    "unknown_trigger", at: rule.trigger.mark,
                    "retention rule '\(rule.id.value)' starts at transfer, but no state has 'transferred: true'")
            default:
                break
            }
            if rule.target.value == .biometricAttachments,
                !draft.documentTypes.isEmpty,
                !draft.documentTypes.contains(where: { $0.effectiveRetentionClass == .biometric })
            {
                warning(
                    "unused_rule", at: rule.target.mark,
                    "retention rule '\(rule.id.value)' targets biometric attachments, but no document type has retention_class biometric"
                )
            }
            if rule.action.value == .anonymise && rule.target.value != .case {
                error(
                    "invalid_value", at: rule.action.mark,
                    "only the whole case can be anonymised; purge '\(rule.target.value.rawValue)' instead")
            }
        }
        if draft.sectionMarks["retention"] != nil && draft.retention.isEmpty {
            warning(
                "missing_value", at: draft.sectionMarks["retention"] ?? fallbackMark,
                "no retention rule: personal data would be kept forever")
        }
    }
}
