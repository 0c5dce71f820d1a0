import Foundation
import RCMSConfig

/// A hold placed or lifted, as the rules allowed it, for storage to record with the case.
public struct HoldChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case place
        case lift
    }

    public var kind: Kind
    public var caseID: String
    /// The user who placed or lifted the hold.
    public var actorID: String
    /// The actor's role that gave the right to do it.
    public var roleID: String
    /// Why, as written by the officer or monitor; kept with the hold, not in the audit chain.
    public var reason: String

    public var auditAction: AuditAction { kind == .place ? .holdPlace : .holdLift }
}

/// Who may place and lift a hold, as pure rules over one configuration.
///
/// A hold stops a case from entering any state marked `removal` until it is lifted, for
/// example while a suspensive remedy is examined or the forced-return monitor has concerns.
/// It never stops other transitions: the requested state may still reply to the readmission
/// application.
public struct HoldRules: Sendable {
    public let configuration: TenantConfiguration

    public init(configuration: TenantConfiguration) {
        self.configuration = configuration
    }

    /// Returns the roles of `actor` that may place a hold.
    ///
    /// Roles of the monitor party may always place one: the independent monitor's power to
    /// stop a removal must not hang on a permission a tenant administrator might leave out.
    /// Roles of the requesting state need the permission `hold.place`. The requested state
    /// does not place holds on the requesting state's removals.
    public func placingRoles(of actor: CaseActor) -> [String] {
        actorRoles(actor).filter { role in
            switch role.party.value {
            case .monitor: return true
            case .requesting: return role.allows(.holdPlace)
            case .requested: return false
            }
        }.map(\.id.value)
    }

    /// Returns the roles of `actor` that may lift a hold: those with the permission `hold.lift`.
    public func liftingRoles(of actor: CaseActor) -> [String] {
        actorRoles(actor).filter { $0.allows(.holdLift) }.map(\.id.value)
    }

    /// Checks that `actor` may place a hold on the case, giving `reason`.
    public func place(on caseID: String, reason: String, by actor: CaseActor) -> RuleOutcome<HoldChange> {
        change(.place, on: caseID, reason: reason, by: actor, roles: placingRoles(of: actor), holdIsActive: false)
    }

    /// Checks that `actor` may lift a hold on the case, giving `reason`.
    ///
    /// - Parameter holdIsActive: Whether the hold is still in force; lifting a lifted hold is
    ///   refused so the audit trail shows one lift per hold.
    public func lift(
        on caseID: String, reason: String, by actor: CaseActor, holdIsActive: Bool = true
    ) -> RuleOutcome<HoldChange> {
        change(.lift, on: caseID, reason: reason, by: actor, roles: liftingRoles(of: actor), holdIsActive: holdIsActive)
    }

    func change(
        _ kind: HoldChange.Kind, on caseID: String, reason: String, by actor: CaseActor, roles: [String],
        holdIsActive: Bool
    ) -> RuleOutcome<HoldChange> {
        let action: AuditAction = kind == .place ? .holdPlace : .holdLift
        guard case .user(let userID, _, _) = actor else {
            return .refused([.systemActorNotAllowed(action: action)])
        }

        var unmet: [UnmetCondition] = []
        if roles.isEmpty {
            unmet.append(.missingPermission(permission: kind == .place ? .holdPlace : .holdLift))
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            unmet.append(.missingReason(action: action))
        }
        if kind == .lift && !holdIsActive {
            unmet.append(.noActiveHold)
        }
        guard unmet.isEmpty, let roleID = roles.first else { return .refused(unmet) }

        return .allowed(HoldChange(kind: kind, caseID: caseID, actorID: userID, roleID: roleID, reason: trimmed))
    }

    /// Returns the actor's roles that exist in the configuration and belong to the actor's party.
    func actorRoles(_ actor: CaseActor) -> [Role] {
        guard let party = actor.party else { return [] }
        return actor.roles.sorted().compactMap { configuration.role($0) }.filter { $0.party.value == party }
    }
}
