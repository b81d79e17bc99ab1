import Foundation

/// A network label printer that takes raw print data on a TCP port (Zebra's and most thermal
/// printers' port 9100): what `--print-to HOST:PORT` sends ZPL files to.
public struct RawPrinter: Sendable {
    public let host: String
    public let port: UInt16

    /// Reads `HOST:PORT` (`[::1]:9100` for IPv6). Throws `OnboardingError.invalidInput` for
    /// anything else.
    public init(address: String) throws {
        guard let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...]), port > 0 else {
            throw OnboardingError.invalidInput(["--print-to '\(address)' is not HOST:PORT (a raw printer port, usually 9100)."])
        }
        host = String(address[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.port = port
    }

    /// Sends each file's bytes, in order, over one connection, and closes it. Throws
    /// `OnboardingError.printingFailed` naming the printer and the reason.
    public func send(_ files: [URL]) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        let lookup = getaddrinfo(host, String(port), &hints, &found)
        guard lookup == 0, let first = found else { throw failure(String(cString: gai_strerror(lookup))) }
        defer { freeaddrinfo(found) }
        var reason = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let socket = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard socket >= 0 else { reason = String(cString: strerror(errno)); continue }
            defer { close(socket) }
            guard connect(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else { reason = String(cString: strerror(errno)); continue }
            for file in files {
                let data = try Data(contentsOf: file)
                try data.withUnsafeBytes { bytes in
                    var sent = 0
                    while sent < bytes.count {
                        let written = Glibc.send(socket, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                        guard written > 0 else { throw failure("sending \(file.lastPathComponent): \(String(cString: strerror(errno)))") }
                        sent += written
                    }
                }
            }
            return
        }
        throw failure(reason)
    }

    private func failure(_ reason: String) -> OnboardingError {
        .printingFailed(printer: "\(host):\(port)", reason: reason)
    }
}
