import Foundation
import RCMSCrypto

/// The admin web pages: static HTML, CSS, JavaScript and interface translations shipped as
/// the `Web` resource folder of this target and served under `/ui`.
///
/// The pages call the JSON API with the bearer token from `POST .../sessions`, kept in the
/// browser's `sessionStorage` and sent in the `Authorization` header. No cookie is set, so a
/// request another site makes the browser send carries no credential and needs no CSRF token.
enum WebRoutes {
    /// One file of the web folder, read once at first use.
    struct Asset: Sendable {
        var bytes: [UInt8]
        var contentType: String
        /// A strong validator: the BLAKE2b digest of the bytes, quoted.
        var etag: String
    }

    /// Sent with every page and file: scripts, styles and images from this server only, no
    /// framing, no `<base>`, forms posting back here only.
    static let securityHeaders: [(name: String, value: String)] = [
        (
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
    ]

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "json": "application/json; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon",
    ]

    /// Files by path relative to the web folder, such as `i18n/ur.json`.
    static let assets: [String: Asset] = load()

    static func load() -> [String: Asset] {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Web") else { return [:] }
        var found: [String: Asset] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            guard let type = contentTypes[url.pathExtension.lowercased()],
                let data = FileManager.default.contents(atPath: url.path)
            else { continue }
            let bytes = [UInt8](data)
            let digest = Array(Blake2b.hash(bytes).prefix(16)).hexString
            found[relative] = Asset(bytes: bytes, contentType: type, etag: "\"\(digest)\"")
        }
        return found
    }

    /// `GET /` and `GET /ui`: the sign-in page.
    static func index(_ context: RequestContext) throws -> HTTPResponse {
        try serve("index.html", context)
    }

    /// `GET /ui/{file}`: a page, script or style sheet.
    static func file(_ context: RequestContext) throws -> HTTPResponse {
        try serve(context.parameter("file"), context)
    }

    /// `GET /ui/i18n/{file}`: the interface strings of one language.
    static func translation(_ context: RequestContext) throws -> HTTPResponse {
        try serve("i18n/\(context.parameter("file"))", context)
    }

    /// Serves one asset with its type and validator; `304` when the browser's copy is current.
    ///
    /// Pages change with each release and carry no version in their names, so the browser
    /// must revalidate every time (`no-cache`); the validator makes that a small `304`.
    static func serve(_ path: String, _ context: RequestContext) throws -> HTTPResponse {
        guard let asset = assets[path] else { throw APIError.notFound }
        var headers = securityHeaders
        headers.append(("Cache-Control", "no-cache"))
        headers.append(("ETag", asset.etag))
        if let presented = context.request.header("if-none-match"),
            presented.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag })
        {
            return HTTPResponse(status: 304, headers: headers)
        }
        headers.append(("Content-Type", asset.contentType))
        return HTTPResponse(status: 200, headers: headers, body: asset.bytes)
    }
}
