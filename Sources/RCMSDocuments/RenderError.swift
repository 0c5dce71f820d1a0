/// A failure to render a travel document, with a stable code; messages hold no personal data.
public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    case cairo(String)
    case pango(String)
    case qrCode(String)
    /// The zone could not be written, for example for a name with no transliteration.
    case zone(code: String, message: String)

    public var code: String {
        switch self {
        case .cairo: return "render_cairo"
        case .pango: return "render_text"
        case .qrCode: return "render_qr_code"
        case .zone(let code, _): return code
        }
    }

    public var description: String {
        switch self {
        case .cairo(let message): return "PDF drawing failed: \(message)"
        case .pango(let message): return "text layout failed: \(message)"
        case .qrCode(let message): return "QR code failed: \(message)"
        case .zone(_, let message): return "machine-readable zone: \(message)"
        }
    }
}
