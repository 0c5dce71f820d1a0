import Foundation

/// The layout of attachment files and cached exports in the data folder, for listing and
/// deleting them; needs no key.
///
/// `DATA/attachments/<tenant>/<attachment id>` holds each encrypted file and
/// `DATA/exports/<tenant>/case-<case id>` a case's subject access export.
public struct AttachmentFiles: Sendable, Hashable {
    /// The data folder.
    public let dataDirectory: String

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    /// The folder holding one tenant's attachment files.
    public func folder(tenant: String) throws -> String {
        try Self.checkTenant(tenant)
        return "\(dataDirectory)/attachments/\(tenant)"
    }

    /// The path of an attachment's file; the name is the numeric id only.
    public func path(tenant: String, id: Int64) throws -> String {
        "\(try folder(tenant: tenant))/\(id)"
    }

    /// The folder a subject access export of a case is written to when no other is named;
    /// retention deletes it together with the case's attachments.
    public func exportFolder(tenant: String, caseID: Int64) throws -> String {
        try Self.checkTenant(tenant)
        return "\(dataDirectory)/exports/\(tenant)/case-\(caseID)"
    }

    /// Tenants that have an attachment folder.
    public func tenants() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(dataDirectory)/attachments")) ?? []
        return names.filter { (try? Self.checkTenant($0)) != nil }.sorted()
    }

    /// Ids of the attachment files of `tenant`, in ascending order; temporary files are skipped.
    public func storedIDs(tenant: String) throws -> [Int64] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: try folder(tenant: tenant))) ?? []
        return names.compactMap { Int64($0) }.filter { $0 > 0 }.sorted()
    }

    /// Whether attachment `id` has a file.
    public func exists(tenant: String, id: Int64) throws -> Bool {
        FileManager.default.fileExists(atPath: try path(tenant: tenant, id: id))
    }

    /// Overwrites the file of attachment `id` with zeros and deletes it; returns whether there
    /// was one.
    ///
    /// The overwrite is a best effort: journaling file systems and SSDs may keep older blocks.
    /// Those blocks hold ciphertext, unreadable once the key they were written under is rotated
    /// away and destroyed.
    @discardableResult
    public func remove(tenant: String, id: Int64) throws -> Bool {
        try Self.overwriteAndDelete(try path(tenant: tenant, id: id))
    }

    /// Deletes the cached subject access export of a case; returns how many files it held.
    @discardableResult
    public func removeExport(tenant: String, caseID: Int64) throws -> Int {
        let folder = try exportFolder(tenant: tenant, caseID: caseID)
        guard Self.isDirectory(folder), let walker = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var removed = 0
        for case let relative as String in walker where !Self.isDirectory("\(folder)/\(relative)") {
            if try Self.overwriteAndDelete("\(folder)/\(relative)") { removed += 1 }
        }
        do {
            try FileManager.default.removeItem(atPath: folder)
        } catch {
            throw AttachmentError.io(operation: "deleting an export folder", errno: errno)
        }
        return removed
    }

    /// Counts the files of a case's cached export.
    public func exportFileCount(tenant: String, caseID: Int64) throws -> Int {
        let folder = try exportFolder(tenant: tenant, caseID: caseID)
        guard Self.isDirectory(folder), let walker = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var count = 0
        for case let relative as String in walker where !Self.isDirectory("\(folder)/\(relative)") { count += 1 }
        return count
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    static func overwriteAndDelete(_ path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        if let handle = FileHandle(forUpdatingAtPath: path) {
            let length = (try? handle.seekToEnd()) ?? 0
            try? handle.seek(toOffset: 0)
            var remaining = length
            let zeros = Data(count: 64 * 1024)
            while remaining > 0 {
                let count = Int(min(UInt64(zeros.count), remaining))
                try? handle.write(contentsOf: zeros.prefix(count))
                remaining -= UInt64(count)
            }
            try? handle.synchronize()
            try? handle.close()
        }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw AttachmentError.io(operation: "deleting", errno: errno)
        }
        return true
    }

    static func checkTenant(_ tenant: String) throws {
        let allowed = tenant.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
        guard allowed, !tenant.isEmpty, tenant.utf8.count <= 64, tenant.first != "-" else {
            throw AttachmentError.invalidTenant
        }
    }
}
