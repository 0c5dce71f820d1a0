import Foundation
import PackagePlugin

/// `swift package validate-tenants [TENANT...]` runs `rcms config validate` on the package's
/// `Tenants` folder, so integrators get the same diagnostics as from the command line.
@main
struct ValidateTenants: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "rcms")
        let tenants = context.package.directoryURL.appending(path: "Tenants")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["config", "validate", "--tenants", tenants.path()] + arguments
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("tenant validation failed; the diagnostics above name each file, line and column")
            throw ValidationFailed(status: process.terminationStatus)
        }
    }
}

struct ValidationFailed: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "rcms config validate exited with status \(status)" }
}
