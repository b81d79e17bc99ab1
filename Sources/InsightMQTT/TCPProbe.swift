import Foundation

/// Whether something accepts TCP connections at an address.
public enum TCPProbe {
    /// Connects to `host:port` (each address `host` resolves to) and closes at once.
    public static func accepts(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0 else { return false }
        defer { freeaddrinfo(list) }
        var entry = list
        while let address = entry?.pointee {
            let socket = Glibc.socket(address.ai_family, address.ai_socktype, address.ai_protocol)
            if socket >= 0 {
                defer { close(socket) }
                if Glibc.connect(socket, address.ai_addr, address.ai_addrlen) == 0 { return true }
            }
            entry = address.ai_next
        }
        return false
    }
}
