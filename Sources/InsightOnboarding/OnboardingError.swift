import Foundation
import InsightCore

/// Failures of the onboarding commands, each saying what and where.
public enum OnboardingError: Error, CustomStringConvertible, Equatable {
    /// Bad input (exit status 2): the messages name file, line and column where they can.
    case invalidInput([String])
    case missingManifest(String)
    /// The server answered an operation with something other than success.
    case server(operation: String, status: Int, details: String)
    case packageUnreadable(path: String, reason: String)
    case journalMismatch(String)
    case unknownGateway(String)
    /// The server could not be reached (or answered no HTTP) for an operation.
    case unreachable(operation: String, details: String)
    /// The server answered something the client cannot read (another API version?).
    case unreadableAnswer(operation: String, details: String)
    /// Label files could not be sent to the raw printer at `printer`.
    case printingFailed(printer: String, reason: String)

    public var description: String {
        switch self {
        case .invalidInput(let problems): problems.joined(separator: "\n")
        case .missingManifest(let path): "\(path) does not exist: run `insight onboard` into this folder first."
        case .server(let operation, let status, let details): "\(operation) was refused (HTTP \(status)): \(details)"
        case .unreachable(let operation, let details): "\(operation) failed: the server could not be reached: \(details)"
        case .unreadableAnswer(let operation, let details): "\(operation) failed: the server's answer does not match this client's API (\(details))"
        case .packageUnreadable(let path, let reason): "\(path): \(reason)"
        case .printingFailed(let printer, let reason): "printing to \(printer) failed: \(reason) (the labels are in the output folder; send them again with insight sheets --print-to)"
        case .journalMismatch(let reason): reason
        case .unknownGateway(let reference):
            "No gateway '\(reference)' in this batch: give its id, the support code printed on its label (like 3F2A-91C0-77AB), or its exact, unique name."
        }
    }

    /// Whether running the batch again may succeed at once: the server could not be reached, or
    /// it (or a load balancer before it) answered 502, 503 or 504, as while an instance restarts.
    public var isTransient: Bool {
        switch self {
        case .unreachable: true
        case .server(_, let status, _): [502, 503, 504].contains(status)
        default: false
        }
    }

    /// Whether the failure is the user's input (exit 2) rather than the run's (exit 1).
    public var isInputError: Bool {
        switch self {
        case .invalidInput, .missingManifest, .unknownGateway, .journalMismatch: true
        // The server refusing the batch's data (a bad value, a name already taken) is bad input too.
        case .server(_, let status, _): status == 400 || status == 409
        case .packageUnreadable, .unreachable, .unreadableAnswer, .printingFailed: false
        }
    }
}
