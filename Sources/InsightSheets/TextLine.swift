import InsightBarcodes

/// One line of a text block: runs of text, each in its own renderer, on a shared baseline.
struct TextLine {
    /// The text of each run and the renderer that draws it, left to right.
    let runs: [(text: String, renderer: TextRenderer)]
    /// Blank pixels above the line's box, separating it from the line before.
    let spaceAbove: Int

    /// Pixels from the top of the line's box to the shared baseline.
    var ascent: Int { runs.map(\.renderer.metrics.ascent).max() ?? 0 }
    /// The height of the line's box, tall enough for every run's box.
    var height: Int { ascent + (runs.map { $0.renderer.lineHeight - $0.renderer.metrics.ascent }.max() ?? 0) }
    /// The advance width of all runs together.
    var width: Int { runs.reduce(0) { $0 + $1.renderer.width(of: $1.text) } }

    /// Draws the runs one after another from (`x`, `y`), the top-left corner of the line's box,
    /// never beyond `maxWidth` pixels from `x`: a run that does not fit is truncated with "…",
    /// and runs after it are left out.
    func draw(into image: inout GrayImage, x: Int, y: Int, maxWidth: Int) {
        var used = 0
        for run in runs {
            let remaining = maxWidth - used
            used += run.renderer.draw(run.text, into: &image, x: x + used, y: y + ascent - run.renderer.metrics.ascent,
                                      maxWidth: remaining)
            if run.renderer.width(of: run.text) > remaining { break }
        }
    }
}

extension [TextLine] {
    /// The height of the lines stacked with their spacing.
    var height: Int { reduce(0) { $0 + $1.spaceAbove + $1.height } }

    /// Draws the lines stacked top-down from the top of `box`, each centred horizontally in it
    /// or at its left edge, and each clipped to its width.
    func draw(into image: inout GrayImage, in box: PixelRect, centred: Bool) {
        var y = box.y
        for line in self {
            y += line.spaceAbove
            let x = centred ? box.x + Swift.max(box.width - line.width, 0) / 2 : box.x
            line.draw(into: &image, x: x, y: y, maxWidth: box.maxX - x)
            y += line.height
        }
    }
}
