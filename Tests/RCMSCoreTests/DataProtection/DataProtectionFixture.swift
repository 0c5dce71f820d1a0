import Foundation
import RCMSConfig
import RCMSCore
import RCMSTestSupport

/// The bundled de-pk tenant with its retention rules replaced, published into a fresh
/// database, with an encrypted attachment store in a temporary data folder.
struct DataProtectionFixture {
    static let tenant = "de-pk"
    let engine: CaseEngine
    let store: AttachmentStore
    /// A temporary folder holding the data folder, so a test can check nothing lands beside it.
    let root: String
    let requesting = EngineUser(id: 1001, party: .requesting, roles: ["requesting_officer"])
    let monitor = EngineUser(id: 3001, party: .monitor, roles: ["monitor"])

    var tenant: String { Self.tenant }
    var storage: any Storage { engine.storage }

    /// Retention rules as YAML: every rule at 0 days after closing, so a closed case is due at once.
    static let immediateRules = """
        retention:
          - id: purge_biometrics
            target: biometric_attachments
            action: purge
            trigger: case_closed
            after_days: 0
            legal_basis: test rule
          - id: purge_case
            target: case
            action: purge
            trigger: case_closed
            after_days: 0
            legal_basis: test rule

        """

    init(storage: any Storage, rules: String = Self.immediateRules) throws {
        let configuration = try DataProtectionFixtureRules.configuration(retention: rules)
        engine = CaseEngine(storage: storage)
        try engine.versions.publish(configuration, by: "test")

        root = FileManager.default.temporaryDirectory.appendingPathComponent("rcms-dp-\(UUID().uuidString)").path
        store = AttachmentStore(dataDirectory: "\(root)/data", keyring: AttachmentKeyring(current: .generate()))
    }

    func removeFiles() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Opens a draft case with an application form and a passport; returns the case and the
    /// passport document ids.
    func openCase(surname: String, fatherName: String? = nil) throws -> (caseID: Int64, passportID: Int64) {
        let opened = try engine.openCase(
            tenant: tenant,
            OpenCaseInput(
                person: PersonInput(
                    surname: surname, givenNames: "Amina", dateOfBirth: "1990-05", fatherName: fatherName),
                documents: [
                    DocumentInput(
                        type: "application_form",
                        fields: ["internal_file_reference": "DE-2026-0042", "application_date": "2026-03-02"]),
                    DocumentInput(type: "passport", fields: ["number": "BX0412345"]),
                ]),
            by: requesting)
        let caseID = opened.record.id
        let passport = try storage.read(tenant: tenant) { reader in
            try reader.documents(caseID: caseID).first { $0.documentTypeID == "passport" }!.id
        }
        return (caseID, passport)
    }

    /// Closes a draft case by withdrawing the application.
    func close(_ caseID: Int64) throws {
        let version = try storage.read(tenant: tenant) { try $0.fetchCase(caseID)!.version }
        try engine.perform(
            tenant: tenant, caseID: caseID, transition: "withdraw", expectedVersion: version, by: requesting)
    }

    func executor() -> RetentionExecutor {
        RetentionExecutor(storage: storage, files: store.files, versions: engine.versions)
    }
}

struct DataProtectionFixtureError: Error, CustomStringConvertible {
    var description: String
}

/// Counts the places `needle` (ASCII, any letter case) occurs in the bytes of a file; a missing
/// file counts zero.
func occurrences(of needle: String, inFile path: String) -> Int {
    guard let data = FileManager.default.contents(atPath: path) else { return 0 }
    let haystack = [UInt8](data).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    let pattern = Array(needle.lowercased().utf8)
    guard !pattern.isEmpty, haystack.count >= pattern.count else { return 0 }
    var count = 0
    var index = 0
    while index <= haystack.count - pattern.count {
        if haystack[index] == pattern[0] && Array(haystack[index..<(index + pattern.count)]) == pattern {
            count += 1
            index += pattern.count
        } else {
            index += 1
        }
    }
    return count
}
