internal import CCairo
internal import CPangoCairo
internal import CQREncode

/// Bytes a cairo stream surface writes, gathered in memory.
final class ByteSink {
    var bytes: [UInt8] = []
}

/// Bytes a cairo PNG reader takes in turn.
final class ByteSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }
}

/// Appends what cairo writes to the `ByteSink` passed as closure.
private func writeToSink(
    _ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32
) -> cairo_status_t {
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

/// Hands cairo the next bytes of the `ByteSource` passed as closure.
private func readFromSource(
    _ closure: UnsafeMutableRawPointer?, _ data: UnsafeMutablePointer<UInt8>?, _ length: UInt32
) -> cairo_status_t {
    guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
    let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
    let count = Int(length)
    guard source.offset + count <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
    for index in 0..<count { data[index] = source.bytes[source.offset + index] }
    source.offset += count
    return CAIRO_STATUS_SUCCESS
}

/// A cairo surface, destroyed with its owner.
final class CairoSurface {
    let pointer: OpaquePointer
    /// Keeps the sink alive while cairo may still write to it.
    private let sink: ByteSink?

    private init(_ pointer: OpaquePointer, sink: ByteSink?) {
        self.pointer = pointer
        self.sink = sink
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    /// Creates a PDF surface of `width` by `height` points whose bytes go to `sink`.
    static func pdf(width: Double, height: Double, into sink: ByteSink) throws(RenderError) -> CairoSurface {
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        guard let surface = cairo_pdf_surface_create_for_stream(writeToSink, closure, width, height) else {
            throw RenderError.cairo("cannot create a PDF surface")
        }
        let owner = CairoSurface(surface, sink: sink)
        try owner.check()
        return owner
    }

    /// Reads a PNG image; returns `nil` when the bytes are not a PNG cairo can read.
    static func png(_ bytes: [UInt8]) -> CairoSurface? {
        let source = ByteSource(bytes)
        let surface = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream(readFromSource, Unmanaged.passUnretained(source).toOpaque())
        }
        guard let surface else { return nil }
        let owner = CairoSurface(surface, sink: nil)
        return (try? owner.check()) == nil ? nil : owner
    }

    var width: Int { Int(cairo_image_surface_get_width(pointer)) }
    var height: Int { Int(cairo_image_surface_get_height(pointer)) }

    func check() throws(RenderError) {
        let status = cairo_surface_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cairo(String(cString: cairo_status_to_string(status)))
        }
    }

    /// Writes out everything drawn; the sink is complete afterwards.
    func finish() throws(RenderError) {
        cairo_surface_finish(pointer)
        try check()
    }
}

/// A cairo drawing context on one surface, destroyed with its owner.
final class CairoContext {
    let pointer: OpaquePointer
    private let surface: CairoSurface

    init(_ surface: CairoSurface) throws(RenderError) {
        guard let context = cairo_create(surface.pointer) else { throw RenderError.cairo("cannot create a context") }
        self.pointer = context
        self.surface = surface
    }

    deinit {
        cairo_destroy(pointer)
    }
}

/// A pango layout: one block of shaped text, freed with its owner.
final class TextLayout {
    let pointer: OpaquePointer
    private let font: OpaquePointer

    /// Creates a layout for `text` in `font` (a pango description such as `Noto Sans 10`),
    /// wrapped at `width` points.
    init(_ context: CairoContext, text: String, font description: String, width: Double) throws(RenderError) {
        guard let layout = pango_cairo_create_layout(context.pointer) else {
            throw RenderError.pango("cannot create a text layout")
        }
        guard let font = pango_font_description_from_string(description) else {
            rcms_object_unref(UnsafeMutableRawPointer(layout))
            throw RenderError.pango("cannot read the font description")
        }
        self.pointer = layout
        self.font = font
        pango_layout_set_font_description(layout, font)
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_text(layout, text, -1)
    }

    deinit {
        pango_font_description_free(font)
        rcms_object_unref(UnsafeMutableRawPointer(pointer))
    }

    /// The height of the laid-out text, in points.
    var height: Double {
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_pixel_size(pointer, &width, &height)
        return Double(height)
    }

    /// Draws the text with its top left corner at `x`, `y`.
    func draw(on context: CairoContext, x: Double, y: Double) {
        cairo_move_to(context.pointer, x, y)
        pango_cairo_show_layout(context.pointer, pointer)
    }

    /// Draws the text's glyphs as filled outlines rather than as text, so the PDF embeds no
    /// font. The zone uses it: cairo's PDF subset of the OpenType OCR-B font came out broken.
    func fillOutlines(on context: CairoContext, x: Double, y: Double) {
        cairo_new_path(context.pointer)
        cairo_move_to(context.pointer, x, y)
        pango_cairo_layout_path(context.pointer, pointer)
        cairo_fill(context.pointer)
    }
}

/// A QR code from libqrencode, freed with its owner.
final class QRCodeSymbol {
    private let pointer: UnsafeMutablePointer<QRcode>

    /// Encodes `text` as bytes with error correction level M.
    init(_ text: String) throws(RenderError) {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
            throw RenderError.qrCode("the payload does not fit a QR code")
        }
        pointer = code
    }

    deinit {
        QRcode_free(pointer)
    }

    /// Modules per side.
    var size: Int { Int(pointer.pointee.width) }

    /// Returns whether the module at `row`, `column` is dark, which libqrencode keeps in bit 0.
    func isDark(row: Int, column: Int) -> Bool {
        pointer.pointee.data[row * size + column] & 1 == 1
    }
}
