import Foundation
import RCMSCrypto

/// One travel document signing key as listed and published: ids and the public half only.
public struct TravelDocumentPublicKey: Sendable, Hashable, Codable {
    public var tenant: String
    public var party: String
    public var keyID: String
    /// The Ed25519 public key in base64url.
    public var publicKey: String
    /// Whether new documents are signed with it; older keys stay published to verify older
    /// documents.
    public var current: Bool

    enum CodingKeys: String, CodingKey {
        case tenant, party, current
        case keyID = "key_id"
        case publicKey = "public_key"
    }
}

/// The Ed25519 keys each issuing party signs travel documents with, kept outside the database
/// under `DATA/keys/<tenant>/<party>/<key-id>.key`, readable by the owner only.
///
/// A key file holds the 64-byte libsodium secret key in base64url. The file `current` beside
/// the keys names the key new documents are signed with; rotating writes a new key and points
/// `current` at it, and the old key stays to verify documents it signed.
public final class TravelDocumentKeyStore: Sendable {
    /// The data folder; keys live in its `keys` sub-folder.
    public let dataDirectory: String

    /// Creates a store over the data folder `dataDirectory`.
    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    /// Returns the id of a public key: the first 8 bytes of its BLAKE2b-256 hash in hex.
    public static func keyID(of publicKey: [UInt8]) -> String {
        String(Blake2b.hash(publicKey).hexString.prefix(16))
    }

    func folder(tenant: String, party: String) throws -> String {
        let tenantIsValid =
            tenant.count <= 16 && !tenant.isEmpty
            && tenant.allSatisfy { ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "-" }
        guard tenantIsValid, !tenant.hasPrefix("-") else { throw TravelDocumentError.invalidName(tenant) }
        guard party == "requesting" || party == "requested" else { throw TravelDocumentError.invalidName(party) }
        return "\(dataDirectory)/keys/\(tenant)/\(party)"
    }

    /// Makes the first key of a party; throws ``TravelDocumentError/keyExists(tenant:party:)``
    /// when the party has one.
    @discardableResult
    public func create(tenant: String, party: String) throws -> TravelDocumentPublicKey {
        if try currentKeyID(tenant: tenant, party: party) != nil {
            throw TravelDocumentError.keyExists(tenant: tenant, party: party)
        }
        return try addKey(tenant: tenant, party: party)
    }

    /// Makes a new key for a party and signs new documents with it from now on.
    @discardableResult
    public func rotate(tenant: String, party: String) throws -> TravelDocumentPublicKey {
        try addKey(tenant: tenant, party: party)
    }

    private func addKey(tenant: String, party: String) throws -> TravelDocumentPublicKey {
        let folder = try folder(tenant: tenant, party: party)
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let pair = Ed25519.KeyPair.generate()
        let id = Self.keyID(of: pair.publicKey)
        try writeNew("\(folder)/\(id).key", Base64URL.encode(pair.secretKey) + "\n")
        // The pointer is replaced by a rename, so a reader sees the old or the new key id.
        let temporary = "\(folder)/current.\(id).tmp"
        try writeNew(temporary, id + "\n")
        guard rename(temporary, "\(folder)/current") == 0 else {
            throw TravelDocumentError.keyFile("cannot replace the current key pointer (errno \(errno))")
        }
        return TravelDocumentPublicKey(
            tenant: tenant, party: party, keyID: id, publicKey: Base64URL.encode(pair.publicKey), current: true)
    }

    private func writeNew(_ path: String, _ text: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw TravelDocumentError.keyFile("cannot create a key file (errno \(errno))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.synchronize()
        try handle.close()
    }

    func currentKeyID(tenant: String, party: String) throws -> String? {
        let path = "\(try folder(tenant: tenant, party: party))/current"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let id = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return id.isEmpty ? nil : id
    }

    func keyPair(tenant: String, party: String, id: String) throws -> Ed25519.KeyPair {
        guard id.count == 16, id.allSatisfy(\.isHexDigit) else { throw TravelDocumentError.unknownKey(id) }
        let path = "\(try folder(tenant: tenant, party: party))/\(id).key"
        guard let data = FileManager.default.contents(atPath: path) else { throw TravelDocumentError.unknownKey(id) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let secret = Base64URL.decode(text), let pair = try? Ed25519.KeyPair(secretKey: secret),
            Self.keyID(of: pair.publicKey) == id
        else { throw TravelDocumentError.keyFile("key \(id) is damaged") }
        return pair
    }

    /// Returns the key new documents of a party are signed with, and its id.
    public func signingKey(tenant: String, party: String) throws -> (id: String, pair: Ed25519.KeyPair) {
        guard let id = try currentKeyID(tenant: tenant, party: party) else {
            throw TravelDocumentError.noKey(tenant: tenant, party: party)
        }
        return (id, try keyPair(tenant: tenant, party: party, id: id))
    }

    /// Lists the public keys of a tenant, both parties, ordered by party and key id.
    public func publicKeys(tenant: String) throws -> [TravelDocumentPublicKey] {
        var keys: [TravelDocumentPublicKey] = []
        for party in ["requested", "requesting"] {
            let folder = try folder(tenant: tenant, party: party)
            let current = try currentKeyID(tenant: tenant, party: party)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where name.hasSuffix(".key") {
                let id = String(name.dropLast(4))
                let pair = try keyPair(tenant: tenant, party: party, id: id)
                keys.append(
                    TravelDocumentPublicKey(
                        tenant: tenant, party: party, keyID: id, publicKey: Base64URL.encode(pair.publicKey),
                        current: id == current))
            }
        }
        return keys
    }

    /// Returns the public key with id `keyID` of a tenant, from either party.
    public func publicKey(tenant: String, keyID: String) throws -> TravelDocumentPublicKey? {
        try publicKeys(tenant: tenant).first { $0.keyID == keyID }
    }
}
