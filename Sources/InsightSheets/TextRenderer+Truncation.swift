extension TextRenderer {
    /// The ellipsis that marks truncated text.
    public static let ellipsis = "…"

    /// `text` if it is at most `maxWidth` pixels wide; otherwise its longest leading run of whole
    /// characters, without trailing white space, followed by "…", that is at most `maxWidth`
    /// wide; "" if not even "…" fits.
    public func truncated(_ text: String, toWidth maxWidth: Int) -> String {
        if width(of: text) <= maxWidth { return text }
        guard width(of: Self.ellipsis) <= maxWidth else { return "" }
        let characters = Array(text)
        func candidate(_ count: Int) -> String {
            var prefix = characters[..<count]
            while prefix.last?.isWhitespace == true { prefix.removeLast() }
            return String(prefix) + Self.ellipsis
        }
        // Invariant: `low` characters fit, `high` do not (the whole text does not).
        var low = 0, high = characters.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if width(of: candidate(middle)) <= maxWidth { low = middle } else { high = middle }
        }
        return candidate(low)
    }
}
