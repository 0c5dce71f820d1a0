import Foundation
import RCMSConfig
import RCMSCore

/// Drives `count` cases through the engine: open (person, two documents), one attestation and
/// three transitions, each with its audit entries. Returns the seconds taken and the number
/// of transactions.
func runEngineWorkload(
    storage: any Storage, configuration: TenantConfiguration, count: Int
) throws -> (
    seconds: Double, transactions: Int
) {
    let engine = CaseEngine(storage: storage)
    try engine.versions.publish(configuration, by: "bench")
    let requesting = EngineUser(id: 1, party: .requesting, roles: ["requesting_officer"])
    let requested = EngineUser(id: 2, party: .requested, roles: ["requested_officer"])
    let tenant = configuration.id
    let names = ["Rahman", "Hossain", "Islam", "Uddin", "Akter", "রহমান", "হোসেন", "ইসলাম"]
    let elapsed = try seconds {
        for index in 0..<count {
            let opened = try engine.openCase(
                tenant: tenant,
                OpenCaseInput(
                    person: PersonInput(
                        surname: names[index % names.count], givenNames: "Karim \(index)",
                        dateOfBirth: "19\(60 + index % 40)"),
                    documents: [
                        DocumentInput(
                            type: "application_form",
                            fields: ["internal_file_reference": "B-\(index)", "application_date": "2026-03-02"]),
                        DocumentInput(type: "passport", fields: ["number": "P\(index)"]),
                    ]),
                by: requesting)
            let caseID = opened.record.id
            try engine.attest(
                tenant: tenant, caseID: caseID, safeguard: "no_valid_residence_permit", evidenceReference: "R-\(index)",
                by: requesting)
            try engine.perform(tenant: tenant, caseID: caseID, transition: "submit", expectedVersion: 1, by: requesting)
            try engine.perform(
                tenant: tenant, caseID: caseID, transition: "request_interview", expectedVersion: 2, by: requested)
            try engine.perform(
                tenant: tenant, caseID: caseID, transition: "complete_interview", expectedVersion: 3, by: requested)
        }
    }
    return (elapsed, count * 5)
}

/// The rows the workload wrote, counted per table, so the baseline can insert as many.
func countRows(tables: [String], query: (String) throws -> Int64) throws -> Int64 {
    try tables.reduce(0) { $0 + (try query($1)) }
}

let workloadTables = [
    "cases", "persons", "person_search_keys", "person_search_grams", "documents", "document_fields",
    "safeguard_attestations", "deadlines",
    "audit_entries", "configuration_versions",
]
