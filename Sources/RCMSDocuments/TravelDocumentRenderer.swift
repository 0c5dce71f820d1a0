internal import CCairo
internal import CPangoCairo
internal import CQREncode

/// Draws a ``TravelDocumentSheet`` as a one-page A4 PDF with cairo, pango and libqrencode.
///
/// Pango shapes every script the tenants use (Urdu right to left, Bengali, Sinhala, Tamil,
/// Greek, Cyrillic) with the fonts fontconfig finds. The zone is set in OCR-B when installed,
/// else in a monospace font.
public enum TravelDocumentRenderer {
    /// A4 in points.
    static let pageWidth = 595.0
    static let pageHeight = 842.0
    static let margin = 42.0
    static let textFont = "Noto Sans, Noto Naskh Arabic, Noto Sans Bengali, Noto Sans Sinhala, Noto Sans Tamil"
    /// OCR-B first; fontconfig falls back to the next family when a font is missing.
    static let zoneFont = "OCR B, DejaVu Sans Mono, monospace 11.5"

    /// Returns the PDF bytes of `sheet`.
    public static func pdf(_ sheet: TravelDocumentSheet) throws(RenderError) -> [UInt8] {
        let sink = ByteSink()
        do {
            let surface = try CairoSurface.pdf(width: pageWidth, height: pageHeight, into: sink)
            let context = try CairoContext(surface)
            try draw(sheet, on: context)
            cairo_show_page(context.pointer)
            try surface.finish()
        }
        return sink.bytes
    }

    static func draw(_ sheet: TravelDocumentSheet, on context: CairoContext) throws(RenderError) {
        let width = pageWidth - 2 * margin
        var y = margin

        // Title in every language, one line each.
        for title in sheet.titles {
            let layout = try TextLayout(context, text: title, font: "\(textFont) Bold 15", width: width)
            layout.draw(on: context, x: margin, y: y)
            y += layout.height + 2
        }
        y += 10
        line(context, fromX: margin, toX: pageWidth - margin, y: y)
        y += 14

        // Photo on the left, 35 by 45 mm, and the QR code of the signed payload below it.
        let photoWidth = 99.0
        let photoHeight = 128.0
        let leftColumn = 130.0
        let photoX = margin + (leftColumn - photoWidth) / 2
        drawPhoto(sheet.photoPNG, on: context, x: photoX, y: y, width: photoWidth, height: photoHeight)
        if sheet.photoPNG == nil {
            let note = try TextLayout(context, text: "—", font: "\(textFont) 9", width: photoWidth - 8)
            note.draw(on: context, x: photoX + photoWidth / 2 - 4, y: y + photoHeight / 2 - 8)
        }
        try drawQRCode(sheet.payload, on: context, x: margin, y: y + photoHeight + 24, side: leftColumn)

        // Labelled values on the right.
        let columnX = margin + leftColumn + 18
        let columnWidth = pageWidth - margin - columnX
        var rowY = y
        for row in sheet.rows {
            let label = try TextLayout(context, text: row.label, font: "\(textFont) 7.5", width: columnWidth)
            cairo_set_source_rgb(context.pointer, 0.35, 0.35, 0.35)
            label.draw(on: context, x: columnX, y: rowY)
            rowY += label.height
            cairo_set_source_rgb(context.pointer, 0, 0, 0)
            let value = try TextLayout(context, text: row.value, font: "\(textFont) 11.5", width: columnWidth)
            value.draw(on: context, x: columnX, y: rowY)
            rowY += value.height + 6
        }

        // Machine-readable zone at the foot of the page.
        if !sheet.zoneLines.isEmpty {
            let zoneTop = pageHeight - margin - 44
            let zone = try TextLayout(
                context, text: sheet.zoneLines.joined(separator: "\n"), font: zoneFont, width: width + margin)
            zone.fillOutlines(on: context, x: margin - 8, y: zoneTop)
        }
    }

    static func line(_ context: CairoContext, fromX: Double, toX: Double, y: Double) {
        cairo_set_line_width(context.pointer, 0.8)
        cairo_move_to(context.pointer, fromX, y)
        cairo_line_to(context.pointer, toX, y)
        cairo_stroke(context.pointer)
    }

    static func drawPhoto(
        _ png: [UInt8]?, on context: CairoContext, x: Double, y: Double, width: Double, height: Double
    ) {
        cairo_set_line_width(context.pointer, 0.8)
        cairo_rectangle(context.pointer, x, y, width, height)
        cairo_stroke(context.pointer)
        guard let png, let image = CairoSurface.png(png), image.width > 0, image.height > 0 else { return }
        let scale = min(width / Double(image.width), height / Double(image.height))
        cairo_save(context.pointer)
        cairo_translate(context.pointer, x, y)
        cairo_scale(context.pointer, scale, scale)
        cairo_set_source_surface(context.pointer, image.pointer, 0, 0)
        cairo_paint(context.pointer)
        cairo_restore(context.pointer)
    }

    static func drawQRCode(
        _ payload: String, on context: CairoContext, x: Double, y: Double, side: Double
    ) throws(RenderError) {
        let symbol = try QRCodeSymbol(payload)
        // Four modules of quiet zone on every side, as scanners expect.
        let module = side / Double(symbol.size + 8)
        cairo_set_source_rgb(context.pointer, 1, 1, 1)
        cairo_rectangle(context.pointer, x, y, side, side)
        cairo_fill(context.pointer)
        cairo_set_source_rgb(context.pointer, 0, 0, 0)
        for row in 0..<symbol.size {
            for column in 0..<symbol.size where symbol.isDark(row: row, column: column) {
                cairo_rectangle(
                    context.pointer, x + Double(column + 4) * module, y + Double(row + 4) * module, module, module)
            }
        }
        cairo_fill(context.pointer)
    }
}
