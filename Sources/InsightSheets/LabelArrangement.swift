/// Where a label's QR code sits relative to its text.
public enum LabelArrangement: Sendable, Hashable {
    /// The QR code at the top, centred, and the text under it, centred: for squarish labels.
    case qrAboveText
    /// The QR code at the left, as tall as the label allows, and the text to its right, left
    /// aligned and centred vertically: for wide labels.
    case qrBesideText
}
