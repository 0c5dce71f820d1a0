import Foundation
import RCMSCore
import RCMSPostgres
import RCMSSQLite
import RCMSYAML

/// Opens the storage backend a database URL names, and finds that URL in the usual places.
public enum StorageFactory {
    /// The database when nothing else names one: an SQLite file in the data folder.
    public static let defaultURL = "sqlite:data/rcms.sqlite"
    /// The settings file read for `database_url`, relative to the working directory.
    public static let defaultConfigPath = "Config/rcms.yaml"

    /// Opens `sqlite:PATH` (creating the file and its folder) or a `postgres://` or
    /// `postgresql://` URL; the schema is not migrated here.
    public static func open(url: String) throws -> any Storage {
        if let path = SQLiteStorage.path(fromURL: url) {
            return try SQLiteStorage(path: path)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return try PostgresStorage(url: url)
        }
        throw StorageError.invalidURL(
            "expected sqlite:PATH or postgres://USER@HOST:PORT/DATABASE, got a URL starting with '\(url.prefix { $0 != ":" })'"
        )
    }

    /// Returns the database URL from, in order: the `--database` option, the
    /// `RCMS_DATABASE_URL` environment variable, `database_url` in the settings file, or the
    /// default.
    public static func resolveURL(
        option: String?, environment: [String: String], configPath: String = defaultConfigPath
    ) throws -> String {
        if let option, !option.isEmpty { return option }
        if let fromEnvironment = environment["RCMS_DATABASE_URL"], !fromEnvironment.isEmpty { return fromEnvironment }
        if FileManager.default.fileExists(atPath: configPath), let root = try YAMLFile.load(path: configPath),
            let node = root["database_url"]
        {
            let url = try YAMLDecoder().decode(String.self, from: node)
            if !url.isEmpty { return url }
        }
        return defaultURL
    }

    /// Returns `url` with any password replaced by `***`, for messages and logs.
    public static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else {
            return url
        }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }
}
