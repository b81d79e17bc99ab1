/// The support code printed on each label: the first 12 characters of the gateway's id, upper
/// case, in groups of four (`3F2A-91C0-77AB`). It identifies the gateway when its QR code cannot
/// be read; `insight reissue` accepts it.
enum SupportCode {
    static func make(gatewayID: String) -> String {
        let characters = Array(gatewayID.uppercased().filter { $0.isHexDigit }.prefix(12))
        return stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }.joined(separator: "-")
    }

    /// Whether `reference` is the support code of `gatewayID` (case and dashes ignored).
    static func matches(_ reference: String, gatewayID: String) -> Bool {
        let typed = reference.uppercased().filter { $0.isHexDigit }
        return typed.count == 12 && make(gatewayID: gatewayID).filter { $0.isHexDigit } == typed
    }
}
