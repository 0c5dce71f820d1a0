internal import CMicroHTTPD

/// The state one request collects between libmicrohttpd's calls: the body so far and whether it
/// was refused. Only the connection's own thread touches it, one call at a time.
final class RequestState {
    var body: [UInt8] = []
    var rejection: HTTPRejection?
    /// Bytes received after the request was refused, so an endless body can be cut off.
    var discarded = 0
    var answered = false
}

/// Collects key/value pairs through `MHD_get_connection_values`.
private final class PairCollector {
    var pairs: [(name: String, value: String)] = []
}

private let collectPair: MHD_KeyValueIterator = { cls, _, key, value in
    guard let cls, let key else { return .YES }
    let collector = Unmanaged<PairCollector>.fromOpaque(cls).takeUnretainedValue()
    collector.pairs.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
    return .YES
}

private func values(_ connection: OpaquePointer, _ kind: MHD_ValueKind) -> [(name: String, value: String)] {
    let collector = PairCollector()
    withExtendedLifetime(collector) {
        _ = MHD_get_connection_values(connection, kind, collectPair, Unmanaged.passUnretained(collector).toOpaque())
    }
    return collector.pairs
}

/// A streaming body between libmicrohttpd's calls for more: the stream and the part of its last
/// piece that did not fit yet. Only the connection's own thread calls it, one call at a time.
final class StreamingBodyState {
    let stream: HTTPBodyStream
    private var pending: [UInt8] = []
    private var pendingOffset = 0

    init(_ stream: HTTPBodyStream) {
        self.stream = stream
    }

    /// Copies up to `capacity` bytes into `buffer` and returns their count, or one of
    /// libmicrohttpd's end markers.
    func fill(_ buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        // Returning 0 would make libmicrohttpd call again at once, so pull until there are
        // bytes or the stream ends.
        while pendingOffset == pending.count {
            do {
                guard let piece = try stream.next() else { return contentReaderEndOfStream }
                pending = piece
                pendingOffset = 0
            } catch {
                pending = []
                pendingOffset = 0
                return contentReaderEndWithError
            }
        }
        let count = min(capacity, pending.count - pendingOffset)
        pending.withUnsafeBytes { bytes in
            buffer.copyMemory(from: bytes.baseAddress! + pendingOffset, byteCount: count)
        }
        pendingOffset += count
        return count
    }
}

private let contentReaderEndOfStream = MHD_CONTENT_READER_END_OF_STREAM
private let contentReaderEndWithError = MHD_CONTENT_READER_END_WITH_ERROR
/// `MHD_SIZE_UNKNOWN`, defined as `UINT64_MAX`, a macro Swift does not import: the length of a
/// response is not known ahead.
private let responseSizeUnknown = UInt64.max
/// The block size given to libmicrohttpd for a streaming body, in bytes. libmicrohttpd treats it
/// as advice and may request fewer bytes per call.
private let streamingBlockSize = 64 * 1024

private let streamingBodyReader: MHD_ContentReaderCallback = { cls, _, buffer, capacity in
    guard let cls, let buffer else { return contentReaderEndWithError }
    if capacity == 0 { return 0 }
    let state = Unmanaged<StreamingBodyState>.fromOpaque(cls).takeUnretainedValue()
    return state.fill(UnsafeMutableRawPointer(buffer), capacity: capacity)
}

/// Releases a streaming body once libmicrohttpd is done with its response, sent or not.
private let streamingBodyRelease: MHD_ContentReaderFreeCallback = { cls in
    guard let cls else { return }
    Unmanaged<StreamingBodyState>.fromOpaque(cls).release()
}

/// Makes libmicrohttpd's response for `response`: a copy of the body, or a reader of its stream.
private func makeResponse(_ response: HTTPResponse) -> OpaquePointer? {
    guard let stream = response.stream else {
        return response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(
                bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
        }
    }
    let state = Unmanaged.passRetained(StreamingBodyState(stream))
    let length = stream.length.map { UInt64(max(0, $0)) } ?? responseSizeUnknown
    let created = MHD_create_response_from_callback(
        length, streamingBlockSize, streamingBodyReader, state.toOpaque(), streamingBodyRelease)
    // Without a response, libmicrohttpd never calls the release callback.
    if created == nil { state.release() }
    return created
}

/// Hands `response` to libmicrohttpd, which copies a byte body and pulls a streaming one.
private func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
    guard let created = makeResponse(response) else { return .NO }
    defer { MHD_destroy_response(created) }
    for header in response.headers {
        _ = MHD_add_response_header(created, header.name, header.value)
    }
    return MHD_queue_response(connection, UInt32(response.status), created)
}

/// Builds the request from what libmicrohttpd parsed, runs the handler and queues its response.
private func answer(
    _ context: HTTPServerContext, _ state: RequestState, _ connection: OpaquePointer, method: String, path: String
) -> MHD_Result {
    state.answered = true
    let headers = values(connection, .HEADER_KIND).map { (name: $0.name.lowercased(), value: $0.value) }
    var query: [String: String] = [:]
    for pair in values(connection, .GET_ARGUMENT_KIND) where query[pair.name] == nil {
        query[pair.name] = pair.value
    }
    let request = HTTPRequest(
        method: method, path: path, headers: headers, query: query, body: state.body, rejection: state.rejection)
    state.body = []
    return queue(context.handler(request), on: connection)
}

/// Returns the rejection a request's headers call for before any of its body is read.
private func headerRejection(_ connection: OpaquePointer, limit: Int) -> HTTPRejection? {
    let lengths = values(connection, .HEADER_KIND).filter { $0.name.lowercased() == "content-length" }
        .map { $0.value.trimmingCharacters(in: .whitespaces) }
    if Set(lengths).count > 1 {
        return .malformed("the request has conflicting Content-Length headers")
    }
    if let declared = lengths.first {
        guard let length = Int(declared), length >= 0 else {
            return .malformed("the Content-Length header is not a number")
        }
        if length > limit { return .payloadTooLarge(limit: limit) }
    }
    return nil
}

/// libmicrohttpd's access handler: called once when the headers are in, once per piece of
/// body, and once more when the body is complete.
let accessHandlerCallback: MHD_AccessHandlerCallback = {
    cls, connection, url, method, _, uploadData, uploadSize, requestSlot in
    guard let cls, let connection, let uploadSize, let requestSlot else { return .NO }
    let context = Unmanaged<HTTPServerContext>.fromOpaque(cls).takeUnretainedValue()
    let methodText = method.map { String(cString: $0) } ?? "GET"
    let pathText = url.map { String(cString: $0) } ?? "/"

    guard let slot = requestSlot.pointee else {
        // First call: headers only. Answering now makes libmicrohttpd close the connection,
        // which is right for a refused body and wrong for everything else, so normal
        // requests are answered on a later call.
        let state = RequestState()
        context.inFlight.add(1, ordering: .relaxed)
        requestSlot.pointee = Unmanaged.passRetained(state).toOpaque()
        if let rejection = headerRejection(connection, limit: context.maxBodyBytes) {
            state.rejection = rejection
            return answer(context, state, connection, method: methodText, path: pathText)
        }
        return .YES
    }
    let state = Unmanaged<RequestState>.fromOpaque(slot).takeUnretainedValue()

    if uploadSize.pointee > 0 {
        let size = uploadSize.pointee
        uploadSize.pointee = 0
        if state.rejection != nil || state.answered {
            // Read and drop what follows a refusal, but not without end.
            state.discarded += size
            return state.discarded > context.maxBodyBytes ? .NO : .YES
        }
        if state.body.count + size > context.maxBodyBytes {
            state.rejection = .payloadTooLarge(limit: context.maxBodyBytes)
            state.body = []
            return .YES
        }
        if let uploadData {
            uploadData.withMemoryRebound(to: UInt8.self, capacity: size) {
                state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: size))
            }
        }
        return .YES
    }

    if state.answered { return .YES }
    return answer(context, state, connection, method: methodText, path: pathText)
}

/// Releases a request's state once libmicrohttpd is done with it, whatever the outcome.
let requestCompletedCallback: MHD_RequestCompletedCallback = { cls, _, requestSlot, _ in
    guard let cls, let requestSlot, let slot = requestSlot.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(slot).release()
    requestSlot.pointee = nil
    Unmanaged<HTTPServerContext>.fromOpaque(cls).takeUnretainedValue().inFlight.subtract(1, ordering: .releasing)
}
