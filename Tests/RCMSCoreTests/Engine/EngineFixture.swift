import Foundation
import RCMSConfig
import RCMSCore
import RCMSTestSupport

/// A bundled tenant published into a fresh database, with one officer of each party and a
/// monitor.
struct EngineFixture {
    let tenant: String
    let engine: CaseEngine
    let configuration: TenantConfiguration
    let requesting = EngineUser(id: 1001, party: .requesting, roles: ["requesting_officer"])
    let requested = EngineUser(id: 2001, party: .requested, roles: ["requested_officer"])
    let monitor = EngineUser(id: 3001, party: .monitor, roles: ["monitor"])

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func bundledConfiguration(_ tenant: String) throws -> TenantConfiguration {
        let result = TenantLoader().load(directory: "\(repositoryRoot)/Tenants/\(tenant)")
        guard let configuration = result.configuration else {
            throw EngineFixtureError(description: "bundled tenant \(tenant) does not validate: \(result.diagnostics)")
        }
        return configuration
    }

    init(tenant: String, storage: any Storage) throws {
        self.tenant = tenant
        configuration = try Self.bundledConfiguration(tenant)
        engine = CaseEngine(storage: storage)
        try engine.versions.publish(configuration, by: "test")
        let users = [requesting, requested, monitor]
        try storage.write(tenant: tenant) { transaction in
            for user in users where try transaction.fetchUser(user.id) == nil {
                try transaction.insertUser(
                    UserRecord(
                        id: user.id, party: user.party.rawValue, roleIDs: Array(user.roles),
                        loginName: "\(user.party.rawValue)-\(user.id)", passwordHash: "unused"))
            }
        }
    }

    /// Opens a case with an application form and a passport, as the requesting officer does.
    func openCase(
        surname: String = "Rahman", givenNames: String = "Abdul Karim", dateOfBirth: String = "1991-03",
        voluntary: Bool = false, at instant: Instant = .now()
    ) throws -> OpenCaseResult {
        var applicationFields = ["internal_file_reference": "GR-2026-0042", "application_date": "2026-03-02"]
        if configuration.documentType("application_form")?.field("procedure") != nil {
            applicationFields["procedure"] =
                configuration.documentType("application_form")?.field("procedure")?.values?.first?.id.value ?? ""
        }
        return try engine.openCase(
            tenant: tenant,
            OpenCaseInput(
                person: PersonInput(surname: surname, givenNames: givenNames, dateOfBirth: dateOfBirth),
                voluntaryReturn: voluntary,
                documents: [
                    DocumentInput(type: "application_form", fields: applicationFields),
                    DocumentInput(type: "passport", fields: ["number": "BX0412345"]),
                ]),
            by: requesting, at: instant)
    }

    func attestAll(_ safeguards: [String], caseID: Int64) throws {
        for safeguard in safeguards {
            try engine.attest(
                tenant: tenant, caseID: caseID, safeguard: safeguard, evidenceReference: "file 12/\(safeguard)",
                by: requesting)
        }
    }

    func version(_ caseID: Int64) throws -> Int64 {
        try engine.storage.read(tenant: tenant) { try $0.fetchCase(caseID)!.version }
    }

    @discardableResult
    func perform(
        _ transition: String, on caseID: Int64, by user: EngineUser, at instant: Instant = .now()
    ) throws
        -> CaseRecord
    {
        try engine.perform(
            tenant: tenant, caseID: caseID, transition: transition, expectedVersion: try version(caseID), by: user,
            at: instant)
    }
}

struct EngineFixtureError: Error, CustomStringConvertible {
    var description: String
}
