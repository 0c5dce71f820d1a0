import Foundation
import RCMSConfig
import RCMSCore
import Synchronization

/// Attachment upload and download, and the subject access export. Bytes are encrypted at rest
/// by the attachment store; the original file name is kept only as sanitised metadata.
enum AttachmentRoutes {
    static let uploadedSchema = APISchema.named(
        "Attachment",
        .object(
            [
                "id": .string, "name": .string, "media_type": .string, "size": .integer, "digest": .string,
                "biometric": .boolean,
            ], required: ["id", "name", "media_type", "size", "digest", "biometric"]))

    struct Uploaded: Encodable {
        var id: String
        var name: String
        var mediaType: String
        var size: Int64
        var digest: String
        var biometric: Bool

        init(_ record: AttachmentRecord) {
            id = String(record.id)
            name = record.originalName
            mediaType = record.mediaType
            size = record.size
            digest = record.digest
            biometric = record.biometric
        }

        enum CodingKeys: String, CodingKey {
            case id, name, size, digest, biometric
            case mediaType = "media_type"
        }
    }

    /// `POST .../documents/{document}/attachments?name=&biometric=` with the file as the body and
    /// its media type as `Content-Type`.
    static func upload(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try CaseRoutes.engineUser(context)
        let caseID = try CaseRoutes.caseID(context)
        guard let documentID = Int64(context.parameter("document")) else { throw APIError.notFound }
        let store = try self.store(context)
        let name = context.request.query["name"] ?? "attachment"
        let mediaType =
            (context.request.header("content-type") ?? "application/octet-stream")
            .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "application/octet-stream"
        let biometric = context.request.query["biometric"] == "true"
        let record = try CaseRoutes.mapped(context) {
            try mappedAttachment(context) {
                try context.environment.engine.addAttachment(
                    tenant: caller.tenant, caseID: caseID, documentID: documentID, originalName: name,
                    mediaType: mediaType, biometric: biometric, bytes: context.request.body, in: store, by: user)
            }
        }
        return .json(Uploaded(record), status: 201)
    }

    /// `GET .../attachments/{attachment}`: the decrypted file, streamed chunk by chunk with its
    /// recorded length as `Content-Length`.
    ///
    /// The first chunk is read before the response is made, so a file that fails its check
    /// there gets an error status. A failure further on closes the connection with the body cut
    /// short, and is logged with the request id.
    static func download(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try CaseRoutes.engineUser(context)
        let caseID = try CaseRoutes.caseID(context)
        guard let attachmentID = Int64(context.parameter("attachment")) else { throw APIError.notFound }
        let store = try self.store(context)
        let (record, stream, first) = try CaseRoutes.mapped(context) {
            try mappedAttachment(context) {
                let opened = try context.environment.engine.openAttachment(
                    tenant: caller.tenant, caseID: caseID, attachmentID: attachmentID, from: store, by: user)
                return (opened.record, opened.stream, try opened.stream.next())
            }
        }
        let body = DownloadBody(stream: stream, first: first, logger: context.logger)
        return HTTPResponse(
            status: 200,
            headers: [
                ("Content-Type", record.mediaType),
                ("Content-Disposition", "attachment; filename=\"attachment-\(record.id)\""),
                ("X-Content-Type-Options", "nosniff"),
            ], stream: HTTPBodyStream(length: record.size) { try body.next() })
    }

    /// Everything held about the person of a case, as one JSON document with the attachments
    /// inline in base64; the export is audited.
    static func exportSubject(_ context: RequestContext) throws -> HTTPResponse {
        let (caller, user) = try CaseRoutes.engineUser(context)
        let caseID = try CaseRoutes.caseID(context)
        let store = try self.store(context)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rcms-export-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try CaseRoutes.mapped(context) {
            try mappedAttachment(context) {
                try context.environment.engine.exportSubject(
                    tenant: caller.tenant, caseID: caseID, to: folder, from: store, by: .user(user))
            }
        }
        let documentData = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/subject.json"))
        var files: [String: String] = [:]
        let attachmentsFolder = "\(folder)/attachments"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: attachmentsFolder)) ?? [] {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(attachmentsFolder)/\(name)"))
            files[name] = data.base64EncodedString()
        }
        let subject = try JSONSerialization.jsonObject(with: documentData)
        let body = try JSONSerialization.data(
            withJSONObject: ["subject": subject, "attachments": files], options: [.sortedKeys, .withoutEscapingSlashes])
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: [UInt8](body))
    }

    static func store(_ context: RequestContext) throws -> AttachmentStore {
        guard let store = context.environment.attachments else {
            throw APIError(
                status: 503, code: "attachments_unavailable",
                "this server runs without an attachment key; set RCMS_ATTACHMENT_KEY_FILE and restart")
        }
        return store
    }

    /// Turns attachment store errors into API errors; a file that fails authentication is a
    /// server fault, logged with its id, because the bytes on disk were changed.
    static func mappedAttachment<T>(_ context: RequestContext, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AttachmentError {
            switch error {
            case .notInCase, .fileNotFound:
                throw APIError.notFound
            case .tooLarge:
                throw APIError(status: 413, code: error.code, error.description)
            case .authenticationFailed(let id), .digestMismatch(let id), .truncated(let id),
                .notAnAttachmentFile(let id):
                context.logger.error(
                    "attachment failed its integrity check",
                    ["attachment": .string(String(id)), "code": .string(error.code)])
                throw APIError(
                    status: 500, code: error.code, "the stored attachment failed its integrity check; it was changed")
            default:
                context.logger.error("attachment store error", ["code": .string(error.code)])
                throw APIError(status: 500, code: error.code, "the attachment store failed")
            }
        }
    }
}

/// The body of one download: the chunk read before the response was made, then the rest of
/// the stream.
///
/// Once the headers are out, a failure can only cut the body short, so it is logged here as
/// one line with the attachment id, the error code and the bytes streamed before it.
private final class DownloadBody: Sendable {
    private struct Progress {
        var first: [UInt8]?
        /// Bytes handed to the transport so far.
        var streamed: Int64 = 0
    }

    private let stream: AttachmentStream
    private let logger: Logger
    private let progress: Mutex<Progress>

    init(stream: AttachmentStream, first: [UInt8]?, logger: Logger) {
        self.stream = stream
        self.logger = logger
        self.progress = Mutex(Progress(first: first))
    }

    /// Returns the next piece of the body, or `nil` after the last one.
    func next() throws -> [UInt8]? {
        let firstChunk = progress.withLock { current -> [UInt8]? in
            defer { current.first = nil }
            return current.first
        }
        do {
            let chunk = try firstChunk ?? stream.next()
            progress.withLock { $0.streamed += Int64(chunk?.count ?? 0) }
            return chunk
        } catch {
            let code = (error as? AttachmentError)?.code ?? "attachment.io"
            logger.error(
                "attachment download cut short",
                [
                    "attachment": .string(String(stream.attachmentID)), "code": .string(code),
                    "bytes_streamed": .int(Int(progress.withLock { $0.streamed })),
                ])
            throw error
        }
    }
}
