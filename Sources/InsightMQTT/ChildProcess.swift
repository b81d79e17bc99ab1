import Foundation

/// A child process started with every signal unblocked and at its default action, whatever the
/// server (swift-service-lifecycle, Dispatch) did with its own signals.
///
/// A mosquitto started by Foundation's `Process` from `insight serve` did not stop on SIGTERM
/// (it went only when killed 5 s later); started this way it stops at once and reloads its CRLs
/// on SIGHUP (both tested).
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments`, its standard input, output and error on /dev/null.
    ///
    /// - Throws: `MQTTError.broker` when it cannot be started.
    init(executable: String, arguments: [String]) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var files = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&files)
        defer { posix_spawn_file_actions_destroy(&files) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&files, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &files, &attributes, argv, environ)
        guard result == 0 else { throw MQTTError.broker("Cannot start \(executable): \(String(cString: strerror(result))).") }
        pid = child
    }

    /// Whether the process still runs (reaping it when it ended).
    var isRunning: Bool { status == nil }

    /// The exit status once it ended (128 + signal number when a signal ended it).
    var status: Int32? {
        lock.withLock {
            if exitStatus == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid {
                    let signal = raw & 0x7F
                    exitStatus = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
                }
            }
            return exitStatus
        }
    }

    func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }
}
