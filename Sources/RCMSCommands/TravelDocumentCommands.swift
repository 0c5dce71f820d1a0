import Foundation
import RCMSCore

/// The actions of `rcms keys travel-documents`, which differ only in what they do to the store.
enum TravelDocumentKeyAction: String, Sendable {
    case create, rotate, list
}

/// One `rcms keys travel-documents` command; the three share options and output.
protocol TravelDocumentKeyCommand: Command {
    static var action: TravelDocumentKeyAction { get }
}

extension TravelDocumentKeyCommand {
    static var path: [String] { ["keys", "travel-documents", action.rawValue] }
    static var valueOptions: Set<String> { ["tenant", "party", "data"] }

    static var help: String {
        """
        Usage: rcms keys travel-documents \(action.rawValue) --tenant T \
        \(action == .list ? "[--party P]" : "--party P") [--data DIR]

        create  makes the first Ed25519 signing key of a party; fails when it has one.
        rotate  makes a new key and signs new documents with it; older keys stay to verify
                the documents they signed.
        list    prints the keys of a tenant.
        Keys live in DIR/keys/T/P/ (mode 0600), outside the database. Only key ids and public
        keys (base64url) are printed, never a private key.

        Options:
          --tenant T  tenant id, such as de-pk
          --party P   requesting or requested
          --data DIR  data folder (default: RCMS_DATA_DIR, else data_dir in Config/rcms.yaml,
                      else data)
        Exit status: 0 done, 1 the key could not be made or read, 2 usage error.
        """
    }

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument; name the tenant and party with --tenant and --party")
        }
        guard let tenant = arguments.options["tenant"], !tenant.isEmpty else {
            throw UsageError("expected --tenant T, such as --tenant de-pk")
        }
        let party = arguments.options["party"]
        if let party, party != "requesting" && party != "requested" {
            throw UsageError("--party must be requesting or requested, got '\(party)'")
        }
        if party == nil && action != .list {
            throw UsageError("expected --party requesting|requested")
        }
        let store = TravelDocumentKeyStore(
            dataDirectory: try DataProtectionSettings.dataDirectory(arguments, context: context))
        do {
            switch action {
            case .create, .rotate:
                let party = party ?? ""
                let key =
                    action == .create
                    ? try store.create(tenant: tenant, party: party) : try store.rotate(tenant: tenant, party: party)
                context.console.print("\(tenant) \(party): new current key \(key.keyID) public key \(key.publicKey)")
            case .list:
                let keys = try store.publicKeys(tenant: tenant).filter { party == nil || $0.party == party }
                if keys.isEmpty { context.console.print("\(tenant): no travel document keys") }
                for key in keys {
                    context.console.print(
                        "\(key.party) \(key.keyID) \(key.publicKey)\(key.current ? " current" : "")")
                }
            }
            return ExitStatus.success
        } catch let error as TravelDocumentError {
            context.console.printError("error: \(error.description) [\(error.code)]")
            return ExitStatus.failure
        }
    }
}

struct TravelDocumentKeyCreateCommand: TravelDocumentKeyCommand {
    static let action = TravelDocumentKeyAction.create
    static let summary = "Make the first travel document signing key of a party"
}

struct TravelDocumentKeyRotateCommand: TravelDocumentKeyCommand {
    static let action = TravelDocumentKeyAction.rotate
    static let summary = "Make a new travel document signing key; old keys still verify"
}

struct TravelDocumentKeyListCommand: TravelDocumentKeyCommand {
    static let action = TravelDocumentKeyAction.list
    static let summary = "List the travel document key ids and public keys of a tenant"
}

struct DocumentVerifyCommand: Command {
    static let path = ["document", "verify"]
    static let summary = "Check a travel document's QR code payload: signature and status"
    static let valueOptions: Set<String> = ["database", "data"]
    static let help = """
        Usage: rcms document verify FILE-OR-PAYLOAD [--database URL] [--data DIR]

        Reads the payload (RTD1.<fields>.<signature>) from the argument, or from the file it
        names, checks its signature against the stored public keys and the document's status
        in the database, and prints the status and the signed fields as JSON.

        Options:
          --database URL  sqlite:PATH or postgres://... (default: RCMS_DATABASE_URL, else
                          database_url in Config/rcms.yaml, else sqlite:data/rcms.sqlite)
          --data DIR      data folder holding the keys (default: RCMS_DATA_DIR, else data_dir
                          in Config/rcms.yaml, else data)
        Exit status: 0 valid, 1 invalid signature, expired, cancelled, superseded, unsigned or
        unknown, 2 usage error (including text that is not a payload).
        """

    /// The printed result, with the same field names as `POST /api/v1/documents/verify`.
    struct Output: Encodable {
        var status: String
        var fields: [String: String]?
    }

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.count == 1, let argument = arguments.positionals.first else {
            throw UsageError("expected one payload, or a file containing one")
        }
        let text = try payloadText(argument)
        let parsed: TravelDocumentPayload.Parsed
        do {
            parsed = try TravelDocumentPayload.parse(text)
        } catch let error as TravelDocumentError {
            throw UsageError("\(error.description) [\(error.code)]")
        }

        let keys = TravelDocumentKeyStore(
            dataDirectory: try DataProtectionSettings.dataDirectory(arguments, context: context))
        let storage = try openMigratedStorage(arguments, context: context)
        defer { storage.close() }
        // The keys on disk decide which tenants this installation signs for, so the payload's
        // own tenant is checked. A tenant without keys gives an invalid signature.
        let verifier = TravelDocumentVerifier(keys: keys, storage: storage, tenants: [parsed.payload.tenant])
        let result: TravelDocumentVerification
        do {
            result = try verifier.verify(text)
        } catch let error as TravelDocumentError {
            context.console.printError("error: \(error.description) [\(error.code)]")
            return ExitStatus.failure
        }

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let output = Output(status: result.outcome.rawValue, fields: result.fields.map(fields))
        context.console.print(String(decoding: try encoder.encode(output), as: UTF8.self))
        return result.outcome == .valid ? ExitStatus.success : ExitStatus.failure
    }

    /// Returns the argument itself when it is a payload, else the contents of the file it names.
    static func payloadText(_ argument: String) throws -> String {
        if argument.hasPrefix("\(TravelDocumentPayload.prefix).") { return argument }
        guard let data = FileManager.default.contents(atPath: argument) else {
            throw UsageError("'\(argument)' is neither a payload starting with RTD1. nor a readable file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func fields(_ payload: TravelDocumentPayload) -> [String: String] {
        [
            "tenant": payload.tenant, "number": payload.number, "surname": payload.surname,
            "given_names": payload.givenNames, "date_of_birth": payload.dateOfBirth, "sex": payload.sex,
            "nationality": payload.nationality, "issuing_state": payload.issuingState,
            "valid_from": payload.validFrom, "valid_until": payload.validUntil, "key_id": payload.keyID,
        ]
    }
}
