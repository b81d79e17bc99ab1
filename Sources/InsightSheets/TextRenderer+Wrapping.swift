extension TextRenderer {
    /// `text` broken into at most `maxLines` lines, each at most `maxWidth` pixels wide.
    ///
    /// Lines break after white space (which is dropped), or after a "-" or "/"; a word too long
    /// for a line of its own is broken between characters (a single character wider than
    /// `maxWidth` gets a line of its own, which `draw` clips). When the text needs more than
    /// `maxLines` lines, the last line takes the rest of it, truncated with "…". Runs of white
    /// space, line breaks included, count as one space. Returns no lines for blank text or a
    /// `maxLines` below 1.
    public func wrapped(_ text: String, toWidth maxWidth: Int, maxLines: Int) -> [String] {
        var remaining = Substring(text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        var lines: [String] = []
        while !remaining.isEmpty, lines.count < maxLines {
            if lines.count == maxLines - 1 || width(of: String(remaining)) <= maxWidth {
                lines.append(truncated(String(remaining), toWidth: maxWidth))
                break
            }
            let end = lineEnd(in: remaining, maxWidth: maxWidth)
            lines.append(String(remaining[..<end]).trimmingTrailingSpaces())
            remaining = remaining[end...].drop { $0 == " " }
        }
        return lines
    }

    /// Where the first line of `text` (wider than `maxWidth`) ends: after the last break
    /// opportunity among the characters that fit, else after as many characters as fit, and
    /// after at least one character so that wrapping always advances.
    private func lineEnd(in text: Substring, maxWidth: Int) -> Substring.Index {
        // Invariant: the first `low` characters fit, the first `high` do not.
        var low = 0, high = text.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if width(of: String(text.prefix(middle))) <= maxWidth { low = middle } else { high = middle }
        }
        let fitting = text.prefix(max(low, 1))
        if fitting.endIndex < text.endIndex, text[fitting.endIndex] == " " { return fitting.endIndex }
        if let breakAfter = fitting.lastIndex(where: { $0 == " " || $0 == "-" || $0 == "/" }), breakAfter > fitting.startIndex {
            return text.index(after: breakAfter)
        }
        return fitting.endIndex
    }
}

private extension String {
    /// The string without its trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var result = Substring(self)
        while result.last == " " { result.removeLast() }
        return String(result)
    }
}
