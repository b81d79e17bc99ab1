# Shared by the end-to-end scripts (source it after setting T, the script's temporary folder):
# named checks that report ok/FAIL and keep going, and small helpers.

failures=0

# check DESCRIPTION COMMAND…: runs COMMAND in a subshell with set -e; prints "ok" and the lines
# it printed as "figure: …", or "FAIL" and everything it printed. Counts failures in $failures.
check() {
    local description=$1 rc
    shift
    # Not in an `if`: bash ignores set -e in a condition, also in a subshell that sets it.
    set +e
    ( set -e; "$@" ) >"$T/check.out" 2>&1
    rc=$?
    set -e
    if ((rc == 0)); then
        echo "ok   $description"
        sed -n 's/^figure: /     /p' "$T/check.out"
    else
        echo "FAIL $description"
        sed 's/^/    /' "$T/check.out"
        failures=$((failures + 1))
    fi
}

# fail MESSAGE…: says why a check failed, and fails it.
fail() { echo "$*"; return 1; }

# finish: exits 1 when any check failed.
finish() {
    if ((failures > 0)); then
        echo "$failures check(s) failed"
        exit 1
    fi
    echo "all checks passed"
}

# free_ports N: N loopback ports that are free now.
free_ports() {
    python3 -c '
import socket, sys
sockets = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in sockets: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))' "$1"
}

# database_url SERVER_URL NAME: the URL of database NAME on the server of SERVER_URL.
database_url() { python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$1" "$2"; }
