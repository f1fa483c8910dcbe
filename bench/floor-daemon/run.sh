#!/bin/bash
# S1's yardstick: the shared harness's own Corral adapter (`adapters/corral start`, the client that S1 times: bash,
# Python, 64 threads, one connection per launch) driving floor_daemon, which only spawns. Whatever any daemon does
# per launch comes on top of this figure on the same machine. It also prints what one new file in /tmp costs right
# now: a daemon that keeps logs creates files per launch (Corral: stdout, stderr and config, three per bot), and an
# ext4 without a journal skips every inode freed in the last minute (five, while not written back) on each creation.
#   bench/floor-daemon/run.sh [N...]        (default: 100 500; REPS=5; SHARED_BENCH=../shared/bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "${SHARED_BENCH:-$here/../../../shared/bench}" && pwd)
reps=${REPS:-5}
[ -x "$shared/build/idle" ] || make -s -C "$shared" all
state=$(mktemp -d /tmp/corral-floor-daemon-XXXXXX)
gcc -O2 -Wall -o "$state/floor_daemon" "$here/floor_daemon.c"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$state/floor_daemon" "$port" "$shared/build/idle" "BMKfloor$$" &
daemon=$!
kill_children() { local kids; kids=$(ps -o pid= --ppid "$daemon" || true); [ -z "$kids" ] || kill -KILL $kids 2>/dev/null || true; }
trap 'kill_children; kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null; rm -rf "$state"' EXIT
echo "$port" >"$state/corral.port"
/usr/bin/python3 - "$state" <<'PYEOF'
import os, sys, time
d = os.path.join(sys.argv[1], "files"); os.mkdir(d)
t = time.perf_counter()
for i in range(1500):
    os.close(os.open(os.path.join(d, "f%d" % i), os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o644))
print("one new file in %s: %.0f us (1500 created)\n" % (os.path.dirname(sys.argv[1]), (time.perf_counter() - t) * 1e6 / 1500))
PYEOF
printf '| S1 N | floor daemon through adapters/corral start: median (min-max) ms |\n|---|---|\n'
for n in "${@:-100 500}"; do
  for count in $n; do
    printf '{"group": "g", "count": %d, "ready": false}\n' "$count" >"$state/g.meta.json"
    times=()
    for _ in $(seq "$reps"); do
      start=$(date +%s%N)
      CORRAL=unused BENCH_STATE=$state BENCH_ROOT=$shared "$shared/adapters/corral" start g
      times+=($(( ($(date +%s%N) - start) / 1000000 )))
      kill_children
      sleep 0.5
    done
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    printf '| %d | %d (%d-%d) |\n' "$count" "${sorted[$(( reps / 2 ))]}" "${sorted[0]}" "${sorted[$(( reps - 1 ))]}"
  done
done
