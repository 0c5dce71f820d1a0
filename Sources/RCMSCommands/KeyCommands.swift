import Foundation
import RCMSCore
import RCMSYAML

/// Finds the data folder and the attachment key the way every command and the server do.
enum DataProtectionSettings {
    /// Returns a string setting from the settings file, or `nil` when the file or key is absent.
    static func setting(_ key: String, configPath: String = StorageFactory.defaultConfigPath) throws -> String? {
        guard FileManager.default.fileExists(atPath: configPath), let root = try YAMLFile.load(path: configPath),
            let node = root[key]
        else { return nil }
        let value = try YAMLDecoder().decode(String.self, from: node)
        return value.isEmpty ? nil : value
    }

    /// The data folder from `--data`, `RCMS_DATA_DIR`, `data_dir` in the settings file, or `data`.
    static func dataDirectory(_ arguments: Arguments, context: CommandContext) throws -> String {
        if let option = arguments.options["data"], !option.isEmpty { return option }
        if let value = context.environment["RCMS_DATA_DIR"], !value.isEmpty { return value }
        return try setting("data_dir") ?? "data"
    }

    /// The attachment key from, in order: the `--attachment-key-file` option, the
    /// `RCMS_ATTACHMENT_KEY` variable (base64), the `RCMS_ATTACHMENT_KEY_FILE` variable, or
    /// `attachment_key_file` in the settings file. The database is never asked.
    static func attachmentKey(_ arguments: Arguments, context: CommandContext) throws -> AttachmentKey {
        if let path = arguments.options["attachment-key-file"], !path.isEmpty {
            return try AttachmentKey(contentsOfFile: path)
        }
        if let text = context.environment["RCMS_ATTACHMENT_KEY"], !text.isEmpty {
            return try AttachmentKey(base64: text)
        }
        if let path = context.environment["RCMS_ATTACHMENT_KEY_FILE"], !path.isEmpty {
            return try AttachmentKey(contentsOfFile: path)
        }
        if let path = try setting("attachment_key_file") {
            return try AttachmentKey(contentsOfFile: path)
        }
        throw AttachmentError.missingKey
    }
}

struct KeysNewAttachmentKeyCommand: Command {
    static let path = ["keys", "new-attachment-key"]
    static let summary = "Write a new random attachment key to a file readable by its owner only"
    static let valueOptions: Set<String> = ["out"]
    static let help = """
        Usage: rcms keys new-attachment-key --out FILE

        Writes 32 random bytes in base64 to FILE (created with mode 0600; an existing file is
        never overwritten) and prints the key's id, never the key. Point
        RCMS_ATTACHMENT_KEY_FILE or attachment_key_file in Config/rcms.yaml at the file.
        Exit status: 0 written, 1 the file could not be created, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard let out = arguments.options["out"], !out.isEmpty, arguments.positionals.isEmpty else {
            throw UsageError(
                "expected --out FILE, for example: rcms keys new-attachment-key --out /etc/rcms/attachment.key")
        }
        let key = AttachmentKey.generate()
        let descriptor = open(out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            context.console.printError("error: cannot create \(out) (errno \(errno)); it may already exist")
            return ExitStatus.failure
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data((key.base64 + "\n").utf8))
        try handle.synchronize()
        try handle.close()
        context.console.print("wrote attachment key \(key.id) to \(out)")
        return ExitStatus.success
    }
}

struct KeysRotateAttachmentsCommand: Command {
    static let path = ["keys", "rotate-attachments"]
    static let summary = "Re-encrypt every attachment file under the configured key"
    static let valueOptions: Set<String> = ["old-key-file", "attachment-key-file", "data", "tenant"]
    static let help = """
        Usage: rcms keys rotate-attachments --old-key-file FILE [--attachment-key-file FILE]
                                            [--data DIR] [--tenant T]

        Decrypts each attachment file under DIR/attachments with the old key and writes it
        again under the new key, which is the configured attachment key (--attachment-key-file,
        RCMS_ATTACHMENT_KEY, RCMS_ATTACHMENT_KEY_FILE or attachment_key_file in
        Config/rcms.yaml). Each file is replaced only once its new version is complete, and
        files already under the new key are left alone, so an interrupted rotation can run
        again. Stop servers that still use the old key first. Destroy the old key afterwards:
        until then, copies of old files in backups stay readable with it.

        Options:
          --old-key-file FILE  file holding the old key in base64
          --data DIR           data folder (default: RCMS_DATA_DIR, else data_dir in
                               Config/rcms.yaml, else data)
          --tenant T           only this tenant's files
        Exit status: 0 every file is under the new key, 1 a file failed, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard let oldPath = arguments.options["old-key-file"], !oldPath.isEmpty else {
            throw UsageError("expected --old-key-file FILE naming the key the files are encrypted under now")
        }
        let oldKey = try AttachmentKey(contentsOfFile: oldPath)
        let newKey = try DataProtectionSettings.attachmentKey(arguments, context: context)
        guard oldKey.id != newKey.id else {
            throw UsageError("the old key and the configured key are the same (\(newKey.id)); configure the new key")
        }
        let store = AttachmentStore(
            dataDirectory: try DataProtectionSettings.dataDirectory(arguments, context: context),
            keyring: AttachmentKeyring(current: newKey, previous: [oldKey]))
        let tenants = arguments.options["tenant"].map { [$0] } ?? store.files.tenants()

        context.console.print("rotating attachments from key \(oldKey.id) to key \(newKey.id)")
        var failures = 0
        for tenant in tenants {
            var rotated = 0
            var unchanged = 0
            let ids = try store.files.storedIDs(tenant: tenant)
            for (index, id) in ids.enumerated() {
                do {
                    if try store.reencrypt(tenant: tenant, id: id, to: newKey) { rotated += 1 } else { unchanged += 1 }
                } catch let error as AttachmentError {
                    failures += 1
                    context.console.printError("\(tenant): attachment \(id): \(error.code): \(error)")
                }
                if (index + 1) % 100 == 0 { context.console.print("\(tenant): \(index + 1) of \(ids.count) files") }
            }
            context.console.print(
                "\(tenant): \(rotated) re-encrypted, \(unchanged) already under the new key, of \(ids.count) files")
        }
        if failures > 0 {
            context.console.printError("error: \(failures) files could not be re-encrypted; they keep their old key")
            return ExitStatus.failure
        }
        return ExitStatus.success
    }
}
