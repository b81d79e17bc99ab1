/// `count` with `noun` in the right number: "1 sheet", "6 sheets", "1 QR code", "2 QR codes".
///
/// - Parameter plural: the plural when it is not `noun` + "s".
public func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
}
