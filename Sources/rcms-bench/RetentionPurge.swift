import Foundation
import RCMSConfig
import RCMSCore

/// The retention rules the purge measurement publishes: every closed case is purged at once.
let immediatePurgeRules = """
    retention:
      - id: purge_closed_cases
        target: case
        action: purge
        trigger: case_closed
        after_days: 0
        legal_basis: benchmark only; never deployed
        verified: false

    """

/// Publishes `tenant`'s bundled files with its retention rules replaced by `immediatePurgeRules`
/// and runs `RetentionExecutor` over it. Returns the seconds taken, the cases purged, and the
/// seconds of those spent clearing the database's own copies after the last batch.
func runImmediatePurge(
    storage: any Storage, tenant: String, dataDirectory: String
) throws -> (
    seconds: Double, purged: Int, cleanupSeconds: Double
) {
    let bundle = try TenantLoader.readBundle(directory: "Tenants/\(tenant)")
    let files =
        bundle.files.filter { $0.path != "retention.yaml" }
        + [TenantBundle.File(path: "retention.yaml", contents: Array(immediatePurgeRules.utf8))]
    let result = TenantLoader().load(bundle: TenantBundle(tenantID: tenant, files: files), displayPrefix: tenant)
    guard let configuration = result.configuration else {
        throw BenchError("the purge configuration of \(tenant) is invalid: \(result.diagnostics)")
    }
    let versions = ConfigurationVersions(storage: storage)
    try versions.publish(configuration, by: "bench")
    let executor = RetentionExecutor(
        storage: storage, files: AttachmentFiles(dataDirectory: dataDirectory), versions: versions)
    var report: RetentionReport?
    var lastCase = Date()
    let started = Date()
    let elapsed = try seconds {
        report = try executor.run(tenant: tenant, dryRun: false) { _, _, _ in lastCase = Date() }
    }
    guard let report else { throw BenchError("the retention lock of \(tenant) is held by another process") }
    // After the last batch commits, the run clears the database's own copies (checkpoint or
    // VACUUM). The time from that commit to the end of the run is that clean-up.
    let cleanup = max(0, elapsed - lastCase.timeIntervalSince(started))
    return (elapsed, report.rules.reduce(0) { $0 + $1.removed.count }, cleanup)
}
