import CMosquitto
import Foundation
import InsightPKI

/// One MQTT 5 client connection over mutual TLS (libmosquitto), run by a thread of its own that
/// this object drives, so that it decides when acknowledgements leave:
///
/// - Messages that arrive are handed to `onMessages` in batches (everything readable at once, at
///   most the receive maximum), on the connection's thread; their PUBACKs are written only after
///   `onMessages` returns true. A handler that stores the batch before it returns therefore never
///   acknowledges a message it has not stored, and a crash makes the broker deliver it again.
///   When it returns false, the connection ends without writing anything more.
/// - Messages published with `publish` are QoS 1; `acknowledged` counts the broker's PUBACKs.
/// - A lost connection is made again, with backoff up to 2 s, once the first one succeeded; a
///   persistent session (`cleanSession` false) then gets what was queued for it meanwhile, and
///   the subscriptions are renewed.
///
/// The TLS context (key, certificate, trusted CAs, the server's name) stays in memory.
public final class MQTTConnection: @unchecked Sendable {
    /// How a connection presents itself.
    public struct Options: Sendable {
        public var clientID: String
        /// False: the broker keeps the session (subscriptions, queued QoS 1 messages) while away.
        public var cleanSession: Bool
        public var keepAliveSeconds: Int32 = 30
        /// How many QoS 1 messages the broker may send before the first acknowledgement; also the
        /// largest batch `onMessages` gets.
        public var receiveMaximum: UInt16 = 2000

        public init(clientID: String, cleanSession: Bool) {
            self.clientID = clientID
            self.cleanSession = cleanSession
        }
    }

    private let endpoint: MQTTEndpoint
    private let tls: TLSClientContext
    private let options: Options
    private let onMessages: (@Sendable ([MQTTMessage]) -> Bool)?
    private let handle: OpaquePointer
    private let state = NSLock()
    /// Guarded by `state`.
    private var outbox: [(topic: String, payload: [UInt8])] = []
    private var subscriptions: [String] = []
    private var acknowledgedCount = 0
    private var grantedSubscriptions = 0
    private var refusedCount = 0
    private var connectOutcome: Result<Void, MQTTError>?
    private var waiters: [(condition: () -> Bool, continuation: CheckedContinuation<Void, Never>)] = []
    private var stopping = false
    private var lastLogError: String?
    private var thread: Thread?
    /// The loop thread's own state.
    private var inbox: [MQTTMessage] = []
    private let wake: (read: Int32, write: Int32)

    /// - Parameter onMessages: called on the connection's thread with each batch of messages;
    ///   their acknowledgements are sent when it returns true.
    public init(endpoint: MQTTEndpoint, tls: TLSClientContext, options: Options, onMessages: (@Sendable ([MQTTMessage]) -> Bool)? = nil) throws {
        Self.initializeLibrary
        self.endpoint = endpoint
        self.tls = tls
        self.options = options
        self.onMessages = onMessages
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw MQTTError.library("create a wake-up pipe", code: errno) }
        _ = fcntl(pipeEnds[0], F_SETFL, O_NONBLOCK)
        _ = fcntl(pipeEnds[1], F_SETFL, O_NONBLOCK)
        wake = (pipeEnds[0], pipeEnds[1])
        guard let handle = mosquitto_new(options.clientID, options.cleanSession, nil) else {
            close(pipeEnds[0])
            close(pipeEnds[1])
            throw MQTTError.library("create an MQTT client", code: Int32(MOSQ_ERR_NOMEM.rawValue))
        }
        self.handle = handle
        mosquitto_user_data_set(handle, Unmanaged.passUnretained(self).toOpaque())
        mosquitto_threaded_set(handle, true)
        mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5)
        mosquitto_int_option(handle, MOSQ_OPT_TCP_NODELAY, 1)
        // The context as it is: libmosquitto's defaults would want CA files.
        mosquitto_int_option(handle, MOSQ_OPT_SSL_CTX_WITH_DEFAULTS, 0)
        mosquitto_void_option(handle, MOSQ_OPT_SSL_CTX, UnsafeMutableRawPointer(tls.pointer))
        mosquitto_max_inflight_messages_set(handle, 0)
        Self.installCallbacks(handle)
    }

    deinit {
        mosquitto_destroy(handle)
        close(wake.read)
        close(wake.write)
    }

    /// Starts the connection's thread and waits until the broker accepted the connection.
    ///
    /// - Throws: `MQTTError.connectionFailed` with the broker's or TLS's reason when the first
    ///   connection fails (a refused certificate fails here); the thread then ends.
    public func connect() async throws {
        let thread = Thread { [self] in runLoop() }
        thread.name = "mqtt \(options.clientID.prefix(24))"
        state.withLock { self.thread = thread }
        thread.start()
        await waitUntil { self.connectOutcome != nil }
        if case .failure(let error) = state.withLock({ connectOutcome! }) { throw error }
    }

    /// Subscribes to `filter` at QoS 1, now and after every reconnection (a shared subscription
    /// `$share/GROUP/FILTER` spreads the messages over the group's members).
    public func subscribe(_ filter: String) {
        let connected: Bool = state.withLock {
            subscriptions.append(filter)
            return (try? connectOutcome?.get()) != nil
        }
        // Before the connection, the connection's own callback subscribes.
        if connected { enqueue { self.sendSubscription(filter) } }
    }

    /// Waits until the broker granted every subscription (after the first connection).
    public func waitForSubscriptions() async {
        await waitUntil { self.grantedSubscriptions >= self.subscriptions.count }
    }

    /// Queues a QoS 1 message; `acknowledged` grows when the broker confirms it.
    public func publish(topic: String, payload: [UInt8]) {
        let wasEmpty: Bool = state.withLock {
            outbox.append((topic, payload))
            return outbox.count == 1
        }
        // The thread takes the whole outbox when it wakes: one wake-up per burst is enough.
        if wasEmpty { poke() }
    }

    /// How many published messages the broker acknowledged, and how many of those it refused
    /// (an MQTT 5 reason code of 0x80 or more, such as "not authorized").
    public var acknowledged: (all: Int, refused: Int) { state.withLock { (acknowledgedCount, refusedCount) } }

    /// Waits until the broker acknowledged `count` published messages in all.
    public func waitForAcknowledgements(_ count: Int) async {
        await waitUntil { self.acknowledgedCount >= count }
    }

    /// Disconnects (after writing what is queued) and ends the thread.
    public func stop() async {
        let thread: Thread? = state.withLock {
            stopping = true
            return self.thread
        }
        poke()
        guard thread != nil else { return }
        await waitUntil { self.thread == nil }
    }

    // MARK: The connection's thread

    private func runLoop() {
        var connectedOnce = false
        var backoff = 0.1
        var hasSocket = false
        var abandoned = false
        while !state.withLock({ stopping }) {
            if !hasSocket {
                let rc = connectedOnce ? mosquitto_reconnect(handle) : connectFirst()
                if rc == MOSQ_ERR_SUCCESS.rawValue {
                    hasSocket = true
                } else if !connectedOnce {
                    finishConnecting(.failure(.connectionFailed(endpoint.description, reason: errorText(rc))))
                    break
                } else {
                    Thread.sleep(forTimeInterval: backoff)
                    backoff = min(backoff * 2, 2)
                    continue
                }
            }
            sendOutbox()
            let socket = mosquitto_socket(handle)
            guard socket >= 0 else {
                hasSocket = false
                continue
            }
            var fds = [
                pollfd(fd: socket, events: Int16(POLLIN) | (mosquitto_want_write(handle) ? Int16(POLLOUT) : 0), revents: 0),
                pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, 2, 1000)
            if fds[1].revents != 0 { drainWakePipe() }
            var rc = MOSQ_ERR_SUCCESS.rawValue
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rc = readAvailable(socket)
            }
            if !inbox.isEmpty {
                let batch = inbox
                inbox.removeAll(keepingCapacity: true)
                guard onMessages?(batch) ?? true else {
                    abandoned = true
                    break
                }
            }
            if rc == MOSQ_ERR_SUCCESS.rawValue, mosquitto_want_write(handle) { rc = mosquitto_loop_write(handle, 1) }
            if rc == MOSQ_ERR_SUCCESS.rawValue { rc = mosquitto_loop_misc(handle) }
            let outcome = state.withLock { connectOutcome }
            if case .failure = outcome { break }
            if outcome != nil, !connectedOnce {
                connectedOnce = true
            }
            if connectedOnce, rc == MOSQ_ERR_SUCCESS.rawValue { backoff = 0.1 }
            if rc != MOSQ_ERR_SUCCESS.rawValue {
                if !connectedOnce {
                    finishConnecting(.failure(.connectionFailed(endpoint.description, reason: errorText(rc))))
                    break
                }
                hasSocket = mosquitto_socket(handle) >= 0
            }
        }
        if hasSocket, !abandoned {
            mosquitto_disconnect(handle)
            _ = mosquitto_loop_write(handle, 1)
        }
        finishConnecting(.failure(.connectionFailed(endpoint.description, reason: "the connection was stopped")))
        state.withLock { thread = nil }
        resumeWaiters()
    }

    private func connectFirst() -> Int32 {
        var properties: OpaquePointer?
        mosquitto_property_add_int16(&properties, Int32(MQTT_PROP_RECEIVE_MAXIMUM.rawValue), options.receiveMaximum)
        if !options.cleanSession {
            // MQTT 5 ends a session with its connection unless it is given a lifetime: this one never expires.
            mosquitto_property_add_int32(&properties, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), UInt32.max)
        }
        defer { mosquitto_property_free_all(&properties) }
        return mosquitto_connect_bind_v5(handle, endpoint.host, Int32(endpoint.port), options.keepAliveSeconds, nil, properties)
    }

    /// Reads while the socket has data, up to the receive maximum of messages.
    private func readAvailable(_ socket: Int32) -> Int32 {
        var rc = mosquitto_loop_read(handle, 1)
        while rc == MOSQ_ERR_SUCCESS.rawValue, inbox.count < Int(options.receiveMaximum) {
            var probe = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&probe, 1, 0) > 0, probe.revents & Int16(POLLIN) != 0 else { break }
            rc = mosquitto_loop_read(handle, 1)
        }
        return rc
    }

    private func sendOutbox() {
        let pending: [(topic: String, payload: [UInt8])] = state.withLock {
            defer { outbox.removeAll(keepingCapacity: true) }
            return outbox
        }
        for message in pending {
            let rc = message.payload.withUnsafeBytes { bytes in
                mosquitto_publish_v5(handle, nil, message.topic, Int32(bytes.count), bytes.baseAddress, 1, false, nil)
            }
            if rc != MOSQ_ERR_SUCCESS.rawValue {
                // Not connected: libmosquitto keeps nothing, so keep it for after the reconnection.
                state.withLock { outbox.append(message) }
            }
        }
    }

    private func sendSubscription(_ filter: String) {
        mosquitto_subscribe_v5(handle, nil, filter, 1, 0, nil)
    }

    private func enqueue(_ work: @escaping () -> Void) {
        state.withLock { pendingWork.append(work) }
        poke()
    }

    /// Work for the connection's thread (subscriptions), guarded by `state`.
    private var pendingWork: [() -> Void] = []

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wake.read, &buffer, buffer.count) > 0 {}
        let work = state.withLock {
            defer { pendingWork.removeAll() }
            return pendingWork
        }
        if mosquitto_socket(handle) >= 0, state.withLock({ connectOutcome }) != nil {
            for item in work { item() }
        } else {
            state.withLock { pendingWork.insert(contentsOf: work, at: 0) }
        }
    }

    private func poke() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    private func errorText(_ rc: Int32) -> String {
        let logged = state.withLock { lastLogError }
        let library = String(cString: mosquitto_strerror(rc))
        return logged.map { "\(library) (\($0))" } ?? library
    }

    // MARK: Callbacks (on the connection's thread, inside libmosquitto's read and write calls)

    fileprivate func connected(reasonCode: Int32) {
        if reasonCode == 0 {
            finishConnecting(.success(()))
            for filter in state.withLock({ subscriptions }) { sendSubscription(filter) }
        } else {
            finishConnecting(.failure(.connectionFailed(endpoint.description, reason: String(cString: mosquitto_reason_string(reasonCode)))))
        }
    }

    fileprivate func received(_ message: MQTTMessage) { inbox.append(message) }

    fileprivate func subscriptionGranted() {
        state.withLock { grantedSubscriptions += 1 }
        resumeWaiters()
    }

    fileprivate func published(reasonCode: Int32) {
        state.withLock {
            acknowledgedCount += 1
            if reasonCode >= 0x80 { refusedCount += 1 }
        }
        resumeWaiters()
    }

    fileprivate func logged(level: Int32, _ text: String) {
        if level & (MOSQ_LOG_ERR | MOSQ_LOG_WARNING) != 0 { state.withLock { lastLogError = text } }
    }

    /// Records the outcome of the first connection attempt; later ones change nothing.
    private func finishConnecting(_ outcome: Result<Void, MQTTError>) {
        let first: Bool = state.withLock {
            guard connectOutcome == nil else { return false }
            connectOutcome = outcome
            return true
        }
        if first { resumeWaiters() }
    }

    private func waitUntil(_ condition: @escaping () -> Bool) async {
        await withCheckedContinuation { continuation in
            let ready: Bool = state.withLock {
                if condition() || thread == nil && connectOutcome != nil { return true }
                waiters.append((condition, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func resumeWaiters() {
        let ready: [CheckedContinuation<Void, Never>] = state.withLock {
            let finished = thread == nil
            var remaining: [(condition: () -> Bool, continuation: CheckedContinuation<Void, Never>)] = []
            var ready: [CheckedContinuation<Void, Never>] = []
            for waiter in waiters {
                if finished || waiter.condition() { ready.append(waiter.continuation) } else { remaining.append(waiter) }
            }
            waiters = remaining
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    private static let initializeLibrary: Void = { mosquitto_lib_init() }()

    private static func installCallbacks(_ handle: OpaquePointer) {
        mosquitto_connect_v5_callback_set(handle) { _, context, reasonCode, _, _ in
            MQTTConnection.connection(context)?.connected(reasonCode: reasonCode)
        }
        mosquitto_publish_v5_callback_set(handle) { _, context, _, reasonCode, _ in
            MQTTConnection.connection(context)?.published(reasonCode: reasonCode)
        }
        mosquitto_subscribe_v5_callback_set(handle) { _, context, _, _, _, _ in
            MQTTConnection.connection(context)?.subscriptionGranted()
        }
        mosquitto_message_v5_callback_set(handle) { _, context, message, _ in
            guard let message, let connection = MQTTConnection.connection(context) else { return }
            let payload = message.pointee.payload.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: Int(message.pointee.payloadlen))) } ?? []
            connection.received(MQTTMessage(topic: String(cString: message.pointee.topic), payload: payload))
        }
        mosquitto_log_callback_set(handle) { _, context, level, text in
            guard let text else { return }
            MQTTConnection.connection(context)?.logged(level: level, String(cString: text))
        }
    }

    private static func connection(_ context: UnsafeMutableRawPointer?) -> MQTTConnection? {
        context.map { Unmanaged<MQTTConnection>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// A message as it arrived.
public struct MQTTMessage: Sendable, Equatable {
    public let topic: String
    public let payload: [UInt8]

    public init(topic: String, payload: [UInt8]) {
        self.topic = topic
        self.payload = payload
    }
}
