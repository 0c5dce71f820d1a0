import Foundation
import RCMSConfig

/// An attestation the rules allowed, for storage to record with the case.
public struct SafeguardAttestation: Sendable, Hashable {
    public var caseID: String
    public var safeguardID: String
    /// The user who attests, as written to the audit trail.
    public var attestedBy: String
    /// The actor's role that gave the right to attest.
    public var roleID: String
    /// A reference to the evidence (a register query number, a document id), never its content.
    public var evidenceReference: String
    public var auditAction: AuditAction { .safeguardAttest }
}

/// The outcome of a safeguard or hold request: what to record, or every unmet condition.
public enum RuleOutcome<Value: Sendable & Hashable>: Sendable, Hashable {
    case allowed(Value)
    case refused([UnmetCondition])

    public var value: Value? {
        if case .allowed(let value) = self { return value }
        return nil
    }

    public var unmetConditions: [UnmetCondition] {
        if case .refused(let reasons) = self { return reasons }
        return []
    }
}

/// Who may attest which safeguard before a removal, as pure rules over one configuration.
///
/// An officer attests a safeguard such as "no remedy with suspensive effect pending" with a
/// reference to the evidence checked. The engine then allows the transitions that list it. Attesting needs a role named in the safeguard's `attested_by` that also holds
/// the permission `safeguard.attest`.
public struct SafeguardRules: Sendable {
    public let configuration: TenantConfiguration

    public init(configuration: TenantConfiguration) {
        self.configuration = configuration
    }

    /// Returns the safeguards a transition still needs on `snapshot`, leaving out those that apply
    /// only to voluntary returns when the case is a forced return.
    public func pendingSafeguards(for transitionID: String, snapshot: CaseSnapshot) -> [String] {
        guard let transition = configuration.workflow.transition(transitionID) else { return [] }
        return transition.safeguardIDs.filter { id in
            guard !snapshot.attestedSafeguards.contains(id) else { return false }
            let scope = configuration.safeguard(id)?.scope ?? .all
            return scope == .all || snapshot.isVoluntaryReturn
        }
    }

    /// Returns the roles of `actor` that may attest `safeguardID`.
    public func attestingRoles(of actor: CaseActor, for safeguardID: String) -> [String] {
        guard let safeguard = configuration.safeguard(safeguardID) else { return [] }
        return safeguard.attestedBy.map(\.value).filter { roleID in
            guard actor.roles.contains(roleID), let role = configuration.role(roleID) else { return false }
            return role.party.value == actor.party && role.allows(.safeguardAttest)
        }
    }

    /// Checks that `actor` may attest `safeguardID` on the case, with `evidenceReference`.
    public func attest(
        _ safeguardID: String, on caseID: String, evidenceReference: String, by actor: CaseActor
    ) -> RuleOutcome<SafeguardAttestation> {
        guard case .user(let userID, _, _) = actor else {
            return .refused([.systemActorNotAllowed(action: .safeguardAttest)])
        }
        guard let safeguard = configuration.safeguard(safeguardID) else {
            return .refused([.unknownSafeguard(safeguard: safeguardID)])
        }

        var unmet: [UnmetCondition] = []
        let roles = attestingRoles(of: actor, for: safeguardID)
        if roles.isEmpty {
            unmet.append(.notAttester(safeguard: safeguardID, attestedBy: safeguard.attestedBy.map(\.value)))
        }
        let evidence = evidenceReference.trimmingCharacters(in: .whitespacesAndNewlines)
        if evidence.isEmpty {
            unmet.append(.missingEvidence(safeguard: safeguardID))
        }
        guard unmet.isEmpty, let roleID = roles.first else { return .refused(unmet) }

        return .allowed(
            SafeguardAttestation(
                caseID: caseID, safeguardID: safeguardID, attestedBy: userID, roleID: roleID,
                evidenceReference: evidence))
    }
}
