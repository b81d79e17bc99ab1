import CMosquitto

/// Why an MQTT connection or the broker failed.
public enum MQTTError: Error, Equatable, CustomStringConvertible {
    /// A libmosquitto or system call failed.
    case library(String, code: Int32)
    /// The broker at the endpoint could not be reached or refused the connection; `reason` is
    /// the broker's reason code or the TLS error (a revoked certificate ends here).
    case connectionFailed(String, reason: String)
    /// An endpoint URL that is not `mqtts://HOST[:PORT]`.
    case invalidEndpoint(String)
    /// The broker (mosquitto) could not be started or configured.
    case broker(String)

    public var description: String {
        switch self {
        case let .library(operation, code): "Could not \(operation): \(String(cString: mosquitto_strerror(code)))."
        case let .connectionFailed(endpoint, reason): "The MQTT broker at \(endpoint) refused the connection or could not be reached: \(reason)."
        case let .invalidEndpoint(text): "'\(text)' is not an MQTT endpoint: give mqtts://HOST:PORT (TLS is required)."
        case let .broker(message): message
        }
    }
}
