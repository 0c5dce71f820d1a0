import RCMSCrypto

/// The YAML files of one tenant, as bytes, with a content hash that identifies the version.
public struct TenantBundle: Sendable, Hashable, Codable {
    public struct File: Sendable, Hashable, Codable {
        /// Path relative to the tenant folder, with `/` separators (`calendars/pk.yaml`).
        public var path: String
        public var contents: [UInt8]

        public init(path: String, contents: [UInt8]) {
            self.path = path
            self.contents = contents
        }

        public var text: String { String(decoding: contents, as: UTF8.self) }
    }

    public var tenantID: String
    /// Files sorted by path.
    public private(set) var files: [File]

    public init(tenantID: String, files: [File]) {
        self.tenantID = tenantID
        self.files = files.sorted { $0.path < $1.path }
    }

    /// BLAKE2b-256 over each file's path and contents, length-prefixed, in path order; the
    /// same files always give the same hash whatever the order they were read in.
    public var contentHash: String {
        let hasher = Blake2b()
        for file in files {
            hasher.update(Array("\(file.path.utf8.count):\(file.path)\(file.contents.count):".utf8))
            hasher.update(file.contents)
        }
        return hasher.finalize().hexString
    }

    public func file(_ path: String) -> File? { files.first { $0.path == path } }
}
