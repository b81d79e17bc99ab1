/// The rule for entry names: relative paths that extract inside the destination folder on any system.
enum ZipEntryName {
    /// Throws `ZipError.invalidEntryName` unless `name` is a relative path of non-empty components
    /// other than "." and "..", separated by "/", with no backslash, colon or control character,
    /// and at most 65535 UTF-8 bytes.
    static func validate(_ name: String) throws {
        func reject(_ reason: String) -> ZipError { .invalidEntryName(name, reason: reason) }
        guard !name.isEmpty else { throw reject("it is empty") }
        guard name.utf8.count <= Int(UInt16.max) else { throw reject("it is longer than 65535 bytes") }
        guard !name.hasPrefix("/") else { throw reject("it is an absolute path") }
        guard !name.contains("\\") else { throw reject("it contains a backslash") }
        guard !name.contains(":") else { throw reject("it contains a colon (drive letter or stream)") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw reject("it contains a control character")
        }
        for component in name.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "": throw reject("it has an empty path component")
            case ".", "..": throw reject("it has a \"\(component)\" path component")
            default: continue
            }
        }
    }
}
