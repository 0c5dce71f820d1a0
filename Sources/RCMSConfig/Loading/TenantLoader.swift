import Foundation
import RCMSYAML

/// The outcome of loading one tenant: the configuration when it is valid, and every finding.
public struct TenantLoadResult: Sendable {
    public var tenantID: String
    public var configuration: TenantConfiguration?
    public var diagnostics: [Diagnostic]
    public var bundle: TenantBundle
    /// The sections as decoded, also when validation failed; the semantic diff reads it.
    public var draft: TenantDraft
}

/// Reads a tenant folder or bundle, decodes every section and validates the whole.
public struct TenantLoader: Sendable {
    public var limits: YAMLLimits
    /// The date the "holidays for the current year" check uses.
    public var today: CivilDate

    public init(limits: YAMLLimits = .default, today: CivilDate = .today) {
        self.limits = limits
        self.today = today
    }

    /// Reads every `*.yaml` file under `directory` into a bundle.
    public static func readBundle(directory: String) throws -> TenantBundle {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        let tenantID = root.lastPathComponent
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else {
            throw TenantFolderError(path: directory, reason: "the folder does not exist or cannot be read")
        }
        var files: [TenantBundle.File] = []
        for case let url as URL in enumerator {
            guard url.pathExtension == "yaml" || url.pathExtension == "yml" else { continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let data = try Data(contentsOf: url)
            files.append(TenantBundle.File(path: relative, contents: [UInt8](data)))
        }
        return TenantBundle(tenantID: tenantID, files: files)
    }

    /// Loads the tenant folder at `directory`; positions name files as `displayPrefix/PATH`.
    public func load(directory: String, displayPrefix: String? = nil) -> TenantLoadResult {
        let prefix = displayPrefix ?? directory
        do {
            let bundle = try Self.readBundle(directory: directory)
            return load(bundle: bundle, displayPrefix: prefix)
        } catch {
            let tenantID = URL(fileURLWithPath: directory).lastPathComponent
            let mark = Mark(file: prefix, line: 1, column: 1)
            return TenantLoadResult(
                tenantID: tenantID, configuration: nil,
                diagnostics: [Diagnostic(.error, "io", at: mark, "cannot read the tenant folder: \(error)")],
                bundle: TenantBundle(tenantID: tenantID, files: []),
                draft: TenantDraft(directoryName: tenantID, primaryFile: prefix))
        }
    }

    /// Loads a tenant from files held in memory, such as a bundle submitted to the server.
    public func load(bundle: TenantBundle, displayPrefix: String) -> TenantLoadResult {
        var diagnostics: [Diagnostic] = []
        let firstFile = bundle.files.first.map { "\(displayPrefix)/\($0.path)" } ?? displayPrefix
        var draft = TenantDraft(directoryName: bundle.tenantID, primaryFile: firstFile)

        if bundle.files.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .error, "empty_tenant", at: Mark(file: displayPrefix, line: 1, column: 1),
                    "the tenant folder holds no .yaml file; run 'rcms tenant init \(bundle.tenantID)' to create one"))
        }

        var sections = SectionMerger()
        for file in bundle.files {
            let name = "\(displayPrefix)/\(file.path)"
            do {
                guard let root = try YAMLParser.parse(file.contents, file: name, limits: limits) else { continue }
                sections.add(root, diagnostics: &diagnostics)
            } catch let error as YAMLError {
                diagnostics.append(Diagnostic(error))
                draft.hasUnreadableFile = true
            } catch {
                diagnostics.append(Diagnostic(.error, "io", at: Mark(file: name, line: 1, column: 1), "\(error)"))
            }
        }

        SectionDecoder(sections: sections).decode(into: &draft, diagnostics: &diagnostics)
        PlaceholderScan.warn(bundle: bundle, displayPrefix: displayPrefix, limits: limits, diagnostics: &diagnostics)
        var validator = TenantValidator(draft: draft, today: today)
        diagnostics += validator.validate()

        let configuration = diagnostics.hasErrors ? nil : draft.complete(bundle: bundle)
        return TenantLoadResult(
            tenantID: bundle.tenantID, configuration: configuration,
            diagnostics: diagnostics.sortedByPosition, bundle: bundle, draft: draft)
    }
}

public struct TenantFolderError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

extension CivilDate {
    /// Today's date in UTC, for checks that only need the year.
    public static var today: CivilDate {
        let seconds = Int(Date().timeIntervalSince1970)
        return CivilDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}

extension TenantDraft {
    /// The configuration, when every required section was decoded.
    func complete(bundle: TenantBundle) -> TenantConfiguration? {
        guard let info, let languages, let agreement, let parties, let workflow else { return nil }
        return TenantConfiguration(
            id: info.id.value, info: info, languages: languages, agreement: agreement, parties: parties,
            calendars: calendars.mapValues(\.calendar), roles: roles, documentTypes: documentTypes,
            safeguards: safeguards, workflow: workflow, retention: retention, travelDocuments: travelDocuments,
            bundle: bundle, contentHash: bundle.contentHash)
    }
}
