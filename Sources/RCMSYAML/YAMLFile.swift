import Foundation

/// Reads a YAML file from disk within the limits.
public enum YAMLFile {
    /// Parses the file at `path`, named `displayName` in every position it reports.
    public static func load(path: String, displayName: String? = nil, limits: YAMLLimits = .default) throws -> Node? {
        let name = displayName ?? path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw YAMLError(.io, at: Mark(file: name, line: 1, column: 1), "cannot open the file for reading")
        }
        defer { try? handle.close() }
        // Reads one byte past the limit, so an oversized file is rejected without reading it all.
        let data = try handle.read(upToCount: limits.maxBytes + 1) ?? Data()
        return try YAMLParser.parse([UInt8](data), file: name, limits: limits)
    }
}
