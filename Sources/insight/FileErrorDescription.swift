import Foundation

/// A file error of Foundation as a sentence a person can act on: which file, what is wrong with
/// it, and where relative paths start; never `Error Domain=NSCocoaErrorDomain Code=260 …`.
struct FileErrorDescription: CustomStringConvertible {
    let error: CocoaError

    init(_ error: CocoaError) {
        self.error = error
    }

    var description: String {
        let path = error.filePath ?? error.url?.path ?? "a file"
        let relative = path.hasPrefix("/") || path == "a file" ? "" : " (relative to \(FileManager.default.currentDirectoryPath))"
        switch error.code {
        case .fileNoSuchFile, .fileReadNoSuchFile:
            return "\(path)\(relative) does not exist: check the path, or run the command from the folder it is relative to."
        case .fileReadNoPermission, .fileWriteNoPermission:
            return "\(path)\(relative) may not be \(error.code == .fileReadNoPermission ? "read" : "written") by this user: change its permissions or run as its owner."
        case .fileWriteOutOfSpace:
            return "\(path)\(relative) cannot be written: the disk is full."
        case .fileWriteFileExists:
            return "\(path)\(relative) exists already: remove it or choose another name."
        case .fileReadCorruptFile, .fileReadInapplicableStringEncoding:
            return "\(path)\(relative) cannot be read as expected (not UTF-8 text, or damaged)."
        default:
            return "\(path)\(relative): \(error.localizedDescription)"
        }
    }
}
